//! What happens in a private session stays off every surface another
//! person can see: the profile page and its API, charts, compatibility,
//! recommendations, listeners like you (search shows names, never
//! activity). Each surface is checked against a public listener doing the
//! same, so the check could see the activity if it leaked. On both
//! databases.

use reqwest::Method;
use serde_json::Value;

use crate::discovery::{add_track, get_json, like_artist, play};
use crate::helpers::{on_both_databases, TestApp};
use crate::listeners::{listener, Listener};

on_both_databases!(a_private_sessions_plays_and_likes_show_nowhere);

fn titles(list: &Value, path: &[&str]) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .filter_map(|item| {
            path.iter()
                .try_fold(item, |v, key| v.get(*key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect()
}

async fn usernames(who: &Listener, app: &TestApp, path: &str) -> Vec<String> {
    titles(
        &get_json(who, app, path).await["items"],
        &["user", "username"],
    )
}

async fn a_private_sessions_plays_and_likes_show_nowhere(app: TestApp) {
    let shared = add_track(&app, 1, "Shared Song", "Shared Band", "Shared Album").await;
    let open_pick = add_track(&app, 2, "Open Pick", "Open Band", "Open Album").await;
    let secret_pick = add_track(&app, 3, "Secret Pick", "Secret Band", "Secret Album").await;
    let (ghost, carol, bob) = (
        listener(&app, "ghost").await,
        listener(&app, "carol").await,
        listener(&app, "bob").await,
    );
    // Bob's public taste, which both others share.
    bob.like(&app, shared).await;
    like_artist(&app, &bob, shared).await;

    // Carol does in public what the ghost does in a private session.
    carol.like(&app, shared).await;
    carol.like(&app, open_pick).await;
    like_artist(&app, &carol, shared).await;
    like_artist(&app, &carol, open_pick).await;
    play(&app, "carol", open_pick).await;

    ghost.private_session(&app, true).await;
    ghost.like(&app, shared).await;
    ghost.like(&app, secret_pick).await;
    like_artist(&app, &ghost, shared).await;
    like_artist(&app, &ghost, secret_pick).await;
    for _ in 0..3 {
        play(&app, "ghost", secret_pick).await;
    }
    // Ended: what happened in it stays private.
    ghost.private_session(&app, false).await;

    // The profile, page and API.
    let open_profile = app.json("/api/users/carol").await;
    assert_eq!(
        titles(&open_profile["liked_artists"], &["name"]),
        ["Open Band", "Shared Band"]
    );
    let profile = app.json("/api/users/ghost").await;
    assert_eq!(profile["liked_artists"], serde_json::json!([]), "{profile}");
    let page = app.get("/users/ghost").await.text().await.unwrap();
    assert!(page.contains("ghost"));
    for hidden in ["Secret Band", "Shared Band"] {
        assert!(!page.contains(hidden), "the profile page shows {hidden}");
    }

    // Charts.
    assert!(app.charts.refresh().await.unwrap());
    let chart = app.json("/api/charts?period=week").await;
    assert_eq!(
        titles(&chart["tracks"], &["track", "title"]),
        ["Open Pick"],
        "{chart}"
    );
    assert_eq!(
        titles(&chart["artists"], &["artist", "name"]),
        ["Open Band"]
    );

    // Compatibility: bob shares carol's taste, and nothing of the ghost's.
    let with_carol = get_json(&bob, &app, "/api/users/carol/compatibility").await;
    assert!(with_carol["score"].as_u64().unwrap() > 0, "{with_carol}");
    let with_ghost = get_json(&bob, &app, "/api/users/ghost/compatibility").await;
    assert_eq!(with_ghost["score"], 0, "{with_ghost}");
    assert_eq!(with_ghost["shared_artists"], serde_json::json!([]));
    assert_eq!(with_ghost["basis"]["listener"]["likes"], 0, "{with_ghost}");

    // Recommendations: carol's pick comes through, the ghost's never.
    let recommended = get_json(&bob, &app, "/api/recommendations").await;
    let picks = titles(&recommended["items"], &["track", "title"]);
    assert!(picks.contains(&"Open Pick".to_owned()), "{recommended}");
    assert!(!recommended.to_string().contains("Secret"), "{recommended}");

    // Listeners like you: carol, not the ghost.
    assert_eq!(
        usernames(&bob, &app, "/api/listeners-like-you").await,
        ["carol"]
    );

    // Search names listeners, and carries no activity at all.
    let found = app.json("/api/search?q=ghost").await;
    assert_eq!(titles(&found["users"], &["username"]), ["ghost"]);
    assert!(!found.to_string().contains("Secret"));

    // And the ghost's own view still has all of it.
    let mine: Value = ghost
        .call(&app, Method::GET, "/api/me/likes")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["tracks"].as_array().unwrap().len(), 2);
}
