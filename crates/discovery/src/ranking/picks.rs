//! Friends' picks ("your friends are into"): friends' recent activity on
//! tracks, grouped by track and ranked.

use std::collections::BTreeMap;

use chorus_domain::{TrackId, UserId};
use chorus_storage::FriendTrackActivity;

/// A track the viewer's friends played or liked lately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FriendsPick {
    pub track: TrackId,
    /// Friends who played or liked it, most active first.
    pub friends: Vec<UserId>,
    pub plays: u32,
    pub likes: u32,
}

/// Plays and likes together: how active a friend, or a pick, is.
fn events(plays: u32, likes: u32) -> u64 {
    u64::from(plays) + u64::from(likes)
}

/// `activity` grouped by track: the friends most active with it first
/// (then by id); picks with most friends first, then most plays and likes,
/// then by track id; at most `limit`.
pub(crate) fn friends_picks(activity: Vec<FriendTrackActivity>, limit: u32) -> Vec<FriendsPick> {
    let mut by_track: BTreeMap<TrackId, Vec<FriendTrackActivity>> = BTreeMap::new();
    for row in activity {
        by_track.entry(row.track).or_default().push(row);
    }
    let mut picks: Vec<FriendsPick> = by_track
        .into_iter()
        .map(|(track, mut friends)| {
            friends.sort_by(|a, b| {
                events(b.plays, b.likes)
                    .cmp(&events(a.plays, a.likes))
                    .then(a.friend.cmp(&b.friend))
            });
            FriendsPick {
                track,
                plays: friends.iter().map(|f| f.plays).fold(0, u32::saturating_add),
                likes: friends.iter().map(|f| f.likes).fold(0, u32::saturating_add),
                friends: friends.iter().map(|f| f.friend).collect(),
            }
        })
        .collect();
    picks.sort_by(|a, b| {
        b.friends
            .len()
            .cmp(&a.friends.len())
            .then(events(b.plays, b.likes).cmp(&events(a.plays, a.likes)))
            .then(a.track.cmp(&b.track))
    });
    picks.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(track: i64, friend: i64, plays: u32, likes: u32) -> FriendTrackActivity {
        FriendTrackActivity {
            track: TrackId(track),
            friend: UserId(friend),
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

    /// Bob (2) played track 1 three times, Carl (3) played and liked it;
    /// Bob liked track 2; Eve (5) played track 7.
    #[test]
    fn the_more_active_friend_first_and_one_pick_per_track() {
        let rows = vec![
            row(7, 5, 1, 0),
            row(1, 3, 1, 1),
            row(2, 2, 0, 1),
            row(1, 2, 3, 0),
        ];
        let summary: Vec<_> = friends_picks(rows.clone(), 10)
            .into_iter()
            .map(|p| (p.track.0, p.friends, p.plays, p.likes))
            .collect();
        assert_eq!(
            summary,
            [
                (1, vec![UserId(2), UserId(3)], 4, 1),
                (2, vec![UserId(2)], 0, 1),
                (7, vec![UserId(5)], 1, 0),
            ]
        );
        assert_eq!(friends_picks(rows, 1).len(), 1);
        assert!(friends_picks(Vec::new(), 10).is_empty());
    }

    #[test]
    fn counts_add_up_without_overflowing() {
        let picks = friends_picks(vec![row(1, 1, u32::MAX, 0), row(1, 2, 1, 0)], 1);
        assert_eq!(picks[0].plays, u32::MAX);
    }
}
