//! One error type for the API and one JSON shape for it: `{"error": {"code", "message"}}`
//! (plus `details` where a client can act on them). Failures of ours are answered without
//! their cause, which rides along on the response to [`log_server_errors`]: the one place that
//! logs them, once each, inside the request's span.

use super::AppState;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;
use utoipa::ToSchema;

#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub details: Option<serde_json::Value>,
    /// Seconds, for 429 and 503.
    pub retry_after: Option<u64>,
    /// What went wrong on our side, for the log; never sent.
    pub cause: Option<Cause>,
}

/// Every error code the API answers with, each with its one status: a code and its status can
/// never disagree, and the OpenAPI document lists them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    MalformedJson,
    UnreadableBody,
    InvalidSlug,
    InvalidId,
    InvalidPath,
    InvalidQuery,
    InvalidCursor,
    InvalidIdempotencyKey,
    InvalidLastEventId,
    MissingToken,
    InvalidToken,
    Forbidden,
    UnknownProblem,
    UnknownSubmission,
    UnknownRun,
    NotFound,
    MethodNotAllowed,
    BodyTimeout,
    IdempotencyKeyReused,
    PayloadTooLarge,
    UnknownLanguage,
    EmptySource,
    SourceTooLarge,
    InvalidBody,
    InvalidCallbackUrl,
    InvalidName,
    InvalidInput,
    UnknownTemplate,
    InvalidTemplate,
    UnknownAssessment,
    InvalidReview,
    NotStarted,
    AlreadyStarted,
    AlreadyFinished,
    AssessmentClosed,
    LastSection,
    RateLimited,
    TooManyStreams,
    Internal,
    Unavailable,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        use ErrorCode::*;
        match self {
            MalformedJson | UnreadableBody | InvalidSlug | InvalidId | InvalidPath | InvalidQuery | InvalidCursor
            | InvalidIdempotencyKey | InvalidLastEventId => StatusCode::BAD_REQUEST,
            MissingToken | InvalidToken => StatusCode::UNAUTHORIZED,
            Forbidden => StatusCode::FORBIDDEN,
            UnknownProblem | UnknownSubmission | UnknownRun | UnknownTemplate | UnknownAssessment | NotFound => StatusCode::NOT_FOUND,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            IdempotencyKeyReused | NotStarted | AlreadyStarted | AlreadyFinished | AssessmentClosed | LastSection => StatusCode::CONFLICT,
            PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnknownLanguage | EmptySource | SourceTooLarge | InvalidBody | InvalidCallbackUrl | InvalidName | InvalidInput
            | InvalidTemplate | InvalidReview => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            RateLimited | TooManyStreams => StatusCode::TOO_MANY_REQUESTS,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// The cause of a 5xx answer, carried in the response's extensions to [`log_server_errors`].
#[derive(Debug, Clone)]
pub struct Cause(Arc<anyhow::Error>);

/// The body of every error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable.
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), details: None, retry_after: None, cause: None }
    }

    pub fn status(&self) -> StatusCode {
        self.code.status()
    }

    pub fn with_details(mut self, details: serde_json::Value) -> ApiError {
        self.details = Some(details);
        self
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Forbidden, message)
    }

    /// Redis does not answer.
    pub fn unavailable() -> ApiError {
        let mut e = ApiError::new(ErrorCode::Unavailable, "the store is unavailable; retry shortly");
        e.retry_after = Some(1);
        e
    }

    /// 500 for a failure of ours; `cause` goes to the log, not to the client.
    pub fn internal(cause: anyhow::Error) -> ApiError {
        let mut e = ApiError::new(ErrorCode::Internal, "internal error; it has been logged");
        e.cause = Some(Cause(Arc::new(cause)));
        e
    }

    /// 429 for a rate limit; `whom` is "for this token" or "from this address".
    pub fn rate_limited(whom: &str, retry_after: u64) -> ApiError {
        let mut e = ApiError::new(ErrorCode::RateLimited,
            format!("too many requests {whom}; retry in {retry_after} s"),
        );
        e.retry_after = Some(retry_after);
        e
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> ApiError {
        let mut answer = match &e {
            crate::store::StoreError::Redis(r) if r.is_io_error() || r.is_connection_dropped() || r.is_timeout() => {
                ApiError::unavailable()
            }
            _ => ApiError::new(ErrorCode::Internal, "internal error; it has been logged"),
        };
        answer.cause = Some(Cause(Arc::new(e.into())));
        answer
    }
}

