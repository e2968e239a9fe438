//! `PUT /api/me/private-session`: six hours in which everything one does
//! is private; the account shows until when.

use chorus_domain::rfc3339_from_ms;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, spawn_app_with_music};
use crate::listeners::{friends, listener, track_ids};

const SIX_HOURS_MS: u64 = 6 * 60 * 60 * 1000;

fn now_ms() -> u64 {
    chorus_domain::Clock::now(&chorus_domain::SystemClock).as_ms()
}

#[tokio::test]
async fn a_private_session_lasts_six_hours_and_shows_on_the_account() {
    let app = spawn_app().await;
    let ada = listener(&app, "ada").await;
    let path = "/api/me/private-session";

    let before = now_ms();
    let response = ada
        .send_json(&app, Method::PUT, path, json!({"enabled": true}))
        .await;
    let after = now_ms();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    let account: Value = response.json().await.unwrap();
    assert_eq!(account["username"], "ada");
    assert_eq!(account["privacy"], "friends", "the setting is unchanged");
    let until = account["private_session_until"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        rfc3339_from_ms(before + SIX_HOURS_MS - 1000) <= until
            && until <= rfc3339_from_ms(after + SIX_HOURS_MS + 1000),
        "{until}"
    );
    assert_eq!(until.len(), "2026-11-27T19:01:02.345Z".len());

    let me: Value = ada.me(&app).await;
    assert_eq!(me["private_session_until"], until.as_str());

    let ended: Value = ada
        .send_json(&app, Method::PUT, path, json!({"enabled": false}))
        .await
        .json()
        .await
        .unwrap();
    assert!(ended["private_session_until"].is_null());
    let me: Value = ada.me(&app).await;
    assert!(me["private_session_until"].is_null());
}

#[tokio::test]
async fn private_session_requests_are_checked() {
    let app = spawn_app().await;
    let ada = listener(&app, "ada").await;
    let url = app.url("/api/me/private-session");

    let anonymous = app.client.put(&url).json(&json!({"enabled": true}));
    assert_eq!(anonymous.send().await.unwrap().status(), 401);

    for bad in [r#"{"enabled": "yes"}"#, "{}", "null", "not json"] {
        let response = app
            .client
            .put(&url)
            .header("cookie", &ada.cookie)
            .header("content-type", "application/json")
            .body(bad)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{bad}");
        assert!(response.json::<Value>().await.unwrap()["error"].is_string());
    }

    let cross_site = app
        .client
        .put(&url)
        .header("cookie", &ada.cookie)
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    let me: Value = ada.me(&app).await;
    assert!(me["private_session_until"].is_null(), "nothing changed");
}

#[tokio::test]
async fn what_happens_in_a_private_session_stays_out_of_the_feed() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks = track_ids(&app, 2).await;

    bob.private_session(&app, true).await;
    bob.like(&app, tracks[0]).await;
    bob.report(&app, tracks[0], 0, false).await;
    bob.report(&app, tracks[0], 1_000, true).await;
    bob.private_session(&app, false).await;
    bob.like(&app, tracks[1]).await;

    let feed: Value = ada
        .call(&app, Method::GET, "/api/feed")
        .await
        .json()
        .await
        .unwrap();
    let items: Vec<(&str, Option<i64>)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["track"]["id"].as_i64()))
        .collect();
    assert_eq!(
        items,
        [("liked_track", Some(tracks[1])), ("friended", None)],
        "the session's like, play and pause never show"
    );
}
