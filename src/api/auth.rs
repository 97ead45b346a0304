//! Bearer tokens and the rate limits.
//!
//! The instructor token (configured, never stored) may do everything; it is compared in
//! constant time. Candidate tokens are made by the instructor (`POST /v1/tokens`), stored in
//! Redis as their SHA-256 only, and see only their own submissions.
//!
//! Two rate limits, each a token bucket per key (`rate` requests a second on average, `burst` at
//! once; governor's keyed limiters): one per client address (see [`super::address`]), checked
//! before anything else, so that a flood of made-up tokens is refused without a Redis lookup
//! each; then one per candidate token, after its lookup. Buckets live in the API process, so
//! with several API processes behind a balancer a client gets up to that many times the rate;
//! that keeps the checks off Redis, and the limits are against abuse, not for billing.
//!
//! Event streams and `?wait=true` requests each hold a Redis connection of their own for as
//! long as they are open, so a candidate token may hold only a few at once.

use super::address::limit_key;
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::store::Owner;
use axum::extract::ConnectInfo;
use axum::http::{header, request::Parts};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};
use secrecy::ExposeSecret;
use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use subtle::ConstantTimeEq;

/// Who made a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The owner recorded on the submissions it makes.
    pub owner: Owner,
    /// The one assessment a candidate token made for it may be used in.
    pub scope: Option<uuid::Uuid>,
}

impl Caller {
    pub fn is_instructor(&self) -> bool {
        self.owner == Owner::Instructor
    }

    /// Instructors may see everything; candidates their own.
    pub fn may_see(&self, owner: &Owner) -> bool {
        self.is_instructor() || self.owner == *owner
    }

    /// Practice (reading the bank, submitting or running outside an assessment) is not for a
    /// token made for one assessment: it reads only its open sections' problems, and everything
    /// it sends goes through that assessment's clock.
    pub fn require_practice(&self) -> Result<(), ApiError> {
        match self.scope {
            Some(id) => Err(ApiError::forbidden(format!("this token is for assessment {id}: read, submit and run under /v1/assessments/{id}/"))),
            None => Ok(()),
        }
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
        // Requests without a socket address (the router called in-process) share one bucket.
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let client = state.config.trusted_proxies.client(peer, &parts.headers);
        state.address_limiter.check(&limit_key(client)).map_err(|s| ApiError::rate_limited("from this address", s))?;
        let header = parts.headers.get(header::AUTHORIZATION).ok_or_else(|| {
            ApiError::new(ErrorCode::MissingToken, "send `Authorization: Bearer <token>`")
        })?;
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.split_once(' '))
            // The scheme's name is case-insensitive (RFC 9110 §11.1).
            .and_then(|(scheme, token)| scheme.eq_ignore_ascii_case("bearer").then_some(token.trim()))
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::new(ErrorCode::MissingToken, "the Authorization header must be `Bearer <token>`")
            })?;
        if bool::from(token.as_bytes().ct_eq(state.config.admin_token.expose_secret().as_bytes())) {
            return Ok(Caller { owner: Owner::Instructor, scope: None });
        }
        let info = state
            .store
            .token(token)
            .await?
            .ok_or_else(|| ApiError::new(ErrorCode::InvalidToken, "the token is not known"))?;
        state.token_limiter.check(&info.id).map_err(|s| ApiError::rate_limited("for this token", s))?;
        Ok(Caller { owner: Owner::Candidate(info.id), scope: info.assessment })
    }
}

/// Counts the event streams and waits each candidate holds open.
pub struct StreamLimiter {
    /// 0 turns the limit off.
    max: usize,
    open: Mutex<HashMap<Owner, usize>>,
}

