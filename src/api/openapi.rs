//! The OpenAPI 3 document, generated from the handlers' annotations and the types they take and
//! return (utoipa), served at `/openapi.json`. The answers every route of a kind can give
//! (a token's, a JSON body's) are added here once, so that no handler can leave them out;
//! `tests/schemathesis.sh` checks the live API against the document.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, HeaderBuilder, Object, Ref, Response, ResponseBuilder, Type};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "mockjudge", description = "A mock-interview coding judge: submit solutions, follow their judging, read the results."),
    paths(
        super::problems::languages,
        super::problems::list,
        super::problems::show,
        super::submissions::create,
        super::submissions::list,
        super::submissions::show,
        super::events::stream,
        super::runs::create,
        super::runs::show,
        super::tokens::create,
        super::reports::templates,
        super::assessments::create,
        super::reports::list,
        super::reports::export,
        super::assessments::show,
        super::assessments::start,
        super::assessments::advance,
        super::assessments::finish,
        super::assessments::problem,
        super::assessments::submit,
        super::assessments::run,
        super::assessments::integrity,
        super::reports::review,
        super::reports::report,
        super::ops::healthz,
        super::ops::readyz,
        super::ops::metrics,
    ),
    modifiers(&Bearer, &CommonAnswers, &EventStreams)
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// What a route that takes a token can answer besides its own: every one looks the token up in
/// Redis and rate-limits it.
const TOKEN_ANSWERS: [(u16, &str); 3] = [
    (401, "no bearer token (`missing_token`), or one we do not know (`invalid_token`)"),
    (429, "over the token's rate (`rate_limited`), or holding `--max-streams` streams and waits (`too_many_streams`); `Retry-After` says when to come back"),
    (503, "Redis is unreachable (`unavailable`); `Retry-After: 1`"),
];

/// What a route that reads a JSON body can answer besides its own.
const BODY_ANSWERS: [(u16, &str); 4] = [
    (400, "the body is not JSON (`malformed_json`) or could not be read (`unreadable_body`)"),
    (408, "the body did not arrive within `--body-timeout` (`body_timeout`)"),
    (413, "the body is over the size limit (`payload_too_large`)"),
    (422, "the body is JSON of the wrong shape (`invalid_body`)"),
];

struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for operation in [&mut item.get, &mut item.post, &mut item.put].into_iter().flatten() {
                let token = operation.security.is_some().then_some(TOKEN_ANSWERS.as_slice());
                let body = operation.request_body.is_some().then_some(BODY_ANSWERS.as_slice());
                for &(status, description) in token.into_iter().chain(body).flatten() {
                    // A route's own description of a status (what else it means there) stays.
                    operation.responses.responses.entry(status.to_string()).or_insert_with(|| error_answer(status, description).into());
                }
            }
        }
    }
}

/// An answer in the error shape, with `Retry-After` where the status carries it.
fn error_answer(status: u16, description: &str) -> Response {
    let answer = ResponseBuilder::new()
        .description(description)
        .content("application/json", Content::new(Some(Ref::from_schema_name("ErrorBody"))));
    let answer = if matches!(status, 429 | 503) {
        answer.header("Retry-After", HeaderBuilder::new().schema(Object::with_type(Type::Integer)).description(Some("seconds")).build())
    } else {
        answer
    };
    answer.build()
}

/// An event stream's answer is a sequence of events, not one string: each is described by
/// `itemSchema` (OpenAPI 3.2's way, which tools that predate it ignore), with its `data` a JSON
/// object.
struct EventStreams;

impl Modify for EventStreams {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let event = serde_json::json!({
            "type": "object",
            "required": ["event", "data", "id"],
            "properties": {
                "event": { "type": "string" },
                "id": { "type": "string" },
                "data": { "type": "string", "contentMediaType": "application/json", "contentSchema": { "type": "object" } },
            },
        });
        let answers = openapi.paths.paths.values_mut().flat_map(|item| [&mut item.get, &mut item.post]).flatten();
        for answer in answers.flat_map(|op| op.responses.responses.values_mut()) {
            let utoipa::openapi::RefOr::T(answer) = answer else { continue };
            if let Some(content) = answer.content.get_mut("text/event-stream") {
                content.schema = None;
                content.extensions.get_or_insert_with(Default::default).insert("itemSchema".into(), event.clone());
            }
        }
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
