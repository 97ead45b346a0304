//! The Rust driver. The candidate's code is LeetCode's shape: `impl Solution { pub fn
//! two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> }` (a `void` function takes its first
//! parameter as `&mut`), with its own `use std::rc::Rc;` lines; design problems are `struct
//! LRUCache` with `fn new(capacity: i32) -> Self` and snake_case methods taking `&self` or `&mut
//! self`.
//!
//! One file is compiled (no crates in the box): `main.rs`, the candidate's source first (so
//! compiler errors keep their line numbers), then the runtime in `rust/driver.rs` (`pub struct
//! Solution;`, LeetCode's `ListNode` and `TreeNode` written with full paths so they need no `use`,
//! and a module with a linear JSON reader and a writer by declared type), then the generated
//! module `mj_glue`: the call through a `fn` pointer of the declared type (a wrong or missing
//! function is a compile error naming it) and what to write back. The call runs in a thread with
//! a 1 GiB stack (reserved, not used) and the program exits right after writing the result, so a
//! long `Box` list is never dropped recursively.

use super::Program;
use crate::language::Language;
use crate::problem::signature::{snake_case, Class, Function, Param, Signature, Type};
use std::fmt::Write;

/// The runtime every Rust driver carries, after the candidate's code.
const DRIVER: &str = include_str!("rust/driver.rs");

const SOURCE_FILE: &str = "main.rs";

pub fn program(signature: Signature<'_>, source: &str) -> Program {
    let glue = match signature {
        Signature::Function(f) => function_glue(f),
        Signature::Class(c) => class_glue(c),
    };
    let newline = if source.is_empty() || source.ends_with('\n') { "" } else { "\n" };
    Program {
        files: vec![(SOURCE_FILE.into(), format!("{source}{newline}{DRIVER}\n{glue}"))],
        compile: Language::Rust.compile_argv(SOURCE_FILE),
        run: Language::Rust.run_argv(SOURCE_FILE, 0),
        service: None,
    }
}

/// The Rust type LeetCode gives a signature's type.
fn rust_type(ty: &Type) -> String {
    match ty {
        Type::Integer => "i32".into(),
        Type::Long => "i64".into(),
        Type::Double => "f64".into(),
        Type::Boolean => "bool".into(),
        Type::String => "String".into(),
        Type::Character => "char".into(),
        Type::ListNode => "Option<Box<ListNode>>".into(),
        Type::TreeNode => "Option<Rc<RefCell<TreeNode>>>".into(),
        Type::Void => "()".into(),
        Type::Array(inner) => format!("Vec<{}>", rust_type(inner)),
    }
}

/// The same type, spelled so that it needs no `use` (in the generated module).
fn full_type(ty: &Type) -> String {
    rust_type(ty).replace("Rc<RefCell<", "std::rc::Rc<std::cell::RefCell<")
}

fn glue_start() -> String {
    "#[allow(unused_mut, unused_variables, unused_imports)]\nmod mj_glue {\n    use super::mj_driver::{arg, MjFrom, MjTo, Parser, W};\n    use super::{ListNode, TreeNode};\n\n    pub fn call(mj_in: &mut Parser, mj_out: &mut W) {\n".into()
}

