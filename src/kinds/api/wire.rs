//! HTTP/1.1 on the wire, outside the box: the bytes of each request the runner carries to the
//! candidate's server, and what its reply's bytes say. Every request asks for
//! `Connection: close`, so a reply ends where the server closes the connection; a body is read
//! by its `Content-Length` or its chunks. A reply that is not HTTP is the server's fault, and
//! says how.

use crate::problem::api::HttpRequest;
use serde_json::Value;

/// A request with its captured values in place, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// The path with its query string.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The step's request, `{{name}}`s filled from `captured` (by `fill` for text and
    /// [`fill_value`] for JSON).
    pub fn from_step(request: &HttpRequest, fill: &dyn Fn(&str) -> String, fill_value: &dyn Fn(&Value) -> Value) -> Request {
        let mut target = fill(&request.path);
        let query: Vec<String> = request
            .query
            .iter()
            .map(|(k, v)| {
                let v = match fill_value(v) {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                format!("{}={}", percent_encode(k), percent_encode(&v))
            })
            .collect();
        if !query.is_empty() {
            target.push(if target.contains('?') { '&' } else { '?' });
            target.push_str(&query.join("&"));
        }
        let mut headers: Vec<(String, String)> = request.headers.iter().map(|(k, v)| (k.clone(), fill(v))).collect();
        let body = match (&request.json, &request.body) {
            (Some(json), _) => {
                if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
                    headers.push(("Content-Type".into(), "application/json".into()));
                }
                fill_value(json).to_string().into_bytes()
            }
            (None, Some(body)) => fill(body).into_bytes(),
            (None, None) => Vec::new(),
        };
        Request { method: request.method.clone(), target, headers, body }
    }

    /// The request's bytes for a server on the loopback's `port`.
    pub fn to_bytes(&self, port: u16) -> Vec<u8> {
        let mut head = format!("{} {} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n", self.method, self.target);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !self.body.is_empty() || matches!(self.method.as_str(), "POST" | "PUT" | "PATCH") {
            head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        head.push_str("\r\n");
        [head.into_bytes(), self.body.clone()].concat()
    }

    /// The request as a `curl` command that sends it again, for a sample's feedback.
    pub fn to_curl(&self, port: u16) -> String {
        let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
        let mut words = vec!["curl".to_string(), "-i".into()];
        if self.method != "GET" || !self.body.is_empty() {
            words.extend(["-X".into(), self.method.clone()]);
        }
        words.push(quote(&format!("http://localhost:{port}{}", self.target)));
        for (name, value) in &self.headers {
            words.extend(["-H".into(), quote(&format!("{name}: {value}"))]);
        }
        if !self.body.is_empty() {
            words.extend(["--data-raw".into(), quote(&String::from_utf8_lossy(&self.body))]);
        }
        words.join(" ")
    }

    /// `GET /items/7`, for messages.
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.target)
    }
}

/// Percent-encodes a query's name or value (RFC 3986's unreserved characters stay).
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A reply, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    /// Header names in lowercase, in the order they came.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The reply as text for a sample's feedback: status line, headers, body (cut at `cap`).
    pub fn shown(&self, cap: usize) -> String {
        let mut text = format!("HTTP {}\n", self.status);
        for (k, v) in &self.headers {
            text.push_str(&format!("{k}: {v}\n"));
        }
        text.push('\n');
        let body = String::from_utf8_lossy(&self.body[..self.body.len().min(cap)]).into_owned();
        text.push_str(&body);
        if self.body.len() > cap {
            text.push_str(&format!("\n... ({} bytes in all)", self.body.len()));
        }
        text
    }
}

/// Reads a whole reply to a `method` request (the connection closed after it). `Err` says how
/// it is not HTTP.
pub fn parse_reply(method: &str, bytes: &[u8]) -> Result<Response, String> {
    let mut rest = bytes;
    loop {
        let (head_len, sep) = match head_end(rest) {
            Some(end) => end,
            None if rest.is_empty() => return Err("the server closed the connection without a reply".into()),
            None => return Err("the reply's headers do not end".into()),
        };
        let head = String::from_utf8_lossy(&rest[..head_len]).into_owned();
        let body = &rest[head_len + sep..];
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or_default();
        let status = status_code(status_line)
            .ok_or_else(|| format!("{:?} is not an HTTP status line", status_line.chars().take(80).collect::<String>()))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        // An interim reply (100 Continue) comes before the real one.
        if (100..200).contains(&status) {
            rest = body;
            continue;
        }
        let mut response = Response { status, headers, body: Vec::new() };
        // A reply to HEAD, a 204 and a 304 have no body, whatever their headers say of the one
        // a GET would get (RFC 9112, 6.3).
        let bodiless = method.eq_ignore_ascii_case("HEAD") || status == 204 || status == 304;
        response.body = if bodiless {
            Vec::new()
        } else if response.header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
            dechunk(body)?
        } else if let Some(length) = response.header("content-length") {
            let length: usize = Some(length)
                .filter(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|l| l.parse().ok())
                .ok_or_else(|| format!("Content-Length {length:?} is not a number"))?;
            if body.len() < length {
                return Err(format!("the body ended after {} of its {length} bytes", body.len()));
            }
            body[..length].to_vec()
        } else {
            body.to_vec()
        };
        return Ok(response);
    }
}

