//! Browser calls to the discovery API: search as you type, the friends'
//! chart, recommendations, compatibility and listeners like you. Errors are
//! the server's own messages, ready to show.

use chorus_domain::{
    Chart, ChartPeriod, Compatibility, ListenerLikeYou, Recommendations, SearchResults,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::suggestions::encode_component as encode;
use crate::account::client::send;

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, String> {
    let response = send("GET", path, None).await?;
    response.json::<T>().await.map_err(|e| e.to_string())
}

/// At most `limit` of each kind matching `text`.
pub async fn search(text: &str, limit: u32) -> Result<SearchResults, String> {
    get(&format!("/api/search?q={}&limit={limit}", encode(text))).await
}

/// What the signed-in listener's friends played most in `period`.
pub async fn friends_chart(period: ChartPeriod) -> Result<Chart, String> {
    get(&format!(
        "/api/charts?scope=friends&period={}",
        period.as_str()
    ))
    .await
}

pub async fn recommendations() -> Result<Recommendations, String> {
    get("/api/recommendations").await
}

/// The signed-in viewer's taste compatibility with `username`.
pub async fn compatibility(username: &str) -> Result<Compatibility, String> {
    get(&format!("/api/users/{}/compatibility", encode(username))).await
}

#[derive(Deserialize)]
struct Items<T> {
    items: Vec<T>,
}

pub async fn listeners_like_you() -> Result<Vec<ListenerLikeYou>, String> {
    get::<Items<ListenerLikeYou>>("/api/listeners-like-you")
        .await
        .map(|found| found.items)
}
