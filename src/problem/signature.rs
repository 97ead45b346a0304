//! The signature of a LeetCode-style function problem, from `interview.yaml`'s `function:`:
//!
//! ```yaml
//! function:
//!   name: twoSum
//!   params: [{name: nums, type: "integer[]"}, {name: target, type: integer}]
//!   returns: "integer[]"
//!   compare: unordered      # exact (default) | unordered | unordered_nested | {float: 1e-5}
//! ```
//!
//! Types carry LeetCode's names and JSON encodings, which candidates know: `integer` (32-bit),
//! `long`, `double`, `boolean`, `string`, `character`, their `[]` and `[][]` forms, `ListNode`
//! (a JSON array), `TreeNode` (level order with `null`s, trailing ones trimmed), `ListNode[]`,
//! and `void` for a function that changes its first argument in place (the judge checks that
//! argument). A test's `.in` holds one JSON value per line, one per parameter, and
//! [`Function::check_input`] tells an author which line does not fit its type.
//!
//! A design problem declares a class instead (`class:`, e.g. an LRU cache) and is tested as
//! LeetCode tests one: the `.in` holds two lines, the calls (`["LRUCache","put","get"]`, the
//! constructor first) and their arguments (`[[2],[1,1],[1]]`); the `.ans` holds what each call
//! returned (`[null,null,1]`, `null` for the constructor and `void` methods).

use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// A value's type, as a signature names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    Integer,
    Long,
    Double,
    Boolean,
    String,
    Character,
    ListNode,
    TreeNode,
    /// Only as a function's return type: it changes an argument instead.
    Void,
    Array(Box<Type>),
}

impl Type {
    /// Parses `integer`, `string[]`, `integer[][]`, `ListNode[]`, ...
    pub fn parse(name: &str) -> Result<Type, String> {
        if let Some(inner) = name.strip_suffix("[]") {
            return match Type::parse(inner)? {
                Type::Void | Type::TreeNode => Err(format!("{name:?} is not a supported type")),
                Type::Array(i) if matches!(*i, Type::Array(_)) => Err(format!("{name:?}: at most two [] levels")),
                Type::Array(i) if *i == Type::ListNode => Err(format!("{name:?}: ListNode takes one [] level at most")),
                inner => Ok(Type::Array(Box::new(inner))),
            };
        }
        Ok(match name {
            "integer" => Type::Integer,
            "long" => Type::Long,
            "double" => Type::Double,
            "boolean" => Type::Boolean,
            "string" => Type::String,
            "character" => Type::Character,
            "ListNode" => Type::ListNode,
            "TreeNode" => Type::TreeNode,
            "void" => Type::Void,
            _ => {
                return Err(format!(
                    "unknown type {name:?}; known: integer, long, double, boolean, string, character, ListNode, TreeNode, void, and [] of them"
                ))
            }
        })
    }

    /// Whether `value` is this type's JSON encoding; `Err` says where it is not.
    pub fn check(&self, value: &Value) -> Result<(), String> {
        let fits = match (self, value) {
            (Type::Integer, Value::Number(n)) => n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()),
            (Type::Long, Value::Number(n)) => n.is_i64(),
            (Type::Double, Value::Number(_)) => true,
            (Type::Boolean, Value::Bool(_)) => true,
            (Type::String, Value::String(_)) => true,
            (Type::Character, Value::String(s)) => s.chars().count() == 1,
            (Type::ListNode, Value::Array(items)) => {
                return items.iter().try_for_each(|v| Type::Integer.check(v)).map_err(|e| format!("a ListNode's value: {e}"));
            }
            (Type::TreeNode, Value::Array(items)) => {
                if items.last().is_some_and(Value::is_null) {
                    return Err("a TreeNode's level order ends with null (trailing nulls are trimmed)".into());
                }
                if items.first().is_some_and(Value::is_null) {
                    return Err("a TreeNode's level order starts with null (the empty tree is [])".into());
                }
                return items
                    .iter()
                    .filter(|v| !v.is_null())
                    .try_for_each(|v| Type::Integer.check(v))
                    .map_err(|e| format!("a TreeNode's value: {e}"));
            }
            (Type::Array(inner), Value::Array(items)) => {
                return items.iter().enumerate().try_for_each(|(i, v)| inner.check(v).map_err(|e| format!("[{i}]: {e}")));
            }
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(format!("{value} is not {self}"))
        }
    }
}

