'use strict';
// mockjudge's JavaScript driver for function and class problems (LeetCode's shapes).
//
// Written to the box as /box/mj_driver.js; the generated /box/mj_main.js only calls main() with
// the problem's signature. It runs the candidate's /box/solution.js as a script in the global
// scope (so its line numbers stay its own, and its top-level declarations, `var`, `function`,
// `class`, `let` and `const`, are found by name), with LeetCode's ListNode and TreeNode defined,
// reads the test's arguments from stdin (one JSON value per line), calls the candidate's
// function (or class) and writes what came back, serialised by its declared type, to
// mockjudge-result.json in the working directory. The candidate's output goes to stdout
// untouched; an exception thrown by the candidate's code is not caught.

const fs = require('fs');
const vm = require('vm');

const RESULT_FILE = 'mockjudge-result.json';
const NODE_CAP = 10000000;

function ListNode(val, next) {
  this.val = (val === undefined ? 0 : val);
  this.next = (next === undefined ? null : next);
}

function TreeNode(val, left, right) {
  this.val = (val === undefined ? 0 : val);
  this.left = (left === undefined ? null : left);
  this.right = (right === undefined ? null : right);
}

// --- Arguments: JSON to JavaScript, by declared type -------------------------------------------

function makeList(values) {
  let head = null;
  for (let i = values.length - 1; i >= 0; i--) head = new ListNode(values[i], head);
  return head;
}

function makeTree(values) {
  if (values.length === 0) return null;
  const root = new TreeNode(values[0]);
  const queue = [root];
  let at = 0;
  let i = 1;
  while (i < values.length) {
    const parent = queue[at++];
    if (values[i] !== null) queue.push(parent.left = new TreeNode(values[i]));
    i++;
    if (i < values.length) {
      if (values[i] !== null) queue.push(parent.right = new TreeNode(values[i]));
      i++;
    }
  }
  return root;
}

function read(type, value) {
  if (type === 'ListNode') return makeList(value);
  if (type === 'TreeNode') return makeTree(value);
  if (type === 'ListNode[]') return value.map(makeList);
  return value; // numbers, strings, booleans and their arrays are as JSON has them
}

// --- Results: JavaScript to JSON text, by declared type ----------------------------------------

// A value that does not fit its declared type: the candidate's doing, a wrong answer.
class Wrong {
  constructor(subject, rest = '') {
    this.subject = subject;
    this.rest = rest;
    this.path = []; // the indexes into arrays, innermost first
  }

  message(who) {
    const at = this.path.length ? ' at ' + this.path.map((i) => `[${i}]`).reverse().join('') : '';
    return `${who} ${this.subject}${at}${this.rest}`;
  }
}

function not(value, type) {
  return new Wrong(kind(value), `, not ${type}`);
}

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return `number ${value}`;
  if (typeof value === 'object') {
    const name = value.constructor && value.constructor.name;
    return name && name !== 'Object' ? name : 'object';
  }
  return typeof value;
}

function integer(type, low, high) {
  return (value) => {
    if (typeof value === 'number' && Number.isInteger(value)) {
      if (value >= low && value <= high) return String(value);
    } else if (typeof value === 'bigint') {
      if (value >= BigInt(low) && value <= BigInt(high)) return String(value);
    } else {
      throw not(value, type);
    }
    throw new Wrong(String(value), `, out of range for ${type}`);
  };
}

const writeInteger = integer('integer', -2147483648, 2147483647);

const SCALARS = {
  integer: writeInteger,
  long: integer('long', -(2n ** 63n), 2n ** 63n - 1n),
  double(value) {
    if (typeof value !== 'number') throw not(value, 'double');
    if (!Number.isFinite(value)) throw new Wrong(String(value), ', which JSON cannot hold');
    return JSON.stringify(value);
  },
  boolean(value) {
    if (typeof value !== 'boolean') throw not(value, 'boolean');
    return value ? 'true' : 'false';
  },
  string(value) {
    if (typeof value !== 'string') throw not(value, 'string');
    return JSON.stringify(value);
  },
  character(value) {
    if (typeof value !== 'string') throw not(value, 'character');
    if (value.length !== 1 && [...value].length !== 1) throw new Wrong(`a string of length ${value.length}`, ', not a character');
    return JSON.stringify(value);
  },
  ListNode: writeList,
  TreeNode: writeTree,
};

function nodeValue(value, what) {
  try {
    return writeInteger(value);
  } catch (wrong) {
    throw new Wrong(`${what} whose val is ${wrong.subject}`, wrong.rest);
  }
}

function isNode(node, field) {
  return typeof node === 'object' && node !== null && 'val' in node && field in node;
}

function writeList(node) {
  const out = [];
  const seen = new Map(); // each node -> its position
  while (node !== null && node !== undefined) {
    if (!isNode(node, 'next')) throw not(node, 'ListNode');
    if (seen.has(node)) throw new Wrong('a ListNode with a cycle', `: node ${out.length - 1} links back to node ${seen.get(node)}`);
    if (out.length >= NODE_CAP) throw new Wrong(`a ListNode of more than ${NODE_CAP} nodes`);
    seen.set(node, out.length);
    out.push(nodeValue(node.val, `a ListNode with node ${out.length}`));
    node = node.next;
  }
  return '[' + out.join(',') + ']';
}

