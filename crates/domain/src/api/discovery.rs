//! Discovery: search, charts, recommendations, taste compatibility and
//! listeners like you.

use serde::{Deserialize, Serialize};

use super::{encode_component, endpoint, fill};
use crate::{
    Chart, ChartPeriod, ChartScope, Compatibility, ListenerLikeYou, Recommendations, SearchResults,
    Username,
};

pub const SEARCH: &str = "/api/search";
pub const CHARTS: &str = "/api/charts";
pub const RECOMMENDATIONS: &str = "/api/recommendations";
pub const COMPATIBILITY: &str = "/api/users/{username}/compatibility";
pub const LISTENERS_LIKE_YOU: &str = "/api/listeners-like-you";

/// At most `limit` results of each kind matching `text`.
pub fn search(text: &str, limit: u32) -> String {
    format!("{SEARCH}?q={}&limit={limit}", encode_component(text))
}

/// The chart of `scope` over `period`.
pub fn charts(scope: ChartScope, period: ChartPeriod) -> String {
    format!(
        "{CHARTS}?scope={}&period={}",
        scope.as_str(),
        period.as_str()
    )
}

/// The signed-in viewer's taste compatibility with `username`.
pub fn compatibility(username: &Username) -> String {
    fill(COMPATIBILITY, "username", username.as_str())
}

/// `{"items": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Items<T> {
    pub items: Vec<T>,
}

endpoint!(
    /// Artists, albums, tracks and listeners matching a query.
    Search: Get SEARCH, () => SearchResults
);
endpoint!(
    /// The most played tracks and artists (the friends' chart needs a
    /// session).
    GetCharts: Get CHARTS, () => Chart
);
endpoint!(
    /// Tracks and artists for the signed-in listener.
    GetRecommendations: Get RECOMMENDATIONS, () => Recommendations
);
endpoint!(
    /// Taste compatibility with a listener.
    GetCompatibility: Get COMPATIBILITY, () => Compatibility
);
endpoint!(
    /// Listeners with a taste like the signed-in listener's.
    GetListenersLikeYou: Get LISTENERS_LIKE_YOU, () => Items<ListenerLikeYou>
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_encoded() {
        assert_eq!(
            search("Sigur Rós & co", 5),
            "/api/search?q=Sigur%20R%C3%B3s%20%26%20co&limit=5"
        );
    }

    #[test]
    fn charts_say_whose_and_when() {
        assert_eq!(
            charts(ChartScope::Friends, ChartPeriod::Month),
            "/api/charts?scope=friends&period=month"
        );
        assert_eq!(
            charts(ChartScope::Global, ChartPeriod::Week),
            "/api/charts?scope=global&period=week"
        );
    }

    #[test]
    fn compatibility_names_the_listener() {
        let bob = Username::parse("bob").expect("a username");
        assert_eq!(compatibility(&bob), "/api/users/bob/compatibility");
    }
}
