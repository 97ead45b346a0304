//! `POST /v1/tokens`: the instructor makes a candidate token.

use super::auth::Caller;
use super::error::{ApiError, ErrorCode, Json};
use super::AppState;
use crate::store::TokenInfo;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// Who the token is for (shown to instructors only).
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenCreated {
    /// The owner id recorded on this candidate's submissions.
    pub id: String,
    pub name: String,
    /// The bearer token; shown once, stored only as a hash.
    pub token: String,
}

#[utoipa::path(post, path = "/v1/tokens", request_body = NewToken, tag = "tokens",
    responses((status = 201, body = TokenCreated),
        (status = 403, description = "a candidate token", body = super::error::ErrorBody),
        (status = 422, description = "a body of the wrong shape, or a name that is empty or over 200 characters", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewToken>, ApiError>,
) -> Result<(StatusCode, axum::Json<TokenCreated>), ApiError> {
    // A candidate hears "forbidden" whatever it sent, before the body's faults.
    caller.require_instructor("making tokens")?;
    let Json(body) = body?;
    let name = body.name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::new(ErrorCode::InvalidName, "name must be 1 to 200 characters"));
    }
    let token = format!("mjc_{}", hex::encode(rand::random::<[u8; 24]>()));
    let info = TokenInfo { id: format!("c_{}", &uuid::Uuid::new_v4().simple().to_string()[..16]), name: name.to_string(), assessment: None };
    state.store.add_token(&token, &info).await?;
    Ok((StatusCode::CREATED, axum::Json(TokenCreated { id: info.id, name: info.name, token })))
}
