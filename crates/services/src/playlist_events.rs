//! Playlists in the feed: `created_playlist` when one is made (duplicated,
//! or a queue saved), `added_to_playlist` when tracks are added, one for
//! all additions of one listener to one playlist within
//! [`PLAYLIST_ADDITIONS_BATCH_MS`]. Who sees such an event is written
//! here once: the listener's friends when the playlist is public, or
//! friends-only and theirs (every friend of theirs may see it), and the
//! listener is not private now; nobody else otherwise. The feed's reads
//! apply the same rule to the playlist as it is now (its visibility may
//! change after).

use chorus_domain::{
    ActivityKind, PlaylistSummary, PlaylistVisibility, UserId, PLAYLIST_ADDITIONS_BATCH_MS,
};
use chorus_storage::{EventTarget, NewEvent, Visibility};

use crate::privacy::visibility;
use crate::{Playlists, ServiceResult};

impl Playlists {
    /// Records `user`'s `kind` event about `playlist` (owned by `owner`),
    /// unless it is an addition batched with the one before. The edit is
    /// made already: a failure here is logged, not the edit's.
    pub(crate) async fn record_event(
        &self,
        user: UserId,
        kind: ActivityKind,
        playlist: &PlaylistSummary,
        owner: UserId,
    ) {
        if let Err(e) = self.try_record_event(user, kind, playlist, owner).await {
            tracing::error!(error = %e, playlist = %playlist.id, "playlist event not recorded");
        }
    }

    async fn try_record_event(
        &self,
        user: UserId,
        kind: ActivityKind,
        playlist: &PlaylistSummary,
        owner: UserId,
    ) -> ServiceResult<()> {
        let now = self.clock.now();
        let mut unit = self.transactions.begin(now).await?;
        let privacy = unit.lock_listener(user).await?;
        if kind == ActivityKind::AddedToPlaylist {
            let last = unit.last_event_at(user, kind, playlist.id).await?;
            if last.is_some_and(|at| {
                now.as_ms().saturating_sub(at.as_ms()) < PLAYLIST_ADDITIONS_BATCH_MS
            }) {
                return Ok(());
            }
        }
        let seen_by_friends = match playlist.visibility {
            PlaylistVisibility::Public => true,
            PlaylistVisibility::Friends => owner == user,
            PlaylistVisibility::Private => false,
        };
        let event = NewEvent {
            user,
            kind,
            target: EventTarget {
                playlist: Some(playlist.id),
                ..EventTarget::default()
            },
            visibility: if seen_by_friends {
                visibility(&privacy, now)
            } else {
                Visibility::Private
            },
        };
        let recorded = unit.record(event).await?;
        unit.commit().await?;
        self.announcer.events([&recorded]);
        Ok(())
    }
}
