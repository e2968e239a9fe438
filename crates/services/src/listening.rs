//! Now-playing reports: the listener's state advanced by
//! [`ListeningState::apply`] and written back, with the events it causes
//! (now playing, paused, played), in one unit of work.

use std::time::Duration;

use chorus_domain::{ListenReport, ListeningState, Timestamp, UserId, MAX_REPORT_AGE};
use chorus_storage::{EventTarget, NewEvent, Recorded};

use crate::privacy::visibility;
use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// Applies a player's report at the time it was made (its `at_ms`, for
    /// one sent late; else the clock's now): records the events it causes
    /// at that time (visible to friends unless the listener was private
    /// then) and tells friends' sockets that the listener's presence may
    /// have changed. [`ServiceError::NotFound`] for an unknown track or
    /// listener; [`ServiceError::Invalid`] for a time outside
    /// [`report_time`]'s bounds.
    pub async fn report_listening(
        &self,
        user: UserId,
        report: ListenReport,
    ) -> ServiceResult<Vec<Recorded>> {
        let now = report_time(report.at_ms, self.clock.now())?;
        let mut unit = self.stores.transactions.begin(now).await?;
        let length = unit
            .track_length_ms(report.track_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let privacy = unit.lock_listener(user).await?;
        let previous = unit.listening_state(user).await?;
        let (state, kinds) = ListeningState::apply(previous.as_ref(), report, now.as_ms(), length);
        unit.save_listening_state(user, &state).await?;
        let visibility = visibility(&privacy, now);
        let mut recorded = Vec::with_capacity(kinds.len());
        for kind in kinds {
            let event = NewEvent {
                user,
                kind,
                target: EventTarget {
                    track: Some(report.track_id),
                    ..EventTarget::default()
                },
                visibility,
            };
            recorded.push(unit.record(event).await?);
        }
        unit.commit().await?;
        self.announcer.events(&recorded);
        self.announcer.presence([user]);
        Ok(recorded)
    }
}

/// How far ahead of the server's clock a player's clock may run: a report
/// made up to this far in the future counts as made now.
const CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);

