//! The Java driver. LeetCode's Java shape: `class Solution { public int[] twoSum(int[] nums, int
//! target) { ... } }`, with `java.util.*` (and `java.util.function.*`, `java.util.stream.*`,
//! `java.math.*`) there without an import line, and `ListNode` / `TreeNode` defined elsewhere.
//!
//! Two files: the candidate's, named as `javac` wants it ([`Language::source_file`]), with the
//! imports prepended on its first line so that compiler messages keep its line numbers; and
//! `MockjudgeDriver.java` ([`DRIVER`]), which holds the package-private `ListNode` and `TreeNode`
//! and the public class `MockjudgeDriver`: a small linear JSON reader and writer (the JDK has
//! none) and the generated `call()` that reads each argument, calls the candidate's code
//! directly (a misnamed method or a return value of another type is a compile error naming it)
//! and writes the result file. An array type may come back as LeetCode's other spelling, a
//! `List` (`List<List<Integer>>` for `integer[][]`), checked element by element as it is
//! written. The call runs on the main thread with the stack that `-Xss` gives a plain program
//! ([`Language::run_argv`]), enough for a recursive walk of a 100,000-deep tree: a bigger
//! thread stack was tried, but runaway recursion then ends out of memory after seconds of
//! thrashing instead of as a StackOverflowError.

use super::Program;
use crate::language::Language;
use crate::problem::signature::{Class, Function, Param, Signature, Type};
use std::fmt::Write;

/// The runtime; `/*MJ_CALL*/` is replaced by the generated `call()`.
const DRIVER: &str = include_str!("java/MockjudgeDriver.java");

/// The driver's file, and its class (which runs).
const DRIVER_FILE: &str = "MockjudgeDriver.java";

/// What LeetCode's Java code assumes imported, prepended to the candidate's first line.
const IMPORTS: &str = "import java.util.*; import java.util.function.*; import java.util.stream.*; import java.math.*; ";

pub fn program(signature: Signature<'_>, source: &str, memory_mib: u64) -> Program {
    let file = Language::Java.source_file(source);
    let call = match signature {
        Signature::Function(f) => function_call(f),
        Signature::Class(c) => class_call(c),
    };
    let driver = DRIVER.replace("/*MJ_CALL*/\n", &call);
    let mut compile = Language::Java.compile_argv(&file);
    compile.push(DRIVER_FILE.into());
    Program {
        files: vec![(file, format!("{IMPORTS}{source}")), (DRIVER_FILE.into(), driver)],
        compile,
        run: Language::Java.run_argv(DRIVER_FILE, memory_mib),
        service: None,
    }
}

/// The Java type LeetCode gives a value of `ty`.
fn java_type(ty: &Type) -> String {
    match ty {
        Type::Integer => "int".into(),
        Type::Long => "long".into(),
        Type::Double => "double".into(),
        Type::Boolean => "boolean".into(),
        Type::String => "String".into(),
        Type::Character => "char".into(),
        Type::ListNode => "ListNode".into(),
        Type::TreeNode => "TreeNode".into(),
        Type::Void => "void".into(),
        Type::Array(inner) => format!("{}[]", java_type(inner)),
    }
}

/// The type to cast the driver's `Object` to: scalars boxed.
fn cast_type(ty: &Type) -> String {
    match ty {
        Type::Integer => "Integer".into(),
        Type::Long => "Long".into(),
        Type::Double => "Double".into(),
        Type::Boolean => "Boolean".into(),
        Type::Character => "Character".into(),
        _ => java_type(ty),
    }
}

/// The element type and the number of `[]` levels.
fn kind_depth(ty: &Type) -> (&Type, usize) {
    match ty {
        Type::Array(inner) => {
            let (kind, depth) = kind_depth(inner);
            (kind, depth + 1)
        }
        _ => (ty, 0),
    }
}

/// The driver's constant for an element type.
fn kind_constant(ty: &Type) -> &'static str {
    match ty {
        Type::Integer => "INT",
        Type::Long => "LONG",
        Type::Double => "DOUBLE",
        Type::Boolean => "BOOLEAN",
        Type::String => "STRING",
        Type::Character => "CHAR",
        Type::ListNode => "LISTNODE",
        _ => "TREENODE",
    }
}

