//! Browser calls to the discovery API: search as you type, the friends'
//! chart, recommendations, compatibility and listeners like you. Errors are
//! the server's own messages, ready to show.

use chorus_domain::api;
use chorus_domain::{
    Chart, ChartPeriod, ChartScope, Compatibility, ListenerLikeYou, Recommendations, SearchResults,
    Username,
};

use crate::json_api::call;

/// At most `limit` of each kind matching `text`.
pub async fn search(text: &str, limit: u32) -> Result<SearchResults, String> {
    call::<api::Search>(&api::search(text, limit), &()).await
}

/// What the signed-in listener's friends played most in `period`.
pub async fn friends_chart(period: ChartPeriod) -> Result<Chart, String> {
    call::<api::GetCharts>(&api::charts(ChartScope::Friends, period), &()).await
}

pub async fn recommendations() -> Result<Recommendations, String> {
    call::<api::GetRecommendations>(api::RECOMMENDATIONS, &()).await
}

/// The signed-in viewer's taste compatibility with `username`.
pub async fn compatibility(username: &Username) -> Result<Compatibility, String> {
    call::<api::GetCompatibility>(&api::compatibility(username), &()).await
}

pub async fn listeners_like_you() -> Result<Vec<ListenerLikeYou>, String> {
    call::<api::GetListenersLikeYou>(api::LISTENERS_LIKE_YOU, &())
        .await
        .map(|found| found.items)
}