impl Type {
    /// Whether this type is `other` or an array of it (at any depth).
    pub fn contains(&self, other: &Type) -> bool {
        self == other || matches!(self, Type::Array(inner) if inner.contains(other))
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Integer => f.write_str("integer"),
            Type::Long => f.write_str("long"),
            Type::Double => f.write_str("double"),
            Type::Boolean => f.write_str("boolean"),
            Type::String => f.write_str("string"),
            Type::Character => f.write_str("character"),
            Type::ListNode => f.write_str("ListNode"),
            Type::TreeNode => f.write_str("TreeNode"),
            Type::Void => f.write_str("void"),
            Type::Array(inner) => write!(f, "{inner}[]"),
        }
    }
}

/// How a returned value is compared with the expected one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(from = "CompareSpec")]
pub enum Compare {
    /// Equal JSON values (numbers by value).
    #[default]
    Exact,
    /// The outer list as a multiset.
    Unordered,
    /// Every list, at every depth, as a multiset.
    UnorderedNested,
    /// Numbers within this absolute or relative tolerance.
    Float(f64),
}

/// `compare:` as written: a name, or `{float: tolerance}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum CompareSpec {
    Named(CompareName),
    Float { float: f64 },
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum CompareName {
    Exact,
    Unordered,
    UnorderedNested,
}

impl From<CompareSpec> for Compare {
    fn from(spec: CompareSpec) -> Compare {
        match spec {
            CompareSpec::Named(CompareName::Exact) => Compare::Exact,
            CompareSpec::Named(CompareName::Unordered) => Compare::Unordered,
            CompareSpec::Named(CompareName::UnorderedNested) => Compare::UnorderedNested,
            CompareSpec::Float { float } => Compare::Float(float),
        }
    }
}

/// One parameter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    #[serde(rename = "type", deserialize_with = "type_from_name")]
    pub ty: Type,
}

fn type_from_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Type, D::Error> {
    let name = String::deserialize(d)?;
    Type::parse(&name).map_err(serde::de::Error::custom)
}

fn identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Checks a parameter list: identifiers, given once, none `void`.
fn validate_params(params: &[Param]) -> Result<(), String> {
    for (i, p) in params.iter().enumerate() {
        if !identifier(&p.name) {
            return Err(format!("params[{i}].name: {:?} is not an identifier", p.name));
        }
        if p.ty == Type::Void {
            return Err(format!("params[{i}].type: a parameter cannot be void"));
        }
        if params[..i].iter().any(|q| q.name == p.name) {
            return Err(format!("params[{i}].name: {:?} is given twice", p.name));
        }
    }
    Ok(())
}

/// Parses one line of a test's input as JSON.
/// Parses line `number` of a test's input (`what` it holds, for the message) as JSON.
fn json_line(number: usize, what: &str, line: &str) -> Result<Value, String> {
    serde_json::from_str(line).map_err(|e| {
        // serde's own position ("at line 1 column 5") counts within the line.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        format!("line {number} ({what}): not JSON: {message} at column {}", e.column())
    })
}

/// The name in snake_case (`twoSum` → `two_sum`), as Python's and Rust's style has it.
pub fn snake_case(name: &str) -> String {
    let mut snake = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !snake.is_empty() {
                snake.push('_');
            }
            snake.push(c.to_ascii_lowercase());
        } else {
            snake.push(c);
        }
    }
    snake
}

