//! Cache headers per route class, a contract with the CDN: public pages are
//! the same bytes for everyone, named by surrogate keys, validated by a
//! strong ETag and never set a cookie; personal responses are never stored.

use reqwest::Method;
use serde_json::Value;

use crate::helpers::{header, spawn_app_configured, spawn_app_with_music, TestApp, PAGE_POLICY};
use crate::listeners::listener;

async fn first(app: &TestApp, list: &str) -> Value {
    app.json(&format!("/api/{list}")).await["items"][0].clone()
}

#[tokio::test]
async fn public_pages_are_cacheable_named_and_validated_and_the_same_signed_in() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let album = first(&app, "albums").await;
    let track = first(&app, "tracks").await;
    let (album_id, artist_id) = (&album["id"], &album["artist"]["id"]);
    let pages = [
        ("/".to_owned(), format!("album:{album_id}")),
        (
            format!("/albums/{album_id}"),
            format!("album:{album_id} artist:{artist_id}"),
        ),
        (
            format!("/artists/{artist_id}"),
            format!("album:{album_id} artist:{artist_id}"),
        ),
        (
            format!("/tracks/{}", track["id"]),
            format!("track:{}", track["id"]),
        ),
        ("/users/ada".to_owned(), "user:ada".to_owned()),
        ("/charts".to_owned(), "charts".to_owned()),
        ("/charts?period=month".to_owned(), "charts".to_owned()),
    ];
    for (path, key) in pages {
        let anonymous = app.get(&path).await;
        assert_eq!(anonymous.status(), 200, "{path}");
        assert_eq!(header(&anonymous, "cache-control"), PAGE_POLICY, "{path}");
        assert_eq!(header(&anonymous, "vary"), "accept-encoding", "{path}");
        assert!(
            header(&anonymous, "surrogate-key").contains(&key),
            "{path}: {key}"
        );
        assert_eq!(header(&anonymous, "set-cookie"), "", "{path}");
        let etag = header(&anonymous, "etag");
        assert!(
            etag.starts_with('"') && etag.len() == 34,
            "{path}: strong {etag}"
        );
        let bytes = anonymous.bytes().await.unwrap();

        let signed_in = ada.call(&app, Method::GET, &path).await;
        assert_eq!(header(&signed_in, "set-cookie"), "", "{path}");
        assert_eq!(header(&signed_in, "etag"), etag, "{path}");
        assert_eq!(
            signed_in.bytes().await.unwrap(),
            bytes,
            "{path}: same bytes"
        );

        let revalidated = app
            .client
            .get(app.url(&path))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(revalidated.status(), 304, "{path}");
        assert_eq!(header(&revalidated, "etag"), etag);
        assert_eq!(header(&revalidated, "cache-control"), PAGE_POLICY);
        assert!(revalidated.bytes().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn personal_pages_and_endpoints_are_never_stored() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let _bob = listener(&app, "bob").await;
    for path in [
        "/api/me",
        "/api/feed",
        "/api/friends",
        "/api/me/likes",
        "/api/recommendations",
        "/api/listeners-like-you",
        "/api/charts?scope=friends",
        "/api/users/bob/compatibility",
        "/search?q=a",
        "/feed",
        "/friends",
        "/settings",
        "/downloads",
        "/login",
        "/api/playlists",
        "/playlists",
        "/playlists/add?tracks=1,2",
    ] {
        let response = ada.call(&app, Method::GET, path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            "private, no-store",
            "{path}"
        );
        assert_eq!(header(&response, "surrogate-key"), "", "{path}");
    }
}

#[tokio::test]
async fn public_api_answers_are_cached_briefly_by_everyone() {
    let app = spawn_app_with_music().await;
    let _ada = listener(&app, "ada").await;
    let track = first(&app, "tracks").await;
    for path in [
        "/api/openapi.json".to_owned(),
        "/api/tracks".to_owned(),
        format!("/api/tracks/{}", track["id"]),
        "/api/users/ada".to_owned(),
        "/api/search?q=a".to_owned(),
        "/api/charts".to_owned(),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            "public, max-age=60, stale-while-revalidate=30",
            "{path}"
        );
        assert_eq!(header(&response, "set-cookie"), "", "{path}");
    }
}

#[tokio::test]
async fn a_missing_page_is_not_cached_publicly() {
    let app = spawn_app_with_music().await;
    for path in ["/albums/999999", "/users/nobody"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_ne!(header(&response, "cache-control"), PAGE_POLICY, "{path}");
        assert_eq!(header(&response, "surrogate-key"), "", "{path}");
    }
}

#[tokio::test]
async fn a_hashed_bundle_is_immutable_and_an_unhashed_one_revalidated() {
    for (hashed, policy) in [
        (true, "public, max-age=31536000, immutable"),
        (false, "no-cache"),
    ] {
        let app = spawn_app_configured(|settings| settings.site.hash_files = hashed).await;
        let pkg = app.data_dir.path().join("site/pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("chorus.abc123.js"), "export {};").unwrap();
        let response = app.get("/pkg/chorus.abc123.js").await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            header(&response, "cache-control"),
            policy,
            "hashed: {hashed}"
        );
    }
}

#[tokio::test]
async fn the_bundle_is_served_precompressed_to_browsers_that_accept_it() {
    let app = spawn_app_configured(|settings| settings.site.hash_files = true).await;
    let pkg = app.data_dir.path().join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("chorus.abc123.wasm"), b"\0asm plain").unwrap();
    std::fs::write(pkg.join("chorus.abc123.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("chorus.abc123.wasm.gz"), b"gzip bytes").unwrap();
    for (accept, encoding, body) in [
        ("br, gzip", "br", "brotli bytes"),
        ("gzip", "gzip", "gzip bytes"),
        ("identity", "", "\0asm plain"),
    ] {
        let response = app
            .client
            .get(app.url("/pkg/chorus.abc123.wasm"))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{accept}");
        assert_eq!(header(&response, "content-encoding"), encoding, "{accept}");
        assert_eq!(
            header(&response, "content-type"),
            "application/wasm",
            "{accept}"
        );
        assert!(
            header(&response, "vary")
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "{accept}: the encoding varies with the request"
        );
        assert_eq!(response.text().await.unwrap(), body, "{accept}");
    }
}
