//! Bearer tokens and the rate limit.
//!
//! The instructor token (configured, never stored) may do everything. Candidate tokens are
//! made by the instructor (`POST /v1/tokens`), stored in Redis as their SHA-256 only, and see
//! only their own submissions. Each candidate token has a token bucket: `rate` requests a
//! second on average, `burst` at once. Buckets live in the API process, so with several API
//! processes behind a balancer a candidate gets up to that many times the rate; that keeps the
//! check off Redis on every request, and the limit is against abuse, not for billing.
//!
//! Event streams and `?wait=true` requests each hold a Redis connection of their own for as
//! long as they are open, so a candidate token may hold only a few at once.

use super::error::ApiError;
use super::AppState;
use crate::store::INSTRUCTOR;
use axum::http::{header, request::Parts, StatusCode};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Who made a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The owner recorded on submissions: the token's id, or [`INSTRUCTOR`].
    pub owner: String,
}

impl Caller {
    pub fn is_instructor(&self) -> bool {
        self.owner == INSTRUCTOR
    }

    /// Instructors may see everything; candidates their own.
    pub fn may_see(&self, owner: &str) -> bool {
        self.is_instructor() || self.owner == owner
    }

    pub fn require_instructor(&self, what: &str) -> Result<(), ApiError> {
        if self.is_instructor() {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!("{what} needs the instructor token")))
        }
    }
}

impl axum::extract::FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let header = parts.headers.get(header::AUTHORIZATION).ok_or_else(|| {
            ApiError::new(StatusCode::UNAUTHORIZED, "missing_token", "send `Authorization: Bearer <token>`")
        })?;
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.split_once(' '))
            // The scheme's name is case-insensitive (RFC 9110 §11.1).
            .and_then(|(scheme, token)| scheme.eq_ignore_ascii_case("bearer").then_some(token.trim()))
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::new(StatusCode::UNAUTHORIZED, "missing_token", "the Authorization header must be `Bearer <token>`")
            })?;
        if constant_time_eq(token.as_bytes(), state.config.admin_token.as_bytes()) {
            return Ok(Caller { owner: INSTRUCTOR.to_string() });
        }
        let info = state
            .store
            .token(token)
            .await?
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token", "the token is not known"))?;
        state.limiter.check(&info.id).map_err(ApiError::rate_limited)?;
        Ok(Caller { owner: info.id })
    }
}

/// Counts the event streams and waits each candidate holds open.
pub struct StreamLimiter {
    /// 0 turns the limit off.
    max: usize,
    open: Mutex<HashMap<String, usize>>,
}

/// One open stream or wait; dropping it frees the place.
pub struct StreamSlot {
    limiter: Arc<StreamLimiter>,
    owner: String,
}

impl StreamLimiter {
    pub fn new(max: usize) -> StreamLimiter {
        StreamLimiter { max, open: Mutex::new(HashMap::new()) }
    }

    /// A place for one more stream of `caller`'s, or 429 when they hold the most already.
    /// Instructors are not limited.
    pub fn open(self: &Arc<Self>, caller: &Caller) -> Result<Option<StreamSlot>, ApiError> {
        if self.max == 0 || caller.is_instructor() {
            return Ok(None);
        }
        let mut open = self.open.lock().expect("stream limiter lock");
        let count = open.entry(caller.owner.clone()).or_insert(0);
        if *count >= self.max {
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_streams",
                format!("this token holds {} event streams or waits open already; close one first", self.max),
            );
            e.retry_after = Some(1);
            return Err(e);
        }
        *count += 1;
        Ok(Some(StreamSlot { limiter: self.clone(), owner: caller.owner.clone() }))
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.limiter.open.lock().expect("stream limiter lock");
        if let Some(count) = open.get_mut(&self.owner) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.owner);
            }
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Per-token token buckets.
pub struct RateLimiter {
    /// Requests per second; 0 turns the limit off.
    rate: f64,
    burst: f64,
    // A std Mutex: held for a few arithmetic operations, never across an await.
    buckets: Mutex<HashMap<String, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub fn new(rate: f64, burst: u32) -> RateLimiter {
        RateLimiter { rate, burst: f64::from(burst.max(1)), buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one token from `key`'s bucket, or says in how many seconds one will be there.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut buckets = self.buckets.lock().expect("rate limiter lock");
        if buckets.len() > 100_000 {
            // Forget buckets that have refilled: they behave exactly like new ones.
            let (rate, burst) = (self.rate, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(key.to_string()).or_insert(Bucket { tokens: self.burst, at: now });
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * self.rate).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.rate).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Caller, RateLimiter, StreamLimiter};
    use crate::store::INSTRUCTOR;
    use std::sync::Arc;

    #[test]
    fn a_candidate_holds_at_most_max_streams_until_one_closes() {
        let limiter = Arc::new(StreamLimiter::new(2));
        let (ada, bo) = (Caller { owner: "ada".into() }, Caller { owner: "bo".into() });
        let first = limiter.open(&ada).unwrap();
        let _second = limiter.open(&ada).unwrap();
        assert_eq!(limiter.open(&ada).err().map(|e| e.code), Some("too_many_streams"));
        assert!(limiter.open(&bo).is_ok(), "places are per token");
        assert!(limiter.open(&Caller { owner: INSTRUCTOR.into() }).unwrap().is_none(), "instructors are not counted");
        drop(first);
        assert!(limiter.open(&ada).unwrap().is_some(), "a closed stream frees its place");
        assert!(Arc::new(StreamLimiter::new(0)).open(&ada).unwrap().is_none(), "0 is no limit");
    }

    #[test]
    fn a_bucket_allows_its_burst_then_says_when_to_retry() {
        let limiter = RateLimiter::new(0.5, 3);
        for _ in 0..3 {
            assert_eq!(limiter.check("a"), Ok(()));
        }
        assert_eq!(limiter.check("a"), Err(2));
        assert_eq!(limiter.check("b"), Ok(()), "buckets are per token");
        assert_eq!(RateLimiter::new(0.0, 1).check("a"), Ok(()), "rate 0 is off");
    }
}
