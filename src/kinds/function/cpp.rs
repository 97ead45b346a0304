//! The C++ driver. LeetCode's C++ shape: `class Solution { public: vector<int> twoSum(vector<int>&
//! nums, int target) { ... } };` with `<bits/stdc++.h>`, `using namespace std`, `ListNode` and
//! `TreeNode` (pointers, LeetCode's constructors) there without a line of the candidate's.
//!
//! One translation unit, `main.cpp`: the driver's runtime ([`DRIVER`]: the headers, the node
//! types and, in namespace `mj_driver`, the JSON reader and writer), then `#line 1 "solution.cpp"`
//! and the candidate's source (so compiler errors point at their lines), then the generated
//! `main` that reads each argument, calls the candidate's code directly (a misnamed function or
//! a wrong return type is a compile error naming it) and writes the result file. The runtime
//! comes before the candidate's code so that their macros (`#define int long long`) touch only
//! the few generated lines. Deep recursion needs nothing: the runner's stack limit for the main
//! thread is the memory limit. Nodes are never freed (the process ends).

use super::Program;
use crate::language::Language;
use crate::problem::signature::{Class, Function, Param, Signature, Type};
use std::fmt::Write;

/// The runtime, before the candidate's source.
const DRIVER: &str = include_str!("cpp/driver.cpp");

/// The candidate's source as compiler messages name it.
const SOURCE_NAME: &str = "solution.cpp";
/// The generated `main` as compiler messages name it.
const MAIN_NAME: &str = "mockjudge-main.cpp";

pub fn program(signature: Signature<'_>, source: &str) -> Program {
    let file = Language::Cpp.source_file(source);
    let mut text = String::with_capacity(DRIVER.len() + source.len() + 2048);
    text.push_str(DRIVER);
    let _ = writeln!(text, "#line 1 \"{SOURCE_NAME}\"");
    text.push_str(source);
    if !source.ends_with('\n') {
        text.push('\n');
    }
    let _ = writeln!(text, "#line 1 \"{MAIN_NAME}\"");
    let main = match signature {
        Signature::Function(f) => function_main(f),
        Signature::Class(c) => class_main(c),
    };
    text.push_str(&main);
    // The parts also go in as the files `#line` names, which only g++ reads: to quote the line
    // of an error ("... = mj_solution.twoSum(mj_a0, mj_a1);"), not just its number.
    let files = vec![(file.clone(), text), (SOURCE_NAME.into(), source.into()), (MAIN_NAME.into(), main)];
    Program { compile: Language::Cpp.compile_argv(&file), run: Language::Cpp.run_argv(&file, 0), files, service: None }
}

/// The C++ type LeetCode gives a value of `ty`.
fn cpp_type(ty: &Type) -> String {
    match ty {
        Type::Integer => "int".into(),
        Type::Long => "long long".into(),
        Type::Double => "double".into(),
        Type::Boolean => "bool".into(),
        Type::String => "string".into(),
        Type::Character => "char".into(),
        Type::ListNode => "ListNode*".into(),
        Type::TreeNode => "TreeNode*".into(),
        Type::Void => "void".into(),
        Type::Array(inner) => format!("vector<{}>", cpp_type(inner)),
    }
}

/// A parameter's type as LeetCode declares it: vectors by reference.
fn param_type(ty: &Type) -> String {
    match ty {
        Type::Array(_) => format!("{}&", cpp_type(ty)),
        _ => cpp_type(ty),
    }
}

/// The C++ type in generated code, qualified so that it needs nothing of the candidate's.
fn std_type(ty: &Type) -> String {
    match ty {
        Type::String => "std::string".into(),
        Type::Array(inner) => format!("std::vector<{}>", std_type(inner)),
        _ => cpp_type(ty),
    }
}

/// A C++ string literal.
fn literal(s: &str) -> String {
    format!("{s:?}")
}

/// `main` for a function problem.
fn function_main(f: &Function) -> String {
    let mut m = String::from("signed main() {\n    mj_driver::start();\n");
    for (i, p) in f.params.iter().enumerate() {
        let _ = writeln!(m, "    auto mj_a{i} = mj_driver::arg<{}>({i});", std_type(&p.ty));
    }
    let args: Vec<String> = (0..f.params.len()).map(|i| format!("mj_a{i}")).collect();
    let call = format!("mj_solution->{}({})", f.name, args.join(", "));
    m.push_str("    Solution *mj_solution = new Solution();\n");
    if f.returns == Type::Void {
        let _ = writeln!(m, "    {call};\n    std::string mj_out = \"{{\\\"returned\\\":null\";");
    } else {
        let _ = writeln!(m, "    {} mj_r = {call};", std_type(&f.returns));
        let _ = writeln!(m, "    std::string mj_out = \"{{\\\"returned\\\":\";");
        let _ = writeln!(m, "    mj_driver::put(mj_out, {}, mj_r);", literal(&format!("{}'s return value", f.name)));
    }
    if f.returns == Type::Void || f.forbid_input_mutation {
        m.push_str("    mj_out += \",\\\"arguments\\\":[\";\n");
        for (i, p) in f.params.iter().enumerate() {
            if i > 0 {
                m.push_str("    mj_out += ',';\n");
            }
            let what = literal(&format!("{}'s argument {} after the call", f.name, p.name));
            let _ = writeln!(m, "    mj_driver::put(mj_out, {what}, mj_a{i});");
        }
        m.push_str("    mj_out += ']';\n");
    }
    m.push_str("    mj_out += '}';\n    mj_driver::finish(mj_out);\n    return 0;\n}\n");
    m
}

