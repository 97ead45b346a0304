//! Checking a function's returned value against the expected one, as JSON values, outside the
//! box: exactly (numbers by value), with the outer list as a multiset (`unordered`), with every
//! list as one (`unordered_nested`), or with numbers within a tolerance (`{float: e}`, absolute
//! or relative, as Kattis' default validator takes it).

use super::Check;
use crate::problem::signature::Compare;
use serde_json::Value;
use std::cmp::Ordering;

/// How much of a value a rejection message quotes.
const QUOTE_CHARS: usize = 120;

pub fn check(expected: &Value, got: &Value, compare: Compare) -> Check {
    let same = match compare {
        Compare::Exact => equal(expected, got, None),
        Compare::Float(tolerance) => equal(expected, got, Some(tolerance)),
        Compare::Unordered => match (expected, got) {
            (Value::Array(e), Value::Array(g)) => e.len() == g.len() && sorted(e).into_iter().zip(sorted(g)).all(|(e, g)| equal(e, g, None)),
            _ => equal(expected, got, None),
        },
        Compare::UnorderedNested => equal(&canonical(expected), &canonical(got), None),
    };
    if same {
        Check::accept()
    } else {
        Check::reject(format!("returned {}, expected {}", quote(got), quote(expected)))
    }
}

fn equal(a: &Value, b: &Value, tolerance: Option<f64>) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match tolerance {
            None => same_number(x, y),
            Some(t) => {
                let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
                (x - y).abs() <= t || (x - y).abs() <= t * x.abs()
            }
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y, tolerance)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w, tolerance)))
        }
        _ => a == b,
    }
}

/// Two numbers with the same value, exactly: an integer and a float are equal only when the
/// float is that very integer (2.0 is 2, but 9007199254740992.0 is not 9007199254740993, which
/// a float cannot hold: going through `f64` would call them equal).
fn same_number(x: &serde_json::Number, y: &serde_json::Number) -> bool {
    let integer = |n: &serde_json::Number| n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
    match (integer(x), integer(y)) {
        (Some(a), Some(b)) => a == b,
        (Some(i), None) | (None, Some(i)) => {
            let f = if integer(x).is_some() { y } else { x }.as_f64().unwrap_or(f64::NAN);
            // Within ±2^64 every float with no fraction is an integer that i128 holds exactly.
            f.fract() == 0.0 && f.abs() < 18446744073709551616.0 && f as i128 == i
        }
        (None, None) => x.as_f64() == y.as_f64(),
    }
}

/// A list's items in one order, whatever order they came in.
fn sorted(items: &[Value]) -> Vec<&Value> {
    let mut items: Vec<&Value> = items.iter().collect();
    items.sort_by(|a, b| order(a, b));
    items
}

/// The value with every list, at every depth, in one order.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(canonical).collect();
            items.sort_by(order);
            Value::Array(items)
        }
        other => other.clone(),
    }
}

/// A total order on values that calls two values equal exactly when [`equal`] without a
/// tolerance does (numbers by value, so 2 and 2.0 sort together), so that sorting two lists
/// lines up equal items. It allocates nothing: keying each item by its JSON text cost the judge
/// about 100 bytes per item of a returned list (600 MiB for a result at the 8 MiB output cap).
fn order(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            Value::Array(_) => 4,
            Value::Object(_) => 5,
        }
    }
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => number_order(x, y),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => {
            x.iter().zip(y).map(|(x, y)| order(x, y)).find(|o| o.is_ne()).unwrap_or_else(|| x.len().cmp(&y.len()))
        }
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .zip(y)
            .map(|((kx, vx), (ky, vy))| kx.cmp(ky).then_with(|| order(vx, vy)))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| x.len().cmp(&y.len())),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Numbers by value, exactly: integers (i64 or u64) as themselves, a float with no fraction as
/// the integer it is, any other float by its value.
fn number_order(x: &serde_json::Number, y: &serde_json::Number) -> Ordering {
    enum Exact {
        Integer(i128),
        Float(f64),
    }
    fn exact(n: &serde_json::Number) -> Exact {
        if let Some(i) = n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from)) {
            return Exact::Integer(i);
        }
        let f = n.as_f64().unwrap_or(0.0);
        // Below 2^127 a float with no fraction is an i128, exactly.
        if f.fract() == 0.0 && f.abs() < 1.7e38 {
            Exact::Integer(f as i128)
        } else {
            Exact::Float(f)
        }
    }
    // An integer beside a float with a fraction (so below 2^53) or past 2^127 never ties: the
    // integer's rounding cannot cross it.
    let float = |e: Exact| match e {
        Exact::Integer(i) => i as f64,
        Exact::Float(f) => f,
    };
    match (exact(x), exact(y)) {
        (Exact::Integer(a), Exact::Integer(b)) => a.cmp(&b),
        (a, b) => float(a).partial_cmp(&float(b)).unwrap_or(Ordering::Equal),
    }
}

