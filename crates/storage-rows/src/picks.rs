//! Friends' activity on tracks as both backends read it: one row per track
//! and friend ([`PickRow`]), a [`FriendTrackActivity`] each (discovery
//! groups and ranks them into picks).

use chorus_domain::{TrackId, UserId};
use chorus_storage::FriendTrackActivity;

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

impl PickRow {
    pub fn into_activity(self) -> FriendTrackActivity {
        FriendTrackActivity {
            track: TrackId(self.track_id),
            friend: UserId(self.user_id),
            plays: count(self.plays),
            likes: count(self.likes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_beyond_a_u32_are_clamped() {
        let row = PickRow {
            track_id: 3,
            user_id: 7,
            plays: 2,
            likes: i64::MAX,
        };
        assert_eq!(
            row.into_activity(),
            FriendTrackActivity {
                track: TrackId(3),
                friend: UserId(7),
                plays: 2,
                likes: u32::MAX
            }
        );
    }
}
