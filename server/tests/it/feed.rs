//! Activity and the friends' feed over HTTP: what friends see, what they
//! never see, and paging by cursor.

use serde_json::{json, Value};

use crate::helpers::{header, spawn_app_with_music, TestApp};
use crate::social::{befriend, member};

async fn feed(client: &reqwest::Client, app: &TestApp, query: &str) -> Value {
    let response = client
        .get(app.url(&format!("/api/feed{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    response.json().await.unwrap()
}

fn kinds(page: &Value) -> Vec<(String, String)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["user"]["username"].as_str().unwrap().to_owned(),
                i["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn friends(app: &TestApp, a: &str, b: &str) -> (reqwest::Client, reqwest::Client) {
    let (x, y) = (member(app, a).await, member(app, b).await);
    befriend(&x, app, b).await;
    befriend(&y, app, a).await;
    (x, y)
}

async fn report(client: &reqwest::Client, app: &TestApp, body: Value) -> reqwest::Response {
    client
        .post(app.url("/api/now-playing"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn first_track(app: &TestApp) -> Value {
    app.json("/api/tracks?limit=1").await["items"][0].clone()
}

#[tokio::test]
async fn friends_see_likes_and_listening_with_the_track() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = friends(&app, "ada", "bob").await;
    let carol = member(&app, "carol").await;
    let track = first_track(&app).await;

    bob.put(app.url(&format!("/api/tracks/{}/like", track["id"])))
        .send()
        .await
        .unwrap();
    let response = report(
        &bob,
        &app,
        json!({"track_id": track["id"], "position_ms": 0, "paused": false}),
    )
    .await;
    assert_eq!(response.status(), 204);
    report(
        &bob,
        &app,
        json!({"track_id": track["id"], "position_ms": 1500, "paused": true}),
    )
    .await;

    let page = feed(&ada, &app, "").await;
    assert_eq!(
        kinds(&page),
        [
            ("bob", "paused"),
            ("bob", "now_playing"),
            ("bob", "liked_track"),
            ("bob", "friended")
        ]
        .map(|(u, k)| (u.to_owned(), k.to_owned()))
    );
    let item = &page["items"][1];
    assert_eq!(
        item["user"],
        json!({"username": "bob", "display_name": "BOB"})
    );
    assert_eq!(item["track"]["id"], track["id"]);
    assert_eq!(item["track"]["stream_url"], track["stream_url"]);
    assert!(item["artist"].is_null());
    assert!(item["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(page["items"][3]["friend"]["username"], "ada");
    assert!(page["next"].is_null());

    assert!(
        feed(&carol, &app, "").await["items"]
            .as_array()
            .unwrap()
            .is_empty(),
        "not a friend"
    );
    assert!(
        !kinds(&feed(&bob, &app, "").await)
            .iter()
            .any(|(u, _)| u == "bob"),
        "one's own activity is not in one's feed"
    );
}

#[tokio::test]
async fn private_activity_never_reaches_friends() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = friends(&app, "ada", "bob").await;
    let track = first_track(&app).await;
    let set_privacy = |value: &str| {
        bob.put(app.url("/api/me/privacy"))
            .json(&json!({"activity": value}))
            .send()
    };

    set_privacy("private").await.unwrap();
    bob.put(app.url(&format!("/api/tracks/{}/like", track["id"])))
        .send()
        .await
        .unwrap();
    report(
        &bob,
        &app,
        json!({"track_id": track["id"], "position_ms": 0, "paused": false}),
    )
    .await;
    bob.put(app.url(&format!("/api/artists/{}/like", track["artist"]["id"])))
        .send()
        .await
        .unwrap();
    // Going public again does not reveal what was done in private.
    set_privacy("friends").await.unwrap();

    let seen = kinds(&feed(&ada, &app, "").await);
    assert_eq!(seen, [("bob".to_owned(), "friended".to_owned())]);
}

#[tokio::test]
async fn the_feed_pages_by_cursor_without_gaps_or_repeats() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = friends(&app, "ada", "bob").await;
    let tracks = app.json("/api/tracks?limit=4").await["items"]
        .as_array()
        .unwrap()
        .clone();
    for track in &tracks {
        bob.put(app.url(&format!("/api/tracks/{}/like", track["id"])))
            .send()
            .await
            .unwrap();
    }
    let all = feed(&ada, &app, "?limit=100").await["items"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(all.len(), tracks.len() + 1);
    let ids: Vec<i64> = all.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");

    let mut paged = Vec::new();
    let mut query = "?limit=2".to_owned();
    loop {
        let page = feed(&ada, &app, &query).await;
        paged.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next"].as_i64() {
            Some(next) => query = format!("?limit=2&before={next}"),
            None => break,
        }
    }
    assert_eq!(paged, all);
}

#[tokio::test]
async fn bad_reports_are_refused_and_record_nothing() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = friends(&app, "ada", "bob").await;
    let track = first_track(&app).await;
    let unknown = report(
        &bob,
        &app,
        json!({"track_id": 999999, "position_ms": 0, "paused": false}),
    )
    .await;
    assert_eq!(unknown.status(), 404);
    let malformed = report(
        &bob,
        &app,
        json!({"track_id": track["id"], "position_ms": -5, "paused": false}),
    )
    .await;
    assert_eq!(malformed.status(), 400);
    let anonymous = app.client.post(app.url("/api/now-playing"));
    let anonymous = anonymous
        .json(&json!({"track_id": track["id"], "position_ms": 0, "paused": false}))
        .send();
    assert_eq!(anonymous.await.unwrap().status(), 401);
    assert_eq!(
        kinds(&feed(&ada, &app, "").await).len(),
        1,
        "only the friended event"
    );
    assert_eq!(app.get("/api/feed").await.status(), 401);
}

#[tokio::test]
async fn a_play_made_offline_counts_once_at_its_time_and_a_time_out_of_bounds_is_refused() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = friends(&app, "ada", "bob").await;
    let track = first_track(&app).await;
    let id = track["id"].as_i64().unwrap();
    let length = track["duration_ms"].as_u64().unwrap();
    let now_ms = u64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap();
    let started = now_ms - 3_600_000;
    let at = |offset: u64, position: u64| json!({"track_id": id, "position_ms": position, "paused": false, "at_ms": started + offset});
    assert_eq!(report(&ada, &app, at(0, 0)).await.status(), 204);
    for _ in 0..2 {
        // The whole track heard, sent twice (a retry): one play.
        assert_eq!(report(&ada, &app, at(length, length)).await.status(), 204);
    }
    let feed: Value = bob
        .get(app.url("/api/feed"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let plays: Vec<&Value> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["kind"] == "played")
        .collect();
    assert_eq!(plays.len(), 1, "{feed}");
    let expected = chorus_domain::Timestamp::from_ms(started + length).to_rfc3339();
    assert_eq!(plays[0]["at"], expected.as_str(), "at the time it was made");

    for at_ms in [now_ms + 3_600_000, now_ms - 8 * 24 * 3_600_000] {
        let body = json!({"track_id": id, "position_ms": 0, "paused": false, "at_ms": at_ms});
        let response = report(&ada, &app, body).await;
        assert_eq!(response.status(), 400, "{at_ms}");
        let error: Value = response.json().await.unwrap();
        assert!(
            error["error"].as_str().unwrap().contains("at_ms"),
            "{error}"
        );
    }
}
