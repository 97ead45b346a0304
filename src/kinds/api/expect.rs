//! Holding a reply to a step's expectation, outside the box, and saying how it falls short:
//! `status 200, expected 404`, `$.id is "7", expected an integer`, `$.items has 3 elements,
//! expected 2`. Values captured from earlier replies fill the expectation's `{{name}}`s first.

use super::wire::Response;
use crate::problem::api::{is_matcher, Expect};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Values captured from earlier replies, by name.
pub type Captured = BTreeMap<String, Value>;

/// `text` with each `{{name}}` replaced by its captured value (text as it is, other values as
/// JSON).
pub fn fill(text: &str, captured: &Captured) -> String {
    let (mut out, mut rest) = (String::new(), text);
    while let Some((start, len)) = rest.find("{{").and_then(|start| Some((start, rest[start..].find("}}")?))) {
        out.push_str(&rest[..start]);
        match captured.get(rest[start + 2..start + len].trim()) {
            Some(Value::String(s)) => out.push_str(s),
            Some(value) => out.push_str(&value.to_string()),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out + rest
}

/// `value` with its `{{name}}`s filled: a string that is only one takes the captured value
/// whole (a number stays a number), other strings are filled as text.
pub fn fill_value(value: &Value, captured: &Captured) -> Value {
    match value {
        Value::String(s) => {
            let trimmed = s.trim();
            let whole = trimmed.strip_prefix("{{").and_then(|r| r.strip_suffix("}}")).filter(|n| !n.contains("{{"));
            match whole.and_then(|name| captured.get(name.trim())) {
                Some(v) => v.clone(),
                None => Value::String(fill(s, captured)),
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| fill_value(v, captured)).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), fill_value(v, captured))).collect()),
        other => other.clone(),
    }
}

/// Why `response` does not meet `expect`, if it does not.
pub fn unmet(expect: &Expect, response: &Response, captured: &Captured) -> Option<String> {
    if let Some(statuses) = &expect.status {
        if !statuses.allows(response.status) {
            return Some(format!("status {}, expected {statuses}", response.status));
        }
    }
    for (name, expected) in &expect.headers {
        let expected = fill_value(expected, captured);
        let got = response.header(name).map(|v| Value::String(v.to_string()));
        if let Err(why) = match_value(&expected, got.as_ref(), &format!("the {name} header"), false) {
            return Some(why);
        }
    }
    if let Some(expected) = &expect.body {
        let Some(body) = response.json() else {
            return Some(format!("the body is not JSON: {}", quote_text(&response.body)));
        };
        if let Err(why) = match_value(&fill_value(expected, captured), Some(&body), "$", expect.strict) {
            return Some(why);
        }
    }
    if let Some(expected) = &expect.text {
        let text = Value::String(String::from_utf8_lossy(&response.body).into_owned());
        if let Err(why) = match_value(&fill_value(expected, captured), Some(&text), "the body", false) {
            return Some(why);
        }
    }
    None
}

/// Holds `got` (absent: `None`) at `path` to `expected`: a matcher, an object as a subset (all of
/// it with `strict`), an array element by element, or a value it must equal.
pub fn match_value(expected: &Value, got: Option<&Value>, path: &str, strict: bool) -> Result<(), String> {
    if is_matcher(expected) {
        return matcher(expected.as_object().expect("a matcher is a mapping"), got, path);
    }
    let Some(got) = got else { return Err(format!("{path} is missing")) };
    match (expected, got) {
        (Value::Object(want), Value::Object(have)) => {
            for (key, value) in want {
                match_value(value, have.get(key), &child(path, key), strict)?;
            }
            match have.keys().find(|k| strict && !want.contains_key(*k)) {
                Some(extra) => Err(format!("{} is there, and no more keys were expected", child(path, extra))),
                None => Ok(()),
            }
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                return Err(format!("{path} has {} elements, expected {}", have.len(), want.len()));
            }
            want.iter().zip(have).enumerate().try_for_each(|(i, (w, h))| match_value(w, Some(h), &format!("{path}[{i}]"), strict))
        }
        (want, have) if same(want, have) => Ok(()),
        (want, have) => Err(format!("{path} is {}, expected {}", show(have), show(want))),
    }
}

