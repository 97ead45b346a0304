//! Function and class problems, LeetCode-style: the candidate writes one function (or one class)
//! and a driver, generated from the problem's signature for each language, does the rest.
//!
//! Inside the box the driver reads the test's `.in` on stdin (one JSON value per line: the
//! arguments, or a class's calls and their arguments), converts them to the language's types,
//! calls the candidate's code and writes what came back to [`RESULT_FILE`] in its working
//! directory, which the runner collects after the run. The candidate's `print`s go to stdout as
//! in any program and are kept for samples (LeetCode's "stdout" panel); they cannot reach the
//! result. Code that writes the result file itself gains nothing it could not get by returning
//! that value, and the expected answer never enters the box: [`check`] compares outside.
//!
//! The result file holds one JSON object:
//! - `{"returned": V}`: the value the function returned, serialised by its declared type (a class
//!   problem's `V` lists every call's return value, `null` for the constructor and `void`s);
//! - `{"returned": V, "arguments": [A, ...]}`: also the arguments as they were after the call,
//!   when the function is `void` (the first one is its answer) or the problem forbids changing
//!   them;
//! - `{"error": "message"}`: the driver could not take what the candidate's code gave it (no
//!   such function, a value of the wrong type, a cyclic list); the test is a wrong answer that
//!   says so. The driver exits 0 then; an exception in the candidate's code is not caught, so it
//!   ends the program as a run-time error with its trace on stderr.

pub mod cpp;
pub mod go;
pub mod java;
pub mod javascript;
pub mod python;
pub mod rust;

pub use super::Program;
use crate::checker::{json_value, Check};
use crate::language::Language;
use crate::problem::signature::{Compare, Signature, Type};
use serde_json::Value;

/// Where the driver writes what the candidate's code returned, in the run's directory.
pub const RESULT_FILE: &str = "mockjudge-result.json";

/// The driver and build for `source` in `language`; `None` for a language without a driver.
pub fn program(language: Language, signature: Signature<'_>, source: &str, memory_mib: u64) -> Option<Program> {
    Some(match language {
        Language::Python => python::program(signature, source),
        Language::JavaScript => javascript::program(signature, source, memory_mib),
        Language::Java => java::program(signature, source, memory_mib),
        Language::Go => go::program(signature, source),
        Language::Cpp => cpp::program(signature, source),
        Language::Rust => rust::program(signature, source),
        Language::C | Language::Sqlite | Language::Postgresql => return None,
    })
}

/// Code to start from: the signature in the language's shape, which compiles and returns a
/// wrong answer (a default value) rather than crashing.
pub fn starter(language: Language, signature: Signature<'_>) -> Option<String> {
    Some(match language {
        Language::Python => python::starter(signature),
        Language::JavaScript => javascript::starter(signature),
        Language::Java => java::starter(signature),
        Language::Go => go::starter(signature),
        Language::Cpp => cpp::starter(signature),
        Language::Rust => rust::starter(signature),
        Language::C | Language::Sqlite | Language::Postgresql => return None,
    })
}

/// LeetCode's definitions of the node types `signature` uses, to show above its starter code
/// (the driver defines the types themselves): `list` and `tree` are them in the language's
/// words, as comments.
fn node_definitions(signature: Signature<'_>, list: &str, tree: &str) -> String {
    let mut s = String::new();
    if signature.uses(&Type::ListNode) {
        s.push_str(list);
    }
    if signature.uses(&Type::TreeNode) {
        s.push_str(tree);
    }
    s
}

/// What the candidate's code gave back on one test, read from the result file.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned {
    /// The value to check against the answer: the return value, or for a `void` function its
    /// first argument after the call.
    pub value: Value,
    /// The arguments after the call, when the driver reported them.
    pub arguments: Option<Vec<Value>>,
}

/// Reads the result file (`None` when the program did not write one). `Err` is the wrong
/// answer's message.
pub fn read_result(signature: Signature<'_>, result: Option<&[u8]>) -> Result<Returned, String> {
    let name = signature.name();
    let Some(bytes) = result else {
        return Err(format!("{name} did not return: the program ended before it did"));
    };
    let unreadable = |why: String| format!("the result of {name} could not be read ({why}); was it written over?");
    // Read as a Value and taken apart by hand: serde's untagged enums buffer the whole document
    // first, which for a result at the output cap (millions of `0,`) doubled the judge's memory.
    let Value::Object(mut outcome) = serde_json::from_slice(bytes).map_err(|e| unreadable(e.to_string()))? else {
        return Err(unreadable("not a JSON object".into()));
    };
    match (outcome.remove("returned"), outcome.remove("arguments"), outcome.remove("error")) {
        (None, _, Some(Value::String(error))) => Err(error),
        (None, _, _) => Err(unreadable("neither \"returned\" nor an \"error\" message".into())),
        (Some(returned), arguments, _) => {
            let arguments = match arguments {
                None | Some(Value::Null) => None,
                Some(Value::Array(a)) => Some(a),
                Some(_) => return Err(unreadable("\"arguments\" is not a list".into())),
            };
            let value = match signature {
                Signature::Function(f) if f.returns == Type::Void => match arguments.as_ref().and_then(|a| a.first()) {
                    Some(first) => first.clone(),
                    None => return Err(format!("{name} is void, but its changed argument was not reported")),
                },
                _ => returned,
            };
            Ok(Returned { value, arguments })
        }
    }
}

