//! The default output validator of the Kattis format: compares whitespace-separated tokens.
//!
//! Flags: `case_sensitive` (otherwise letters compare case-insensitively),
//! `space_change_sensitive` (whitespace must match exactly), and `float_tolerance e`,
//! `float_relative_tolerance e`, `float_absolute_tolerance e`: where the judge's token is a
//! number, the team's must be a number within either tolerance.

use super::Check;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flags {
    pub case_sensitive: bool,
    pub space_change_sensitive: bool,
    pub relative_tolerance: Option<f64>,
    pub absolute_tolerance: Option<f64>,
}

impl Flags {
    /// Parses validator flags; an unknown flag or a bad number is an error naming it.
    pub fn parse(flags: &[String]) -> Result<Flags, String> {
        let mut out = Flags::default();
        let mut it = flags.iter();
        while let Some(flag) = it.next() {
            let mut number = |name: &str| -> Result<f64, String> {
                let v = it.next().ok_or_else(|| format!("{name} needs a value"))?;
                v.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .ok_or_else(|| format!("{name}: expected a non-negative number, got {v:?}"))
            };
            match flag.as_str() {
                "case_sensitive" => out.case_sensitive = true,
                "space_change_sensitive" => out.space_change_sensitive = true,
                "float_tolerance" => {
                    let e = number(flag)?;
                    out.relative_tolerance = Some(e);
                    out.absolute_tolerance = Some(e);
                }
                "float_relative_tolerance" => out.relative_tolerance = Some(number(flag)?),
                "float_absolute_tolerance" => out.absolute_tolerance = Some(number(flag)?),
                other => return Err(format!("unknown validator flag {other:?}")),
            }
        }
        Ok(out)
    }

    fn floats(&self) -> bool {
        self.relative_tolerance.is_some() || self.absolute_tolerance.is_some()
    }
}

/// Compares `output` with `answer`.
pub fn check(answer: &[u8], output: &[u8], flags: &Flags) -> Check {
    let answer = String::from_utf8_lossy(answer);
    let output = String::from_utf8_lossy(output);
    if flags.space_change_sensitive {
        return check_exact_spacing(&answer, &output, flags);
    }
    let mut expected = answer.split_whitespace();
    let mut got = output.split_whitespace();
    let mut index = 0;
    loop {
        index += 1;
        match (expected.next(), got.next()) {
            (None, None) => return Check::accept(),
            (Some(e), None) => return Check::reject(format!("output ended early: expected token {index} {}", quote(e))),
            (None, Some(g)) => return Check::reject(format!("too much output: token {index} {} after the answer", quote(g))),
            (Some(e), Some(g)) => {
                if let Some(why) = compare_token(e, g, flags) {
                    return Check::reject(format!("token {index}: {why}"));
                }
            }
        }
    }
}

/// Why token `got` does not match `expected`, or None if it does.
fn compare_token(expected: &str, got: &str, flags: &Flags) -> Option<String> {
    if flags.floats() {
        if let Ok(e) = expected.parse::<f64>() {
            let Ok(g) = got.parse::<f64>() else {
                return Some(format!("expected a number near {}, got {}", quote(expected), quote(got)));
            };
            let diff = (e - g).abs();
            let within = flags.absolute_tolerance.is_some_and(|t| diff <= t)
                || flags.relative_tolerance.is_some_and(|t| diff <= t * e.abs())
                || (e == g);
            return (!within).then(|| format!("expected {}, got {} (difference {diff:e})", quote(expected), quote(got)));
        }
    }
    let same = if flags.case_sensitive { expected == got } else { expected.eq_ignore_ascii_case(got) };
    (!same).then(|| format!("expected {}, got {}", quote(expected), quote(got)))
}

/// Space-change-sensitive comparison: tokens as above, and the whitespace between them equal.
fn check_exact_spacing(answer: &str, output: &str, flags: &Flags) -> Check {
    let pieces = |s: &str| -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let space = c.is_whitespace();
            match out.last_mut() {
                Some((was_space, piece)) if *was_space == space => piece.push(c),
                _ => out.push((space, c.to_string())),
            }
        }
        out
    };
    let (expected, got) = (pieces(answer), pieces(output));
    for (i, pair) in expected.iter().zip(&got).enumerate() {
        let why = match (pair.0, pair.1) {
            ((true, e), (true, g)) if e == g => None,
            ((false, e), (false, g)) => compare_token(e, g, flags),
            ((_, e), (_, g)) => Some(format!("expected {}, got {}", quote(e), quote(g))),
        };
        if let Some(why) = why {
            return Check::reject(format!("piece {}: {why}", i + 1));
        }
    }
    match expected.len().cmp(&got.len()) {
        std::cmp::Ordering::Equal => Check::accept(),
        std::cmp::Ordering::Greater => Check::reject("output ended early"),
        std::cmp::Ordering::Less => Check::reject("too much output after the answer"),
    }
}

/// A token for a message, shortened so that a huge token cannot flood a report.
fn quote(token: &str) -> String {
    const MAX: usize = 40;
    if token.chars().count() <= MAX {
        format!("{token:?}")
    } else {
        format!("{:?}…", token.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(s: &str) -> Flags {
        Flags::parse(&s.split_whitespace().map(String::from).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn tokens_compare_ignoring_whitespace_and_by_default_case() {
        assert!(check(b"1 2\n3\n", b"1\n2 3", &flags("")).accepted);
        assert!(check(b"Yes", b"YES", &flags("")).accepted);
        assert!(!check(b"Yes", b"YES", &flags("case_sensitive")).accepted);
        assert!(!check(b"1 2", b"1", &flags("")).accepted);
        assert!(!check(b"1", b"1 2", &flags("")).accepted);
        assert!(!check(b"1.0", b"1", &flags("")).accepted);
    }

    #[test]
    fn space_change_sensitive_compares_the_whitespace_too() {
        let f = flags("space_change_sensitive");
        assert!(check(b"1 2\n", b"1 2\n", &f).accepted);
        assert!(!check(b"1 2\n", b"1  2\n", &f).accepted);
        assert!(!check(b"1 2\n", b"1 2", &f).accepted);
    }

    #[test]
    fn numbers_pass_within_either_tolerance() {
        let f = flags("float_absolute_tolerance 1e-6");
        assert!(check(b"0.5", b"0.5000009", &f).accepted);
        assert!(!check(b"0.5", b"0.500002", &f).accepted);
        let f = flags("float_relative_tolerance 1e-6");
        assert!(check(b"1000000", b"1000000.9", &f).accepted);
        assert!(!check(b"1000000", b"1000002", &f).accepted);
        let f = flags("float_tolerance 1e-6");
        assert!(check(b"1e9", b"1000000000.5", &f).accepted);
        assert!(!check(b"2.5", b"abc", &f).accepted);
        assert!(check(b"word 2.5", b"WORD 2.5000001", &f).accepted);
    }

    #[test]
    fn bad_flags_are_named() {
        let err = Flags::parse(&["float_tolerance".into(), "x".into()]).unwrap_err();
        assert!(err.contains("float_tolerance") && err.contains("\"x\""), "{err}");
        assert!(Flags::parse(&["shout".into()]).unwrap_err().contains("shout"));
    }
}
