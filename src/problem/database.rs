//! A database problem's setup, from `interview.yaml`'s `database:`:
//!
//! ```yaml
//! kind: database
//! database:
//!   engines: [sqlite]              # the candidate picks one as the submission's language
//!   schema: schema.sql             # run before each test's data (a file in the problem folder)
//!   compare: {rows: auto, duplicates: bag, columns: {names: ignore, order: exact}, float: 1e-6}
//! reference: submissions/accepted/report.sql
//! ```
//!
//! A test's `.in` is SQL the judge runs first (the test's data); the candidate's query runs
//! after it, and its result set is compared with the `.ans`, a JSON object `{"columns": [...],
//! "rows": [[...], ...]}` (NULL is `null`, distinct from `""`), outside the box.
//!
//! `rows: auto` checks the rows' order only when the reference query ends with an `ORDER BY`
//! (Dodona's rule: without one, no database promises an order, and an order the author's
//! database happened to produce is the most common flake of SQL judges).

use crate::language::Language;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The engines a database problem can run on, as submission languages.
pub const ENGINES: [Language; 2] = [Language::Sqlite, Language::Postgresql];

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// The engines the problem supports (submission languages); default every one.
    #[serde(default = "all_engines")]
    pub engines: Vec<Language>,
    /// What the candidate writes: a query (the default) or a schema.
    #[serde(default)]
    pub task: Task,
    /// SQL run before each test's data: the tables the candidate queries (or, for a schema
    /// task, those their schema builds on).
    pub schema: Option<PathBuf>,
    #[serde(default)]
    pub compare: ResultCompare,
    /// For a query task: what its plan must (not) do on every test, e.g. `{no_scan: true}` for
    /// "rewrite the query so that it can use the index".
    #[serde(default)]
    pub plan: Option<PlanRule>,
    /// The schema's SQL, read when the problem loads.
    #[serde(skip)]
    pub schema_sql: String,
    /// Whether the rows' order counts: `compare.rows` resolved against the reference query.
    #[serde(skip)]
    pub ordered_rows: bool,
}

fn all_engines() -> Vec<Language> {
    ENGINES.to_vec()
}

/// What a database problem asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// A query: its last statement's rows are compared with each test's `.ans`.
    #[default]
    Query,
    /// A schema (tables, keys, constraints): each test's `.in` holds statements run against it
    /// one by one, and its `.ans` what each must do (see [`Step`]).
    Schema,
}

/// What a statement's plan must (not) do: read no table by a full scan, or `table` through an
/// index. SQLite's plan names a table by its alias where the query gives one, so steps that
/// name a table write their query without one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRule {
    /// No table (or only not this one) is read by a full scan.
    #[serde(default)]
    pub no_scan: bool,
    #[serde(default)]
    pub no_scan_of: Option<String>,
    /// This table is read through an index (a search, not a scan).
    #[serde(default)]
    pub uses_index_on: Option<String>,
}

impl PlanRule {
    /// Why `plan` (SQLite's EXPLAIN QUERY PLAN lines, or PostgreSQL's plan in their words)
    /// breaks the rule, if it does. A plan that calls a function of the candidate's (a line
    /// `FUNCTION name`) breaks every rule: what the function reads, the plan does not show.
    pub fn broken_by(&self, plan: &[String]) -> Option<String> {
        if let Some(name) = plan.iter().find_map(|l| l.strip_prefix("FUNCTION ")).filter(|_| *self != PlanRule::default()) {
            return Some(format!("the plan calls {name}, a function of yours, whose own reads a plan does not show"));
        }
        let scan = |line: &String, table: Option<&str>| {
            line.strip_prefix("SCAN ").is_some_and(|rest| table.is_none_or(|t| rest == t || rest.starts_with(&format!("{t} "))))
        };
        if let Some(line) = plan.iter().find(|l| self.no_scan && scan(l, None)) {
            return Some(format!("the plan reads a whole table ({line})"));
        }
        if let Some(t) = &self.no_scan_of {
            if let Some(line) = plan.iter().find(|l| scan(l, Some(t))) {
                return Some(format!("the plan reads all of {t} ({line})"));
            }
        }
        if let Some(t) = &self.uses_index_on {
            let search = |l: &String| l.strip_prefix("SEARCH ").and_then(|r| r.strip_prefix(t.as_str())).is_some_and(|r| r.starts_with(" USING"));
            if !plan.iter().any(search) {
                return Some(format!("the plan does not narrow its search of {t} with an index ({})", plan.join("; ")));
            }
        }
        None
    }
}

