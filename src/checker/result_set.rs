//! Checking a query's result set against the expected one, outside the box, with the problem's
//! options (`compare:` in `interview.yaml`'s `database:`): rows in order or as a multiset or a
//! set, column names ignored, case-insensitive or exact, columns by position or by name, and
//! numbers exactly or within a tolerance. NULL (`null`) is never equal to `""`.
//!
//! A result set is JSON: `{"columns": ["name", ...], "rows": [[value, ...], ...]}`.

use super::Check;
use crate::problem::database::{ColumnNames, ColumnOrder, Duplicates, ResultCompare};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cmp::Ordering;

/// A query's result: its columns' names and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Compares `got` with `expected`; `ordered` says whether the rows' order counts (the
/// problem's `rows:` resolved against its reference query).
pub fn check(expected: &ResultSet, got: &ResultSet, compare: &ResultCompare, ordered: bool) -> Check {
    if got.columns.len() != expected.columns.len() {
        return Check::reject(format!(
            "{} ({}), expected {} ({})",
            count(got.columns.len(), "column"),
            got.columns.join(", "),
            expected.columns.len(),
            expected.columns.join(", ")
        ));
    }
    let same_name = |a: &str, b: &str| match compare.columns.names {
        ColumnNames::Ignore => true,
        ColumnNames::CaseInsensitive => a.eq_ignore_ascii_case(b),
        ColumnNames::Exact => a == b,
    };
    // Where each expected column is in `got`.
    let mut positions = Vec::with_capacity(expected.columns.len());
    for (i, name) in expected.columns.iter().enumerate() {
        let at = match compare.columns.order {
            ColumnOrder::Exact => Some(i).filter(|&i| same_name(&got.columns[i], name)),
            ColumnOrder::Any => got.columns.iter().position(|g| same_name(g, name)),
        };
        match at {
            Some(at) => positions.push(at),
            None => return Check::reject(format!("column {} is {:?}, expected {name:?}", i + 1, got.columns.get(i).map_or("", |c| c))),
        }
    }
    let tolerance = compare.float;
    let mut got_rows: Vec<Vec<&Value>> = got.rows.iter().map(|r| positions.iter().map(|&p| r.get(p).unwrap_or(&Value::Null)).collect()).collect();
    let mut expected_rows: Vec<Vec<&Value>> = expected.rows.iter().map(|r| r.iter().collect()).collect();
    if !ordered {
        got_rows.sort_by(|a, b| compare_rows(a, b));
        expected_rows.sort_by(|a, b| compare_rows(a, b));
    }
    if compare.duplicates == Duplicates::Set {
        got_rows.dedup_by(|a, b| same_row(a, b, tolerance));
        expected_rows.dedup_by(|a, b| same_row(a, b, tolerance));
    }
    if got_rows.len() != expected_rows.len() {
        return Check::reject(format!("{}, expected {}", count(got_rows.len(), "row"), expected_rows.len()));
    }
    match got_rows.iter().zip(&expected_rows).position(|(g, e)| !same_row(g, e, tolerance)) {
        None => Check::accept(),
        Some(i) => {
            let (which, how) = if ordered { (format!("row {}", i + 1), "") } else { ("a row".to_string(), " (rows in any order)") };
            Check::reject(format!("{which} is {}, expected {}{how}", quote(&got_rows[i]), quote(&expected_rows[i])))
        }
    }
}

/// "1 row", "2 rows".
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn same_row(a: &[&Value], b: &[&Value], tolerance: Option<f64>) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y, tolerance))
}

fn same_value(a: &Value, b: &Value, tolerance: Option<f64>) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (tolerance, integer(x), integer(y)) {
            // Integers exactly: as floats, 2^53 + 1 is 2^53.
            (None, Some(x), Some(y)) => x == y,
            _ => {
                let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
                match tolerance {
                    None => x == y,
                    Some(t) => (x - y).abs() <= t || (x - y).abs() <= t * y.abs(),
                }
            }
        },
        _ => a == b,
    }
}

fn integer(n: &serde_json::Number) -> Option<i128> {
    n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
}

/// A number's place in the sort: by value as a float, then integers before floats, then
/// integers exactly (a total order, so equal values sort alike on both sides).
fn number_key(n: &serde_json::Number) -> (f64, bool, i128) {
    let int = integer(n);
    (n.as_f64().unwrap_or(f64::NAN), int.is_none(), int.unwrap_or(0))
}

/// A total order on rows, so that unordered rows can be sorted on both sides alike: NULL first,
/// then numbers by value, then text, then anything else by its JSON.
fn compare_rows(a: &[&Value], b: &[&Value]) -> Ordering {
    a.iter().zip(b).map(|(x, y)| compare_values(x, y)).find(|o| o.is_ne()).unwrap_or(a.len().cmp(&b.len()))
}

