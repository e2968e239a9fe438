//! Browser calls to the social API: friends, likes, feed pages and
//! profiles' plays. Errors are the server's own messages, ready to show.

use chorus_domain::{FeedPage, FriendList, FriendSuggestion, LikedIds};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::account::client::send;

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, String> {
    let response = send("GET", path, None).await?;
    response.json::<T>().await.map_err(|e| e.to_string())
}

pub async fn friends() -> Result<FriendList, String> {
    get("/api/friends").await
}

#[derive(Deserialize)]
struct Suggestions {
    suggestions: Vec<FriendSuggestion>,
}

pub async fn suggestions() -> Result<Vec<FriendSuggestion>, String> {
    get::<Suggestions>("/api/friends/suggestions")
        .await
        .map(|s| s.suggestions)
}

/// `add`: sends a friend request, or accepts theirs; otherwise declines,
/// cancels or unfriends.
pub async fn set_friendship(username: &str, add: bool) -> Result<(), String> {
    let method = if add { "POST" } else { "DELETE" };
    send(method, &format!("/api/friends/{username}"), None)
        .await
        .map(|_| ())
}

pub async fn likes() -> Result<LikedIds, String> {
    get("/api/me/likes").await
}

/// Likes (`PUT`) or unlikes (`DELETE`) what a like path names.
pub async fn set_like(path: &str, liked: bool) -> Result<(), String> {
    let method = if liked { "PUT" } else { "DELETE" };
    send(method, path, None).await.map(|_| ())
}

/// A page of friends' activity, newest first, older than `before`.
pub async fn feed(before: Option<i64>, limit: u32) -> Result<FeedPage, String> {
    let path = match before {
        Some(before) => format!("/api/feed?before={before}&limit={limit}"),
        None => format!("/api/feed?limit={limit}"),
    };
    get(&path).await
}

/// A listener's recent plays, if the viewer may see them.
pub async fn plays(username: &str, before: Option<i64>) -> Result<FeedPage, String> {
    let path = match before {
        Some(before) => format!("/api/users/{username}/plays?before={before}"),
        None => format!("/api/users/{username}/plays"),
    };
    get(&path).await
}