/// What one statement of a schema test must do, as a test's `.ans` lists them:
/// `[{"expect": "ok", "says": "a user can sign up"}, {"expect": "unique_violation", "says": "a
/// second user with the same email is refused"}, {"expect": "rows", "rows": [[1]], "says": ...}]`.
/// `expect` is `ok`, `rows`, `plan` (with a [`PlanRule`]'s fields: `{"expect": "plan",
/// "uses_index_on": "orders", "says": "a user's orders are found by an index"}`), a named
/// violation (`unique_violation`, `foreign_key_violation`, `not_null_violation`,
/// `check_violation`), a SQLSTATE (`23505`) or its class (`23`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub expect: String,
    /// For `rows`: the rows the statement returns, in any order.
    #[serde(default)]
    pub rows: Option<Vec<Vec<serde_json::Value>>>,
    /// For `plan`: the rule the statement's plan keeps.
    #[serde(flatten)]
    pub plan: PlanRule,
    /// What the step checks, in the problem's words: the feedback when it fails.
    pub says: String,
}

/// The SQLSTATEs of the violations a schema step may name.
pub const VIOLATIONS: [(&str, &str); 4] = [
    ("unique_violation", "23505"),
    ("foreign_key_violation", "23503"),
    ("not_null_violation", "23502"),
    ("check_violation", "23514"),
];

impl Step {
    /// Checks the expectation's own shape.
    pub fn validate(&self) -> Result<(), String> {
        let sqlstate = |s: &str| (s.len() == 2 || s.len() == 5) && s.chars().all(|c| c.is_ascii_alphanumeric());
        let known = matches!(self.expect.as_str(), "ok" | "rows" | "plan") || VIOLATIONS.iter().any(|(n, _)| *n == self.expect) || sqlstate(&self.expect);
        if !known {
            return Err(format!("expect: {:?} is not ok, rows, a violation's name or a SQLSTATE", self.expect));
        }
        if (self.expect == "rows") != self.rows.is_some() {
            return Err("rows: given with expect: rows, and only then".into());
        }
        if (self.expect == "plan") != (self.plan != PlanRule::default()) {
            return Err("no_scan, no_scan_of, uses_index_on: given with expect: plan, and only then".into());
        }
        Ok(())
    }
}

