//! Listening: the player's reports, the friends' feed and what a listener
//! played.

use super::{endpoint, fill};
use crate::{FeedPage, ListenReport, Username};

pub const NOW_PLAYING: &str = "/api/now-playing";
pub const FEED: &str = "/api/feed";
pub const PLAYS: &str = "/api/users/{username}/plays";

/// A page of at most `limit` of the friends' events, older than `before`
/// (the previous page's `next`) if given.
pub fn feed(before: Option<i64>, limit: u32) -> String {
    match before {
        Some(before) => format!("{FEED}?before={before}&limit={limit}"),
        None => format!("{FEED}?limit={limit}"),
    }
}

/// A page of `username`'s plays, older than `before` if given.
pub fn plays(username: &Username, before: Option<i64>) -> String {
    let path = fill(PLAYS, "username", username.as_str());
    match before {
        Some(before) => format!("{path}?before={before}"),
        None => path,
    }
}

endpoint!(
    /// Reports what the player does: 204.
    ReportListening: Post NOW_PLAYING, ListenReport => ()
);
endpoint!(
    /// Friends' activity, newest first.
    GetFeed: Get FEED, () => FeedPage
);
endpoint!(
    /// What a listener played (for them and their friends).
    GetPlays: Get PLAYS, () => FeedPage
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_pages_say_where_they_start() {
        assert_eq!(feed(None, 30), "/api/feed?limit=30");
        assert_eq!(feed(Some(41), 30), "/api/feed?before=41&limit=30");
    }

    #[test]
    fn plays_name_the_listener() {
        let ada = Username::parse("ada_99").expect("a username");
        assert_eq!(plays(&ada, None), "/api/users/ada_99/plays");
        assert_eq!(plays(&ada, Some(7)), "/api/users/ada_99/plays?before=7");
    }
}