/// Reads a value of `ty` with `reader` (`arg(i, ` or `calls.arg(`).
fn read(reader: &str, ty: &Type) -> String {
    let (kind, depth) = kind_depth(ty);
    format!("({}) {reader}{}, {depth})", cast_type(ty), kind_constant(kind))
}

/// The driver's writer for `ty` (`out_int1` for `integer[]`).
fn writer(ty: &Type) -> String {
    let (kind, depth) = kind_depth(ty);
    let name = match kind {
        Type::Integer => "int".to_string(),
        other => other.to_string(),
    };
    format!("out_{name}{depth}")
}

/// A Java string literal (the names are identifiers).
fn literal(s: &str) -> String {
    format!("{s:?}")
}

/// `call()` for a function problem.
fn function_call(f: &Function) -> String {
    let mut m = String::from("    static void call() throws Throwable {\n");
    for (i, p) in f.params.iter().enumerate() {
        let _ = writeln!(m, "        {} a{i} = {};", java_type(&p.ty), read(&format!("arg({i}, "), &p.ty));
    }
    let args: Vec<String> = (0..f.params.len()).map(|i| format!("a{i}")).collect();
    let call = format!("solution.{}({})", f.name, args.join(", "));
    m.push_str("        Solution solution = new Solution();\n");
    if f.returns == Type::Void {
        let _ = writeln!(m, "        {call};\n        StringBuilder sb = new StringBuilder(\"{{\\\"returned\\\":null\");");
    } else {
        m.push_str("        StringBuilder sb = new StringBuilder(\"{\\\"returned\\\":\");\n");
        let _ = writeln!(m, "        context = {};", literal(&format!("{}'s return value", f.name)));
        let _ = writeln!(m, "        {}(sb, {call});", writer(&f.returns));
    }
    if f.returns == Type::Void || f.forbid_input_mutation {
        m.push_str("        sb.append(\",\\\"arguments\\\":[\");\n");
        for (i, p) in f.params.iter().enumerate() {
            if i > 0 {
                m.push_str("        sb.append(',');\n");
            }
            let _ = writeln!(m, "        context = {};", literal(&format!("{}'s argument {} after the call", f.name, p.name)));
            let _ = writeln!(m, "        {}(sb, a{i});", writer(&p.ty));
        }
        m.push_str("        sb.append(']');\n");
    }
    m.push_str("        finish(sb.append('}'));\n    }\n");
    m
}

/// Reads a call's arguments into `a0`, `a1`, ... and lists them for the call.
fn read_call_args(m: &mut String, params: &[Param]) -> String {
    for (i, p) in params.iter().enumerate() {
        let _ = writeln!(m, "                {} a{i} = {};", java_type(&p.ty), read("calls.arg(", &p.ty));
    }
    (0..params.len()).map(|i| format!("a{i}")).collect::<Vec<_>>().join(", ")
}

/// `call()` for a class problem: the constructor, then each call by its name.
fn class_call(c: &Class) -> String {
    let mut m = String::from("    static void call() throws Throwable {\n        Calls calls = new Calls();\n");
    let _ = writeln!(m, "        {} object = null;", c.name);
    m.push_str("        StringBuilder sb = new StringBuilder(\"{\\\"returned\\\":[\");\n        while (calls.next()) {\n");
    m.push_str("            if (calls.i > 1) sb.append(',');\n            if (calls.i == 1) {\n");
    let args = read_call_args(&mut m, &c.constructor);
    let _ = writeln!(m, "                object = new {}({args});\n                sb.append(\"null\");", c.name);
    for method in &c.methods {
        let _ = writeln!(m, "            }} else if (calls.name().equals({})) {{", literal(&method.name));
        let args = read_call_args(&mut m, &method.params);
        let call = format!("object.{}({args})", method.name);
        if method.returns == Type::Void {
            let _ = writeln!(m, "                {call};\n                sb.append(\"null\");");
        } else {
            let _ = writeln!(m, "                context = {};", literal(&format!("{}.{}'s return value", c.name, method.name)));
            let _ = writeln!(m, "                {}(sb, {call});", writer(&method.returns));
        }
    }
    m.push_str("            } else {\n                badInput(0);\n            }\n            calls.end();\n        }\n");
    m.push_str("        finish(sb.append(\"]}\"));\n    }\n");
    m
}

