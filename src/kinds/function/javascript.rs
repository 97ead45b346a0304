//! The JavaScript driver. The runtime is a fixed module, [`DRIVER`] (`javascript/driver.js`),
//! written to the box as `mj_driver.js`; the generated part is `mj_main.js`, one line that calls
//! it with the signature as a JSON literal. The runtime runs the candidate's `solution.js` as a
//! script in the global scope (`vm.runInThisContext`, its file name and line numbers kept), finds
//! the function or class by name, and converts arguments and results by type at run time.
//! Compiling is `node --check` of the candidate's file.

use super::Program;
use crate::problem::signature::{Function, Param, Signature, Type};
use mockjudge_runner::WORK_DIR;
use serde_json::{json, Map, Value};

/// The runtime: reads the arguments, calls the candidate's code, writes the result.
pub const DRIVER: &str = include_str!("javascript/driver.js");

const SOLUTION_FILE: &str = "solution.js";
const DRIVER_FILE: &str = "mj_driver.js";
const MAIN_FILE: &str = "mj_main.js";

/// V8's stack for the candidate's recursion, in KiB: a quarter of the memory limit (the box
/// sets the stack's rlimit to the memory limit; V8 must stop short of it with a RangeError
/// rather than overflow it), at most 256 MiB, at least V8's default of ~1 MiB.
/// Measured on Node 18 (the image's): a recursive invertTree on a 100,000-deep chain fails
/// with 10 MiB and passes with 12 MiB; with 256 MiB of memory (64 MiB of stack) endless recursion
/// ends in a RangeError at ~110 MB resident, while a 256 MiB stack there is killed for memory.
pub fn stack_kib(memory_mib: u64) -> u64 {
    (memory_mib * 1024 / 4).clamp(984, 256 * 1024)
}

pub fn program(signature: Signature<'_>, source: &str, memory_mib: u64) -> Program {
    let solution = format!("{WORK_DIR}/{SOLUTION_FILE}");
    let main = format!(
        "require({}).main({}, {});\n",
        Value::from(format!("{WORK_DIR}/{DRIVER_FILE}")),
        Value::from(solution.as_str()),
        signature_json(signature)
    );
    Program {
        files: vec![
            (SOLUTION_FILE.to_string(), source.to_string()),
            (DRIVER_FILE.to_string(), DRIVER.to_string()),
            (MAIN_FILE.to_string(), main),
        ],
        compile: vec!["node".into(), "--check".into(), solution],
        run: vec!["node".into(), format!("--stack-size={}", stack_kib(memory_mib)), format!("{WORK_DIR}/{MAIN_FILE}")],
        service: None,
    }
}

/// The signature as the runtime reads it (JSON is a JavaScript literal), e.g.
/// `{"function":"twoSum","params":[["nums","integer[]"],...],"returns":"integer[]","arguments":false}`
/// or `{"class":"LRUCache","constructor":[...],"methods":{"get":[[["key","integer"]],"integer"],...}}`.
fn signature_json(signature: Signature<'_>) -> Value {
    let params = |params: &[Param]| -> Value { params.iter().map(|p| json!([p.name, p.ty.to_string()])).collect() };
    match signature {
        Signature::Function(f) => json!({
            "function": f.name,
            "params": params(&f.params),
            "returns": f.returns.to_string(),
            "arguments": f.returns == Type::Void || f.forbid_input_mutation,
        }),
        Signature::Class(c) => {
            let methods: Map<String, Value> =
                c.methods.iter().map(|m| (m.name.clone(), json!([params(&m.params), m.returns.to_string()]))).collect();
            json!({"class": c.name, "constructor": params(&c.constructor), "methods": methods})
        }
    }
}

/// The type as LeetCode's JSDoc comments write it.
fn jsdoc(ty: &Type) -> String {
    match ty {
        Type::Integer | Type::Long | Type::Double => "number".into(),
        Type::Boolean => "boolean".into(),
        Type::String => "string".into(),
        Type::Character => "character".into(),
        Type::ListNode => "ListNode".into(),
        Type::TreeNode => "TreeNode".into(),
        Type::Void => "void".into(),
        Type::Array(inner) => format!("{}[]", jsdoc(inner)),
    }
}

/// A value of the type that is a wrong answer but no crash.
fn default_value(ty: &Type) -> &'static str {
    match ty {
        Type::Integer | Type::Long | Type::Double => "0",
        Type::Boolean => "false",
        Type::String => "\"\"",
        Type::Character => "\"a\"",
        Type::ListNode | Type::TreeNode => "null",
        Type::Void => "",
        Type::Array(_) => "[]",
    }
}

/// LeetCode's comments defining the node types, above a starter that uses them (the driver
/// defines the types themselves).
const LIST_NODE_COMMENT: &str = "/**\n * Definition for singly-linked list.\n * function ListNode(val, next) {\n *     this.val = (val===undefined ? 0 : val)\n *     this.next = (next===undefined ? null : next)\n * }\n */\n";
const TREE_NODE_COMMENT: &str = "/**\n * Definition for a binary tree node.\n * function TreeNode(val, left, right) {\n *     this.val = (val===undefined ? 0 : val)\n *     this.left = (left===undefined ? null : left)\n *     this.right = (right===undefined ? null : right)\n * }\n */\n";