/// A function problem's signature.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// As the problem names it, in camelCase (`twoSum`); Python and Rust take `two_sum` too.
    pub name: String,
    pub params: Vec<Param>,
    #[serde(deserialize_with = "type_from_name")]
    pub returns: Type,
    #[serde(default)]
    pub compare: Compare,
    /// Check that the arguments come back unchanged.
    #[serde(default)]
    pub forbid_input_mutation: bool,
}

impl Function {
    /// The signature's own rules: identifiers for names, `void` only as a return type and then
    /// with a parameter to change.
    pub fn validate(&self) -> Result<(), String> {
        if !identifier(&self.name) {
            return Err(format!("name: {:?} is not an identifier", self.name));
        }
        validate_params(&self.params)?;
        if self.returns == Type::Void && self.params.is_empty() {
            return Err("returns: void needs a parameter to change in place".into());
        }
        if let Compare::Float(tolerance) = self.compare {
            if !(tolerance.is_finite() && tolerance >= 0.0) {
                return Err(format!("compare: float: {tolerance} is not a tolerance (a number, 0 or more)"));
            }
        }
        Ok(())
    }

    /// The name in snake_case (`twoSum` → `two_sum`), as Python's and Rust's style has it.
    pub fn snake_name(&self) -> String {
        snake_case(&self.name)
    }

    /// Checks a test's input: one JSON value per line, one line per parameter, each of its
    /// type. `Err` names the line and what is wrong.
    pub fn check_input(&self, input: &str) -> Result<Vec<Value>, String> {
        let lines: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.len() != self.params.len() {
            return Err(format!("{} lines, one per parameter of {}, expected; found {}", self.params.len(), self.name, lines.len()));
        }
        self.params
            .iter()
            .zip(lines)
            .enumerate()
            .map(|(i, (p, line))| {
                let value = json_line(i + 1, &p.name, line)?;
                p.ty.check(&value).map_err(|e| format!("line {} ({}): {e}", i + 1, p.name))?;
                Ok(value)
            })
            .collect()
    }
}

/// One method of a design problem's class.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    pub name: String,
    #[serde(default)]
    pub params: Vec<Param>,
    #[serde(deserialize_with = "type_from_name")]
    pub returns: Type,
}

/// A design problem's class: its constructor's parameters and its methods. The values the calls
/// return are compared exactly.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub name: String,
    #[serde(default)]
    pub constructor: Vec<Param>,
    pub methods: Vec<Method>,
}

impl Class {
    pub fn validate(&self) -> Result<(), String> {
        if !identifier(&self.name) {
            return Err(format!("name: {:?} is not an identifier", self.name));
        }
        validate_params(&self.constructor).map_err(|e| format!("constructor.{e}"))?;
        if self.methods.is_empty() {
            return Err("methods: a class needs at least one method".into());
        }
        for (i, m) in self.methods.iter().enumerate() {
            if !identifier(&m.name) || m.name == self.name {
                return Err(format!("methods[{i}].name: {:?} is not a method name", m.name));
            }
            if self.methods[..i].iter().any(|n| n.name == m.name) {
                return Err(format!("methods[{i}].name: {:?} is given twice", m.name));
            }
            validate_params(&m.params).map_err(|e| format!("methods[{i}].{e}"))?;
        }
        Ok(())
    }

