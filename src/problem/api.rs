//! API problems: the candidate writes an HTTP server, and each test is a scenario of requests
//! played against a fresh one, in the style authors know from Tavern, Step CI and Hurl.
//!
//! ```yaml
//! # interview.yaml
//! kind: api
//! api: {port: 8080, start_timeout: 5}     # the server listens on $PORT (default 8080)
//!
//! # data/secret/create-then-fetch.in: one scenario (its .ans stays empty)
//! name: create then fetch
//! category: correctness
//! steps:
//!   - says: an item can be created
//!     request: {method: POST, path: /items, json: {name: pen, price: 2.5}}
//!     expect:
//!       status: 201
//!       headers: {content-type: {match: '^application/json'}}
//!       body: {name: pen, id: {type: integer}}    # a subset unless strict: true
//!     capture: {item_id: $.id}
//!   - request: {method: GET, path: "/items/{{item_id}}"}
//!     expect: {status: 200, body: {id: "{{item_id}}", price: {gte: 0}}}
//! ```
//!
//! A scenario stays outside the box whole: only its requests go in, one step at a time, and
//! the judge holds each reply to the step's expectation (`crate::kinds::api`). A step may send
//! its request `repeat` times one after another (a rate limit), `concurrent` copies at once
//! (idempotency, races; `same: [$.id]` asks that they agree), or `retry` it until the
//! expectation holds. Strings may name captured values as `{{name}}`; a string that is only
//! that takes the captured value whole (a number stays a number).

use super::interview::Category;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// `interview.yaml`'s `api:` section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// The port the server listens on, given to it as `PORT`.
    #[serde(default = "default_port")]
    pub port: u16,
    /// Seconds the server may take to listen.
    #[serde(default = "default_start_timeout")]
    pub start_timeout: f64,
}

impl Default for Api {
    fn default() -> Self {
        Api { port: default_port(), start_timeout: default_start_timeout() }
    }
}

fn default_port() -> u16 {
    8080
}

fn default_start_timeout() -> f64 {
    5.0
}

impl Api {
    pub fn validate(&self) -> Result<(), String> {
        if self.port < 1024 {
            return Err(format!("port: {} is a privileged port; take one from 1024 up", self.port));
        }
        if !(self.start_timeout > 0.0 && self.start_timeout <= 60.0) {
            return Err(format!("start_timeout: {} is not a number of seconds from 0 to 60", self.start_timeout));
        }
        Ok(())
    }
}

/// One test: a scenario played against a fresh server.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: Option<String>,
    /// What the scenario checks, over the problem's own patterns for its tests.
    #[serde(default)]
    pub category: Option<Category>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What the step checks, in the problem's words (the feedback of a hidden test says this).
    #[serde(default)]
    pub says: Option<String>,
    pub request: HttpRequest,
    #[serde(default)]
    pub expect: Expect,
    /// Values of the reply's JSON body kept for later steps: name → path (`$.id`).
    #[serde(default)]
    pub capture: BTreeMap<String, String>,
    /// Send the request this many times, one after another; each reply is held to `expect`.
    #[serde(default = "one")]
    pub repeat: u32,
    /// Send this many copies at once, each on a connection of its own.
    #[serde(default = "one")]
    pub concurrent: u32,
    /// Send again (after `every_ms`) until the expectation holds, at most `times` in all.
    #[serde(default)]
    pub retry: Option<Retry>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    pub times: u32,
    #[serde(default = "default_every_ms")]
    pub every_ms: u64,
}

fn default_every_ms() -> u64 {
    100
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpRequest {
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub query: BTreeMap<String, Value>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// A JSON body (sent with `Content-Type: application/json` unless the headers say otherwise).
    #[serde(default)]
    pub json: Option<Value>,
    /// A body as it is (bad JSON, form data, a huge payload).
    #[serde(default)]
    pub body: Option<String>,
}

/// What a reply must be. Every part is optional; an empty expectation takes any reply.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// A status, or the statuses any of which will do.
    #[serde(default)]
    pub status: Option<Statuses>,
    /// Headers by name (any case): a value it must equal, or a matcher.
    #[serde(default)]
    pub headers: BTreeMap<String, Value>,
    /// The JSON body: objects are matched as a subset (unless `strict`), arrays element by
    /// element, and a mapping of matcher words (`{type: integer}`) as a matcher.
    #[serde(default)]
    pub body: Option<Value>,
    /// The body as text, for replies that are not JSON: a value or a matcher.
    #[serde(default)]
    pub text: Option<Value>,
    /// Objects in `body` may hold no keys beyond those given.
    #[serde(default)]
    pub strict: bool,
    /// For `repeat` and `concurrent`: these paths of the replies' bodies hold the same value.
    #[serde(default)]
    pub same: Vec<String>,
    /// The whole step (every copy of it) answered within this many milliseconds.
    #[serde(default)]
    pub within_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Statuses {
    One(u16),
    Any(Vec<u16>),
}

impl Statuses {
    pub fn allows(&self, status: u16) -> bool {
        match self {
            Statuses::One(s) => *s == status,
            Statuses::Any(list) => list.contains(&status),
        }
    }
}

impl std::fmt::Display for Statuses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Statuses::One(s) => write!(f, "{s}"),
            Statuses::Any(list) => f.write_str(&list.iter().map(u16::to_string).collect::<Vec<_>>().join(" or ")),
        }
    }
}

