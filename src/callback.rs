//! Result callbacks: when a submission with a `callback_url` finishes, its result is POSTed
//! there, signed, with retries. Delivery runs on a task of its own, so a slow or failing
//! receiver never holds up judging; after the last retry the callback is given up (the result
//! stays in the store for the receiver to fetch).
//!
//! The signature is `X-Mockjudge-Signature: sha256=<hex HMAC-SHA256 of the body>` under the
//! service's callback secret, so a receiver can check the body came from us unaltered.

use crate::view::SubmissionView;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

pub const SIGNATURE_HEADER: &str = "x-mockjudge-signature";
/// Waits before each retry; the first try is immediate.
const BACKOFF: [Duration; 4] =
    [Duration::from_secs(1), Duration::from_secs(2), Duration::from_secs(4), Duration::from_secs(8)];
const TIMEOUT: Duration = Duration::from_secs(10);

/// `sha256=<hex>` of `body` under `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// POSTs `view` to `url` until a 2xx answer or the retries run out.
#[tracing::instrument(name = "callback", skip_all, fields(submission_id = %view.id, url))]
pub async fn deliver(url: String, view: SubmissionView, secret: SecretString) {
    let body = serde_json::to_vec(&view).expect("views serialize");
    let signed = signature(secret.expose_secret(), &body);
    let client = reqwest::Client::builder().timeout(TIMEOUT).build().expect("an HTTP client");
    for (attempt, wait) in std::iter::once(Duration::ZERO).chain(BACKOFF).enumerate() {
        tokio::time::sleep(wait).await;
        let sent = client
            .post(&url)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, &signed)
            .header("x-mockjudge-submission", view.id.to_string())
            .body(body.clone())
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => {
                tracing::info!(url, attempt = attempt + 1, "callback delivered");
                return;
            }
            Ok(r) => tracing::warn!(url, attempt = attempt + 1, status = %r.status(), "callback refused"),
            Err(e) => tracing::warn!(url, attempt = attempt + 1, error = %e, "callback failed"),
        }
    }
    tracing::error!(url, "callback given up after {} tries", BACKOFF.len() + 1);
}