    /// Checks a test's input: the calls (the constructor first) and their arguments, two lines
    /// of equal length, each call's arguments of its parameters' types.
    pub fn check_input(&self, input: &str) -> Result<(Vec<String>, Vec<Value>), String> {
        let lines: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
        let [calls, arguments] = lines[..] else {
            return Err(format!("2 lines, the calls and their arguments, expected; found {}", lines.len()));
        };
        let calls: Vec<String> = serde_json::from_value(json_line(1, "the calls", calls)?)
            .map_err(|_| "line 1: the calls are a list of names, e.g. [\"LRUCache\",\"get\"]".to_string())?;
        let Value::Array(arguments) = json_line(2, "the arguments", arguments)? else {
            return Err("line 2: the arguments are a list, one list per call".into());
        };
        if calls.len() != arguments.len() {
            return Err(format!("{} calls but {} argument lists", calls.len(), arguments.len()));
        }
        if calls.first() != Some(&self.name) {
            return Err(format!("line 1: the first call must be the constructor, {:?}", self.name));
        }
        for (i, (call, args)) in calls.iter().zip(&arguments).enumerate() {
            let params = if i == 0 {
                &self.constructor
            } else {
                match self.methods.iter().find(|m| &m.name == call) {
                    Some(m) => &m.params,
                    None => return Err(format!("call {i}: {call:?} is not a method of {}", self.name)),
                }
            };
            let Value::Array(args) = args else { return Err(format!("call {i} ({call}): its arguments are not a list")) };
            if args.len() != params.len() {
                return Err(format!("call {i} ({call}): {} arguments, expected {}", args.len(), params.len()));
            }
            for (p, a) in params.iter().zip(args) {
                p.ty.check(a).map_err(|e| format!("call {i} ({call}), {}: {e}", p.name))?;
            }
        }
        Ok((calls, arguments))
    }
}

