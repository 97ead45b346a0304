//! The Python driver. The runtime is a fixed module, [`DRIVER`] (`python/driver.py`), written to
//! the box as `mj_driver.py` and compiled to bytecode with the candidate's `solution.py` (which
//! also checks its syntax, with its own line numbers). The generated part is `mj_main.py`: two
//! lines that call the runtime with the signature as JSON; the runtime converts arguments and
//! results by type at run time.
//!
//! A test is one process, so what the driver imports counts: the runtime uses only the C
//! modules `_json` and `_thread` (the `json` package costs ~10 ms here, `typing` ~9 ms), and
//! imports the names LeetCode's Python offers without imports (`List`, `deque`, `heappush`,
//! `math`, ...) only when the candidate's bytecode looks one of them up; `List`, `Dict`, `Set`,
//! `Tuple`, `Optional`, `Union` and `Any` alone stand in without typing. Measured on the image
//! (200 runs, one CPU, uid 10002): 8.6 ms of CPU for a plain program summing two numbers,
//! 10.5 ms for the same sum as `class Solution` through this driver (+0.2 ms the C modules,
//! +0.8 ms importing the runtime's bytecode, +1 ms the rest); `cargo bench` (f): +4.1 ms wall.

use super::Program;
use crate::problem::signature::{Function, Param, Signature, Type};
use mockjudge_runner::WORK_DIR;
use serde_json::{json, Map, Value};

/// The runtime: reads the arguments, calls the candidate's code, writes the result.
pub const DRIVER: &str = include_str!("python/driver.py");

const SOLUTION_FILE: &str = "solution.py";
const DRIVER_FILE: &str = "mj_driver.py";
const MAIN_FILE: &str = "mj_main.py";

pub fn program(signature: Signature<'_>, source: &str) -> Program {
    let solution = format!("{WORK_DIR}/{SOLUTION_FILE}");
    let main = format!(
        "import mj_driver\nmj_driver.main({}, {})\n",
        python_string(&solution),
        python_string(&signature_json(signature).to_string())
    );
    Program {
        files: vec![
            (SOLUTION_FILE.to_string(), source.to_string()),
            (DRIVER_FILE.to_string(), DRIVER.to_string()),
            (MAIN_FILE.to_string(), main),
        ],
        compile: ["python3", "-m", "py_compile", &solution, &format!("{WORK_DIR}/{DRIVER_FILE}")]
            .map(String::from)
            .to_vec(),
        run: vec!["python3".to_string(), format!("{WORK_DIR}/{MAIN_FILE}")],
        service: None,
    }
}

