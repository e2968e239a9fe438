//! Feed rows: the columns every event listing reads, and their conversion
//! into [`FeedItem`]s (with their tracks) and pages.

use std::collections::HashMap;

use chorus_domain::{
    ActivityKind, ArtistId, ArtistRef, DisplayName, FeedItem, FeedPage, PublicUser, Track, Username,
};
use chorus_storage::{StorageError, StorageResult};
use sqlx::PgPool;

use crate::catalog::tracks_by_ids;

/// The columns of a [`FeedRow`] over `activity a` joined with [`FEED_JOINS`].
pub(crate) const FEED_COLUMNS: &str = concat!(
    "a.id, a.user_id, ",
    rfc3339!("a.at"),
    " AS at, a.kind, a.track_id, a.artist_id, ar.name AS artist_name, \
     u.username, u.display_name, fu.username AS friend_username, \
     fu.display_name AS friend_display_name"
);

/// What a feed item names besides its event: its user, artist and friend.
pub(crate) const FEED_JOINS: &str = "JOIN users u ON u.id = a.user_id \
     LEFT JOIN artists ar ON ar.id = a.artist_id \
     LEFT JOIN users fu ON fu.id = a.friend_id";

#[derive(sqlx::FromRow)]
pub(crate) struct FeedRow {
    pub(crate) id: i64,
    pub(crate) user_id: i64,
    at: String,
    kind: String,
    track_id: Option<i64>,
    artist_id: Option<i64>,
    artist_name: Option<String>,
    username: String,
    display_name: String,
    friend_username: Option<String>,
    friend_display_name: Option<String>,
}

/// Feed items of `rows`, in their order, with their tracks.
pub(crate) async fn items(pool: &PgPool, rows: &[FeedRow]) -> StorageResult<Vec<FeedItem>> {
    let track_ids: Vec<i64> = rows.iter().filter_map(|r| r.track_id).collect();
    let tracks = tracks_by_ids(pool, &track_ids).await?;
    rows.iter().map(|row| row.to_item(&tracks)).collect()
}

/// A page of at most `limit` items from up to `limit + 1` rows read newest
/// first: the extra row only tells that there is a next page.
pub(crate) fn page(mut items: Vec<FeedItem>, limit: u32) -> FeedPage {
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next = if more {
        items.last().map(|i| i.id)
    } else {
        None
    };
    FeedPage { items, next }
}

fn backend(what: &str) -> StorageError {
    StorageError::Backend(format!("invalid {what} in a stored user or event").into())
}

pub(crate) fn person(username: &str, display_name: &str) -> StorageResult<PublicUser> {
    Ok(PublicUser {
        username: Username::parse(username).map_err(|_| backend("username"))?,
        display_name: DisplayName::parse(display_name).map_err(|_| backend("display name"))?,
    })
}

impl FeedRow {
    fn to_item(&self, tracks: &HashMap<i64, Track>) -> StorageResult<FeedItem> {
        let friend = match (&self.friend_username, &self.friend_display_name) {
            (Some(u), Some(d)) => Some(person(u, d)?),
            _ => None,
        };
        Ok(FeedItem {
            id: self.id,
            at: self.at.clone(),
            user: person(&self.username, &self.display_name)?,
            kind: ActivityKind::parse(&self.kind).ok_or_else(|| backend("kind"))?,
            track: self.track_id.and_then(|id| tracks.get(&id).cloned()),
            artist: match (self.artist_id, &self.artist_name) {
                (Some(id), Some(name)) => Some(ArtistRef {
                    id: ArtistId(id),
                    name: name.clone(),
                }),
                _ => None,
            },
            friend,
        })
    }
}
