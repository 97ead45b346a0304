//! The Go driver. The candidate's file is LeetCode's shape: `func twoSum(nums []int, target int)
//! []int`, no `package` clause (we add `package main` on its first line, so compiler errors keep
//! their line numbers; the candidate's own `import`s stay in their file), `*ListNode` /
//! `*TreeNode` with fields `Val`, `Next`, `Left`, `Right` defined by the driver, and design
//! problems as `type LRUCache struct`, `func Constructor(capacity int) LRUCache` and methods
//! `func (this *LRUCache) Get(key int) int`.
//!
//! Two files are built together: `solution.go` (the candidate's) and `driver.go`, the runtime in
//! `go/driver.go` (a small linear JSON reader and a writer by declared type) followed by the
//! generated `mjCall`: the arguments' conversions, the call (through a variable of the declared
//! function type, so a wrong signature is a compile error that names the function) and what to
//! write back. Goroutine stacks grow up to 1 GB, so deep recursion needs nothing more.

use super::Program;
use crate::language::Language;
use crate::problem::signature::{Class, Function, Signature, Type};
use std::fmt::Write;

/// The runtime every Go driver starts with; the generated `mjCall` follows it.
const DRIVER: &str = include_str!("go/driver.go");

/// The candidate's file in the box.
const SOLUTION_FILE: &str = "solution.go";
const DRIVER_FILE: &str = "driver.go";

pub fn program(signature: Signature<'_>, source: &str) -> Program {
    let glue = match signature {
        Signature::Function(f) => function_glue(f),
        Signature::Class(c) => class_glue(c),
    };
    Program {
        files: vec![(SOLUTION_FILE.into(), in_package_main(source)), (DRIVER_FILE.into(), format!("{DRIVER}\n{glue}"))],
        compile: ["go", "build", "-o", "main", SOLUTION_FILE, DRIVER_FILE].iter().map(|s| s.to_string()).collect(),
        run: Language::Go.run_argv(SOLUTION_FILE, 0),
        service: None,
    }
}