const LIST_NODE_COMMENT: &str = "/**
 * Definition for singly-linked list.
 * public class ListNode {
 *     int val;
 *     ListNode next;
 *     ListNode() {}
 *     ListNode(int val) { this.val = val; }
 *     ListNode(int val, ListNode next) { this.val = val; this.next = next; }
 * }
 */
";

const TREE_NODE_COMMENT: &str = "/**
 * Definition for a binary tree node.
 * public class TreeNode {
 *     int val;
 *     TreeNode left;
 *     TreeNode right;
 *     TreeNode() {}
 *     TreeNode(int val) { this.val = val; }
 *     TreeNode(int val, TreeNode left, TreeNode right) {
 *         this.val = val;
 *         this.left = left;
 *         this.right = right;
 *     }
 * }
 */
";

fn params_list(params: &[Param]) -> String {
    params.iter().map(|p| format!("{} {}", java_type(&p.ty), p.name)).collect::<Vec<_>>().join(", ")
}

/// A default (wrong) value of `ty` that the driver writes without an error.
fn default_value(ty: &Type) -> String {
    match ty {
        Type::Integer | Type::Long => "0".into(),
        Type::Double => "0.0".into(),
        Type::Boolean => "false".into(),
        Type::String => "\"\"".into(),
        Type::Character => "'a'".into(),
        Type::ListNode | Type::TreeNode | Type::Void => "null".into(),
        Type::Array(inner) => {
            let (kind, depth) = kind_depth(inner);
            format!("new {}[0]{}", java_type(kind), "[]".repeat(depth))
        }
    }
}

/// A method's body that compiles and returns a default value.
fn default_body(returns: &Type) -> String {
    if *returns == Type::Void {
        "\n".into()
    } else {
        format!("        return {};\n", default_value(returns))
    }
}