/// The signature as the runtime reads it: names and type names, e.g.
/// `{"function":"twoSum","snake":"two_sum","params":[["nums","integer[]"],...],"returns":"integer[]","arguments":false}`
/// or `{"class":"LRUCache","constructor":[...],"methods":{"get":[[["key","integer"]],"integer"],...}}`.
fn signature_json(signature: Signature<'_>) -> Value {
    let params = |params: &[Param]| -> Value { params.iter().map(|p| json!([p.name, p.ty.to_string()])).collect() };
    match signature {
        Signature::Function(f) => json!({
            "function": f.name,
            "snake": f.snake_name(),
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

/// A Python string literal holding `text`.
fn python_string(text: &str) -> String {
    let mut literal = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => literal.push_str("\\\\"),
            '\'' => literal.push_str("\\'"),
            '\n' => literal.push_str("\\n"),
            c => literal.push(c),
        }
    }
    literal.push('\'');
    literal
}

/// The type as LeetCode's Python annotations write it.
fn annotation(ty: &Type) -> String {
    match ty {
        Type::Integer | Type::Long => "int".into(),
        Type::Double => "float".into(),
        Type::Boolean => "bool".into(),
        Type::String | Type::Character => "str".into(),
        Type::ListNode => "Optional[ListNode]".into(),
        Type::TreeNode => "Optional[TreeNode]".into(),
        Type::Void => "None".into(),
        Type::Array(inner) => format!("List[{}]", annotation(inner)),
    }
}

/// A value of the type that is a wrong answer but no crash.
fn default_value(ty: &Type) -> &'static str {
    match ty {
        Type::Integer | Type::Long => "0",
        Type::Double => "0.0",
        Type::Boolean => "False",
        Type::String => "\"\"",
        Type::Character => "\"a\"",
        Type::ListNode | Type::TreeNode | Type::Void => "None",
        Type::Array(_) => "[]",
    }
}

/// LeetCode's comments defining the node types, above a starter that uses them (the driver
/// defines the types themselves).
const LIST_NODE_COMMENT: &str = "# Definition for singly-linked list.\n# class ListNode:\n#     def __init__(self, val=0, next=None):\n#         self.val = val\n#         self.next = next\n";
const TREE_NODE_COMMENT: &str = "# Definition for a binary tree node.\n# class TreeNode:\n#     def __init__(self, val=0, left=None, right=None):\n#         self.val = val\n#         self.left = left\n#         self.right = right\n";

fn parameters(params: &[Param]) -> String {
    params.iter().map(|p| format!(", {}: {}", p.name, annotation(&p.ty))).collect()
}

fn function_starter(f: &Function) -> String {
    let body = if f.returns == Type::Void {
        let first = &f.params[0].name;
        format!("        \"\"\"\n        Do not return anything, modify {first} in-place instead.\n        \"\"\"\n        pass\n")
    } else {
        format!("        return {}\n", default_value(&f.returns))
    };
    format!(
        "class Solution:\n    def {}(self{}) -> {}:\n{body}",
        f.name,
        parameters(&f.params),
        annotation(&f.returns)
    )
}

pub fn starter(signature: Signature<'_>) -> String {
    let mut code = super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT);
    let c = match signature {
        Signature::Function(f) => return code + &function_starter(f),
        Signature::Class(c) => c,
    };
    code.push_str(&format!("class {}:\n\n    def __init__(self{}):\n        pass\n", c.name, parameters(&c.constructor)));
    for m in &c.methods {
        let body = match m.returns {
            Type::Void => "pass".to_string(),
            ref ty => format!("return {}", default_value(ty)),
        };
        code.push_str(&format!("\n    def {}(self{}) -> {}:\n        {body}\n", m.name, parameters(&m.params), annotation(&m.returns)));
    }
    let args = |params: &[Param]| params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(",");
    code.push_str(&format!(
        "\n\n# Your {0} object will be instantiated and called as such:\n# obj = {0}({1})\n",
        c.name,
        args(&c.constructor)
    ));
    for (i, m) in c.methods.iter().enumerate() {
        match m.returns {
            Type::Void => code.push_str(&format!("# obj.{}({})\n", m.name, args(&m.params))),
            _ => code.push_str(&format!("# param_{} = obj.{}({})\n", i + 1, m.name, args(&m.params))),
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::function::examples::{function, lru, two_sum};

    #[test]
    fn the_starter_is_leetcodes_solution_class() {
        assert_eq!(
            starter(Signature::Function(&two_sum())),
            "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        return []\n"
        );
        let reverse = function("name: reverseList\nparams: [{name: head, type: ListNode}]\nreturns: ListNode\n");
        let code = starter(Signature::Function(&reverse));
        assert!(code.starts_with("# Definition for singly-linked list.\n# class ListNode:\n"), "{code}");
        assert!(code.ends_with("    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:\n        return None\n"), "{code}");
        assert!(!code.contains("TreeNode"));
    }

    #[test]
    fn a_void_starter_says_to_change_its_argument() {
        let rotate = function("name: rotate\nparams: [{name: matrix, type: \"integer[][]\"}]\nreturns: void\n");
        let code = starter(Signature::Function(&rotate));
        assert!(code.contains("def rotate(self, matrix: List[List[int]]) -> None:\n"), "{code}");
        assert!(code.contains("Do not return anything, modify matrix in-place instead.") && code.ends_with("pass\n"), "{code}");
    }

    #[test]
    fn a_class_starter_has_every_method() {
        let code = starter(Signature::Class(&lru()));
        assert!(code.starts_with("class LRUCache:\n\n    def __init__(self, capacity: int):\n        pass\n"), "{code}");
        assert!(code.contains("\n    def get(self, key: int) -> int:\n        return 0\n"), "{code}");
        assert!(code.contains("\n    def put(self, key: int, value: int) -> None:\n        pass\n"), "{code}");
        assert!(code.contains("# obj = LRUCache(capacity)\n# param_1 = obj.get(key)\n# obj.put(key,value)\n"), "{code}");
    }

    #[test]
    fn the_generated_part_is_the_signature_as_json() {
        let program = program(Signature::Function(&two_sum()), "class Solution: pass\n");
        let names: Vec<&str> = program.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["solution.py", "mj_driver.py", "mj_main.py"]);
        assert_eq!(program.files[0].1, "class Solution: pass\n", "the candidate's file is kept as it is");
        assert_eq!(
            program.files[2].1,
            "import mj_driver\nmj_driver.main('/box/solution.py', '{\"arguments\":false,\"function\":\"twoSum\",\"params\":[[\"nums\",\"integer[]\"],[\"target\",\"integer\"]],\"returns\":\"integer[]\",\"snake\":\"two_sum\"}')\n"
        );
        assert_eq!(program.compile, ["python3", "-m", "py_compile", "/box/solution.py", "/box/mj_driver.py"]);
        assert_eq!(program.run, ["python3", "/box/mj_main.py"]);
        let class = signature_json(Signature::Class(&lru()));
        assert_eq!(class["methods"]["put"], json!([[["key", "integer"], ["value", "integer"]], "void"]));
        let mut forbid = two_sum();
        forbid.forbid_input_mutation = true;
        assert_eq!(signature_json(Signature::Function(&forbid))["arguments"], json!(true));
    }

    #[test]
    fn python_strings_escape_quotes_and_backslashes() {
        assert_eq!(python_string("it's a \\ \"x\"\n"), "'it\\'s a \\\\ \"x\"\\n'");
    }
}