impl From<BytesRejection> for ApiError {
    fn from(r: BytesRejection) -> ApiError {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(ErrorCode::PayloadTooLarge, "the request body is over the size limit")
        } else {
            ApiError::new(ErrorCode::UnreadableBody, r.body_text())
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::new(ErrorCode::InvalidQuery, r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> ApiError {
        ApiError::new(ErrorCode::InvalidPath, r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = ErrorBody {
            error: ErrorDetail { code: self.code, message: self.message, details: self.details },
        };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Some(cause) = self.cause {
            response.extensions_mut().insert(cause);
        }
        response
    }
}

/// Logs every 5xx answer once, with its cause when it has one (a panic's message is printed by
/// the panic hook).
pub async fn log_server_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if status.is_server_error() {
        let cause = response.extensions().get::<Cause>().map(|Cause(e)| tracing::field::display(e));
        tracing::error!(status = status.as_u16(), error = cause, "request failed");
    }
    response
}

/// A JSON body, parsed whatever its content type, with errors in our shape: a syntax error is
/// 400 with the parser's message, a well-formed body of the wrong shape is 422. The whole body
/// must arrive within the body timeout (408 otherwise), so a client cannot hold a connection by
/// trickling it.
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<AppState> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &AppState) -> Result<Self, ApiError> {
        let limit = state.config.body_timeout;
        let bytes = tokio::time::timeout(limit, axum::body::Bytes::from_request(req, state)).await.map_err(|_| {
            ApiError::new(ErrorCode::BodyTimeout, format!("the request body did not arrive within {limit:?}"))
        })??;
        serde_json::from_slice(&bytes).map(Json).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => ApiError::new(ErrorCode::InvalidBody, e.to_string()),
            _ => ApiError::new(ErrorCode::MalformedJson, e.to_string()),
        })
    }
}

/// Query strings and paths parsed with errors in our shape.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> axum::extract::FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Query(q) = axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Query(q))
    }
}

pub struct Path<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> axum::extract::FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(p) = axum::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(Path(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;
    use std::sync::Mutex;

    /// Log lines written by the test's subscriber.
    #[derive(Clone, Default)]
    struct Logs(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Logs {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_server_error_is_logged_once_with_its_cause_and_answered_without_it() {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        // The test's runtime has one thread, so the server below logs to this subscriber.
        let _logging = tracing::subscriber::set_default(subscriber);
        let refused = || StoreError::Redis(redis::RedisError::from(std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused")));
        let app = axum::Router::new()
            .route("/down", axum::routing::get(move || async move { Err::<(), _>(ApiError::from(refused())) }))
            .route("/bad", axum::routing::get(|| async { Err::<(), _>(ApiError::new(ErrorCode::InvalidQuery, "a client's fault")) }))
            .layer(axum::middleware::from_fn(log_server_errors));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });

        let r = reqwest::get(format!("{base}/down")).await.unwrap();
        assert_eq!((r.status(), r.headers()["retry-after"].to_str().unwrap()), (StatusCode::SERVICE_UNAVAILABLE, "1"));
        let body = r.text().await.unwrap();
        assert!(!body.contains("refused"), "the cause stays with us: {body}");
        assert_eq!(reqwest::get(format!("{base}/bad")).await.unwrap().status(), StatusCode::BAD_REQUEST);

        let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
        assert_eq!(logs.lines().count(), 1, "one line, for the 503 only:\n{logs}");
        assert!(logs.contains("request failed") && logs.contains("status=503") && logs.contains("connection refused"), "{logs}");
    }
}