function writeTree(root) {
  const out = [];
  const queue = [root];
  const seen = new Set();
  for (let at = 0; at < queue.length; at++) {
    const node = queue[at];
    if (node === null || node === undefined) {
      out.push('null');
      continue;
    }
    if (!isNode(node, 'left')) throw not(node, 'TreeNode');
    if (seen.has(node)) throw new Wrong('a TreeNode that is not a tree', ': a node is reached twice');
    if (seen.size >= NODE_CAP) throw new Wrong(`a TreeNode of more than ${NODE_CAP} nodes`);
    seen.add(node);
    out.push(nodeValue(node.val, 'a TreeNode with a node'));
    queue.push(node.left, node.right);
  }
  while (out.length && out[out.length - 1] === 'null') out.pop();
  return '[' + out.join(',') + ']';
}

function isArray(value) {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

const writers = new Map();

// What turns a value the candidate's code gave into JSON text of the type, or throws Wrong.
function writer(type) {
  if (!type.endsWith('[]')) return SCALARS[type];
  if (writers.has(type)) return writers.get(type);
  const write = writer(type.slice(0, -2));
  const writeArray = (values) => {
    if (!isArray(values)) throw not(values, type);
    const out = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      try {
        out[i] = write(values[i]);
      } catch (wrong) {
        if (wrong instanceof Wrong) wrong.path.push(i);
        throw wrong;
      }
    }
    return '[' + out.join(',') + ']';
  };
  writers.set(type, writeArray);
  return writeArray;
}

// What the result file reports as the test's error. Returned, never thrown: an exception from the
// candidate's code must reach the top with its own stack (a catch and rethrow in the driver
// would make Node show the driver's line as where it was thrown).
class Failed {
  constructor(message) {
    this.message = message;
  }
}

// The value as JSON text of the type; or, when it does not fit, a Failed naming who gave it.
function write(type, value, who) {
  try {
    return writer(type)(value);
  } catch (wrong) {
    if (wrong instanceof Wrong) return new Failed(wrong.message(who));
    throw wrong;
  }
}

// --- Running -----------------------------------------------------------------------------------

// The candidate's top-level binding of that name (a `var`, `function`, `class`, `let` or `const`).
function lookup(name) {
  try {
    return vm.runInThisContext(`typeof ${name} === 'undefined' ? undefined : ${name}`);
  } catch (error) {
    return undefined;
  }
}

function callFunction(signature, values) {
  const name = signature.function;
  const fn = lookup(name);
  if (typeof fn !== 'function') return new Failed(`no function ${name} was defined`);
  const args = signature.params.map(([, type], i) => read(type, values[i]));
  const value = fn(...args);
  const returned = signature.returns === 'void' ? 'null' : write(signature.returns, value, `${name} returned`);
  if (returned instanceof Failed) return returned;
  let result = `{"returned":${returned}`;
  if (signature.arguments) {
    const after = [];
    for (let i = 0; i < args.length; i++) {
      const [param, type] = signature.params[i];
      const written = write(type, args[i], `${name} left its argument ${param} as`);
      if (written instanceof Failed) return written;
      after.push(written);
    }
    result += `,"arguments":[${after.join(',')}]`;
  }
  return result + '}';
}

function callClass(signature, values) {
  const name = signature.class;
  const [calls, argumentLists] = values;
  const cls = lookup(name);
  if (typeof cls !== 'function') return new Failed(`no class ${name} was defined`);
  const instance = new cls(...signature.constructor.map(([, type], i) => read(type, argumentLists[0][i])));
  const returned = ['null'];
  for (let c = 1; c < calls.length; c++) {
    const [params, returns] = signature.methods[calls[c]];
    const method = instance[calls[c]];
    if (typeof method !== 'function') return new Failed(`class ${name} has no method ${calls[c]}`);
    const value = method.apply(instance, params.map(([, type], i) => read(type, argumentLists[c][i])));
    const written = returns === 'void' ? 'null' : write(returns, value, `${name}.${calls[c]} returned`);
    if (written instanceof Failed) return written;
    returned.push(written);
  }
  return `{"returned":[${returned.join(',')}]}`;
}

function main(solution, signature) {
  const resultPath = process.cwd() + '/' + RESULT_FILE;
  const values = fs
    .readFileSync(0, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  globalThis.ListNode = ListNode;
  globalThis.TreeNode = TreeNode;
  globalThis.require = require;
  vm.runInThisContext(fs.readFileSync(solution, 'utf8'), { filename: solution });
  const result = signature.class === undefined ? callFunction(signature, values) : callClass(signature, values);
  fs.writeFileSync(resultPath, result instanceof Failed ? JSON.stringify({ error: result.message }) : result);
}

module.exports = { main };