pub fn starter(signature: Signature<'_>) -> String {
    let mut s = super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT);
    match signature {
        Signature::Function(f) => {
            let _ = write!(
                s,
                "class Solution {{\n    public {} {}({}) {{\n{}    }}\n}}\n",
                java_type(&f.returns),
                f.name,
                params_list(&f.params),
                default_body(&f.returns)
            );
        }
        Signature::Class(c) => {
            let _ = write!(s, "class {} {{\n\n    public {}({}) {{\n\n    }}\n", c.name, c.name, params_list(&c.constructor));
            for m in &c.methods {
                let _ = write!(s, "\n    public {} {}({}) {{\n{}    }}\n", java_type(&m.returns), m.name, params_list(&m.params), default_body(&m.returns));
            }
            s.push_str("}\n");
            // LeetCode's note on how the class is used.
            let names = |params: &[Param]| params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(",");
            let _ = write!(
                s,
                "\n/**\n * Your {0} object will be instantiated and called as such:\n * {0} obj = new {0}({1});\n",
                c.name,
                names(&c.constructor)
            );
            for (i, m) in c.methods.iter().enumerate() {
                if m.returns == Type::Void {
                    let _ = writeln!(s, " * obj.{}({});", m.name, names(&m.params));
                } else {
                    let _ = writeln!(s, " * {} param_{} = obj.{}({});", java_type(&m.returns), i + 1, m.name, names(&m.params));
                }
            }
            s.push_str(" */\n");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::function::examples::{function, lru, two_sum};

    #[test]
    fn starter_is_leetcodes_shape() {
        let f = two_sum();
        assert_eq!(
            starter(Signature::Function(&f)),
            "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        return new int[0];\n    }\n}\n"
        );
        let f = function("{name: invertTree, params: [{name: root, type: TreeNode}], returns: TreeNode}");
        let s = starter(Signature::Function(&f));
        assert!(s.starts_with("/**\n * Definition for a binary tree node.\n * public class TreeNode {") && s.contains("public TreeNode invertTree(TreeNode root) {\n        return null;"), "{s}");
        let f = function("{name: subsets, params: [{name: nums, type: 'integer[]'}], returns: 'integer[][]'}");
        assert!(starter(Signature::Function(&f)).contains("public int[][] subsets(int[] nums) {\n        return new int[0][];"));
        let f = function("{name: rotate, params: [{name: matrix, type: 'integer[][]'}], returns: void}");
        assert!(starter(Signature::Function(&f)).contains("    public void rotate(int[][] matrix) {\n\n    }\n"));
    }

    #[test]
    fn class_starter_has_the_constructor_methods_and_leetcodes_usage_note() {
        let c = lru();
        let s = starter(Signature::Class(&c));
        assert!(s.starts_with("class LRUCache {\n\n    public LRUCache(int capacity) {"), "{s}");
        assert!(s.contains("    public int get(int key) {\n        return 0;\n    }"), "{s}");
        assert!(s.contains("    public void put(int key, int value) {\n\n    }"), "{s}");
        assert!(s.contains(" * LRUCache obj = new LRUCache(capacity);\n * int param_1 = obj.get(key);\n * obj.put(key,value);\n"), "{s}");
    }

    #[test]
    fn imports_share_the_first_line_and_the_driver_calls_the_method_directly() {
        let f = two_sum();
        let source = "class Solution {\n}\n";
        let p = program(Signature::Function(&f), source, 256);
        assert_eq!(p.files[0], ("Solution.java".to_string(), format!("{IMPORTS}{source}")));
        assert!(!IMPORTS.contains('\n'));
        let (name, driver) = &p.files[1];
        assert_eq!(name, "MockjudgeDriver.java");
        assert!(driver.contains("        int[] a0 = (int[]) arg(0, INT, 1);\n        int a1 = (Integer) arg(1, INT, 0);\n"), "{driver}");
        assert!(driver.contains("        out_int1(sb, solution.twoSum(a0, a1));\n"), "{driver}");
        assert!(!driver.contains("/*MJ_"), "every placeholder is filled");
        assert!(!driver.contains("arguments"), "only void and forbid_input_mutation report arguments");
        assert_eq!(p.compile, ["javac", "-encoding", "UTF-8", "-nowarn", "Solution.java", "MockjudgeDriver.java"]);
        assert_eq!(p.run, Language::Java.run_argv("MockjudgeDriver.java", 256));
        assert_eq!(p.run.last().unwrap(), "MockjudgeDriver");
        // A public class names the candidate's file.
        let p = program(Signature::Function(&f), "public class Answer {}\nclass Solution {}", 1024);
        assert_eq!(p.files[0].0, "Answer.java");
    }

    #[test]
    fn void_and_unchanged_inputs_report_the_arguments() {
        let f = function("{name: rotate, params: [{name: matrix, type: 'integer[][]'}], returns: void}");
        let driver = &program(Signature::Function(&f), "", 256).files[1].1;
        assert!(driver.contains("        solution.rotate(a0);\n        StringBuilder sb = new StringBuilder(\"{\\\"returned\\\":null\");"), "{driver}");
        assert!(driver.contains("        context = \"rotate's argument matrix after the call\";\n        out_int2(sb, a0);\n"), "{driver}");
        let f = function("{name: f, params: [{name: a, type: 'ListNode[]'}, {name: b, type: 'character[][]'}], returns: 'string[]', forbid_input_mutation: true}");
        let driver = &program(Signature::Function(&f), "", 256).files[1].1;
        assert!(driver.contains("ListNode[] a0 = (ListNode[]) arg(0, LISTNODE, 1);"), "{driver}");
        assert!(driver.contains("char[][] a1 = (char[][]) arg(1, CHAR, 2);"), "{driver}");
        assert!(driver.contains("out_string1(sb, solution.f(a0, a1));") && driver.contains("out_ListNode1(sb, a0);") && driver.contains("out_character2(sb, a1);"), "{driver}");
    }

    #[test]
    fn class_call_dispatches_each_call_by_name() {
        let c = lru();
        let driver = &program(Signature::Class(&c), "", 256).files[1].1;
        assert!(driver.contains("object = new LRUCache(a0);"), "{driver}");
        assert!(driver.contains("} else if (calls.name().equals(\"get\")) {\n                int a0 = (Integer) calls.arg(INT, 0);\n"), "{driver}");
        assert!(driver.contains("out_int0(sb, object.get(a0));") && driver.contains("object.put(a0, a1);\n                sb.append(\"null\");"), "{driver}");
    }
}