/// What a LeetCode-style problem asks the candidate to write: a function or a class.
#[derive(Debug, Clone, Copy)]
pub enum Signature<'a> {
    Function(&'a Function),
    Class(&'a Class),
}

impl Signature<'_> {
    /// Checks a test's input against the signature.
    pub fn check_input(&self, input: &str) -> Result<(), String> {
        match self {
            Signature::Function(f) => f.check_input(input).map(drop),
            Signature::Class(c) => c.check_input(input).map(drop),
        }
    }

    /// Whether any parameter or return value is, or holds, `ty` (for the starter code's
    /// definitions of `ListNode` and `TreeNode`).
    pub fn uses(&self, ty: &Type) -> bool {
        let any = |params: &[Param], returns: &Type| returns.contains(ty) || params.iter().any(|p| p.ty.contains(ty));
        match self {
            Signature::Function(f) => any(&f.params, &f.returns),
            Signature::Class(c) => any(&c.constructor, &Type::Void) || c.methods.iter().any(|m| any(&m.params, &m.returns)),
        }
    }

    /// The function's or the class's name, as the problem gives it.
    pub fn name(&self) -> &str {
        match self {
            Signature::Function(f) => &f.name,
            Signature::Class(c) => &c.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_parse_leetcodes_names_and_refuse_others() {
        assert_eq!(Type::parse("integer[][]").unwrap(), Type::Array(Box::new(Type::Array(Box::new(Type::Integer)))));
        assert_eq!(Type::parse("ListNode[]").unwrap().to_string(), "ListNode[]");
        for bad in ["int", "integer[][][]", "void[]", "TreeNode[]", "ListNode[][]", "", "Integer"] {
            assert!(Type::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn values_fit_their_types_as_leetcode_encodes_them() {
        let t = |name: &str| Type::parse(name).unwrap();
        assert!(t("integer").check(&json!(2147483647)).is_ok());
        assert!(t("integer").check(&json!(2147483648_i64)).is_err());
        assert!(t("long").check(&json!(2147483648_i64)).is_ok());
        assert!(t("integer").check(&json!(1.5)).is_err());
        assert!(t("double").check(&json!(1)).is_ok());
        assert!(t("character").check(&json!("ab")).is_err());
        assert!(t("string[]").check(&json!(["a", "b"])).is_ok());
        let e = t("integer[][]").check(&json!([[1], [2, "x"]])).unwrap_err();
        assert!(e.contains("[1]: [1]: \"x\" is not integer"), "{e}");
        assert!(t("TreeNode").check(&json!([1, null, 2])).is_ok());
        assert!(t("TreeNode").check(&json!([])).is_ok());
        assert!(t("TreeNode").check(&json!([1, 2, null])).is_err(), "trailing nulls are trimmed");
        assert!(t("TreeNode").check(&json!([null])).is_err());
        assert!(t("ListNode").check(&json!([1, 2, 3])).is_ok());
        assert!(t("ListNode").check(&json!([1, null])).is_err());
    }

    fn two_sum() -> Function {
        serde_yaml::from_str(
            "name: twoSum\nparams: [{name: nums, type: \"integer[]\"}, {name: target, type: integer}]\nreturns: \"integer[]\"\ncompare: unordered\n",
        )
        .unwrap()
    }

    #[test]
    fn a_signature_reads_from_yaml_and_names_itself_in_snake_case() {
        let f = two_sum();
        assert_eq!((f.compare, f.returns.to_string(), f.snake_name()), (Compare::Unordered, "integer[]".into(), "two_sum".into()));
        assert!(f.validate().is_ok());
        let float: Function = serde_yaml::from_str("name: f\nparams: [{name: x, type: double}]\nreturns: double\ncompare: {float: 1e-5}\n").unwrap();
        assert_eq!(float.compare, Compare::Float(1e-5));
        let e = serde_yaml::from_str::<Function>("name: f\nparams: [{name: x, type: int}]\nreturns: void\n").unwrap_err();
        assert!(e.to_string().contains("unknown type \"int\""), "{e}");
    }

    #[test]
    fn signatures_keep_their_own_rules() {
        let mut f = two_sum();
        f.params[1].name = "nums".into();
        assert!(f.validate().unwrap_err().contains("given twice"));
        let mut f = two_sum();
        f.name = "two sum".into();
        assert!(f.validate().unwrap_err().starts_with("name:"));
        let void: Function = serde_yaml::from_str("name: f\nparams: []\nreturns: void\n").unwrap();
        assert!(void.validate().unwrap_err().contains("in place"));
    }

    #[test]
    fn a_tests_input_is_one_value_per_parameter_and_line() {
        let f = two_sum();
        assert_eq!(f.check_input("[2,7,11,15]\n9\n").unwrap(), vec![json!([2, 7, 11, 15]), json!(9)]);
        assert!(f.check_input("[2,7]\n").unwrap_err().contains("2 lines"));
        let e = f.check_input("[2,7]\n\"nine\"\n").unwrap_err();
        assert!(e.starts_with("line 2 (target):"), "{e}");
        assert_eq!(f.check_input("[2,7\n9\n").unwrap_err(), "line 1 (nums): not JSON: EOF while parsing a list at column 4");
    }

    fn lru() -> Class {
        serde_yaml::from_str(
            "name: LRUCache\nconstructor: [{name: capacity, type: integer}]\nmethods:\n  - {name: get, params: [{name: key, type: integer}], returns: integer}\n  - {name: put, params: [{name: key, type: integer}, {name: value, type: integer}], returns: void}\n",
        )
        .unwrap()
    }

    #[test]
    fn a_class_is_tested_with_calls_and_their_arguments() {
        let c = lru();
        assert!(c.validate().is_ok());
        let (calls, _) = c.check_input("[\"LRUCache\",\"put\",\"get\"]\n[[2],[1,1],[1]]\n").unwrap();
        assert_eq!(calls, ["LRUCache", "put", "get"]);
        let e = |input: &str| c.check_input(input).unwrap_err();
        assert!(e("[\"LRUCache\",\"pop\"]\n[[2],[]]\n").contains("\"pop\" is not a method of LRUCache"));
        assert!(e("[\"put\"]\n[[1,1]]\n").contains("must be the constructor"));
        assert!(e("[\"LRUCache\",\"get\"]\n[[2]]\n").contains("2 calls but 1 argument lists"));
        assert!(e("[\"LRUCache\",\"get\"]\n[[2],[\"k\"]]\n").starts_with("call 1 (get), key:"));
        assert!(e("[\"LRUCache\",\"put\"]\n[[2],[1]]\n").contains("1 arguments, expected 2"));
        let mut twice = lru();
        twice.methods.push(twice.methods[0].clone());
        assert!(twice.validate().unwrap_err().contains("given twice"));
    }
}