fn compare_values(a: &Value, b: &Value) -> Ordering {
    let rank = |v: &Value| match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        _ => 4,
    };
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (number_key(x), number_key(y));
            x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2))
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)).then_with(|| a.to_string().cmp(&b.to_string())),
    }
}

fn quote(row: &[&Value]) -> String {
    let cells: Vec<String> = row.iter().map(|v| if v.is_null() { "NULL".into() } else { v.to_string() }).collect();
    format!("({})", cells.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(columns: &[&str], rows: Value) -> ResultSet {
        ResultSet { columns: columns.iter().map(|c| c.to_string()).collect(), rows: serde_json::from_value(rows).unwrap() }
    }

    fn ok(expected: &ResultSet, got: &ResultSet, compare: &ResultCompare, ordered: bool) -> bool {
        check(expected, got, compare, ordered).accepted
    }

    #[test]
    fn rows_compare_in_order_or_as_a_multiset() {
        let e = set(&["name", "total"], json!([["ann", 3], ["bo", 1]]));
        let swapped = set(&["name", "total"], json!([["bo", 1], ["ann", 3]]));
        let d = ResultCompare::default();
        assert!(ok(&e, &swapped, &d, false));
        let c = check(&e, &swapped, &d, true);
        assert_eq!(c.message.as_deref(), Some("row 1 is (\"bo\", 1), expected (\"ann\", 3)"));
        let twice = set(&["name", "total"], json!([["ann", 3], ["ann", 3], ["bo", 1]]));
        assert!(!ok(&e, &twice, &d, false), "a bag counts duplicates");
        let as_set = ResultCompare { duplicates: Duplicates::Set, ..d };
        assert!(ok(&e, &twice, &as_set, false));
    }

    #[test]
    fn null_is_not_empty_text_and_numbers_compare_by_value() {
        let d = ResultCompare::default();
        let e = set(&["x"], json!([[null], [2.5]]));
        assert!(!ok(&e, &set(&["x"], json!([[""], [2.5]])), &d, true));
        assert!(ok(&e, &set(&["X"], json!([[null], [2.50]])), &d, true), "names case-insensitive by default");
        assert!(!ok(&set(&["x"], json!([[1]])), &set(&["x"], json!([["1"]])), &d, true), "text is not a number");
        let loose = ResultCompare { float: Some(1e-6), ..d };
        assert!(ok(&set(&["x"], json!([[0.3]])), &set(&["x"], json!([[0.30000001]])), &loose, true));
        assert!(!ok(&set(&["x"], json!([[0.3]])), &set(&["x"], json!([[0.30000001]])), &d, true));
    }

    #[test]
    fn big_integers_compare_exactly_and_sort_alike() {
        let d = ResultCompare::default();
        let (big, next) = (9007199254740992i64, 9007199254740993i64);
        assert!(!ok(&set(&["x"], json!([[next]])), &set(&["x"], json!([[big]])), &d, true), "2^53 + 1 is not 2^53");
        assert!(!ok(&set(&["x"], json!([[i64::MAX]])), &set(&["x"], json!([[i64::MAX - 1]])), &d, true));
        let e = set(&["x"], json!([[next], [big], [9007199254740992.0]]));
        assert!(ok(&e, &set(&["x"], json!([[9007199254740992.0], [big], [next]])), &d, false), "any order");
        assert!(ok(&set(&["x"], json!([[1]])), &set(&["x"], json!([[1.0]])), &d, true), "1 is 1.0");
    }

    #[test]
    fn columns_by_position_or_by_name() {
        let e = set(&["id", "name"], json!([[1, "ann"]]));
        let turned = set(&["name", "id"], json!([["ann", 1]]));
        let d = ResultCompare::default();
        assert_eq!(check(&e, &turned, &d, true).message.as_deref(), Some("column 1 is \"name\", expected \"id\""));
        let any = ResultCompare { columns: crate::problem::database::Columns { order: ColumnOrder::Any, ..d.columns }, ..d };
        assert!(ok(&e, &turned, &any, true));
        let ignore = ResultCompare { columns: crate::problem::database::Columns { names: ColumnNames::Ignore, ..d.columns }, ..d };
        assert!(ok(&e, &set(&["a", "b"], json!([[1, "ann"]])), &ignore, true));
        assert!(check(&e, &set(&["id"], json!([[1]])), &d, true).message.unwrap().starts_with("1 column (id), expected 2 (id, name)"));
    }
}