/// The words a mapping may use to be a matcher rather than an object to match.
pub const MATCHER_WORDS: [&str; 15] =
    ["type", "match", "eq", "ne", "gt", "gte", "lt", "lte", "length", "present", "absent", "one_of", "within", "contains", "excludes"];

/// Whether `value` is a matcher: a mapping whose keys are all matcher words.
pub fn is_matcher(value: &Value) -> bool {
    matches!(value, Value::Object(map) if !map.is_empty() && map.keys().all(|k| MATCHER_WORDS.contains(&k.as_str())))
}

/// The JSON types a `type` matcher names.
pub const TYPES: [&str; 7] = ["integer", "number", "string", "boolean", "array", "object", "null"];

/// A path into a JSON value: `$`, then `.name`, `['name']` or `[index]`.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Key(String),
    Index(usize),
}

/// Reads a path (`$.items[0].id`).
pub fn parse_path(path: &str) -> Result<Vec<PathPart>, String> {
    let bad = || format!("{path:?} is not a path ($, then .name, ['name'] or [index])");
    let mut rest = path.strip_prefix('$').ok_or_else(bad)?;
    let mut parts = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return Err(bad());
            }
            parts.push(PathPart::Key(after[..end].to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("['") {
            let end = after.find("']").ok_or_else(bad)?;
            parts.push(PathPart::Key(after[..end].to_string()));
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').ok_or_else(bad)?;
            parts.push(PathPart::Index(after[..end].parse().map_err(|_| bad())?));
            rest = &after[end + 1..];
        } else {
            return Err(bad());
        }
    }
    Ok(parts)
}

/// The value at `path` in `value`, if there is one.
pub fn at<'a>(value: &'a Value, path: &[PathPart]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, part| match part {
        PathPart::Key(k) => v.get(k),
        PathPart::Index(i) => v.get(i),
    })
}

/// Reads and checks a scenario (a test's `.in`).
pub fn parse_scenario(text: &str) -> Result<Scenario, String> {
    let scenario: Scenario = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    if scenario.steps.is_empty() {
        return Err("steps: a scenario has at least one".into());
    }
    let mut captured: Vec<&str> = Vec::new();
    for (i, step) in scenario.steps.iter().enumerate() {
        step.validate(&captured).map_err(|e| format!("steps[{i}]: {e}"))?;
        captured.extend(step.capture.keys().map(String::as_str));
    }
    Ok(scenario)
}

/// The `{{name}}`s a text uses.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split("{{").skip(1).filter_map(|s| s.split_once("}}").map(|(name, _)| name.trim()))
}

impl Step {
    fn validate(&self, captured: &[&str]) -> Result<(), String> {
        let r = &self.request;
        if r.method.is_empty() || !r.method.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!("request.method: {:?} is not a method (GET, POST, ...)", r.method));
        }
        if !r.path.starts_with('/') || r.path.contains([' ', '\r', '\n']) {
            return Err(format!("request.path: {:?} is not a path (it starts with / and holds no spaces)", r.path));
        }
        if r.json.is_some() && r.body.is_some() {
            return Err("request: a body is json or body, not both".into());
        }
        if let Some((name, _)) = r.headers.iter().find(|(k, v)| k.is_empty() || k.contains([':', ' ', '\r', '\n']) || v.contains(['\r', '\n'])) {
            return Err(format!("request.headers: {name:?} is not a header line"));
        }
        let mut texts = vec![r.path.clone()];
        texts.extend(r.headers.values().cloned());
        texts.extend(r.query.values().map(Value::to_string));
        texts.extend(r.json.iter().map(Value::to_string));
        texts.extend(r.body.clone());
        texts.extend(self.expect.body.iter().chain(&self.expect.text).chain(self.expect.headers.values()).map(Value::to_string));
        for text in &texts {
            if let Some(name) = placeholders(text).find(|n| !captured.contains(n)) {
                return Err(format!("{{{{{name}}}}} is not captured by an earlier step"));
            }
        }
        for path in self.capture.values().chain(&self.expect.same) {
            parse_path(path)?;
        }
        if self.repeat == 0 || self.concurrent == 0 || self.repeat > 1000 || self.concurrent > 64 {
            return Err("repeat is 1 to 1000 and concurrent 1 to 64".into());
        }
        if self.repeat > 1 && self.concurrent > 1 {
            return Err("a step repeats its request or sends copies at once, not both".into());
        }
        if self.retry.as_ref().is_some_and(|r| r.times == 0 || r.times > 100 || r.every_ms > 10_000) {
            return Err("retry: times is 1 to 100, every_ms at most 10000".into());
        }
        if let Some(Statuses::Any(list)) = &self.expect.status {
            if list.is_empty() {
                return Err("expect.status: name at least one".into());
            }
        }
        for value in self.expect.body.iter().chain(&self.expect.text).chain(self.expect.headers.values()) {
            check_matchers(value)?;
        }
        Ok(())
    }
}