fn child(path: &str, key: &str) -> String {
    if key.chars().all(|c| c.is_alphanumeric() || c == '_') && !key.is_empty() {
        format!("{path}.{key}")
    } else {
        format!("{path}['{key}']")
    }
}

/// Equal JSON values, numbers by value (1 and 1.0 alike).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        _ => a == b,
    }
}

fn matcher(m: &Map<String, Value>, got: Option<&Value>, path: &str) -> Result<(), String> {
    if m.get("absent") == Some(&Value::Bool(true)) || m.get("present") == Some(&Value::Bool(false)) {
        return match got {
            None => Ok(()),
            Some(v) => Err(format!("{path} is {}, expected none", show(v))),
        };
    }
    let Some(got) = got else { return Err(format!("{path} is missing")) };
    let fails = |what: String| Err(format!("{path} is {}, expected {what}", show(got)));
    if let Some(Value::String(t)) = m.get("type") {
        if !has_type(got, t) {
            return fails(article(t));
        }
    }
    if let Some(Value::String(pattern)) = m.get("match") {
        let matches = got.as_str().is_some_and(|s| regex::Regex::new(pattern).is_ok_and(|re| re.is_match(s)));
        if !matches {
            return fails(format!("text matching /{pattern}/"));
        }
    }
    if let Some(want) = m.get("eq") {
        let close = match (m.get("within").and_then(Value::as_f64), want.as_f64(), got.as_f64()) {
            (Some(t), Some(w), Some(g)) => (w - g).abs() <= t,
            _ => same(want, got),
        };
        if !close {
            let within = m.get("within").map(|t| format!(" (within {t})")).unwrap_or_default();
            return fails(format!("{}{within}", show(want)));
        }
    }
    if let Some(want) = m.get("ne") {
        if same(want, got) {
            return fails(format!("anything but {}", show(want)));
        }
    }
    for (word, words, holds) in [
        ("gt", "more than", (|g: f64, w: f64| g > w) as fn(f64, f64) -> bool),
        ("gte", "at least", |g, w| g >= w),
        ("lt", "less than", |g, w| g < w),
        ("lte", "at most", |g, w| g <= w),
    ] {
        if let Some(want) = m.get(word).and_then(Value::as_f64) {
            if !got.as_f64().is_some_and(|g| holds(g, want)) {
                return fails(format!("{words} {want}"));
            }
        }
    }
    if let Some(want) = m.get("length").and_then(Value::as_u64) {
        let length = match got {
            Value::Array(a) => Some(a.len()),
            Value::String(s) => Some(s.chars().count()),
            Value::Object(o) => Some(o.len()),
            _ => None,
        };
        if length != Some(want as usize) {
            return match length {
                Some(n) => Err(format!("{path} has length {n}, expected {want}")),
                None => fails(format!("something of length {want}")),
            };
        }
    }
    // Text holds (or not) a piece of text; an array, an element.
    let holds = |piece: &Value| match got {
        Value::String(s) => piece.as_str().is_some_and(|p| s.contains(p)),
        Value::Array(items) => items.iter().any(|i| same(i, piece)),
        _ => false,
    };
    if let Some(piece) = m.get("contains") {
        if !holds(piece) {
            return fails(format!("something holding {}", show(piece)));
        }
    }
    if let Some(piece) = m.get("excludes") {
        if holds(piece) {
            return Err(format!("{path} holds {}, which it must not", show(piece)));
        }
    }
    if let Some(Value::Array(options)) = m.get("one_of") {
        if !options.iter().any(|o| same(o, got)) {
            return fails(format!("one of {}", options.iter().map(show).collect::<Vec<_>>().join(", ")));
        }
    }
    Ok(())
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn article(t: &str) -> String {
    match t {
        "integer" | "array" | "object" => format!("an {t}"),
        "null" => "null".into(),
        _ => format!("a {t}"),
    }
}

/// A value as JSON, cut short for a message.
pub fn show(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        format!("{}...", text.chars().take(77).collect::<String>())
    } else {
        text
    }
}