/// The JSDoc block of a function or method.
fn doc(params: &[Param], returns: Option<&Type>) -> String {
    let mut doc = String::from("/**\n");
    for p in params {
        doc.push_str(&format!(" * @param {{{}}} {}\n", jsdoc(&p.ty), p.name));
    }
    match returns {
        Some(Type::Void) if !params.is_empty() => {
            doc.push_str(&format!(" * @return {{void}} Do not return anything, modify {} in-place instead.\n", params[0].name))
        }
        Some(ty) => doc.push_str(&format!(" * @return {{{}}}\n", jsdoc(ty))),
        None => {}
    }
    doc.push_str(" */\n");
    doc
}

fn names(params: &[Param]) -> String {
    params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
}

fn body(returns: &Type) -> String {
    match returns {
        Type::Void => "    \n".into(),
        ty => format!("    return {};\n", default_value(ty)),
    }
}

fn function_starter(f: &Function) -> String {
    format!(
        "{}var {} = function({}) {{\n{}}};\n",
        doc(&f.params, Some(&f.returns)),
        f.name,
        names(&f.params),
        body(&f.returns)
    )
}

pub fn starter(signature: Signature<'_>) -> String {
    let mut code = super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT);
    let c = match signature {
        Signature::Function(f) => return code + &function_starter(f),
        Signature::Class(c) => c,
    };
    code.push_str(&format!("{}var {} = function({}) {{\n    \n}};\n", doc(&c.constructor, None), c.name, names(&c.constructor)));
    for m in &c.methods {
        code.push_str(&format!(
            "\n{}{}.prototype.{} = function({}) {{\n{}}};\n",
            doc(&m.params, Some(&m.returns)),
            c.name,
            m.name,
            names(&m.params),
            body(&m.returns)
        ));
    }
    let args = |params: &[Param]| params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(",");
    code.push_str(&format!(
        "\n/** \n * Your {0} object will be instantiated and called as such:\n * var obj = new {0}({1})\n",
        c.name,
        args(&c.constructor)
    ));
    for (i, m) in c.methods.iter().enumerate() {
        match m.returns {
            Type::Void => code.push_str(&format!(" * obj.{}({})\n", m.name, args(&m.params))),
            _ => code.push_str(&format!(" * var param_{} = obj.{}({})\n", i + 1, m.name, args(&m.params))),
        }
    }
    code.push_str(" */\n");
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::function::examples::{function, lru, two_sum};

    #[test]
    fn the_starter_is_leetcodes_var_function() {
        assert_eq!(
            starter(Signature::Function(&two_sum())),
            "/**\n * @param {number[]} nums\n * @param {number} target\n * @return {number[]}\n */\nvar twoSum = function(nums, target) {\n    return [];\n};\n"
        );
        let invert = function("name: invertTree\nparams: [{name: root, type: TreeNode}]\nreturns: TreeNode\n");
        let code = starter(Signature::Function(&invert));
        assert!(code.starts_with("/**\n * Definition for a binary tree node.\n * function TreeNode(val, left, right) {\n"), "{code}");
        assert!(code.ends_with(" * @return {TreeNode}\n */\nvar invertTree = function(root) {\n    return null;\n};\n"), "{code}");
        assert!(!code.contains("ListNode"));
    }

    #[test]
    fn a_void_starter_says_to_change_its_argument() {
        let rotate = function("name: rotate\nparams: [{name: matrix, type: \"integer[][]\"}]\nreturns: void\n");
        let code = starter(Signature::Function(&rotate));
        assert!(code.contains(" * @param {number[][]} matrix\n * @return {void} Do not return anything, modify matrix in-place instead.\n"), "{code}");
        assert!(code.ends_with("var rotate = function(matrix) {\n    \n};\n"), "{code}");
    }

    #[test]
    fn a_class_starter_uses_prototype_methods() {
        let code = starter(Signature::Class(&lru()));
        assert!(code.starts_with("/**\n * @param {number} capacity\n */\nvar LRUCache = function(capacity) {\n    \n};\n"), "{code}");
        assert!(code.contains("LRUCache.prototype.get = function(key) {\n    return 0;\n};\n"), "{code}");
        assert!(code.contains("LRUCache.prototype.put = function(key, value) {\n    \n};\n"), "{code}");
        assert!(code.contains(" * var obj = new LRUCache(capacity)\n * var param_1 = obj.get(key)\n * obj.put(key,value)\n */\n"), "{code}");
    }

    #[test]
    fn the_generated_part_is_the_signature_as_json() {
        let program = program(Signature::Function(&two_sum()), "var twoSum = 1;\n", 256);
        let names: Vec<&str> = program.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["solution.js", "mj_driver.js", "mj_main.js"]);
        assert_eq!(program.files[0].1, "var twoSum = 1;\n", "the candidate's file is kept as it is");
        assert_eq!(
            program.files[2].1,
            "require(\"/box/mj_driver.js\").main(\"/box/solution.js\", {\"arguments\":false,\"function\":\"twoSum\",\"params\":[[\"nums\",\"integer[]\"],[\"target\",\"integer\"]],\"returns\":\"integer[]\"});\n"
        );
        assert_eq!(program.compile, ["node", "--check", "/box/solution.js"]);
        assert_eq!(program.run, ["node", "--stack-size=65536", "/box/mj_main.js"]);
        let class = signature_json(Signature::Class(&lru()));
        assert_eq!(class["methods"]["get"], json!([[["key", "integer"]], "integer"]));
    }

    #[test]
    fn the_stack_grows_with_the_memory_limit() {
        assert_eq!((stack_kib(1), stack_kib(256), stack_kib(4096)), (984, 65536, 262144));
    }
}