/// Checks the matchers inside an expected value: known words, and arguments of the right kind.
fn check_matchers(value: &Value) -> Result<(), String> {
    if is_matcher(value) {
        let map = value.as_object().expect("a matcher is a mapping");
        if let Some(t) = map.get("type") {
            if !t.as_str().is_some_and(|t| TYPES.contains(&t)) {
                return Err(format!("type: {t} is not one of {}", TYPES.join(", ")));
            }
        }
        if let Some(m) = map.get("match") {
            let pattern = m.as_str().ok_or("match: a regular expression, as a string")?;
            regex::Regex::new(pattern).map_err(|e| format!("match: {e}"))?;
        }
        for word in ["gt", "gte", "lt", "lte", "within"] {
            if map.get(word).is_some_and(|v| !v.is_number()) {
                return Err(format!("{word}: a number"));
            }
        }
        if map.contains_key("within") && !map.contains_key("eq") {
            return Err("within: a tolerance for eq, which is missing".into());
        }
        if map.get("length").is_some_and(|v| !v.is_u64()) {
            return Err("length: a count".into());
        }
        if map.get("one_of").is_some_and(|v| !v.is_array()) {
            return Err("one_of: a list of values".into());
        }
        return Ok(());
    }
    match value {
        Value::Object(map) => map.values().try_for_each(check_matchers),
        Value::Array(items) => items.iter().try_for_each(check_matchers),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_reads_and_its_mistakes_name_the_step_and_field() {
        let ok = "name: create then fetch\nsteps:\n  - request: {method: POST, path: /items, json: {name: pen}}\n    expect: {status: 201, body: {id: {type: integer}}}\n    capture: {item_id: $.id}\n  - request: {method: GET, path: \"/items/{{item_id}}\"}\n    expect: {status: [200, 304], body: {id: \"{{item_id}}\"}}\n";
        let s = parse_scenario(ok).unwrap();
        assert_eq!(s.steps.len(), 2);
        assert!(s.steps[1].expect.status.as_ref().unwrap().allows(304));
        for (text, said) in [
            ("steps: []\n", "steps: a scenario has at least one"),
            ("steps:\n  - request: {method: get, path: /x}\n", "steps[0]: request.method"),
            ("steps:\n  - request: {method: GET, path: x}\n", "steps[0]: request.path"),
            ("steps:\n  - request: {method: GET, path: \"/x/{{id}}\"}\n", "steps[0]: {{id}} is not captured by an earlier step"),
            ("steps:\n  - request: {method: GET, path: /x}\n    expect: {body: {id: {type: int}}}\n", "steps[0]: type: \"int\" is not one of"),
            ("steps:\n  - request: {method: GET, path: /x}\n    capture: {id: id}\n", "steps[0]: \"id\" is not a path"),
            ("steps:\n  - request: {method: GET, path: /x}\n    repeat: 2\n    concurrent: 2\n", "not both"),
            ("steps:\n  - request: {method: GET, path: /x, verb: 1}\n", "unknown field `verb`"),
        ] {
            let e = parse_scenario(text).unwrap_err();
            assert!(e.contains(said), "{text}: {e}");
        }
    }

    #[test]
    fn paths_read_keys_and_indexes() {
        let v: Value = serde_json::json!({"items": [{"id": 7}], "a b": 1});
        assert_eq!(at(&v, &parse_path("$.items[0].id").unwrap()), Some(&serde_json::json!(7)));
        assert_eq!(at(&v, &parse_path("$['a b']").unwrap()), Some(&serde_json::json!(1)));
        assert_eq!(at(&v, &parse_path("$").unwrap()), Some(&v));
        assert_eq!(at(&v, &parse_path("$.items[1]").unwrap()), None);
        for bad in ["items", "$..x", "$.", "$[x]", "$['a"] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_mapping_of_matcher_words_is_a_matcher_and_others_are_objects() {
        assert!(is_matcher(&serde_json::json!({"type": "integer", "gte": 0})));
        assert!(!is_matcher(&serde_json::json!({"type": "integer", "name": "x"})));
        assert!(!is_matcher(&serde_json::json!({})));
    }
}