/// Bytes as quoted text, cut short for a message.
pub fn quote_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let cut: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        format!("{cut:?}...")
    } else {
        format!("{cut:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reply(status: u16, body: &str) -> Response {
        Response { status, headers: vec![("content-type".into(), "application/json".into())], body: body.as_bytes().to_vec() }
    }

    fn expect(yaml: &str) -> Expect {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn status_headers_and_body_are_held_to_the_step_and_say_how_they_fall_short() {
        let captured = Captured::from([("id".to_string(), json!(7))]);
        let e = expect("{status: 200, headers: {Content-Type: {match: '^application/json'}}, body: {id: '{{id}}', price: {type: number, gte: 0}}}");
        assert_eq!(unmet(&e, &reply(200, r#"{"id": 7, "price": 2.5, "extra": true}"#), &captured), None, "a subset");
        assert_eq!(unmet(&e, &reply(404, "{}"), &captured).unwrap(), "status 404, expected 200");
        assert_eq!(unmet(&e, &reply(200, r#"{"id": "7", "price": 1}"#), &captured).unwrap(), r#"$.id is "7", expected 7"#);
        assert_eq!(unmet(&e, &reply(200, r#"{"id": 7, "price": -1}"#), &captured).unwrap(), "$.price is -1, expected at least 0");
        assert_eq!(unmet(&e, &reply(200, r#"{"id": 7}"#), &captured).unwrap(), "$.price is missing");
        assert_eq!(unmet(&e, &reply(200, "not json"), &captured).unwrap(), r#"the body is not JSON: "not json""#);
        let text = Response { status: 200, headers: vec![], body: b"{\"id\": 7, \"price\": 1}".to_vec() };
        assert_eq!(unmet(&e, &text, &captured).unwrap(), "the Content-Type header is missing");
        let strict = expect("{body: {id: 7}, strict: true}");
        assert_eq!(unmet(&strict, &reply(200, r#"{"id": 7, "secret": "x"}"#), &captured).unwrap(), "$.secret is there, and no more keys were expected");
    }

    #[test]
    fn matchers_cover_types_ranges_lengths_choices_and_absence() {
        let check = |m: Value, got: Option<Value>| match_value(&m, got.as_ref(), "$.x", false);
        assert!(check(json!({"type": "integer"}), Some(json!(3))).is_ok());
        assert_eq!(check(json!({"type": "integer"}), Some(json!(3.5))).unwrap_err(), "$.x is 3.5, expected an integer");
        assert_eq!(check(json!({"length": 2}), Some(json!([1, 2, 3]))).unwrap_err(), "$.x has length 3, expected 2");
        assert!(check(json!({"eq": 0.3, "within": 0.01}), Some(json!(0.305))).is_ok());
        assert_eq!(check(json!({"one_of": ["a", "b"]}), Some(json!("c"))).unwrap_err(), r#"$.x is "c", expected one of "a", "b""#);
        assert!(check(json!({"absent": true}), None).is_ok());
        assert_eq!(check(json!({"absent": true}), Some(json!("pw"))).unwrap_err(), r#"$.x is "pw", expected none"#);
        assert_eq!(check(json!({"ne": 1}), Some(json!(1))).unwrap_err(), "$.x is 1, expected anything but 1");
        assert!(check(json!({"contains": "secret", "excludes": "password"}), Some(json!("a secret"))).is_ok());
        assert_eq!(check(json!({"excludes": "secret"}), Some(json!("the secret"))).unwrap_err(), r#"$.x holds "secret", which it must not"#);
        assert!(check(json!({"contains": 2}), Some(json!([1, 2]))).is_ok());
        assert!(check(json!([1, {"type": "string"}]), Some(json!([1.0, "s"]))).is_ok());
        assert_eq!(check(json!([1]), Some(json!([1, 2]))).unwrap_err(), "$.x has 2 elements, expected 1");
    }

    #[test]
    fn captured_values_fill_text_and_whole_values() {
        let captured = Captured::from([("id".to_string(), json!(7)), ("token".to_string(), json!("abc"))]);
        assert_eq!(fill("/items/{{id}}?t={{ token }}", &captured), "/items/7?t=abc");
        assert_eq!(fill_value(&json!({"id": "{{id}}", "note": "id {{id}}"}), &captured), json!({"id": 7, "note": "id 7"}));
    }
}
