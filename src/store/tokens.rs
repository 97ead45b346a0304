//! Candidate tokens, stored as their SHA-256 only.

use super::{corrupt, hex_digest, key, Result, Store};
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};

/// A candidate token's identity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    /// A token made for one assessment may be used for that assessment only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<uuid::Uuid>,
}

impl Store {
    /// Registers a candidate token (stored as its SHA-256 only).
    pub async fn add_token(&self, token: &str, info: &TokenInfo) -> Result<()> {
        let json = serde_json::to_string(info).expect("token info serializes");
        let _: () = self.conn().set(key(&["token", &hex_digest(token.as_bytes())]), json).await?;
        Ok(())
    }

    pub async fn token(&self, token: &str) -> Result<Option<TokenInfo>> {
        let json: Option<String> = self.conn().get(key(&["token", &hex_digest(token.as_bytes())])).await?;
        json.map(|j| serde_json::from_str(&j)).transpose().map_err(|e| corrupt("token", e))
    }
}