/// Checks what came back against the answer: by the signature's comparison, and, when the
/// problem forbids it, that no argument changed.
pub fn check(signature: Signature<'_>, input: &str, answer: &Value, returned: &Returned) -> Check {
    let compare = match signature {
        Signature::Function(f) => f.compare,
        Signature::Class(_) => Compare::Exact,
    };
    let check = json_value::check(answer, &returned.value, compare);
    if !check.accepted {
        return check;
    }
    if let Signature::Function(f) = signature {
        if f.forbid_input_mutation {
            let Ok(before) = f.check_input(input) else { return Check::reject("the test's input does not fit the signature") };
            let after = returned.arguments.as_deref().unwrap_or_default();
            for (i, p) in f.params.iter().enumerate() {
                let unchanged = after.get(i).is_some_and(|a| json_value::check(&before[i], a, Compare::Exact).accepted);
                if !unchanged {
                    return Check::reject(format!("{} changed its argument {}; it must leave its input as it was", f.name, p.name));
                }
            }
        }
    }
    check
}

/// Signatures the drivers' tests share.
#[cfg(test)]
pub(crate) mod examples {
    use crate::problem::signature::{Class, Function};

    pub fn function(yaml: &str) -> Function {
        serde_yaml::from_str(yaml).unwrap()
    }

    pub fn two_sum() -> Function {
        function("name: twoSum\nparams: [{name: nums, type: \"integer[]\"}, {name: target, type: integer}]\nreturns: \"integer[]\"\n")
    }

    pub fn lru() -> Class {
        serde_yaml::from_str("{name: LRUCache, constructor: [{name: capacity, type: integer}], methods: [{name: get, params: [{name: key, type: integer}], returns: integer}, {name: put, params: [{name: key, type: integer}, {name: value, type: integer}], returns: void}]}").unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::examples::function;
    use super::*;
    use serde_json::json;

    #[test]
    fn the_result_file_gives_the_value_or_the_drivers_complaint() {
        let f = function("name: twoSum\nparams: [{name: nums, type: \"integer[]\"}]\nreturns: \"integer[]\"\n");
        let sig = Signature::Function(&f);
        assert_eq!(read_result(sig, Some(br#"{"returned": [0, 1]}"#)).unwrap().value, json!([0, 1]));
        assert_eq!(read_result(sig, Some(br#"{"error": "twoSum returned str"}"#)).unwrap_err(), "twoSum returned str");
        assert!(read_result(sig, None).unwrap_err().contains("twoSum did not return"));
        assert!(read_result(sig, Some(b"[0, 1]")).unwrap_err().contains("could not be read"));
        assert!(read_result(sig, Some(br#"{"returned": [0"#)).unwrap_err().contains("could not be read"));
        assert!(read_result(sig, Some(br#"{"returned": [0, 1], "arguments": 3}"#)).unwrap_err().contains("could not be read"));
        assert!(read_result(sig, Some(br#"{"error": 3}"#)).unwrap_err().contains("could not be read"));
        assert!(read_result(sig, Some(br#"{}"#)).unwrap_err().contains("could not be read"));
        let deep = format!(r#"{{"returned": {}{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
        assert!(read_result(sig, Some(deep.as_bytes())).unwrap_err().contains("recursion limit"), "no stack overflow");
    }

    #[test]
    fn a_void_function_is_judged_on_its_first_argument() {
        let f = function("name: rotate\nparams: [{name: m, type: \"integer[][]\"}]\nreturns: void\n");
        let sig = Signature::Function(&f);
        let r = read_result(sig, Some(br#"{"returned": null, "arguments": [[[3, 1], [4, 2]]]}"#)).unwrap();
        assert!(check(sig, "[[1,2],[3,4]]\n", &json!([[3, 1], [4, 2]]), &r).accepted);
        assert!(read_result(sig, Some(br#"{"returned": null}"#)).unwrap_err().contains("not reported"));
    }

    #[test]
    fn forbidding_mutation_catches_a_changed_argument() {
        let f = function("name: subsets\nparams: [{name: nums, type: \"integer[]\"}, {name: k, type: integer}]\nreturns: integer\nforbid_input_mutation: true\n");
        let sig = Signature::Function(&f);
        let input = "[3,1,2]\n2\n";
        let kept = read_result(sig, Some(br#"{"returned": 7, "arguments": [[3, 1, 2], 2]}"#)).unwrap();
        assert!(check(sig, input, &json!(7), &kept).accepted);
        let sorted = read_result(sig, Some(br#"{"returned": 7, "arguments": [[1, 2, 3], 2]}"#)).unwrap();
        let c = check(sig, input, &json!(7), &sorted);
        assert_eq!(c.message.as_deref(), Some("subsets changed its argument nums; it must leave its input as it was"));
        let unreported = read_result(sig, Some(br#"{"returned": 7}"#)).unwrap();
        assert!(!check(sig, input, &json!(7), &unreported).accepted);
        assert!(!check(sig, input, &json!(8), &kept).accepted, "the value is still checked");
    }
}
