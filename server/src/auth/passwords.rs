//! Argon2 password hashing (password-auth), off the async runtime: one hash
//! costs tens of milliseconds of CPU and must not stall other requests.

use std::sync::OnceLock;

use chorus_domain::NewPassword;

use crate::http::error::ApiError;

/// Hashes a new password into a PHC string.
pub async fn hash(password: NewPassword) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password.expose()))
        .await
        .map_err(|e| ApiError::Internal(format!("hashing task failed: {e}")))
}

/// A hash to verify against when the username does not exist, so a wrong
/// username costs the same time as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| password_auth::generate_hash("decoy password, never valid"))
}

/// Whether `password` matches `hash` (or, with no hash, burns the same time
/// and answers false).
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => password_auth::verify_password(&password, &hash).is_ok(),
        None => {
            let _ = password_auth::verify_password(&password, decoy_hash());
            false
        }
    })
    .await
    .map_err(|e| ApiError::Internal(format!("verification task failed: {e}")))
}
