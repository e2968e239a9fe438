//! Argon2 password hashing (password-auth), off the async runtime: one hash
//! costs tens of milliseconds of CPU and must not stall other requests. At
//! most one hash per core runs at a time: each takes ~19 MiB, so a storm of
//! sign-ups or log-ins queues for the cores instead of holding hundreds of
//! blocking threads and their memory.

use std::sync::OnceLock;

use chorus_domain::NewPassword;
use tokio::sync::Semaphore;

use crate::{ServiceError, ServiceResult};

/// Runs `work` on the blocking pool once a core is free for it.
async fn on_a_core<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> ServiceResult<T> {
    static CORES: OnceLock<Semaphore> = OnceLock::new();
    let cores = CORES.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _permit = cores
        .acquire()
        .await
        .map_err(|e| ServiceError::Internal(format!("hashing queue closed: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ServiceError::Internal(format!("hashing task failed: {e}")))
}

/// Hashes a new password into a PHC string.
pub(crate) async fn hash(password: NewPassword) -> ServiceResult<String> {
    on_a_core(move || password_auth::generate_hash(password.expose())).await
}

/// A hash to verify against when the username does not exist, so a wrong
/// username costs the same time as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| password_auth::generate_hash("decoy password, never valid"))
}

/// Whether `password` matches `hash` (or, with no hash, burns the same time
/// and answers false).
pub(crate) async fn verify(password: String, hash: Option<String>) -> ServiceResult<bool> {
    on_a_core(move || match hash {
        Some(hash) => password_auth::verify_password(&password, &hash).is_ok(),
        None => {
            let _ = password_auth::verify_password(&password, decoy_hash());
            false
        }
    })
    .await
}
