//! The JSON API as both sides see it: where each endpoint the browser
//! calls lives, with which method, and what it takes and answers. The
//! server routes and documents its handlers with these paths and body
//! types; the browser calls through [`Endpoint`] with the same ones, so a
//! path, a method or a field is written once.
//!
//! Per endpoint there is:
//! - a const of its route pattern, as axum and the OpenAPI document write
//!   it (`FRIEND = "/api/friends/{username}"`); a fixed path is its own
//!   pattern, and the browser requests it as is;
//! - for a pattern with parameters or a query, a function building the
//!   concrete path ([`friend`]);
//! - a type naming it ([`Befriend`]): its [`Endpoint`] impl says the method
//!   and the request and response bodies.
//!
//! The server nests the API at [`ROOT`]; its handlers name a route by the
//! part after it.

mod accounts;
mod activity;
mod discovery;
mod notifications;
mod playlists;
mod social;

pub use accounts::*;
pub use activity::*;
pub use discovery::*;
pub use notifications::*;
pub use playlists::*;
pub use social::*;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Where the JSON API is: every route pattern below starts with it.
pub const ROOT: &str = "/api";

/// The HTTP methods the API's endpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// As HTTP writes it: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// One operation of the API: a method at a route, what it takes and what
/// it answers (both JSON).
pub trait Endpoint {
    const METHOD: Method;
    /// Its route pattern (one of the consts of this module).
    const ROUTE: &'static str;
    /// The request body; `()` for none (nothing is sent).
    type Request: Serialize;
    /// The body of a success; `()` for none (204).
    type Response: DeserializeOwned;
}

/// Declares a type naming an endpoint, and its [`Endpoint`] impl.
macro_rules! endpoint {
    ($(#[$doc:meta])* $name:ident: $method:ident $route:path, $request:ty => $response:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl $crate::api::Endpoint for $name {
            const METHOD: $crate::api::Method = $crate::api::Method::$method;
            const ROUTE: &'static str = $route;
            type Request = $request;
            type Response = $response;
        }
    };
}
use endpoint;

/// `pattern` with its `{name}` parameter set to `value`, percent-encoded.
fn fill(pattern: &str, name: &str, value: &str) -> String {
    pattern.replace(&format!("{{{name}}}"), &encode_component(value))
}

/// `text` as a URL component: everything but ASCII letters, digits and
/// `-_.~` percent-encoded as UTF-8.
pub fn encode_component(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_filled_in_encoded() {
        assert_eq!(
            fill("/api/users/{username}/plays", "username", "ada"),
            "/api/users/ada/plays"
        );
        assert_eq!(
            fill("/api/friends/{username}", "username", "a b/c?"),
            "/api/friends/a%20b%2Fc%3F"
        );
        assert_eq!(encode_component("a-b_c.d~e/f?"), "a-b_c.d~e%2Ff%3F");
        assert_eq!(encode_component("Rós & co"), "R%C3%B3s%20%26%20co");
    }
}
