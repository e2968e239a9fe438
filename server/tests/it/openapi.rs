//! `GET /api/openapi.json`: an OpenAPI 3.1 document that covers every
//! route of the API, with the shared error schema, parameters with their
//! bounds and the session cookie; and the answers it promises (JSON errors,
//! `Retry-After`) are the ones the server gives.

use std::collections::BTreeSet;

use chorus_domain::api::{self, Endpoint};
use chorus_server::startup::Application;
use serde_json::Value;

use crate::helpers::{header, settings, spawn_app, spawn_app_with_limits, TEST_LIMITS};

/// An operation: (method in capitals, path template).
type Operation = (String, String);

const METHODS: [&str; 8] = [
    "get", "head", "post", "put", "delete", "patch", "options", "trace",
];

async fn document() -> Value {
    let app = spawn_app().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/json");
    serde_json::from_str(&response.text().await.unwrap()).expect("valid JSON")
}

fn operations(document: &Value) -> BTreeSet<Operation> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS {
            if item.get(method).is_some() {
                operations.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

fn parameter<'d>(document: &'d Value, path: &str, method: &str, name: &str) -> &'d Value {
    document["paths"][path][method]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("{method} {path} has parameters"))
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{method} {path} has a parameter {name}"))
}

#[tokio::test]
async fn the_document_is_openapi_3_1_with_the_error_schema_and_the_parameters() {
    let document = document().await;
    assert!(
        document["openapi"].as_str().unwrap().starts_with("3.1."),
        "{}",
        document["openapi"]
    );
    let error = &document["components"]["schemas"]["Error"];
    assert_eq!(error["type"], "object");
    assert_eq!(error["required"], serde_json::json!(["error"]));
    assert_eq!(error["properties"]["error"]["type"], "string");

    let limit = parameter(&document, "/api/tracks", "get", "limit");
    assert_eq!(limit["in"], "query");
    assert_eq!(limit["required"], false);
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(limit["schema"]["maximum"], chorus_storage::MAX_PAGE_SIZE);
    assert_eq!(
        parameter(&document, "/api/tracks", "get", "after")["in"],
        "query"
    );
    let q = parameter(&document, "/api/search", "get", "q");
    assert_eq!(q["required"], true);
    assert_eq!(
        q["schema"]["maxLength"],
        chorus_domain::search::MAX_QUERY_CHARS
    );
    assert_eq!(
        parameter(&document, "/api/search", "get", "limit")["schema"]["maximum"],
        chorus_domain::search::MAX_PER_KIND
    );
    let username = parameter(&document, "/api/users/{username}/plays", "get", "username");
    assert_eq!(
        (&username["in"], &username["required"]),
        (&"path".into(), &true.into())
    );
    let plays_limit = parameter(&document, "/api/users/{username}/plays", "get", "limit");
    assert_eq!(plays_limit["schema"]["maximum"], 100);
    let scope = parameter(&document, "/api/charts", "get", "scope");
    assert_eq!(
        scope["schema"]["enum"],
        serde_json::json!(["global", "friends"])
    );

    let not_found = &document["paths"]["/api/tracks/{id}"]["get"]["responses"]["404"];
    assert_eq!(
        not_found["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Error"
    );
    let signup = &document["paths"]["/api/auth/signup"]["post"];
    assert_eq!(
        signup["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/SignupBody"
    );
    assert!(signup["responses"]["429"]["headers"]["Retry-After"].is_object());
}

#[tokio::test]
async fn the_session_cookie_is_a_security_scheme_and_every_operation_says_what_it_can_answer() {
    let document = document().await;
    let scheme = &document["components"]["securitySchemes"]["session"];
    assert_eq!(
        (&scheme["type"], &scheme["in"], &scheme["name"]),
        (&"apiKey".into(), &"cookie".into(), &"chorus_session".into())
    );
    let mut signed_in = 0;
    for (method, path) in operations(&document) {
        let operation = &document["paths"][&path][method.to_lowercase()];
        let responses = &operation["responses"];
        let name = format!("{method} {path}");
        assert!(responses["500"].is_object(), "{name}: 500");
        if ["POST", "PUT", "DELETE", "PATCH"].contains(&method.as_str()) {
            assert!(responses["403"].is_object(), "{name}: 403 cross-origin");
        }
        let requirements = operation["security"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for requirement in &requirements {
            for scheme in requirement.as_object().unwrap().keys() {
                assert_eq!(scheme, "session", "{name}: an unknown scheme");
            }
        }
        // A session is needed (not optional): 401 without one.
        let needed =
            !requirements.is_empty() && requirements.iter().all(|r| r.get("session").is_some());
        if needed {
            signed_in += 1;
            assert!(responses["401"].is_object(), "{name}: 401");
        }
    }
    assert!(signed_in >= 20, "{signed_in} operations need a session");
    for (path, method) in [
        ("/api/me", "get"),
        ("/api/feed", "get"),
        ("/ws/feed", "get"),
    ] {
        assert_eq!(
            document["paths"][path][method]["security"],
            serde_json::json!([{"session": []}]),
            "{path}"
        );
    }
    // Public: no requirement, or an optional one.
    assert!(document["paths"]["/api/tracks"]["get"]["security"].is_null());
    assert_eq!(
        document["paths"]["/api/charts"]["get"]["security"],
        serde_json::json!([{}, {"session": []}])
    );
}

/// Every route of the real router under `/api` is an operation of the
/// document, and every operation of the document is a route.
///
/// This cannot pass by construction. The routes are not read from the
/// document nor from the handlers' annotations, but from the axum router
/// that `Application::build` serves: its `Debug` output names each path
/// and, per path, the methods that have a handler. A route added with a
/// plain `.route(...)` anywhere (in the page router of `router.rs`, in a
/// nested or merged router) is in that router and not in the document,
/// and fails the first assertion; an operation whose handler is not
/// registered, or registered at another path or method, fails the second.
/// If axum's `Debug` output changed shape the parse would find no routes
/// and fail too. Then each operation is requested on a running server: its
/// `(method, route)` must show up in `/metrics`, which labels requests by
/// the route the router matched (a request the router did not route, to
/// the fallback or answered 405, is not labelled with the template).
#[tokio::test]
async fn every_api_route_is_documented_and_every_operation_is_routed() {
    let data_dir = tempfile::tempdir().unwrap();
    let built = Application::build(settings(data_dir.path().to_owned(), TEST_LIMITS))
        .await
        .unwrap();
    let routes = routes_of(&format!("{:?}", built.router()));
    drop(built);
    assert!(
        routes.len() >= 30,
        "the router's routes were not found: {routes:?}"
    );
    let document = document().await;
    let documented = operations(&document);

    let undocumented: Vec<_> = routes
        .iter()
        .filter(|(_, path)| path.starts_with("/api/") || path == "/api")
        .filter(|route| !documented.contains(*route))
        .collect();
    assert!(
        undocumented.is_empty(),
        "not in the document: {undocumented:?}"
    );
    let unrouted: Vec<_> = documented.difference(&routes).collect();
    assert!(unrouted.is_empty(), "not routed: {unrouted:?}");

    let app = spawn_app().await;
    for (method, path) in &documented {
        let concrete = path
            .replace("{id}", "1")
            .replace("{username}", "nobody")
            .replace("{file}", &format!("{}.ogg", "0".repeat(64)))
            .replace("{hash}", &"0".repeat(64))
            .replace("{variant}", "96.webp");
        let request = app
            .client
            .request(method.parse().unwrap(), app.url(&concrete));
        let request = if method == "GET" {
            request
        } else {
            request.json(&serde_json::json!({}))
        };
        let status = request.send().await.unwrap().status();
        assert_ne!(status, 405, "{method} {path}");
    }
    let metrics = app.get("/metrics").await.text().await.unwrap();
    for (method, path) in &documented {
        let labels = [format!("method=\"{method}\""), format!("route=\"{path}\"")];
        let reached = metrics.lines().any(|line| {
            line.starts_with("chorus_http_requests_total{")
                && labels.iter().all(|label| line.contains(label.as_str()))
                && !line.contains("status=\"405\"")
        });
        assert!(reached, "{method} {path} did not reach its route");
    }
}

/// Every endpoint the browser calls through `chorus_domain::api` is an
/// operation of the document: the server routes it at the same path, with
/// the same method.
#[tokio::test]
async fn every_endpoint_the_browser_calls_is_an_operation() {
    fn operation<E: Endpoint>() -> Operation {
        (E::METHOD.as_str().to_owned(), E::ROUTE.to_owned())
    }
    let documented = operations(&document().await);
    let called = [
        operation::<api::SignUp>(),
        operation::<api::LogIn>(),
        operation::<api::LogOut>(),
        operation::<api::GetMe>(),
        operation::<api::ChangePassword>(),
        operation::<api::SetPrivacy>(),
        operation::<api::SetPrivateSession>(),
        operation::<api::ReportListening>(),
        operation::<api::GetFeed>(),
        operation::<api::GetPlays>(),
        operation::<api::GetFriends>(),
        operation::<api::GetFriendSuggestions>(),
        operation::<api::Befriend>(),
        operation::<api::Unfriend>(),
        operation::<api::GetMyLikes>(),
        operation::<api::LikeTrack>(),
        operation::<api::UnlikeTrack>(),
        operation::<api::LikeArtist>(),
        operation::<api::UnlikeArtist>(),
        operation::<api::Search>(),
        operation::<api::GetCharts>(),
        operation::<api::GetRecommendations>(),
        operation::<api::GetCompatibility>(),
        operation::<api::GetListenersLikeYou>(),
        operation::<api::GetPlaylists>(),
        operation::<api::CreatePlaylist>(),
        operation::<api::GetPlaylist>(),
        operation::<api::UpdatePlaylist>(),
        operation::<api::DeletePlaylist>(),
        operation::<api::AddPlaylistTracks>(),
        operation::<api::RemovePlaylistEntry>(),
        operation::<api::MovePlaylistEntry>(),
        operation::<api::DuplicatePlaylist>(),
        operation::<api::InviteCollaborator>(),
        operation::<api::RemoveCollaborator>(),
        operation::<api::LeavePlaylist>(),
    ];
    let missing: Vec<_> = called
        .iter()
        .filter(|operation| !documented.contains(*operation))
        .collect();
    assert!(missing.is_empty(), "not operations: {missing:?}");
}

/// `(METHOD, path)` of every route in a router's `Debug` output (axum
/// 0.8): `routes: {RouteId(n): MethodRouter(MethodRouter { get: ..., ... })}`
/// then `node: Node { paths: {RouteId(n): "/path"} }`, before the fallback
/// router. A method whose endpoint is not `None` is routed; a route that is
/// a whole service (not a method router) counts as `ANY`.
fn routes_of(debug: &str) -> BTreeSet<Operation> {
    let path_router = debug
        .split("fallback_router:")
        .next()
        .expect("a path router");
    let Some((endpoints, paths)) = path_router.split_once("node: Node { paths: {") else {
        return BTreeSet::new();
    };
    let path_of = |id: &str| -> Option<String> {
        let at = paths.find(&format!("RouteId({id}): \""))?;
        let rest = &paths[at..];
        let start = rest.find('"')? + 1;
        let end = start + rest[start..].find('"')?;
        Some(rest[start..end].to_owned())
    };
    let mut routes = BTreeSet::new();
    for chunk in endpoints.split("RouteId(").skip(1) {
        let Some((id, endpoint)) = chunk.split_once("): ") else {
            continue;
        };
        let Some(path) = path_of(id) else {
            continue;
        };
        if !endpoint.starts_with("MethodRouter(") {
            routes.insert(("ANY".to_owned(), path));
            continue;
        }
        for method in METHODS.iter().chain(&["connect"]) {
            let field = format!(" {method}: ");
            if let Some(at) = endpoint.find(&field) {
                let value = &endpoint[at + field.len()..];
                if !value.starts_with("None") {
                    routes.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
    }
    routes
}

#[tokio::test]
async fn malformed_query_parameters_answer_400_in_the_error_format() {
    let app = spawn_app().await;
    for path in [
        "/api/tracks?limit=-1",
        "/api/albums?limit=many",
        "/api/charts?scope=everyone",
        "/api/search?q=a&limit=1.5",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 400, "{path}");
        assert_eq!(
            header(&response, "content-type"),
            "application/json",
            "{path}"
        );
        let body: Value = response.json().await.unwrap();
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn the_per_ip_limit_answers_429_in_the_error_format_with_retry_after() {
    let limits = chorus_server::auth::rate_limit::AuthLimits {
        per_ip_per_minute: 1,
        ..TEST_LIMITS
    };
    let app = spawn_app_with_limits(limits).await;
    let login = serde_json::json!({"username": "nobody", "password": "not a password"});
    let first = app
        .client
        .post(app.url("/api/auth/login"))
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 401);
    let second = app
        .client
        .post(app.url("/api/auth/login"))
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 429);
    assert_eq!(header(&second, "content-type"), "application/json");
    assert!(header(&second, "retry-after").parse::<u64>().unwrap() >= 1);
    let body: Value = second.json().await.unwrap();
    assert!(body["error"]
        .as_str()
        .unwrap()
        .starts_with("too many attempts"));
}
