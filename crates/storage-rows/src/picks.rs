//! Friends' picks as both backends assemble them: one row per track and
//! friend ([`PickRow`]), grouped into [`FriendsPick`]s and ranked.

use std::collections::BTreeMap;

use chorus_domain::{TrackId, UserId};
use chorus_storage::FriendsPick;

/// A friend's plays and likes of a track: select `track_id`, `user_id`,
/// `plays` and `likes` (counts of their events).
#[derive(Debug, sqlx::FromRow)]
pub struct PickRow {
    pub track_id: i64,
    pub user_id: i64,
    pub plays: i64,
    pub likes: i64,
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The rows grouped by track: the friends most active with it first (then
/// by id); picks with most friends first, then most plays and likes, then
/// by track id; at most `limit`.
pub fn friends_picks(rows: Vec<PickRow>, limit: u32) -> Vec<FriendsPick> {
    let mut by_track: BTreeMap<i64, Vec<PickRow>> = BTreeMap::new();
    for row in rows {
        by_track.entry(row.track_id).or_default().push(row);
    }
    let mut picks: Vec<FriendsPick> = by_track
        .into_iter()
        .map(|(track, mut friends)| {
            friends.sort_by(|a, b| {
                (b.plays + b.likes)
                    .cmp(&(a.plays + a.likes))
                    .then(a.user_id.cmp(&b.user_id))
            });
            FriendsPick {
                track: TrackId(track),
                plays: count(friends.iter().map(|f| f.plays).sum()),
                likes: count(friends.iter().map(|f| f.likes).sum()),
                friends: friends.iter().map(|f| UserId(f.user_id)).collect(),
            }
        })
        .collect();
    picks.sort_by(|a, b| {
        b.friends
            .len()
            .cmp(&a.friends.len())
            .then((b.plays + b.likes).cmp(&(a.plays + a.likes)))
            .then(a.track.cmp(&b.track))
    });
    picks.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(track_id: i64, user_id: i64, plays: i64, likes: i64) -> PickRow {
        PickRow {
            track_id,
            user_id,
            plays,
            likes,
        }
    }

    #[test]
    fn most_friends_then_most_events_then_track_id() {
        let rows = vec![
            row(1, 10, 1, 0),
            row(2, 10, 5, 1),
            row(3, 11, 1, 0),
            row(3, 10, 0, 1),
            row(4, 12, 2, 0),
            row(4, 11, 3, 1),
            row(5, 13, 6, 0),
        ];
        let picks = friends_picks(rows, 4);
        let tracks: Vec<i64> = picks.iter().map(|p| p.track.0).collect();
        assert_eq!(tracks, [4, 3, 2, 5]);
        assert_eq!(picks[0].friends, [UserId(11), UserId(12)]);
        assert_eq!((picks[0].plays, picks[0].likes), (5, 1));
        assert_eq!(picks[1].friends, [UserId(10), UserId(11)], "ties by id");
    }
}