/// When a report was made: `at_ms` if given, no older than
/// [`MAX_REPORT_AGE`] and no later than `now` (give or take
/// [`CLOCK_SKEW`], then `now`); else `now`.
pub fn report_time(at_ms: Option<u64>, now: Timestamp) -> ServiceResult<Timestamp> {
    let Some(at_ms) = at_ms else {
        return Ok(now);
    };
    let age = u64::try_from(MAX_REPORT_AGE.as_millis()).unwrap_or(u64::MAX);
    let at = Timestamp::from_ms(at_ms);
    if at > now.after(CLOCK_SKEW) || at_ms < now.as_ms().saturating_sub(age) {
        return Err(ServiceError::Invalid(
            "at_ms must be a time of the past week, not in the future",
        ));
    }
    Ok(at.min(now))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chorus_domain::{ActivityKind, ActivityPrivacy, Privacy, TrackId};
    use chorus_realtime::Hint;
    use chorus_storage::Visibility;

    use super::*;
    use crate::testing::{Data, World, NOW};

    const BOB: UserId = UserId(1);
    const SONG: TrackId = TrackId(7);

    fn world(privacy: Privacy) -> World {
        let mut data = Data::default();
        data.privacy.insert(BOB, privacy);
        data.tracks.insert(SONG, 200_000);
        World::new(data)
    }

    fn report(position_ms: u64) -> ListenReport {
        ListenReport {
            track_id: SONG,
            position_ms,
            paused: false,
            at_ms: None,
        }
    }

    #[tokio::test]
    async fn a_report_records_what_it_causes_at_the_clocks_time_and_announces_it() {
        let w = world(Privacy::default());
        let first = w.services.report_listening(BOB, report(0)).await.unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].kind, ActivityKind::NowPlaying);
        assert_eq!(w.store.data().listening[&BOB].reported_at_ms, NOW.as_ms());

        // Half the track heard: the play counts.
        w.clock.advance(Duration::from_secs(100));
        let next = w
            .services
            .report_listening(BOB, report(100_000))
            .await
            .unwrap();
        assert_eq!(
            next.iter().map(|r| r.kind).collect::<Vec<_>>(),
            [ActivityKind::Played]
        );

        let data = w.store.data();
        assert!(data
            .events
            .iter()
            .all(|e| e.visibility == Visibility::Friends));
        assert!(data.events.iter().all(|e| e.target.track == Some(SONG)));
        assert_eq!(data.event_times, [NOW, NOW.after(Duration::from_secs(100))]);
        assert_eq!(
            w.hints(),
            [
                Hint::Activity {
                    activity_id: 1,
                    user: BOB
                },
                Hint::Presence { user: BOB },
                Hint::Activity {
                    activity_id: 2,
                    user: BOB
                },
                Hint::Presence { user: BOB },
            ]
        );
    }

    #[tokio::test]
    async fn a_private_listeners_events_are_private_until_the_session_ends() {
        let session = Privacy {
            activity: ActivityPrivacy::Friends,
            private_until: Some(NOW.after(Duration::from_secs(60))),
        };
        let w = world(session);
        w.services.report_listening(BOB, report(0)).await.unwrap();
        w.clock.advance(Duration::from_secs(60));
        // A new listen (the gap is long enough to start over): the session is over.
        w.clock.advance(Duration::from_secs(3600));
        w.services.report_listening(BOB, report(0)).await.unwrap();
        let visibility: Vec<_> = w.store.data().events.iter().map(|e| e.visibility).collect();
        assert_eq!(visibility, [Visibility::Private, Visibility::Friends]);

        let w = world(Privacy {
            activity: ActivityPrivacy::Private,
            private_until: None,
        });
        w.services.report_listening(BOB, report(0)).await.unwrap();
        assert_eq!(w.store.data().events[0].visibility, Visibility::Private);
    }

    #[tokio::test]
    async fn an_unknown_track_or_listener_is_not_found_and_changes_nothing() {
        let w = world(Privacy::default());
        let ghost = ListenReport {
            track_id: TrackId(99),
            ..report(0)
        };
        assert!(matches!(
            w.services.report_listening(BOB, ghost).await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            w.services.report_listening(UserId(2), report(0)).await,
            Err(ServiceError::NotFound)
        ));
        let data = w.store.data();
        assert!(data.events.is_empty() && data.listening.is_empty());
        assert!(w.hints().is_empty());
    }

    #[tokio::test]
    async fn a_report_made_offline_counts_at_its_own_time() {
        let w = world(Privacy::default());
        let hour_ago = NOW.as_ms() - 3_600_000;
        let at = |offset_ms: u64, position_ms: u64| ListenReport {
            at_ms: Some(hour_ago + offset_ms),
            ..report(position_ms)
        };
        w.services.report_listening(BOB, at(0, 0)).await.unwrap();
        let played = w
            .services
            .report_listening(BOB, at(100_000, 100_000))
            .await
            .unwrap();
        assert_eq!(played[0].kind, ActivityKind::Played);
        // Sent again (the network failed after the server took it): no
        // second play.
        let again = w
            .services
            .report_listening(BOB, at(100_000, 100_000))
            .await
            .unwrap();
        assert!(again.is_empty());
        let data = w.store.data();
        assert_eq!(
            data.event_times,
            [
                Timestamp::from_ms(hour_ago),
                Timestamp::from_ms(hour_ago + 100_000)
            ]
        );
    }

    #[tokio::test]
    async fn a_report_time_older_than_a_week_or_in_the_future_is_refused() {
        let w = world(Privacy::default());
        let week = u64::try_from(MAX_REPORT_AGE.as_millis()).unwrap();
        for at_ms in [NOW.as_ms() - week - 1, NOW.as_ms() + 3_600_000] {
            let stale = ListenReport {
                at_ms: Some(at_ms),
                ..report(0)
            };
            assert!(matches!(
                w.services.report_listening(BOB, stale).await,
                Err(ServiceError::Invalid(_))
            ));
        }
        assert!(w.store.data().events.is_empty());
        // A player's clock a minute ahead counts as now.
        assert_eq!(report_time(Some(NOW.as_ms() + 60_000), NOW).unwrap(), NOW);
    }
}