fn quote(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn accepted(expected: Value, got: Value, compare: Compare) -> bool {
        check(&expected, &got, compare).accepted
    }

    #[test]
    fn exact_compares_numbers_by_value_and_lists_in_order() {
        assert!(accepted(json!([0, 1]), json!([0, 1]), Compare::Exact));
        assert!(accepted(json!(2.0), json!(2), Compare::Exact));
        assert!(!accepted(json!([0, 1]), json!([1, 0]), Compare::Exact));
        assert!(!accepted(json!([1]), json!([1, 1]), Compare::Exact));
        assert!(!accepted(json!(1), json!("1"), Compare::Exact), "a wrong type is a wrong answer");
        assert!(!accepted(json!(null), json!([]), Compare::Exact));
        assert!(!accepted(json!(9007199254740993_i64), json!(9007199254740992_i64), Compare::Exact), "longs compare exactly");
        assert!(!accepted(json!(9007199254740993_i64), json!(9007199254740992.0), Compare::Exact), "not through a float");
        assert!(!accepted(json!(9007199254740992.0), json!(9007199254740993_i64), Compare::Exact), "either way round");
        assert!(!accepted(json!(i64::MAX), json!(9223372036854775808_u64), Compare::Exact), "nor through a u64");
        assert!(!accepted(json!(i64::MAX), json!(9223372036854775807.0), Compare::Exact));
        assert!(accepted(json!(-3), json!(-3.0), Compare::Exact));
        assert!(accepted(json!(0), json!(-0.0), Compare::Exact));
        assert!(!accepted(json!(3), json!(3.5), Compare::Exact));
        assert!(accepted(json!(0.5), json!(0.5), Compare::Exact));
    }

    #[test]
    fn unordered_takes_the_outer_list_as_a_multiset() {
        assert!(accepted(json!([1, 2, 2]), json!([2, 1, 2]), Compare::Unordered));
        assert!(!accepted(json!([1, 2, 2]), json!([1, 1, 2]), Compare::Unordered));
        assert!(!accepted(json!([[1, 2]]), json!([[2, 1]]), Compare::Unordered), "inner lists keep their order");
        assert!(accepted(json!([[1, 2], [3]]), json!([[3], [1, 2]]), Compare::Unordered));
    }

    #[test]
    fn unordered_lines_up_numbers_by_value() {
        // Sorted by their JSON text, "-0.0" and "0" (or "2.0" and "10") fell in different places.
        assert!(accepted(json!([0, -1]), json!([-0.0, -1]), Compare::Unordered));
        assert!(accepted(json!([[2, 10], [1]]), json!([[1.0], [10, 2.0]]), Compare::UnorderedNested));
        assert!(accepted(json!([1, 9007199254740993_i64]), json!([9007199254740993_i64, 1.0]), Compare::Unordered));
        assert!(!accepted(json!([1, 9007199254740993_i64]), json!([9007199254740992.0, 1]), Compare::Unordered));
        assert!(accepted(json!([null, true, "a", [1], 1.5]), json!([1.5, [1], "a", true, null]), Compare::Unordered));
        assert!(!accepted(json!([[1, 2], [1]]), json!([[1], [1, 2, 3]]), Compare::UnorderedNested));
    }

    #[test]
    fn unordered_nested_takes_every_list_as_a_multiset() {
        assert!(accepted(json!([[1, 2], [3]]), json!([[3], [2, 1]]), Compare::UnorderedNested));
        assert!(!accepted(json!([[1, 2], [3]]), json!([[3, 1], [2]]), Compare::UnorderedNested));
    }

    #[test]
    fn float_passes_within_either_tolerance() {
        assert!(accepted(json!([1.0, 1000000.0]), json!([1.000001, 1000000.5]), Compare::Float(1e-5)));
        assert!(!accepted(json!(1.0), json!(1.1), Compare::Float(1e-5)));
        assert!(!accepted(json!([1.0]), json!([1.0, 2.0]), Compare::Float(1e-5)));
    }

    #[test]
    fn a_rejection_quotes_both_values_briefly() {
        let c = check(&json!([0, 1]), &json!("x".repeat(500)), Compare::Exact);
        let m = c.message.unwrap();
        assert!(m.starts_with("returned \"xxx") && m.ends_with("expected [0,1]") && m.contains('…'), "{m}");
        assert!(m.chars().count() < 300, "{m}");
    }
}
