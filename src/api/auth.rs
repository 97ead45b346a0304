//! Bearer tokens and the rate limit.
//!
//! The instructor token (configured, never stored) may do everything. Candidate tokens are
//! made by the instructor (`POST /v1/tokens`), stored in Redis as their SHA-256 only, and see
//! only their own submissions. Each candidate token has a token bucket: `rate` requests a
//! second on average, `burst` at once. Buckets live in the API process, so with several API
//! processes behind a balancer a candidate gets up to that many times the rate; that keeps the
//! check off Redis on every request, and the limit is against abuse, not for billing.

use super::error::ApiError;
use super::AppState;
use crate::store::INSTRUCTOR;
use axum::http::{header, request::Parts, StatusCode};
use std::collections::HashMap;
use std::sync::Mutex;
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
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
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
    use super::RateLimiter;

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