/// The code of a status line, `HTTP/1.x DDD` and a reason phrase or none.
fn status_code(line: &str) -> Option<u16> {
    let b = line.as_bytes();
    let well_formed = b.len() >= 12
        && b.starts_with(b"HTTP/1.")
        && b[7].is_ascii_digit()
        && b[8] == b' '
        && b[9..12].iter().all(u8::is_ascii_digit)
        && b.get(12).is_none_or(|&c| c == b' ');
    well_formed.then(|| line[9..12].parse().ok()).flatten()
}

/// Where the first head in `bytes` ends: its length and the blank line's (`\r\n\r\n` or
/// `\n\n`, whichever comes first). One pass that stops there, so that a reply of a great many
/// interim heads (`100 Continue` over and over) is read in time linear in its length.
fn head_end(bytes: &[u8]) -> Option<(usize, usize)> {
    (0..bytes.len()).find_map(|i| match &bytes[i..] {
        [b'\r', b'\n', b'\r', b'\n', ..] => Some((i, 4)),
        [b'\n', b'\n', ..] => Some((i, 2)),
        _ => None,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A chunked body's bytes.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = find(body, b"\r\n").ok_or("a chunked body that does not end")?;
        let size_text = String::from_utf8_lossy(&body[..line_end]);
        let digits = size_text.split(';').next().unwrap_or("").trim();
        // Hex digits only (no sign), and a size that fits: a server's `ffffffffffffffff` is a
        // chunk longer than any reply, not an overflow.
        let size = Some(digits)
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|d| usize::from_str_radix(d, 16).ok())
            .ok_or_else(|| format!("{size_text:?} is not a chunk size"))?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if body.len().saturating_sub(2) < size {
            return Err("a chunked body that does not end".into());
        }
        if &body[size..size + 2] != b"\r\n" {
            return Err("a chunk that does not end with CRLF where its size says".into());
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn parse(bytes: &[u8]) -> Result<Response, String> {
        parse_reply("GET", bytes)
    }

    #[test]
    fn a_request_is_written_with_its_query_body_and_length_and_as_curl() {
        let step = HttpRequest {
            method: "POST".into(),
            path: "/items/{{id}}".into(),
            query: BTreeMap::from([("q".to_string(), Value::String("a b&c".into())), ("n".to_string(), Value::from(2))]),
            headers: BTreeMap::from([("Authorization".to_string(), "Bearer {{token}}".to_string())]),
            json: Some(serde_json::json!({"name": "pen", "id": "{{id}}"})),
            body: None,
        };
        let fill = |s: &str| s.replace("{{id}}", "7").replace("{{token}}", "t0k'en");
        let fill_value = |v: &Value| serde_json::from_str(&fill(&v.to_string())).unwrap();
        let r = Request::from_step(&step, &fill, &fill_value);
        assert_eq!(r.target, "/items/7?n=2&q=a%20b%26c");
        let bytes = String::from_utf8(r.to_bytes(8080)).unwrap();
        assert!(bytes.starts_with("POST /items/7?n=2&q=a%20b%26c HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n"), "{bytes}");
        assert!(bytes.contains("Content-Type: application/json\r\n") && bytes.ends_with("Content-Length: 23\r\n\r\n{\"id\":\"7\",\"name\":\"pen\"}"), "{bytes}");
        assert_eq!(
            r.to_curl(8080),
            r#"curl -i -X POST 'http://localhost:8080/items/7?n=2&q=a%20b%26c' -H 'Authorization: Bearer t0k'\''en' -H 'Content-Type: application/json' --data-raw '{"id":"7","name":"pen"}'"#
        );
    }

    #[test]
    fn replies_are_read_by_length_by_chunks_or_to_the_end_and_broken_ones_say_how() {
        let r = parse(b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"id\": 1}").unwrap();
        assert_eq!((r.status, r.header("content-type"), r.json()), (201, Some("application/json"), Some(serde_json::json!({"id": 1}))));
        let r = parse(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, b"abcde".as_slice()));
        let r = parse(b"HTTP/1.0 404 Not Found\n\nno such item").unwrap();
        assert_eq!((r.status, r.body.as_slice()), (404, b"no such item".as_slice()));
        assert_eq!(parse(b"").unwrap_err(), "the server closed the connection without a reply");
        assert!(parse(b"hello\r\n\r\n").unwrap_err().contains("is not an HTTP status line"));
        assert_eq!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").unwrap_err(), "the body ended after 3 of its 10 bytes");
        assert_eq!(parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab").unwrap_err(), "a chunked body that does not end");
    }

    #[test]
    fn replies_to_head_and_204_and_304_have_no_body_whatever_their_length_says() {
        let head = parse_reply("HEAD", b"HTTP/1.1 200 OK\r\nContent-Length: 120\r\nContent-Type: application/json\r\n\r\n").unwrap();
        assert_eq!((head.status, head.header("content-length"), head.body.as_slice()), (200, Some("120"), b"".as_slice()));
        let chunked = parse_reply("HEAD", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
        assert!(chunked.body.is_empty());
        assert!(parse(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\nETag: \"x\"\r\n\r\n").unwrap().body.is_empty());
        assert!(parse(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n").unwrap().body.is_empty());
        assert_eq!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: 120\r\n\r\n").unwrap_err(), "the body ended after 0 of its 120 bytes", "a GET's reply has its body");
    }

    #[test]
    fn hostile_replies_are_refused_without_a_panic() {
        let chunked = |body: &[u8]| parse(&[b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".as_slice(), body].concat());
        // Chunk sizes that overflow (usize::MAX, and MAX - 1 + the CRLF) or do not fit at all.
        assert_eq!(chunked(b"ffffffffffffffff\r\nab").unwrap_err(), "a chunked body that does not end");
        assert_eq!(chunked(b"fffffffffffffffe\r\nab\r\n0\r\n\r\n").unwrap_err(), "a chunked body that does not end");
        assert!(chunked(b"10000000000000000\r\nab").unwrap_err().contains("is not a chunk size"));
        assert!(chunked(b"+3\r\nabc\r\n0\r\n\r\n").unwrap_err().contains("is not a chunk size"));
        assert!(chunked(b"\xff\xfe\r\nab").unwrap_err().contains("is not a chunk size"));
        // A chunk longer than its size says is not read past its size.
        assert_eq!(chunked(b"3\r\nabcXY0\r\n\r\n").unwrap_err(), "a chunk that does not end with CRLF where its size says");
        assert_eq!(chunked(b"3\r\nabc\r\n0\r\n\r\n").unwrap().body, b"abc");
        // Lengths that are not plain numbers, or too large for memory.
        assert_eq!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nabc").unwrap_err(), "Content-Length \"+2\" is not a number");
        assert_eq!(
            parse(b"HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\nab").unwrap_err(),
            "the body ended after 2 of its 18446744073709551615 bytes"
        );
        assert!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nab").unwrap_err().contains("is not a number"));
        // Status lines: not UTF-8, a sign, no space, a multi-byte character where the code is.
        for line in [&b"HTTP/1.1 \xff\xfe0 OK"[..], b"HTTP/1.1 +20 OK", b"HTTP/1.1x200x", b"HTTP/1.\xc3\xa9200 OK", b"HTTP/1.1 2000 OK", b"HTTP/1.1 20", b"HTTP/1.1"] {
            let reply = [line, b"\r\n\r\nab"].concat();
            assert!(parse(&reply).unwrap_err().contains("is not an HTTP status line"), "{:?}", String::from_utf8_lossy(line));
        }
        assert_eq!(parse(b"HTTP/1.1 204\r\n\r\n").unwrap().status, 204, "the reason phrase may be left out");
        // Header names and values that are not UTF-8 are read, not a panic.
        let r = parse(b"HTTP/1.1 200 OK\r\n\xff\xfe: \xc0\x80\r\n\r\n{}").unwrap();
        assert_eq!((r.status, r.headers.len()), (200, 1));
    }

    #[test]
    fn a_reply_of_a_great_many_interim_heads_is_read_in_linear_time() {
        // About 65,000 interim heads in 1 MiB, with no CRLF blank line to find: each head's
        // search used to scan the rest of the reply (minutes of one worker's time).
        let mut flood = Vec::new();
        while flood.len() < (1 << 20) - 64 {
            flood.extend_from_slice(b"HTTP/1.1 100 C\n\n");
        }
        let started = std::time::Instant::now();
        assert_eq!(parse(&flood).unwrap_err(), "the server closed the connection without a reply");
        flood.extend_from_slice(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        assert_eq!(parse(&flood).unwrap().body, b"{}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }
}

