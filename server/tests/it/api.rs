//! The JSON API: shapes, paging, errors, cache headers.

use crate::helpers::{header, spawn_app, spawn_app_with_music};

#[tokio::test]
async fn tracks_list_has_the_documented_shape() {
    let app = spawn_app_with_music().await;
    let response = app.get("/api/tracks").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/json");
    assert!(header(&response, "cache-control").starts_with("public"));
    let page: serde_json::Value = response.json().await.unwrap();
    let track = &page["items"][0];
    for field in [
        "id",
        "title",
        "artist",
        "album",
        "duration_ms",
        "stream_url",
        "mime",
        "cover_url",
        "disc_number",
    ] {
        assert!(!track[field].is_null(), "missing {field} in {track}");
    }
    assert!(track["artist"]["id"].is_i64() && track["artist"]["name"].is_string());
    assert!(track["album"]["id"].is_i64() && track["album"]["title"].is_string());
    assert_eq!(track["mime"], "audio/ogg");
    assert!(page["next"].is_null());
}

#[tokio::test]
async fn lists_page_by_cursor_without_gaps_or_repeats() {
    let app = spawn_app_with_music().await;
    let all = app.json("/api/tracks").await["items"]
        .as_array()
        .unwrap()
        .clone();
    let mut seen = Vec::new();
    let mut path = "/api/tracks?limit=1".to_owned();
    loop {
        let page = app.json(&path).await;
        seen.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(next) => path = format!("/api/tracks?limit=1&after={next}"),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[tokio::test]
async fn album_artist_and_track_details_link_up() {
    let app = spawn_app_with_music().await;
    let album_id = app.json("/api/albums").await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let album = app.json(&format!("/api/albums/{album_id}")).await;
    assert_eq!(album["album"]["id"], album_id);
    let track = &album["tracks"][0];
    let track_id = track["id"].as_i64().unwrap();
    assert_eq!(
        app.json(&format!("/api/tracks/{track_id}")).await["title"],
        track["title"]
    );
    let artist_id = album["album"]["artist"]["id"].as_i64().unwrap();
    let artist = app.json(&format!("/api/artists/{artist_id}")).await;
    assert_eq!(artist["artist"]["name"], album["album"]["artist"]["name"]);
    assert!(artist["albums"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == album_id));
    assert_eq!(
        app.json("/api/artists").await["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn unknown_ids_are_json_404s_that_are_not_cached() {
    let app = spawn_app_with_music().await;
    for path in [
        "/api/albums/999999",
        "/api/tracks/0",
        "/api/artists/abc",
        "/api/nothing-here",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            "private, no-store",
            "{path}"
        );
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body, serde_json::json!({"error": "not found"}), "{path}");
    }
}

#[tokio::test]
async fn a_bad_cursor_is_a_400() {
    let app = spawn_app_with_music().await;
    let response = app.get("/api/tracks?after=not-a-cursor").await;
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid cursor");
}

/// Query values of the wrong form were answered by axum's own rejection
/// (plain text, no `Cache-Control`); found by the property tests.
#[tokio::test]
async fn malformed_query_values_are_json_400s_that_are_not_cached() {
    let app = spawn_app().await;
    for path in [
        "/api/tracks?limit=-1",
        "/api/albums?limit=4294967296",
        "/api/artists?after=1&after=2",
        "/api/search?q=song&limit=ten",
        "/api/charts?period=year",
        "/api/feed?before=1.5",
        "/api/friends/suggestions?limit=",
        "/api/users/ada/plays?limit=x",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 400, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            "private, no-store",
            "{path}"
        );
        let body: serde_json::Value = response.json().await.unwrap();
        let message = body["error"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("Failed to deserialize query string"),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn healthz_answers_ok_and_is_not_cached() {
    let app = spawn_app_with_music().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
}
