//! Accounts and sessions: the axum-login backend (passwords are checked
//! by the accounts service), session cookies in the database, trusted
//! devices, CSRF and rate limits.

pub mod backend;
pub mod devices;
pub mod per_address;
pub mod rate_limit;
pub mod session_store;
pub mod sessions;
pub mod signed_in_hint;

pub use backend::{signed_in, AuthBackend, AuthSession, Credentials, SessionUser};
