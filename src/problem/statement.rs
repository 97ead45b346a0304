//! The problem statement: Markdown (2023-07 and later) rendered to HTML, LaTeX (legacy) kept as
//! its source text, since rendering LaTeX faithfully needs a TeX toolchain we do not ship.

use super::ProblemError;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementFormat {
    Markdown,
    Latex,
}

#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub format: StatementFormat,
    pub source: String,
    /// HTML, for Markdown statements.
    pub html: Option<String>,
}

/// Finds the statement (English preferred) in `statement/` or `problem_statement/`.
pub fn load(problem_dir: &Path) -> Result<Option<Statement>, ProblemError> {
    for dir in ["statement", "problem_statement"] {
        for name in ["problem.en.md", "problem.md", "problem.en.tex", "problem.tex"] {
            let path = problem_dir.join(dir).join(name);
            if !path.is_file() {
                continue;
            }
            let source = std::fs::read_to_string(&path).map_err(|e| ProblemError::io(&path, e))?;
            return Ok(Some(if name.ends_with(".md") {
                let mut html = String::new();
                let parser = pulldown_cmark::Parser::new_ext(&source, pulldown_cmark::Options::all());
                pulldown_cmark::html::push_html(&mut html, parser);
                Statement { format: StatementFormat::Markdown, source, html: Some(html) }
            } else {
                Statement { format: StatementFormat::Latex, source, html: None }
            }));
        }
    }
    Ok(None)
}