fn function_glue(f: &Function) -> String {
    let void = f.returns == Type::Void;
    let report = void || f.forbid_input_mutation;
    let mut g = glue_start();
    let params: Vec<String> =
        f.params.iter().enumerate().map(|(i, p)| if void && i == 0 { format!("&mut {}", full_type(&p.ty)) } else { full_type(&p.ty) }).collect();
    let returns = if void { String::new() } else { format!(" -> {}", full_type(&f.returns)) };
    let _ = writeln!(g, "        let mj_f: fn({}){returns} = super::Solution::{};", params.join(", "), f.snake_name());
    for (i, p) in f.params.iter().enumerate() {
        let _ = writeln!(g, "        let mut mj_a{i}: {} = MjFrom::read(mj_in);", full_type(&p.ty));
    }
    // The arguments to report: the `&mut` one after the call; the others are moved into the
    // call, so they are written before it, except trees, whose nodes the call can still change
    // through their `Rc`s: those are kept (a shallow clone) and written after.
    let mut after = Vec::new();
    if report {
        for (i, p) in f.params.iter().enumerate() {
            let ctx = format!("{} left its argument {}", f.name, p.name);
            if void && i == 0 {
                after.push(format!("        mj_out.ctx = {ctx:?};\n        mj_a{i}.put(mj_out);\n"));
            } else if p.ty == Type::TreeNode {
                let _ = writeln!(g, "        let mj_keep{i} = mj_a{i}.clone();");
                after.push(format!("        mj_out.ctx = {ctx:?};\n        mj_keep{i}.put(mj_out);\n"));
            } else {
                let _ = writeln!(g, "        let mut mj_before{i} = W::new({ctx:?});\n        mj_a{i}.put(&mut mj_before{i});");
                after.push(format!("        mj_out.append(mj_before{i});\n"));
            }
        }
    }
    let args: Vec<String> = (0..f.params.len()).map(|i| if void && i == 0 { format!("&mut mj_a{i}") } else { format!("mj_a{i}") }).collect();
    let _ = writeln!(g, "        mj_out.ctx = {:?};", format!("{} returned", f.name));
    let _ = writeln!(g, "        let mj_r = mj_f({});\n        mj_r.put(mj_out);", args.join(", "));
    if report {
        g.push_str("        mj_out.raw(\",\\\"arguments\\\":[\");\n");
        g.push_str(&after.join("        mj_out.raw(\",\");\n"));
        g.push_str("        mj_out.raw(\"]\");\n");
    }
    g.push_str("    }\n}\n");
    g
}

fn class_glue(c: &Class) -> String {
    let mut g = glue_start();
    let name = &c.name;
    let args = |params: &[Param]| vec!["arg(mj_in)"; params.len()].join(", ");
    // The second line, `[[2],[1,1],[1]]`, is read as the calls go: each call's list, its
    // arguments, then the list's end.
    g.push_str("        let mj_calls: Vec<String> = MjFrom::read(mj_in);\n        mj_in.open();\n        mj_in.more();\n        mj_in.open();\n");
    let _ = writeln!(g, "        let mut mj_obj: super::{name} = super::{name}::new({});", args(&c.constructor));
    g.push_str("        mj_in.more();\n        mj_out.raw(\"[null\");\n");
    g.push_str("        for mj_call in &mj_calls[1..] {\n");
    g.push_str("            mj_in.more();\n            mj_in.open();\n            mj_out.raw(\",\");\n            match mj_call.as_str() {\n");
    for m in &c.methods {
        let _ = writeln!(g, "                {:?} => {{", m.name);
        let _ = writeln!(g, "                    mj_out.ctx = {:?};", format!("{name}.{} returned", m.name));
        let _ = writeln!(g, "                    let mj_r: {} = mj_obj.{}({});", full_type(&m.returns), snake_case(&m.name), args(&m.params));
        g.push_str("                    mj_r.put(mj_out);\n                }\n");
    }
    g.push_str("                _ => unreachable!(),\n            }\n            mj_in.more();\n        }\n        mj_out.raw(\"]\");\n    }\n}\n");
    g
}

/// LeetCode's comments defining the node types, above a starter that uses them (the driver
/// defines the types themselves); the tree's with the `use` lines LeetCode puts under it.
const LIST_NODE_COMMENT: &str = "// Definition for singly-linked list.\n// #[derive(PartialEq, Eq, Clone, Debug)]\n// pub struct ListNode {\n//   pub val: i32,\n//   pub next: Option<Box<ListNode>>\n// }\n//\n// impl ListNode {\n//   #[inline]\n//   fn new(val: i32) -> Self {\n//     ListNode {\n//       next: None,\n//       val\n//     }\n//   }\n// }\n";
const TREE_NODE_COMMENT: &str = "// Definition for a binary tree node.\n// #[derive(Debug, PartialEq, Eq)]\n// pub struct TreeNode {\n//   pub val: i32,\n//   pub left: Option<Rc<RefCell<TreeNode>>>,\n//   pub right: Option<Rc<RefCell<TreeNode>>>,\n// }\n//\n// impl TreeNode {\n//   #[inline]\n//   pub fn new(val: i32) -> Self {\n//     TreeNode {\n//       val,\n//       left: None,\n//       right: None\n//     }\n//   }\n// }\nuse std::rc::Rc;\nuse std::cell::RefCell;\n";

