//! The OpenAPI 3.1 document of the HTTP API, served at
//! `GET /api/openapi.json`.
//!
//! Operations are not listed here: each handler carries its own
//! `#[utoipa::path]` (method, path, parameters, body, every status it
//! answers), and the router registers handlers through utoipa-axum's
//! `routes!` ([`crate::router`]), which adds the route and its operation
//! together. This file holds what belongs to no one handler: the document's
//! description, the session cookie as a security scheme, the tags, and the
//! answers every operation can give (500; 403 to a cross-origin state
//! change), added to each operation by [`finish`].

use std::sync::{Arc, OnceLock};

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder};

use crate::auth::sessions::COOKIE_NAME;
use crate::http::error::ErrorBody;

/// The security scheme of the session cookie, as operations name it.
pub const SESSION: &str = "session";

/// Shared responses, in `#/components/responses`.
const INTERNAL_ERROR: &str = "InternalError";
const CROSS_ORIGIN: &str = "CrossOrigin";

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Chorus",
        version = env!("CARGO_PKG_VERSION"),
        license(name = "MIT"),
        description = "The JSON API of Chorus, a social music service: the catalog, accounts, \
friends, likes, playlists, listening reports, the friends' feed, profiles and discovery; also the media \
files, health checks and the live feed socket.

**Errors** are JSON `{\"error\": \"...\"}` (`#/components/schemas/Error`) with the status: 400 \
for a malformed parameter or body, 401 when a session is needed, 403, 404, 409, 429 with \
`Retry-After`, 503 with `Retry-After` while an instance drains, 500 (details are logged, never \
sent).

**Sessions** live in the `chorus_session` cookie (`HttpOnly; SameSite=Lax`), set by sign-up and \
log-in; operations that need it list the `session` security requirement.

**Same-origin state changes**: every `POST`, `PUT` and `DELETE` must come from this site \
(`Sec-Fetch-Site: same-origin`, or an `Origin` whose host is the request's `Host`, or neither \
header, as from a client that is not a browser: tower-http's CSRF layer). A cross-origin one \
gets 403 and changes nothing.

**Rate limits**: sign-up and log-in per client IP, log-in per username: 429 with `Retry-After`."
    ),
    components(schemas(ErrorBody)),
    modifiers(&SessionCookie),
    tags(
        (name = "catalog", description = "Artists, albums and tracks (public, cached briefly)"),
        (name = "accounts", description = "Sign-up, log-in, log-out and one's own account"),
        (name = "friends", description = "Friend requests, friends and suggestions"),
        (name = "likes", description = "Liking tracks and artists"),
        (name = "notifications", description = "Notifications (friend requests, accepted requests, music sent by friends, playlist invitations) and sending a friend music"),
        (name = "playlists", description = "Playlists: yours, their tracks in order, and the friends you invite to edit them"),
        (name = "activity", description = "Listening reports and the friends' feed"),
        (name = "profiles", description = "Listeners as others see them"),
        (name = "discovery", description = "Search, charts, compatibility, listeners like you, recommendations"),
        (name = "media", description = "Audio files and cover images (content-addressed)"),
        (name = "live", description = "The live feed socket"),
        (name = "operations", description = "Health and readiness for load balancers"),
        (name = "pages", description = "Entry points of the installed app (the share target)"),
        (name = "meta", description = "This document"),
    )
)]
struct Base;

/// Registers the session cookie as the `session` security scheme.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                COOKIE_NAME,
                "The session: set by sign-up and log-in, deleted by log-out.",
            ))),
        );
    }
}

/// The document before any operation is added.
pub fn base() -> OpenApi {
    <Base as utoipa::OpenApi>::openapi()
}

/// Adds the answers every operation can give, once all are collected: a
/// 500 to all, and to state changes the 403 of the CSRF layer.
pub fn finish(openapi: &mut OpenApi) {
    let components = openapi.components.get_or_insert_with(Default::default);
    components.responses.insert(
        INTERNAL_ERROR.into(),
        RefOr::T(error_response(
            "Something failed on the server (the details are logged, not sent)",
        )),
    );
    components.responses.insert(
        CROSS_ORIGIN.into(),
        RefOr::T(error_response(
            "`cross-origin request refused`: a state change from another site (CSRF layer)",
        )),
    );
    for item in openapi.paths.paths.values_mut() {
        let unsafe_methods = [
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in unsafe_methods.into_iter().flatten() {
            add_response(operation, "403", CROSS_ORIGIN);
        }
        let all = [
            &mut item.get,
            &mut item.head,
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in all.into_iter().flatten() {
            add_response(operation, "500", INTERNAL_ERROR);
        }
    }
}

fn add_response(operation: &mut Operation, status: &str, shared: &str) {
    operation
        .responses
        .responses
        .entry(status.into())
        .or_insert_with(|| RefOr::Ref(Ref::from_response_name(shared)));
}

/// A response whose body is the shared error schema.
fn error_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Error")))
                .build(),
        )
        .build()
}

/// The document `GET /api/openapi.json` serves. The route is added before
/// the document is complete (it is in it), so the router publishes the
/// document here once built.
#[derive(Clone, Default)]
pub struct Served(Arc<OnceLock<OpenApi>>);

impl Served {
    pub fn publish(&self, document: OpenApi) {
        // Only the router that created this holder publishes, once.
        let _ = self.0.set(document);
    }

    pub fn get(&self) -> Option<&OpenApi> {
        self.0.get()
    }
}