/// Reads a call's arguments into `mj_a0`, `mj_a1`, ... and lists them for the call.
fn read_call_args(m: &mut String, params: &[Param]) -> String {
    for (i, p) in params.iter().enumerate() {
        let _ = writeln!(m, "            auto mj_a{i} = mj_calls.arg<{}>();", std_type(&p.ty));
    }
    (0..params.len()).map(|i| format!("mj_a{i}")).collect::<Vec<_>>().join(", ")
}

/// `main` for a class problem: the constructor, then each call by its name.
fn class_main(c: &Class) -> String {
    let mut m = String::from("signed main() {\n    mj_driver::start();\n    mj_driver::Calls mj_calls;\n");
    let _ = writeln!(m, "    {} *mj_object = nullptr;", c.name);
    m.push_str("    std::string mj_out = \"{\\\"returned\\\":[\";\n    while (mj_calls.next()) {\n");
    m.push_str("        const std::string &mj_name = mj_calls.name();\n");
    m.push_str("        if (mj_calls.i > 1) mj_out += ',';\n        if (mj_calls.i == 1) {\n");
    let args = read_call_args(&mut m, &c.constructor);
    let _ = writeln!(m, "            mj_object = new {}({args});\n            mj_out += \"null\";", c.name);
    for method in &c.methods {
        let _ = writeln!(m, "        }} else if (mj_name == {}) {{", literal(&method.name));
        let args = read_call_args(&mut m, &method.params);
        let call = format!("mj_object->{}({args})", method.name);
        if method.returns == Type::Void {
            let _ = writeln!(m, "            {call};\n            mj_out += \"null\";");
        } else {
            let what = literal(&format!("{}.{}'s return value", c.name, method.name));
            let _ = writeln!(m, "            {} mj_r = {call};", std_type(&method.returns));
            let _ = writeln!(m, "            mj_driver::put(mj_out, {what}, mj_r);");
        }
    }
    m.push_str("        } else {\n            mj_driver::bad_input(mj_name.c_str());\n        }\n        mj_calls.end();\n    }\n");
    m.push_str("    mj_out += \"]}\";\n    mj_driver::finish(mj_out);\n    return 0;\n}\n");
    m
}

const LIST_NODE_COMMENT: &str = "/**
 * Definition for singly-linked list.
 * struct ListNode {
 *     int val;
 *     ListNode *next;
 *     ListNode() : val(0), next(nullptr) {}
 *     ListNode(int x) : val(x), next(nullptr) {}
 *     ListNode(int x, ListNode *next) : val(x), next(next) {}
 * };
 */
";

const TREE_NODE_COMMENT: &str = "/**
 * Definition for a binary tree node.
 * struct TreeNode {
 *     int val;
 *     TreeNode *left;
 *     TreeNode *right;
 *     TreeNode() : val(0), left(nullptr), right(nullptr) {}
 *     TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
 *     TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
 * };
 */
";

fn params_list(params: &[Param]) -> String {
    params.iter().map(|p| format!("{} {}", param_type(&p.ty), p.name)).collect::<Vec<_>>().join(", ")
}

/// A method's body that compiles and returns a default (wrong) value.
fn default_body(returns: &Type) -> &'static str {
    if *returns == Type::Void {
        "\n"
    } else {
        "        return {};\n"
    }
}