/// The source with `package main` added at the start of its first line when it has no package
/// clause (LeetCode's Go has none), or its package renamed to `main`: line numbers stay.
fn in_package_main(source: &str) -> String {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let start = after_comments(source);
    let rest = &source[start..];
    if let Some(after) = rest.strip_prefix("package") {
        if after.starts_with([' ', '\t']) {
            let name_start = start + "package".len() + (after.len() - after.trim_start_matches([' ', '\t']).len());
            let name_len = source[name_start..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(source.len() - name_start);
            return format!("{}main{}", &source[..name_start], &source[name_start + name_len..]);
        }
    }
    format!("package main; {source}")
}

/// Where the first token starts: after white space and comments.
fn after_comments(source: &str) -> usize {
    let mut i = 0;
    loop {
        let rest = &source[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            i += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if let Some(body) = trimmed.strip_prefix("/*") {
            i += 2 + body.find("*/").map_or(body.len(), |e| e + 2);
        } else {
            return i;
        }
    }
}

/// The Go type LeetCode gives a signature's type.
fn go_type(ty: &Type) -> String {
    match ty {
        Type::Integer => "int".into(),
        Type::Long => "int64".into(),
        Type::Double => "float64".into(),
        Type::Boolean => "bool".into(),
        Type::String => "string".into(),
        Type::Character => "byte".into(),
        Type::ListNode => "*ListNode".into(),
        Type::TreeNode => "*TreeNode".into(),
        Type::Void => String::new(),
        Type::Array(inner) => format!("[]{}", go_type(inner)),
    }
}

/// A function type's result: ` T`, or nothing for void.
fn result(ty: &Type) -> String {
    if *ty == Type::Void {
        String::new()
    } else {
        format!(" {}", go_type(ty))
    }
}

/// The driver's function (`func(*mjParser) T`) that reads a value of the type.
fn reader(ty: &Type) -> String {
    match ty {
        Type::Integer => "mjInt".into(),
        Type::Long => "mjInt64".into(),
        Type::Double => "mjFloat64".into(),
        Type::Boolean => "mjBool".into(),
        Type::String => "mjString".into(),
        Type::Character => "mjByte".into(),
        Type::ListNode => "mjList".into(),
        Type::TreeNode => "mjTree".into(),
        Type::Void => unreachable!("no parameter is void"),
        Type::Array(inner) => format!("mjSliceOf({})", reader(inner)),
    }
}

/// The driver's function (`func(*mjW, T)`) that writes a value of the type.
fn writer(ty: &Type) -> String {
    match ty {
        Type::Integer => "mjWInt".into(),
        Type::Long => "mjWInt64".into(),
        Type::Double => "mjWFloat64".into(),
        Type::Boolean => "mjWBool".into(),
        Type::String => "mjWString".into(),
        Type::Character => "mjWByte".into(),
        Type::ListNode => "mjWList".into(),
        Type::TreeNode => "mjWTree".into(),
        Type::Void => unreachable!("void is written as null"),
        Type::Array(inner) => format!("mjWSliceOf({})", writer(inner)),
    }
}

/// A Go string literal (names are identifiers, so only quotes could need escaping).
fn quoted(s: &str) -> String {
    format!("{s:?}")
}

fn function_glue(f: &Function) -> String {
    let mut g = String::from("func mjCall(mjIn *mjParser, mjOut *mjW) {\n");
    let params: Vec<String> = f.params.iter().map(|p| go_type(&p.ty)).collect();
    let _ = writeln!(g, "\tvar mjF func({}){} = {}", params.join(", "), result(&f.returns), f.name);
    for (i, p) in f.params.iter().enumerate() {
        let _ = writeln!(g, "\tmjA{i} := {}(mjIn)", reader(&p.ty));
    }
    let args: Vec<String> = (0..f.params.len()).map(|i| format!("mjA{i}")).collect();
    let call = format!("mjF({})", args.join(", "));
    let _ = writeln!(g, "\tmjOut.ctx = {}", quoted(&format!("{} returned", f.name)));
    if f.returns == Type::Void {
        let _ = writeln!(g, "\t{call}\n\tmjWNull(mjOut)");
    } else {
        let _ = writeln!(g, "\t{}(mjOut, {call})", writer(&f.returns));
    }
    if f.returns == Type::Void || f.forbid_input_mutation {
        g.push_str("\tmjOut.raw(`,\"arguments\":[`)\n");
        for (i, p) in f.params.iter().enumerate() {
            if i > 0 {
                g.push_str("\tmjOut.raw(\",\")\n");
            }
            let _ = writeln!(g, "\tmjOut.ctx = {}", quoted(&format!("{} left its argument {}", f.name, p.name)));
            let _ = writeln!(g, "\t{}(mjOut, mjA{i})", writer(&p.ty));
        }
        g.push_str("\tmjOut.raw(\"]\")\n");
    }
    g.push_str("}\n");
    g
}

/// Go's exported name of a method: `get` → `Get`.
fn exported(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn arguments(params: &[crate::problem::signature::Param]) -> String {
    params.iter().map(|p| format!("mjArg(mjIn, {})", reader(&p.ty))).collect::<Vec<_>>().join(", ")
}

fn class_glue(c: &Class) -> String {
    let mut g = String::from("func mjCall(mjIn *mjParser, mjOut *mjW) {\n");
    for m in &c.methods {
        let params: Vec<String> = std::iter::once(format!("*{}", c.name)).chain(m.params.iter().map(|p| go_type(&p.ty))).collect();
        let _ = writeln!(g, "\tvar _ func({}){} = (*{}).{}", params.join(", "), result(&m.returns), c.name, exported(&m.name));
    }
    // The second line, `[[2],[1,1],[1]]`, is read as the calls go: each call's list, its
    // arguments, then the list's end.
    g.push_str("\tmjCalls := mjSliceOf(mjString)(mjIn)\n\tmjIn.open()\n\tmjIn.more()\n\tmjIn.open()\n");
    let _ = writeln!(g, "\tmjObj := Constructor({})", arguments(&c.constructor));
    g.push_str("\tmjIn.more()\n\tmjOut.raw(\"[null\")\n");
    g.push_str("\tfor _, mjCall := range mjCalls[1:] {\n\t\tmjIn.more()\n\t\tmjIn.open()\n\t\tmjOut.raw(\",\")\n\t\tswitch mjCall {\n");
    for m in &c.methods {
        let call = format!("mjObj.{}({})", exported(&m.name), arguments(&m.params));
        let _ = writeln!(g, "\t\tcase {}:", quoted(&m.name));
        if m.returns == Type::Void {
            let _ = writeln!(g, "\t\t\t{call}\n\t\t\tmjWNull(mjOut)");
        } else {
            let _ = writeln!(g, "\t\t\tmjOut.ctx = {}", quoted(&format!("{}.{} returned", c.name, m.name)));
            let _ = writeln!(g, "\t\t\t{}(mjOut, {call})", writer(&m.returns));
        }
    }
    g.push_str("\t\t}\n\t\tmjIn.more()\n\t}\n\tmjOut.raw(\"]\")\n}\n");
    g
}

/// LeetCode's comments defining the node types, above a starter that uses them (the driver
/// defines the types themselves).
const LIST_NODE_COMMENT: &str = "/**\n * Definition for singly-linked list.\n * type ListNode struct {\n *     Val int\n *     Next *ListNode\n * }\n */\n";
const TREE_NODE_COMMENT: &str = "/**\n * Definition for a binary tree node.\n * type TreeNode struct {\n *     Val int\n *     Left *TreeNode\n *     Right *TreeNode\n * }\n */\n";

fn func_line(receiver: &str, name: &str, params: &[crate::problem::signature::Param], returns: &Type) -> String {
    let params: Vec<String> = params.iter().map(|p| format!("{} {}", p.name, go_type(&p.ty))).collect();
    let returns = result(returns);
    let body = if returns.is_empty() { "\n".to_string() } else { format!("\n    return {}\n", default_value_of(returns.trim())) };
    format!("func {receiver}{name}({}){returns} {{{body}}}\n", params.join(", "))
}

/// The default value of a Go type written as `go_type` writes it.
fn default_value_of(go: &str) -> &'static str {
    match go {
        "int" | "int64" | "float64" | "byte" => "0",
        "bool" => "false",
        "string" => "\"\"",
        _ => "nil",
    }
}

pub fn starter(signature: Signature<'_>) -> String {
    match signature {
        Signature::Function(f) => {
            format!("{}{}", super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT), func_line("", &f.name, &f.params, &f.returns))
        }
        Signature::Class(c) => {
            let name = &c.name;
            let mut s = super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT);
            let _ = write!(s, "type {name} struct {{\n\n}}\n\n\n");
            let params: Vec<String> = c.constructor.iter().map(|p| format!("{} {}", p.name, go_type(&p.ty))).collect();
            let _ = write!(s, "func Constructor({}) {name} {{\n    return {name}{{}}\n}}\n\n\n", params.join(", "));
            for m in &c.methods {
                s.push_str(&func_line(&format!("(this *{name}) "), &exported(&m.name), &m.params, &m.returns));
                s.push_str("\n\n");
            }
            let _ = writeln!(s, "/**\n * Your {name} object will be instantiated and called as such:");
            let args: Vec<&str> = c.constructor.iter().map(|p| p.name.as_str()).collect();
            let _ = writeln!(s, " * obj := Constructor({});", args.join(", "));
            for (i, m) in c.methods.iter().enumerate() {
                let args: Vec<&str> = m.params.iter().map(|p| p.name.as_str()).collect();
                let call = format!("obj.{}({});", exported(&m.name), args.join(","));
                if m.returns == Type::Void {
                    let _ = writeln!(s, " * {call}");
                } else {
                    let _ = writeln!(s, " * param_{} := {call}", i + 1);
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
    fn the_candidates_file_gets_package_main_on_its_first_line() {
        assert_eq!(in_package_main("func f() {}\n"), "package main; func f() {}\n");
        assert_eq!(in_package_main("import \"sort\"\n\nfunc f() {}"), "package main; import \"sort\"\n\nfunc f() {}");
        assert_eq!(in_package_main("// a comment\npackage main\n"), "// a comment\npackage main\n");
        assert_eq!(in_package_main("/* a\nb */ package solution // x\n"), "/* a\nb */ package main // x\n");
        assert_eq!(in_package_main("\u{feff}packages := 1"), "package main; packages := 1");
        assert_eq!(in_package_main(""), "package main; ");
    }

    #[test]
    fn types_are_leetcodes_go_types() {
        let t = |n: &str| go_type(&Type::parse(n).unwrap());
        assert_eq!(
            [t("integer"), t("long"), t("double"), t("boolean"), t("string"), t("character"), t("integer[][]"), t("ListNode[]"), t("TreeNode")],
            ["int", "int64", "float64", "bool", "string", "byte", "[][]int", "[]*ListNode", "*TreeNode"]
        );
        assert_eq!(reader(&Type::parse("string[][]").unwrap()), "mjSliceOf(mjSliceOf(mjString))");
        assert_eq!(writer(&Type::parse("ListNode[]").unwrap()), "mjWSliceOf(mjWList)");
    }

    #[test]
    fn a_function_is_called_through_its_declared_type() {
        let p = program(Signature::Function(&two_sum()), "func twoSum(nums []int, target int) []int { return nil }");
        assert_eq!(p.files[0], ("solution.go".into(), "package main; func twoSum(nums []int, target int) []int { return nil }".into()));
        let driver = &p.files[1].1;
        assert!(driver.starts_with(DRIVER));
        assert!(driver.contains("\tvar mjF func([]int, int) []int = twoSum\n"), "{driver}");
        assert!(driver.contains("\tmjA0 := mjSliceOf(mjInt)(mjIn)\n\tmjA1 := mjInt(mjIn)\n"), "{driver}");
        assert!(driver.contains("\tmjWSliceOf(mjWInt)(mjOut, mjF(mjA0, mjA1))\n"), "{driver}");
        assert!(!driver.contains("arguments"), "{driver}");
        assert_eq!(p.compile, ["go", "build", "-o", "main", "solution.go", "driver.go"]);
        assert_eq!(p.run, ["/box/main"]);
    }

    #[test]
    fn void_and_unchangeable_arguments_are_written_back() {
        let rotate = function("name: rotate\nparams: [{name: matrix, type: \"integer[][]\"}]\nreturns: void\n");
        let driver = &program(Signature::Function(&rotate), "").files[1].1;
        assert!(driver.contains("\tvar mjF func([][]int) = rotate\n"), "{driver}");
        assert!(driver.contains("\tmjF(mjA0)\n\tmjWNull(mjOut)\n\tmjOut.raw(`,\"arguments\":[`)\n"), "{driver}");
        assert!(driver.contains("\tmjWSliceOf(mjWSliceOf(mjWInt))(mjOut, mjA0)\n\tmjOut.raw(\"]\")\n"), "{driver}");
        let mut subsets = two_sum();
        subsets.forbid_input_mutation = true;
        let driver = &program(Signature::Function(&subsets), "").files[1].1;
        assert!(driver.contains("twoSum left its argument target\"\n\tmjWInt(mjOut, mjA1)\n"), "{driver}");
    }

    #[test]
    fn a_class_dispatches_its_calls_to_exported_methods() {
        let driver = &program(Signature::Class(&lru()), "").files[1].1;
        assert!(driver.contains("\tvar _ func(*LRUCache, int) int = (*LRUCache).Get\n"), "{driver}");
        assert!(driver.contains("\tmjObj := Constructor(mjArg(mjIn, mjInt))\n"), "{driver}");
        assert!(driver.contains("\t\tcase \"put\":\n\t\t\tmjObj.Put(mjArg(mjIn, mjInt), mjArg(mjIn, mjInt))\n\t\t\tmjWNull(mjOut)\n"), "{driver}");
        assert!(driver.contains("\t\t\tmjWInt(mjOut, mjObj.Get(mjArg(mjIn, mjInt)))\n"), "{driver}");
    }

    #[test]
    fn starters_are_leetcodes_shapes() {
        assert_eq!(starter(Signature::Function(&two_sum())), "func twoSum(nums []int, target int) []int {\n    return nil\n}\n");
        let reverse = function("name: reverseList\nparams: [{name: head, type: ListNode}]\nreturns: ListNode\n");
        let s = starter(Signature::Function(&reverse));
        assert!(s.starts_with("/**\n * Definition for singly-linked list.\n * type ListNode struct {\n"), "{s}");
        assert!(s.ends_with(" */\nfunc reverseList(head *ListNode) *ListNode {\n    return nil\n}\n"), "{s}");
        let rotate = function("name: rotate\nparams: [{name: matrix, type: \"integer[][]\"}]\nreturns: void\n");
        assert_eq!(starter(Signature::Function(&rotate)), "func rotate(matrix [][]int) {\n}\n");
        let s = starter(Signature::Class(&lru()));
        assert!(s.starts_with("type LRUCache struct {\n\n}\n\n\nfunc Constructor(capacity int) LRUCache {\n    return LRUCache{}\n}\n"), "{s}");
        assert!(s.contains("func (this *LRUCache) Get(key int) int {\n    return 0\n}\n"), "{s}");
        assert!(s.contains("func (this *LRUCache) Put(key int, value int) {\n}\n"), "{s}");
        assert!(s.contains(" * param_1 := obj.Get(key);\n * obj.Put(key,value);\n */\n"), "{s}");
    }
}