/// A value of the type that compiles and does not crash.
fn default_value(ty: &Type) -> &'static str {
    match ty {
        Type::Integer | Type::Long => "0",
        Type::Double => "0.0",
        Type::Boolean => "false",
        Type::String => "String::new()",
        Type::Character => "' '",
        Type::ListNode | Type::TreeNode => "None",
        Type::Array(_) => "vec![]",
        Type::Void => "",
    }
}

/// A method's or function's line and body (unused parameters warn, as LeetCode's starters do).
fn fn_lines(indent: &str, head: &str, params: &[String], returns: &Type) -> String {
    let returns_part = if *returns == Type::Void { String::new() } else { format!(" -> {}", rust_type(returns)) };
    let body = if *returns == Type::Void { String::new() } else { format!("{indent}    {}\n", default_value(returns)) };
    format!("{indent}{head}({}){returns_part} {{\n{body}{indent}}}\n", params.join(", "))
}

pub fn starter(signature: Signature<'_>) -> String {
    match signature {
        Signature::Function(f) => {
            let void = f.returns == Type::Void;
            let params: Vec<String> = f
                .params
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{}: {}{}", snake_case(&p.name), if void && i == 0 { "&mut " } else { "" }, rust_type(&p.ty)))
                .collect();
            format!("{}impl Solution {{\n{}}}\n", super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT), fn_lines("    ", &format!("pub fn {}", f.snake_name()), &params, &f.returns))
        }
        Signature::Class(c) => {
            let name = &c.name;
            let param = |p: &Param| format!("{}: {}", snake_case(&p.name), rust_type(&p.ty));
            let mut s = super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT);
            let _ = write!(s, "struct {name} {{\n\n}}\n\n\n/**\n * `&self` means the method takes an immutable reference.\n * If you need a mutable reference, change it to `&mut self` instead.\n */\nimpl {name} {{\n\n");
            let params: Vec<String> = c.constructor.iter().map(param).collect();
            let _ = write!(s, "    fn new({}) -> Self {{\n        {name} {{}}\n    }}\n", params.join(", "));
            for m in &c.methods {
                let params: Vec<String> = std::iter::once("&mut self".to_string()).chain(m.params.iter().map(param)).collect();
                s.push('\n');
                s.push_str(&fn_lines("    ", &format!("fn {}", snake_case(&m.name)), &params, &m.returns));
            }
            s.push_str("}\n\n/**\n");
            let _ = writeln!(s, " * Your {name} object will be instantiated and called as such:");
            let args: Vec<String> = c.constructor.iter().map(|p| snake_case(&p.name)).collect();
            let _ = writeln!(s, " * let obj = {name}::new({});", args.join(", "));
            for (i, m) in c.methods.iter().enumerate() {
                let args: Vec<String> = m.params.iter().map(|p| snake_case(&p.name)).collect();
                let call = format!("obj.{}({});", snake_case(&m.name), args.join(", "));
                if m.returns == Type::Void {
                    let _ = writeln!(s, " * {call}");
                } else {
                    let _ = writeln!(s, " * let ret_{}: {} = {call}", i + 1, rust_type(&m.returns));
                }
            }
            s.push_str(" */\n");
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::function::examples::{function, lru, two_sum};

    #[test]
    fn the_candidates_code_comes_first_then_the_runtime_and_the_glue() {
        let source = "impl Solution {\n    pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> { vec![] }\n}";
        let p = program(Signature::Function(&two_sum()), source);
        assert_eq!(p.files.len(), 1);
        let (name, text) = &p.files[0];
        assert_eq!(name, "main.rs");
        assert!(text.starts_with(&format!("{source}\n{DRIVER}\n#[allow(unused_mut, unused_variables, unused_imports)]\nmod mj_glue {{\n")), "{text}");
        assert!(text.contains("        let mj_f: fn(Vec<i32>, i32) -> Vec<i32> = super::Solution::two_sum;\n"), "{text}");
        assert!(text.contains("        let mut mj_a1: i32 = MjFrom::read(mj_in);\n"), "{text}");
        assert!(text.contains("        let mj_r = mj_f(mj_a0, mj_a1);\n        mj_r.put(mj_out);\n"), "{text}");
        assert!(!text.contains("arguments"), "{text}");
        assert_eq!(p.compile, ["rustc", "-O", "--edition", "2021", "-o", "main", "main.rs"]);
        assert_eq!(p.run, ["/box/main"]);
    }

    #[test]
    fn void_functions_take_their_first_argument_by_mut_reference_and_report_it() {
        let rotate = function("name: rotate\nparams: [{name: matrix, type: \"integer[][]\"}, {name: k, type: integer}]\nreturns: void\n");
        let text = &program(Signature::Function(&rotate), "").files[0].1;
        assert!(text.contains("        let mj_f: fn(&mut Vec<Vec<i32>>, i32) = super::Solution::rotate;\n"), "{text}");
        assert!(text.contains("        let mut mj_before1 = W::new(\"rotate left its argument k\");\n        mj_a1.put(&mut mj_before1);\n"), "{text}");
        assert!(text.contains("        let mj_r = mj_f(&mut mj_a0, mj_a1);\n"), "{text}");
        assert!(
            text.contains("        mj_out.ctx = \"rotate left its argument matrix\";\n        mj_a0.put(mj_out);\n        mj_out.raw(\",\");\n        mj_out.append(mj_before1);\n        mj_out.raw(\"]\");\n"),
            "{text}"
        );
    }

    #[test]
    fn unchangeable_trees_are_kept_and_written_after_the_call() {
        let f = function("name: maxDepth\nparams: [{name: root, type: TreeNode}]\nreturns: integer\nforbid_input_mutation: true\n");
        let text = &program(Signature::Function(&f), "").files[0].1;
        assert!(text.contains("        let mj_f: fn(Option<std::rc::Rc<std::cell::RefCell<TreeNode>>>) -> i32 = super::Solution::max_depth;\n"), "{text}");
        assert!(text.contains("        let mj_keep0 = mj_a0.clone();\n"), "{text}");
        assert!(text.contains("        mj_keep0.put(mj_out);\n"), "{text}");
    }

    #[test]
    fn a_class_is_built_with_new_and_its_methods_are_snake_case() {
        let mut c = lru();
        c.methods[0].name = "getValue".into();
        let text = &program(Signature::Class(&c), "").files[0].1;
        assert!(text.contains("        let mut mj_obj: super::LRUCache = super::LRUCache::new(arg(mj_in));\n"), "{text}");
        assert!(text.contains("                \"getValue\" => {\n                    mj_out.ctx = \"LRUCache.getValue returned\";\n                    let mj_r: i32 = mj_obj.get_value(arg(mj_in));\n"), "{text}");
        assert!(text.contains("                    let mj_r: () = mj_obj.put(arg(mj_in), arg(mj_in));\n"), "{text}");
    }

    #[test]
    fn starters_are_leetcodes_shapes() {
        assert_eq!(
            starter(Signature::Function(&two_sum())),
            "impl Solution {\n    pub fn two_sum(nums: Vec<i32>, target: i32) -> Vec<i32> {\n        vec![]\n    }\n}\n"
        );
        let invert = function("name: invertTree\nparams: [{name: root, type: TreeNode}]\nreturns: TreeNode\n");
        let s = starter(Signature::Function(&invert));
        assert!(s.starts_with("// Definition for a binary tree node.\n"), "{s}");
        assert!(s.ends_with("use std::rc::Rc;\nuse std::cell::RefCell;\nimpl Solution {\n    pub fn invert_tree(root: Option<Rc<RefCell<TreeNode>>>) -> Option<Rc<RefCell<TreeNode>>> {\n        None\n    }\n}\n"), "{s}");
        let rotate = function("name: rotate\nparams: [{name: matrix, type: \"integer[][]\"}]\nreturns: void\n");
        assert_eq!(starter(Signature::Function(&rotate)), "impl Solution {\n    pub fn rotate(matrix: &mut Vec<Vec<i32>>) {\n    }\n}\n");
        let s = starter(Signature::Class(&lru()));
        assert!(s.starts_with("struct LRUCache {\n\n}\n"), "{s}");
        assert!(s.contains("    fn new(capacity: i32) -> Self {\n        LRUCache {}\n    }\n\n    fn get(&mut self, key: i32) -> i32 {\n        0\n    }\n"), "{s}");
        assert!(s.contains("    fn put(&mut self, key: i32, value: i32) {\n    }\n}\n"), "{s}");
        assert!(s.contains(" * let ret_1: i32 = obj.get(key);\n * obj.put(key, value);\n */\n"), "{s}");
    }
}
