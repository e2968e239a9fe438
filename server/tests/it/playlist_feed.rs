//! Playlists in the friends' feed, on SQLite and on PostgreSQL: a new
//! playlist and additions to it (many within minutes are one event) reach
//! friends live and in `GET /api/feed`, naming the playlist; never one
//! they may not see (private, someone else's friends-only, made private
//! later) nor one made in a private session.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{spawn_app_on_postgres, spawn_app_with_music, TestApp};
use crate::listeners::{expect_event, friends, listener, track_ids, Listener};

async fn playlist(app: &TestApp, who: &Listener, name: &str, visibility: &str) -> Value {
    let body = json!({"name": name, "visibility": visibility});
    let response = who
        .send_json(app, Method::POST, "/api/playlists", body)
        .await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.unwrap()["playlist"].clone()
}

async fn add(app: &TestApp, who: &Listener, playlist: &Value, track: i64) {
    let path = format!("/api/playlists/{}/tracks", playlist["id"]);
    let body = json!({ "track_ids": [track] });
    assert_eq!(
        who.send_json(app, Method::POST, &path, body).await.status(),
        200
    );
}

/// The playlist events of `who`'s feed, newest first: (username, kind,
/// playlist name).
async fn playlist_events(app: &TestApp, who: &Listener) -> Vec<(String, String, String)> {
    let feed: Value = who
        .call(app, Method::GET, "/api/feed")
        .await
        .json()
        .await
        .unwrap();
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["playlist"].is_null())
        .map(|i| {
            (
                i["user"]["username"].as_str().unwrap().to_owned(),
                i["kind"].as_str().unwrap().to_owned(),
                i["playlist"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn event(who: &str, kind: &str, name: &str) -> (String, String, String) {
    (who.to_owned(), kind.to_owned(), name.to_owned())
}

async fn playlist_events_reach_friends_who_may_see_them(app: TestApp) {
    let ada = listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    let cyd = listener(&app, "cyd").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    friends(&app, &bob, "bob", &cyd, "cyd").await;
    let t = track_ids(&app, 3).await;
    let mut bob_socket = bob.connect(&app).await;

    // A public playlist and two additions a moment apart: two events,
    // live and in the feed.
    let mix = playlist(&app, &ada, "Mix", "public").await;
    let created = expect_event(&mut bob_socket).await;
    assert_eq!(created["kind"], "created_playlist");
    assert_eq!(created["playlist"], json!({"id": mix["id"], "name": "Mix"}));
    add(&app, &ada, &mix, t[0]).await;
    add(&app, &ada, &mix, t[1]).await;
    let added = expect_event(&mut bob_socket).await;
    assert_eq!(added["kind"], "added_to_playlist");
    assert_eq!(added["playlist"]["name"], "Mix");
    assert_eq!(
        playlist_events(&app, &bob).await,
        [
            event("ada", "added_to_playlist", "Mix"),
            event("ada", "created_playlist", "Mix")
        ],
        "two additions within minutes are one event"
    );

    // Not shown: a private playlist; a friends-only one Bob edits but
    // Ada owns, to Cyd (not Ada's friend); anything in a private session.
    let secret = playlist(&app, &ada, "Secret", "private").await;
    add(&app, &ada, &secret, t[0]).await;
    let ours = playlist(&app, &ada, "Ours", "friends").await;
    let invite = format!("/api/playlists/{}/collaborators/bob", ours["id"]);
    assert_eq!(ada.call(&app, Method::PUT, &invite).await.status(), 200);
    add(&app, &bob, &ours, t[2]).await;
    bob.private_session(&app, true).await;
    playlist(&app, &bob, "Hidden", "public").await;
    bob.private_session(&app, false).await;

    let bobs = playlist_events(&app, &bob).await;
    assert_eq!(bobs[0], event("ada", "created_playlist", "Ours"));
    assert!(!bobs.iter().any(|e| e.2 == "Secret"), "{bobs:?}");
    let cyds = playlist_events(&app, &cyd).await;
    assert!(
        cyds.is_empty(),
        "Ours is Ada's friends' only; Hidden was private: {cyds:?}"
    );
    // Bob's addition to Ada's friends-only playlist is his own: his
    // friends are not all hers.
    assert!(playlist_events(&app, &ada).await.is_empty());

    // Made private later, its events leave the feed.
    let path = format!("/api/playlists/{}", mix["id"]);
    let body = json!({"visibility": "private"});
    assert_eq!(
        ada.send_json(&app, Method::PATCH, &path, body)
            .await
            .status(),
        200
    );
    assert!(!playlist_events(&app, &bob)
        .await
        .iter()
        .any(|e| e.2 == "Mix"));
}

#[tokio::test]
async fn playlist_events_reach_friends_who_may_see_them_on_sqlite() {
    playlist_events_reach_friends_who_may_see_them(spawn_app_with_music().await).await;
}

#[tokio::test]
async fn playlist_events_reach_friends_who_may_see_them_on_postgres() {
    let (app, _database) = spawn_app_on_postgres().await;
    app.import_samples().await;
    playlist_events_reach_friends_who_may_see_them(app).await;
}
