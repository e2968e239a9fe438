//! Accounts and sessions: the axum-login backend over the user store,
//! password hashing, session cookies in the database, CSRF and rate limits.

pub mod backend;
pub mod devices;
pub mod passwords;
pub mod per_address;
pub mod rate_limit;
pub mod session_store;
pub mod sessions;

pub use backend::{signed_in, AuthBackend, AuthSession, Credentials, SessionUser};
