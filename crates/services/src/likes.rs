//! Likes of tracks, artists and albums. A new like of a track or an artist
//! records a `liked_*` event (an album like goes to the listener's library
//! only: the feed has no album event); a like made while the listener is
//! private is marked so (discovery never counts it) and its event is
//! private too. Liking again, or unliking, records nothing.

use chorus_domain::{ActivityKind, SurrogateKey, UserId, Username};
use chorus_storage::{EventTarget, LikeOf, NewEvent, Recorded};

use crate::privacy::visibility;
use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// Likes (`liked`) or unlikes what `like` names for `user` (whose
    /// profile, listing liked artists, is purged when an artist like
    /// changes). [`ServiceError::NotFound`] when it does not exist.
    pub async fn set_like(
        &self,
        user: UserId,
        username: &Username,
        like: LikeOf,
        liked: bool,
    ) -> ServiceResult<Option<Recorded>> {
        let now = self.clock.now();
        let mut unit = self.stores.transactions.begin(now).await?;
        if !unit.like_target_exists(like).await? {
            return Err(ServiceError::NotFound);
        }
        let recorded = if liked {
            let privacy = unit.lock_listener(user).await?;
            let visibility = visibility(&privacy, now);
            let private = visibility == chorus_storage::Visibility::Private;
            let added = unit.add_like(user, like, private).await?;
            match event_of(like) {
                Some((kind, target)) if added => {
                    let event = NewEvent {
                        user,
                        kind,
                        target,
                        visibility,
                    };
                    Some(unit.record(event).await?)
                }
                _ => None,
            }
        } else {
            unit.remove_like(user, like).await?;
            None
        };
        unit.commit().await?;
        self.announcer.events(&recorded);
        if let LikeOf::Artist(_) = like {
            self.purges.purge(vec![SurrogateKey::user(username)]).await;
        }
        Ok(recorded)
    }
}

/// The event a new like records, if any.
fn event_of(like: LikeOf) -> Option<(ActivityKind, EventTarget)> {
    Some(match like {
        LikeOf::Track(track) => (
            ActivityKind::LikedTrack,
            EventTarget {
                track: Some(track),
                ..EventTarget::default()
            },
        ),
        LikeOf::Artist(artist) => (
            ActivityKind::LikedArtist,
            EventTarget {
                artist: Some(artist),
                ..EventTarget::default()
            },
        ),
        LikeOf::Album(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chorus_domain::{ArtistId, Privacy, TrackId};
    use chorus_realtime::Hint;
    use chorus_storage::Visibility;

    use super::*;
    use crate::testing::{Data, World, NOW};

    const ADA: UserId = UserId(3);
    const SONG: LikeOf = LikeOf::Track(TrackId(7));
    const BAND: LikeOf = LikeOf::Artist(ArtistId(5));

    fn world(privacy: Privacy) -> World {
        let mut data = Data::default();
        data.privacy.insert(ADA, privacy);
        data.tracks.insert(TrackId(7), 200_000);
        data.artists.insert(5);
        World::new(data)
    }

    fn ada() -> Username {
        Username::parse("ada").unwrap()
    }

    #[tokio::test]
    async fn a_new_like_records_its_event_once_and_unliking_records_nothing() {
        let w = world(Privacy::default());
        let first = w.services.set_like(ADA, &ada(), SONG, true).await.unwrap();
        assert_eq!(first.map(|r| r.kind), Some(ActivityKind::LikedTrack));
        assert_eq!(
            w.services.set_like(ADA, &ada(), SONG, true).await.unwrap(),
            None
        );
        assert_eq!(
            w.services.set_like(ADA, &ada(), SONG, false).await.unwrap(),
            None
        );
        let data = w.store.data();
        assert!(data.likes.is_empty());
        assert_eq!(data.events.len(), 1);
        assert_eq!(data.events[0].visibility, Visibility::Friends);
        assert_eq!(
            w.hints(),
            [Hint::Activity {
                activity_id: 1,
                user: ADA
            }]
        );
        assert!(w.purged().is_empty(), "no profile lists liked tracks");
    }

    #[tokio::test]
    async fn an_artist_like_purges_the_profile_that_lists_it() {
        let w = world(Privacy::default());
        let recorded = w.services.set_like(ADA, &ada(), BAND, true).await.unwrap();
        assert_eq!(recorded.map(|r| r.kind), Some(ActivityKind::LikedArtist));
        assert_eq!(w.store.data().events[0].target.artist, Some(ArtistId(5)));
        w.services.set_like(ADA, &ada(), BAND, false).await.unwrap();
        assert_eq!(w.purged(), ["user:ada", "user:ada"]);
    }

    #[tokio::test]
    async fn a_like_made_in_private_is_marked_so_and_its_event_is_private() {
        let w = world(Privacy {
            private_until: Some(NOW.after(Duration::from_secs(1))),
            ..Privacy::default()
        });
        w.services.set_like(ADA, &ada(), BAND, true).await.unwrap();
        w.clock.advance(Duration::from_secs(1));
        w.services.set_like(ADA, &ada(), SONG, true).await.unwrap();
        let data = w.store.data();
        assert!(data.likes[&(ADA, BAND)], "made in private");
        assert!(!data.likes[&(ADA, SONG)], "made after the session");
        let visibility: Vec<_> = data.events.iter().map(|e| e.visibility).collect();
        assert_eq!(visibility, [Visibility::Private, Visibility::Friends]);
    }

    #[tokio::test]
    async fn liking_what_does_not_exist_is_not_found() {
        let w = world(Privacy::default());
        let ghost = LikeOf::Artist(ArtistId(404));
        assert!(matches!(
            w.services.set_like(ADA, &ada(), ghost, true).await,
            Err(ServiceError::NotFound)
        ));
        assert!(w.store.data().likes.is_empty());
    }
}