pub fn starter(signature: Signature<'_>) -> String {
    let mut s = super::node_definitions(signature, LIST_NODE_COMMENT, TREE_NODE_COMMENT);
    match signature {
        Signature::Function(f) => {
            let _ = write!(
                s,
                "class Solution {{\npublic:\n    {} {}({}) {{\n{}    }}\n}};\n",
                cpp_type(&f.returns),
                f.name,
                params_list(&f.params),
                default_body(&f.returns)
            );
        }
        Signature::Class(c) => {
            let _ = write!(s, "class {} {{\npublic:\n    {}({}) {{\n\n    }}\n", c.name, c.name, params_list(&c.constructor));
            for m in &c.methods {
                let _ = write!(s, "\n    {} {}({}) {{\n{}    }}\n", cpp_type(&m.returns), m.name, params_list(&m.params), default_body(&m.returns));
            }
            s.push_str("};\n");
            // LeetCode's note on how the class is used.
            let names = |params: &[Param]| params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(",");
            let _ = write!(
                s,
                "\n/**\n * Your {0} object will be instantiated and called as such:\n * {0}* obj = new {0}({1});\n",
                c.name,
                names(&c.constructor)
            );
            for (i, m) in c.methods.iter().enumerate() {
                if m.returns == Type::Void {
                    let _ = writeln!(s, " * obj->{}({});", m.name, names(&m.params));
                } else {
                    let _ = writeln!(s, " * {} param_{} = obj->{}({});", cpp_type(&m.returns), i + 1, m.name, names(&m.params));
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
        let s = starter(Signature::Function(&f));
        assert_eq!(
            s,
            "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        return {};\n    }\n};\n"
        );
        let f = function("{name: reverseList, params: [{name: head, type: ListNode}], returns: ListNode}");
        let s = starter(Signature::Function(&f));
        assert!(s.starts_with("/**\n * Definition for singly-linked list.") && s.contains("ListNode* reverseList(ListNode* head)"), "{s}");
        assert!(!s.contains("TreeNode"), "{s}");
        let f = function("{name: rotate, params: [{name: matrix, type: 'integer[][]'}], returns: void}");
        assert!(starter(Signature::Function(&f)).contains("    void rotate(vector<vector<int>>& matrix) {\n\n    }\n"));
    }

    #[test]
    fn class_starter_has_the_constructor_methods_and_leetcodes_usage_note() {
        let c = lru();
        let s = starter(Signature::Class(&c));
        assert!(s.starts_with("class LRUCache {\npublic:\n    LRUCache(int capacity) {"), "{s}");
        assert!(s.contains("    int get(int key) {\n        return {};\n    }"), "{s}");
        assert!(s.contains("    void put(int key, int value) {\n\n    }"), "{s}");
        assert!(s.contains(" * LRUCache* obj = new LRUCache(capacity);\n * int param_1 = obj->get(key);\n * obj->put(key,value);\n"), "{s}");
    }

    #[test]
    fn the_candidates_source_keeps_its_line_numbers_and_main_calls_it_directly() {
        let f = two_sum();
        let p = program(Signature::Function(&f), "class Solution {};");
        let names: Vec<&str> = p.files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["main.cpp", "solution.cpp", "mockjudge-main.cpp"], "main.cpp, and the parts its errors quote");
        let (name, text) = &p.files[0];
        assert_eq!(name, "main.cpp");
        assert!(text.contains("#line 1 \"solution.cpp\"\nclass Solution {};\n#line 1"), "{text}");
        assert!(text.contains("auto mj_a0 = mj_driver::arg<std::vector<int>>(0);"), "{text}");
        assert!(text.contains("std::vector<int> mj_r = mj_solution->twoSum(mj_a0, mj_a1);"), "{text}");
        assert!(!text.contains("arguments"), "only void and forbid_input_mutation report arguments");
        assert_eq!(p.compile, Language::Cpp.compile_argv("main.cpp"));
        assert_eq!(p.run, vec!["/box/main".to_string()]);
    }

    #[test]
    fn void_and_unchanged_inputs_report_the_arguments() {
        let f = function("{name: rotate, params: [{name: matrix, type: 'integer[][]'}], returns: void}");
        let text = &program(Signature::Function(&f), "").files[0].1;
        assert!(text.contains("    mj_solution->rotate(mj_a0);\n    std::string mj_out = \"{\\\"returned\\\":null\";"), "{text}");
        assert!(text.contains("mj_driver::put(mj_out, \"rotate's argument matrix after the call\", mj_a0);"), "{text}");
        let f = function("{name: subsets, params: [{name: nums, type: 'integer[]'}], returns: 'integer[][]', forbid_input_mutation: true}");
        let text = &program(Signature::Function(&f), "").files[0].1;
        assert!(text.contains("std::vector<std::vector<int>> mj_r") && text.contains("\\\"arguments\\\""), "{text}");
    }

    #[test]
    fn class_main_dispatches_each_call_by_name() {
        let c = lru();
        let text = &program(Signature::Class(&c), "").files[0].1;
        assert!(text.contains("mj_object = new LRUCache(mj_a0);"), "{text}");
        assert!(text.contains("} else if (mj_name == \"get\") {\n            auto mj_a0 = mj_calls.arg<int>();\n            int mj_r = mj_object->get(mj_a0);"), "{text}");
        assert!(text.contains("mj_object->put(mj_a0, mj_a1);\n            mj_out += \"null\";"), "{text}");
    }

}
