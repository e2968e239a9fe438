//! HTTP plumbing shared by all routes: the error type and where statuses are
//! chosen, the named cache policies, and the connection, client-address,
//! timeout and security-header layers every request passes.

pub mod cache;
pub mod client_addr;
pub mod connections;
pub mod error;
pub mod json;
pub mod markup;
pub mod page_head;
pub mod public_page;
pub mod query;
pub mod range;
pub mod security_headers;
pub mod timeout;
