//! `GET /api/friends/suggestions`: friends of friends, most shared friends
//! first, never oneself, a friend, or someone with a request pending.

use std::collections::HashMap;

use reqwest::Method;
use serde_json::Value;

use crate::helpers::{header, spawn_app, TestApp};
use crate::listeners::{listener, Listener};

type People = HashMap<&'static str, Listener>;

async fn ask(app: &TestApp, people: &People, from: &str, to: &str) {
    let path = format!("/api/friends/{to}");
    let response = people[from].call(app, Method::POST, &path).await;
    assert_eq!(response.status(), 200);
}

/// Ada's suggestions: (username, shared friends).
async fn suggestions(app: &TestApp, people: &People, query: &str) -> Vec<(String, u64)> {
    let path = format!("/api/friends/suggestions{query}");
    let response = people["ada"].call(app, Method::GET, &path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    let body: Value = response.json().await.unwrap();
    body["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["user"]["display_name"], s["user"]["username"]);
            (
                s["user"]["username"].as_str().unwrap().to_owned(),
                s["shared_friends"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn friends_of_friends_rank_by_shared_friends() {
    let app = spawn_app().await;
    let mut people = People::new();
    for name in [
        "ada", "bob", "carol", "dan", "eve", "frank", "gina", "hank", "ivan", "jill", "kim",
    ] {
        people.insert(name, listener(&app, name).await);
    }
    for (a, b) in [
        ("ada", "bob"),
        ("ada", "carol"),
        ("ada", "dan"),
        ("bob", "carol"),
        ("bob", "eve"),
        ("carol", "eve"),
        ("dan", "eve"),
        ("bob", "frank"),
        ("dan", "frank"),
        ("carol", "gina"),
        ("dan", "hank"),
        ("carol", "kim"),
        ("bob", "ivan"),
        ("carol", "jill"),
    ] {
        ask(&app, &people, a, b).await;
        ask(&app, &people, b, a).await;
    }
    ask(&app, &people, "ada", "ivan").await; // pending, asked by ada
    ask(&app, &people, "jill", "ada").await; // pending, asked of ada

    let expected = [
        ("eve", 3),
        ("frank", 2),
        ("gina", 1),
        ("hank", 1),
        ("kim", 1),
    ]
    .map(|(n, c)| (n.to_owned(), c));
    assert_eq!(suggestions(&app, &people, "").await, expected);
    assert_eq!(suggestions(&app, &people, "?limit=2").await, expected[..2]);
    assert_eq!(
        suggestions(&app, &people, "?limit=0").await,
        expected[..1],
        "at least one"
    );

    let anonymous = app.get("/api/friends/suggestions").await;
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn a_listener_called_suggestions_can_still_be_befriended() {
    let app = spawn_app().await;
    let ada = listener(&app, "ada").await;
    let other = listener(&app, "suggestions").await;
    let response = ada
        .call(&app, Method::POST, "/api/friends/suggestions")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.unwrap()["status"],
        "requested"
    );
    let response = other.call(&app, Method::POST, "/api/friends/ada").await;
    assert_eq!(response.json::<Value>().await.unwrap()["status"], "friends");
    let response = ada
        .call(&app, Method::DELETE, "/api/friends/suggestions")
        .await;
    assert_eq!(response.status(), 204);
}