/// How a result set is compared with the expected one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResultCompare {
    pub rows: RowOrder,
    pub duplicates: Duplicates,
    pub columns: Columns,
    /// Numbers pass within this absolute or relative tolerance; exact when absent.
    pub float: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowOrder {
    /// Ordered when the reference query has a top-level `ORDER BY`.
    #[default]
    Auto,
    Ordered,
    Unordered,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duplicates {
    /// Rows as a multiset: a duplicate row counts.
    #[default]
    Bag,
    /// Rows as a set: duplicates do not matter.
    Set,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Columns {
    pub names: ColumnNames,
    pub order: ColumnOrder,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnNames {
    Ignore,
    #[default]
    CaseInsensitive,
    Exact,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnOrder {
    /// Columns are matched by name, in any order.
    Any,
    #[default]
    Exact,
}

impl Database {
    /// Checks a test's `.ans`: a result set for a query, the steps' expectations for a schema.
    pub fn check_answer(&self, answer: &[u8]) -> Result<(), String> {
        match self.task {
            Task::Query => serde_json::from_slice::<crate::checker::result_set::ResultSet>(answer)
                .map(drop)
                .map_err(|e| format!("not a result set ({{\"columns\": [...], \"rows\": [[...]]}}): {e}")),
            Task::Schema => {
                let steps: Vec<Step> = serde_json::from_slice(answer)
                    .map_err(|e| format!("not a list of steps ([{{\"expect\": ..., \"says\": ...}}]): {e}"))?;
                steps.iter().enumerate().try_for_each(|(i, s)| s.validate().map_err(|e| format!("step {}: {e}", i + 1)))
            }
        }
    }

    /// Reads the schema and resolves `rows: auto` against the reference query; `dir` is the
    /// problem folder. `Err` is (field, message).
    pub fn resolve(&mut self, dir: &Path, reference: Option<&Path>) -> Result<(), (&'static str, String)> {
        if let Some(schema) = &self.schema {
            let path = dir.join(schema);
            self.schema_sql = std::fs::read_to_string(&path).map_err(|e| ("database.schema", format!("{}: {e}", path.display())))?;
        }
        self.ordered_rows = match self.compare.rows {
            RowOrder::Ordered => true,
            RowOrder::Unordered => false,
            RowOrder::Auto if self.task == Task::Schema => false,
            RowOrder::Auto => {
                let reference = reference.ok_or(("reference", "rows: auto (the default) takes the order from the reference query: name one, or set compare.rows".to_string()))?;
                let sql = std::fs::read_to_string(dir.join(reference)).map_err(|e| ("reference", e.to_string()))?;
                orders_rows(&sql)
            }
        };
        Ok(())
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.engines.is_empty() {
            return Err("engines: name at least one of sqlite, postgresql".into());
        }
        if let Some(e) = self.engines.iter().find(|e| !ENGINES.contains(e)) {
            return Err(format!("engines: {e} is not a database engine; known: sqlite, postgresql"));
        }
        let c = &self.compare;
        if c.columns.order == ColumnOrder::Any && c.columns.names == ColumnNames::Ignore {
            return Err("compare.columns: columns in any order are matched by name, so names cannot be ignored".into());
        }
        if let Some(t) = c.float {
            if !(t.is_finite() && t >= 0.0) {
                return Err(format!("compare.float: {t} is not a tolerance (a number, 0 or more)"));
            }
        }
        Ok(())
    }
}

/// Whether the last statement of `sql` orders its rows: an `ORDER BY` outside parentheses,
/// strings, quoted names and comments.
pub fn orders_rows(sql: &str) -> bool {
    let statements = split_statements(sql);
    let Some(last) = statements.last() else { return false };
    let words = top_level_words(last);
    words.windows(2).any(|w| w[0] == "order" && w[1] == "by")
}

/// The statements of a script, split at `;` outside strings, quoted names and comments;
/// empty ones (only space or comments) dropped.
pub fn split_statements(sql: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut current = String::new();
    let mut code = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' => {
                current.push(c);
                code = true;
                for d in chars.by_ref() {
                    current.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                current.push(c);
                for d in chars.by_ref() {
                    current.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                current.push(c);
                let mut last = ' ';
                for d in chars.by_ref() {
                    current.push(d);
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
            }
            ';' => {
                if code {
                    statements.push(std::mem::take(&mut current).trim().to_string());
                } else {
                    current.clear();
                }
                code = false;
            }
            c => {
                current.push(c);
                code |= !c.is_whitespace();
            }
        }
    }
    if code {
        statements.push(current.trim().to_string());
    }
    statements
}

/// The lowercase words of a statement at parenthesis depth 0, outside strings and comments.
fn top_level_words(sql: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let mut chars = sql.chars().peekable();
    let flush = |word: &mut String, words: &mut Vec<String>, depth: usize| {
        if !word.is_empty() && depth == 0 {
            words.push(word.to_ascii_lowercase());
        }
        word.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' => {
                flush(&mut word, &mut words, depth);
                chars.by_ref().find(|&d| d == c);
            }
            '-' if chars.peek() == Some(&'-') => {
                flush(&mut word, &mut words, depth);
                chars.by_ref().find(|&d| d == '\n');
            }
            '/' if chars.peek() == Some(&'*') => {
                flush(&mut word, &mut words, depth);
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
            }
            '(' => {
                flush(&mut word, &mut words, depth);
                depth += 1;
            }
            ')' => {
                flush(&mut word, &mut words, depth);
                depth = depth.saturating_sub(1);
            }
            c if c.is_alphanumeric() || c == '_' => word.push(c),
            _ => flush(&mut word, &mut words, depth),
        }
    }
    flush(&mut word, &mut words, depth);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_by_counts_only_at_the_top_of_the_last_statement() {
        assert!(orders_rows("SELECT a FROM t ORDER BY a;"));
        assert!(orders_rows("select a from t order\n  by a desc"));
        assert!(!orders_rows("SELECT a FROM (SELECT a FROM t ORDER BY a LIMIT 3) s"));
        assert!(!orders_rows("SELECT 'order by' FROM t -- order by a\n"));
        assert!(!orders_rows("SELECT a FROM t ORDER BY a; SELECT b FROM u"));
        assert!(orders_rows("SELECT a, ROW_NUMBER() OVER (ORDER BY a) FROM t ORDER BY 2"));
        assert!(!orders_rows("SELECT a, ROW_NUMBER() OVER (ORDER BY a) FROM t"));
        assert!(!orders_rows("SELECT \"order\" by_ FROM t"));
    }

    #[test]
    fn statements_split_at_semicolons_outside_strings_and_comments() {
        let s = split_statements("INSERT INTO t VALUES ('a;b'); -- c; d\nSELECT 1; /* ; */ ;\n  ");
        assert_eq!(s, ["INSERT INTO t VALUES ('a;b')", "-- c; d\nSELECT 1"]);
        assert!(split_statements(" -- only a comment\n").is_empty());
    }

    #[test]
    fn compare_options_read_from_yaml_and_keep_their_rules() {
        let d: Database = serde_yaml::from_str("engines: [sqlite]\ncompare: {rows: unordered, duplicates: set, columns: {names: exact}, float: 1e-6}\n").unwrap();
        assert_eq!((d.compare.rows, d.compare.duplicates, d.compare.columns.names, d.compare.float), (RowOrder::Unordered, Duplicates::Set, ColumnNames::Exact, Some(1e-6)));
        assert!(d.validate().is_ok());
        let bad: Database = serde_yaml::from_str("compare: {columns: {names: ignore, order: any}}\n").unwrap();
        assert!(bad.validate().unwrap_err().contains("matched by name"));
        let python: Database = serde_yaml::from_str("engines: [python]\n").unwrap();
        assert!(python.validate().unwrap_err().contains("python is not a database engine"));
        assert!(serde_yaml::from_str::<Database>("compare: {rows: sorted}\n").is_err());
    }

    #[test]
    fn a_plan_rule_reads_sqlites_plan_lines() {
        let plan = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let no_scan = PlanRule { no_scan: true, ..Default::default() };
        assert_eq!(no_scan.broken_by(&plan(&["SCAN u", "SEARCH o USING INDEX ix (user_id=?)"])).unwrap(), "the plan reads a whole table (SCAN u)");
        assert!(no_scan.broken_by(&plan(&["SEARCH users USING INTEGER PRIMARY KEY (rowid=?)"])).is_none());
        let of_orders = PlanRule { no_scan_of: Some("orders".into()), ..Default::default() };
        assert!(of_orders.broken_by(&plan(&["SCAN orders_archive"])).is_none(), "another table");
        assert!(of_orders.broken_by(&plan(&["SCAN orders USING COVERING INDEX ix"])).is_some(), "a full index scan is a scan");
        let indexed = PlanRule { uses_index_on: Some("orders".into()), ..Default::default() };
        assert!(indexed.broken_by(&plan(&["SEARCH orders USING COVERING INDEX ix (user_id=?)"])).is_none());
        assert!(indexed.broken_by(&plan(&["SCAN orders"])).is_some());
        let step: Step = serde_json::from_str(r#"{"expect": "plan", "says": "x"}"#).unwrap();
        assert!(step.validate().unwrap_err().contains("given with expect: plan"));
        let step: Step = serde_json::from_str(r#"{"expect": "ok", "uses_index_on": "t", "says": "x"}"#).unwrap();
        assert!(step.validate().is_err());
        assert!(serde_json::from_str::<Step>(r#"{"expect": "plan", "uses_index": "t", "says": "x"}"#).is_err(), "a misspelt rule");
    }
}
