//! Profiles (`GET /api/users/{username}`: public, cacheable, the same for
//! everyone) and plays (`GET /api/users/{username}/plays`: the listener and
//! their friends only).

use chorus_domain::{ListenReport, TrackId, UserId, Username};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app_with_music, TestApp};
use crate::listeners::{friends, listener, Listener};

async fn user_id(app: &TestApp, name: &str) -> UserId {
    let username = Username::parse(name).unwrap();
    app.stores
        .users
        .user_by_username(&username)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_profile_is_public_and_the_same_for_everyone() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let artists = app.json("/api/artists").await["items"].clone();
    let (first, second) = (&artists[0], &artists[1]);
    for artist in [first, second] {
        let path = format!("/api/artists/{}/like", artist["id"]);
        assert_eq!(bob.call(&app, Method::PUT, &path).await.status(), 200);
    }

    let response = app.get("/api/users/bob").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=60, stale-while-revalidate=30"
    );
    let profile: Value = response.json().await.unwrap();
    let joined = profile["joined_at"].as_str().unwrap();
    assert!(joined.ends_with('Z'), "{joined}");
    assert_eq!(
        profile,
        json!({
            "user": {"username": "bob", "display_name": "bob"},
            "friends_count": 1,
            "liked_artists": [
                {"id": second["id"], "name": second["name"]},
                {"id": first["id"], "name": first["name"]},
            ],
            "joined_at": joined,
        }),
        "newest like first"
    );
    let as_ada: Value = ada
        .call(&app, Method::GET, "/api/users/bob")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(as_ada, profile, "no viewer sees more");

    bob.set_privacy(&app, "private").await;
    let private = app.json("/api/users/bob").await;
    assert_eq!(private["liked_artists"], json!([]));
    assert_eq!(private["friends_count"], 1);
}

#[tokio::test]
async fn unknown_and_impossible_usernames_are_not_found() {
    let app = spawn_app_with_music().await;
    for path in [
        "/api/users/nobody",
        "/api/users/Not%20Valid",
        "/api/users/x",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"error": "not found"})
        );
    }
    let ada = listener(&app, "ada").await;
    let plays = ada.call(&app, Method::GET, "/api/users/nobody/plays").await;
    assert_eq!(plays.status(), 404);
}

/// Records a play of `track` by `user` that started at `t0` (half the track
/// heard, the play rule), straight through the server's store.
async fn played(app: &TestApp, user: UserId, track: &Value, t0: u64) {
    let id = TrackId(track["id"].as_i64().unwrap());
    let half = track["duration_ms"].as_u64().unwrap() / 2;
    let report = |position_ms| ListenReport {
        track_id: id,
        position_ms,
        paused: false,
        at_ms: None,
    };
    let activity = app.writes();
    activity
        .report_listening(user, report(0), t0)
        .await
        .unwrap();
    let kinds = activity
        .report_listening(user, report(half), t0 + half)
        .await
        .unwrap();
    assert_eq!(kinds.last().unwrap().kind.as_str(), "played");
}

async fn plays(viewer: &Listener, app: &TestApp, query: &str) -> reqwest::Response {
    viewer
        .call(app, Method::GET, &format!("/api/users/bob/plays{query}"))
        .await
}

async fn played_tracks(viewer: &Listener, app: &TestApp) -> Vec<i64> {
    let response = plays(viewer, app, "").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    let page: Value = response.json().await.unwrap();
    assert!(page["next"].is_null());
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["kind"], "played");
            assert_eq!(i["user"]["username"], "bob");
            i["track"]["id"].as_i64().unwrap()
        })
        .collect()
}

#[tokio::test]
async fn plays_are_for_the_listener_and_their_friends_only() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    let eve = listener(&app, "eve").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks: Vec<Value> = app.json("/api/tracks").await["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["duration_ms"].as_u64().unwrap() >= 30_000)
        .cloned()
        .collect();
    let (shared, secret) = (&tracks[0], &tracks[1]);
    let bob_id = user_id(&app, "bob").await;
    let hour = 3_600_000;
    let t0 = chorus_domain::Clock::now(&chorus_domain::SystemClock).as_ms() - 5 * hour;

    played(&app, bob_id, shared, t0).await;
    bob.set_privacy(&app, "private").await;
    played(&app, bob_id, secret, t0 + hour).await;
    bob.set_privacy(&app, "friends").await;

    assert_eq!(
        played_tracks(&bob, &app).await,
        [&secret["id"], &shared["id"]].map(|id| id.as_i64().unwrap()),
        "one's own plays, private ones too, newest first"
    );
    assert_eq!(
        played_tracks(&ada, &app).await,
        [shared["id"].as_i64().unwrap()],
        "a friend sees what was shared"
    );

    let stranger = plays(&eve, &app, "").await;
    assert_eq!(stranger.status(), 403);
    assert_eq!(
        stranger.json::<Value>().await.unwrap(),
        json!({"error": "only friends of bob see what they play"})
    );
    let anonymous = app.get("/api/users/bob/plays").await;
    assert_eq!(anonymous.status(), 401);

    // Paging, like the feed.
    let first: Value = plays(&bob, &app, "?limit=1").await.json().await.unwrap();
    assert_eq!(first["items"][0]["track"]["id"], secret["id"]);
    let next = first["next"].as_i64().expect("a next page");
    let rest: Value = plays(&bob, &app, &format!("?limit=1&before={next}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"][0]["track"]["id"], shared["id"]);
    assert!(rest["next"].is_null());
}
