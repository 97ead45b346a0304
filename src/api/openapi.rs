//! The OpenAPI 3 document, generated from the handlers' annotations and the types they take and
//! return (utoipa), served at `/openapi.json`.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
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
        super::tokens::create,
        super::ops::healthz,
        super::ops::readyz,
        super::ops::metrics,
    ),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