/// One open stream or wait; dropping it frees the place.
pub struct StreamSlot {
    limiter: Arc<StreamLimiter>,
    owner: Owner,
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
            let mut e = ApiError::new(ErrorCode::TooManyStreams,
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

/// How often [`RateLimiter::check`] forgets the buckets that have refilled.
const PRUNE_EVERY: u64 = 10_000;

/// Token buckets by key.
pub struct RateLimiter<K: Hash + Eq + Clone> {
    /// None when the rate is 0 (or not a rate): no limit.
    buckets: Option<DefaultKeyedRateLimiter<K>>,
    checks: AtomicU64,
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    /// `rate` requests a second on average, `burst` at once.
    pub fn new(rate: f64, burst: u32) -> RateLimiter<K> {
        let quota = Duration::try_from_secs_f64(1.0 / rate).ok().and_then(Quota::with_period);
        let quota = quota.map(|q| q.allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN)));
        RateLimiter { buckets: quota.map(governor::RateLimiter::keyed), checks: AtomicU64::new(0) }
    }

    /// Takes one request from `key`'s bucket, or says in how many seconds (at least 1) there
    /// will be room.
    pub fn check(&self, key: &K) -> Result<(), u64> {
        let Some(buckets) = &self.buckets else { return Ok(()) };
        // Buckets that have refilled behave exactly like new ones: forgetting them now and then
        // keeps memory to the keys seen lately, however many there were.
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            buckets.retain_recent();
        }
        buckets.check_key(key).map_err(|full| full.wait_time_from(buckets.clock().now()).as_secs_f64().ceil().max(1.0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::{Caller, RateLimiter, StreamLimiter, PRUNE_EVERY};
    use crate::api::error::ErrorCode;
    use crate::store::Owner;
    use std::sync::Arc;

    #[test]
    fn a_candidate_holds_at_most_max_streams_until_one_closes() {
        let limiter = Arc::new(StreamLimiter::new(2));
        let candidate = |id: &str| Caller { owner: Owner::Candidate(id.into()), scope: None };
        let (ada, bo) = (candidate("ada"), candidate("bo"));
        let first = limiter.open(&ada).unwrap();
        let _second = limiter.open(&ada).unwrap();
        assert_eq!(limiter.open(&ada).err().map(|e| e.code), Some(ErrorCode::TooManyStreams));
        assert!(limiter.open(&bo).is_ok(), "places are per token");
        assert!(limiter.open(&Caller { owner: Owner::Instructor, scope: None }).unwrap().is_none(), "instructors are not counted");
        drop(first);
        assert!(limiter.open(&ada).unwrap().is_some(), "a closed stream frees its place");
        assert!(Arc::new(StreamLimiter::new(0)).open(&ada).unwrap().is_none(), "0 is no limit");
    }

    #[test]
    fn a_bucket_allows_its_burst_then_says_when_to_retry() {
        let limiter = RateLimiter::new(0.5, 3);
        for _ in 0..3 {
            assert_eq!(limiter.check(&"a"), Ok(()));
        }
        assert_eq!(limiter.check(&"a"), Err(2));
        assert_eq!(limiter.check(&"b"), Ok(()), "buckets are per key");
        assert_eq!(RateLimiter::new(0.0, 1).check(&"a"), Ok(()), "rate 0 is off");
        assert_eq!(RateLimiter::new(f64::NAN, 1).check(&"a"), Ok(()), "so is no rate");
    }

    #[test]
    fn refilled_buckets_are_forgotten_now_and_then_and_limited_ones_kept() {
        let limiter = RateLimiter::new(10.0, 1);
        let buckets = limiter.buckets.as_ref().unwrap();
        for key in 0..PRUNE_EVERY - 3 {
            assert_eq!(limiter.check(&key), Ok(()));
        }
        // governor forgets a bucket once it has been full for one period (here 0.1 s) or so.
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(limiter.check(&u64::MAX), Ok(()));
        assert!(limiter.check(&u64::MAX).is_err());
        assert_eq!(buckets.len(), PRUNE_EVERY as usize - 2);
        assert_eq!(limiter.check(&0), Ok(()), "the check that prunes, on a refilled bucket");
        assert_eq!(buckets.len(), 2, "the limited bucket and the one just used");
        assert!(limiter.check(&u64::MAX).is_err(), "a limited bucket is kept");
    }
}
