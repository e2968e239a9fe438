//! Activity: what reports record, who sees which events in feeds and
//! plays, feed pages, and the two orderings live feeds rely on (reports of
//! one listener applied one at a time; events visible in id order).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chorus_domain::{ActivityKind, ActivityPrivacy, UserId};
use chorus_storage::{NewTrack, Recorded, StorageError};

use crate::support::{
    add, friends, is_rfc3339_millis, listen, new_track, pause, play, race, track, user,
    LONG_SESSION, T0,
};
use crate::Backend;

fn kinds(recorded: &[Recorded]) -> Vec<ActivityKind> {
    recorded.iter().map(|r| r.kind).collect()
}

pub async fn reports_record_now_playing_pauses_and_one_play(b: Backend) {
    let bob = user(&b, "bob").await;
    let t = track(&b, 1).await; // three minutes: a play after 90 s heard
    let steps = [
        (play(t, 0), T0, vec![ActivityKind::NowPlaying]),
        (play(t, 30_000), T0 + 30_000, vec![]),
        (pause(t, 40_000), T0 + 40_000, vec![ActivityKind::Paused]),
        (
            play(t, 40_000),
            T0 + 100_000,
            vec![ActivityKind::NowPlaying],
        ),
        (play(t, 95_000), T0 + 155_000, vec![ActivityKind::Played]),
        (play(t, 120_000), T0 + 180_000, vec![]),
    ];
    let mut ids = Vec::new();
    for (i, (report, now, expected)) in steps.into_iter().enumerate() {
        let recorded = b.writes.report_listening(bob, report, now).await.unwrap();
        assert_eq!(kinds(&recorded), expected, "step {i}");
        assert!(recorded.iter().all(|r| r.user == bob));
        ids.extend(recorded.iter().map(|r| r.id));
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");

    let ghost = chorus_domain::TrackId(t.0 + 1000);
    assert!(matches!(
        b.writes.report_listening(bob, play(ghost, 0), T0).await,
        Err(StorageError::NotFound)
    ));

    let plays = b.activity.plays(bob, bob, None, 10).await.unwrap();
    assert_eq!(plays.items.len(), 1);
    assert_eq!(plays.items[0].kind, ActivityKind::Played);
    assert_eq!(plays.items[0].id, ids[3]);
    assert_eq!(plays.items[0].track.as_ref().map(|t| t.id), Some(t));

    // The state was kept: presence extrapolates from the last report.
    let seen = b.activity.presence(&[bob], T0 + 181_000).await.unwrap();
    let playing = seen[0].now_playing.as_ref().expect("still playing");
    assert_eq!(playing.position_ms, 121_000);
    assert_eq!(playing.started_at, chorus_domain::rfc3339_from_ms(T0));
}

pub async fn feeds_show_friends_visible_events_only(b: Backend) {
    let (ada, bob, eve, pat) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "eve").await,
        user(&b, "pat").await,
    );
    friends(&b, ada, bob).await;
    friends(&b, ada, pat).await;
    let (t1, t2) = (track(&b, 1).await, track(&b, 2).await);
    let start = b.activity.latest_activity_id().await.unwrap();

    let bob_likes = b
        .writes
        .set_track_like(bob, t1, true)
        .await
        .unwrap()
        .unwrap();
    b.writes.set_track_like(eve, t1, true).await.unwrap(); // no friend of ada
    b.users
        .set_privacy(pat, ActivityPrivacy::Private)
        .await
        .unwrap();
    b.writes.set_track_like(pat, t1, true).await.unwrap(); // private
    let ada_likes = b
        .writes
        .set_track_like(ada, t1, true)
        .await
        .unwrap()
        .unwrap();

    // The likes' ids in a feed page (not the friendships' before them).
    let ids = |page: chorus_domain::FeedPage| {
        page.items
            .iter()
            .map(|i| i.id)
            .filter(|id| *id > start)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(b.activity.feed(ada, None, 100).await.unwrap()),
        [bob_likes.id]
    );
    assert_eq!(
        ids(b.activity.feed(bob, None, 100).await.unwrap()),
        [ada_likes.id],
        "friends' events, not one's own"
    );
    assert!(b
        .activity
        .feed(eve, None, 100)
        .await
        .unwrap()
        .items
        .is_empty());

    let feed = b.activity.feed(ada, None, 100).await.unwrap();
    let item = &feed.items[0];
    assert_eq!(item.user.username.as_str(), "bob");
    assert_eq!(item.kind, ActivityKind::LikedTrack);
    assert_eq!(
        item.track.as_ref(),
        Some(&b.catalog.track(t1).await.unwrap())
    );
    assert_eq!((item.artist.as_ref(), item.friend.as_ref()), (None, None));
    assert!(is_rfc3339_millis(&item.at), "{}", item.at);

    // Privacy off again: what was done in private stays hidden.
    b.users
        .set_privacy(pat, ActivityPrivacy::Friends)
        .await
        .unwrap();
    let artist = b.catalog.track(t2).await.unwrap().artist;
    let pat_likes = b
        .writes
        .set_artist_like(pat, artist.id, true)
        .await
        .unwrap()
        .unwrap();
    // Privacy on later: what was shared stays shared.
    b.users
        .set_privacy(bob, ActivityPrivacy::Private)
        .await
        .unwrap();
    let feed = b.activity.feed(ada, None, 100).await.unwrap();
    assert_eq!(ids(feed.clone()), [pat_likes.id, bob_likes.id]);
    assert_eq!(feed.items[0].artist.as_ref(), Some(&artist));
    assert_eq!(feed.items[0].track, None);

    let after = |from: i64| {
        let activity = b.activity.clone();
        async move {
            let items = activity.feed_after(ada, from, 100).await.unwrap();
            items.iter().map(|i| i.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        after(start).await,
        [bob_likes.id, pat_likes.id],
        "oldest first"
    );
    assert_eq!(after(bob_likes.id).await, [pat_likes.id]);
    assert!(after(pat_likes.id).await.is_empty());
    let first = b.activity.feed_after(ada, start, 1).await.unwrap();
    assert_eq!(first.len(), 1, "at most the limit");
    assert_eq!(first[0], feed.items[1]);

    b.writes.unfriend(ada, bob).await.unwrap();
    assert_eq!(
        ids(b.activity.feed(ada, None, 100).await.unwrap()),
        [pat_likes.id],
        "an ex-friend's events leave the feed"
    );
}

pub async fn plays_show_to_the_listener_and_friends_only(b: Backend) {
    let (ada, bob, eve) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "eve").await,
    );
    friends(&b, ada, bob).await;
    let t = track(&b, 1).await;
    let public = listen(&b, bob, t, T0).await;
    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    let private = listen(&b, bob, t, T0 + 3_600_000).await;
    b.writes.set_private_session(bob, None).await.unwrap();

    let plays = |viewer: UserId| {
        let activity = b.activity.clone();
        async move {
            let page = activity.plays(viewer, bob, None, 10).await.unwrap();
            assert_eq!(page.next, None);
            page.items.iter().map(|i| i.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(plays(bob).await, [private.id, public.id], "all one's own");
    assert_eq!(
        plays(ada).await,
        [public.id],
        "a friend sees the public one"
    );
    assert!(plays(eve).await.is_empty(), "a stranger sees none");

    let first = b.activity.plays(bob, bob, None, 1).await.unwrap();
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.next, Some(private.id));
    let rest = b.activity.plays(bob, bob, first.next, 1).await.unwrap();
    assert_eq!(rest.items[0].id, public.id);
    assert_eq!(rest.next, None);
}

pub async fn feed_pages_walk_back_with_before(b: Backend) {
    let (ada, bob) = (user(&b, "ada").await, user(&b, "bob").await);
    friends(&b, ada, bob).await;
    let mut events = Vec::new();
    for n in 1..=6 {
        let t = track(&b, n).await;
        events.push(
            b.writes
                .set_track_like(bob, t, true)
                .await
                .unwrap()
                .unwrap()
                .id,
        );
        if n == 3 {
            // Hidden, and not counted in any page.
            b.writes
                .set_private_session(bob, Some(LONG_SESSION))
                .await
                .unwrap();
            let hidden = track(&b, 100).await;
            b.writes.set_track_like(bob, hidden, true).await.unwrap();
            b.writes.set_private_session(bob, None).await.unwrap();
        }
    }
    // The friendship events came first; keep to the likes.
    let oldest_like = events[0];
    events.reverse();

    for limit in [1, 3, 4, 6, 7] {
        let mut seen = Vec::new();
        let mut before = None;
        loop {
            let page = b.activity.feed(ada, before, limit).await.unwrap();
            seen.extend(page.items.iter().map(|i| i.id));
            match page.next {
                Some(next) => {
                    assert_eq!(page.items.len(), limit as usize);
                    assert_eq!(Some(next), seen.last().copied());
                    before = Some(next);
                }
                None => break,
            }
        }
        let likes: Vec<i64> = seen
            .iter()
            .copied()
            .filter(|id| *id >= oldest_like)
            .collect();
        assert_eq!(
            likes, events,
            "limit {limit}: every event once, newest first"
        );
        assert_eq!(seen.len(), events.len() + 1, "and bob's friended event");
    }
    let page = b.activity.feed(ada, Some(oldest_like), 10).await.unwrap();
    assert_eq!(page.items.len(), 1, "below the oldest like: the friendship");
    assert_eq!(page.items[0].kind, ActivityKind::Friended);
}

pub async fn latest_activity_id_is_the_newest_event(b: Backend) {
    assert_eq!(
        b.activity.latest_activity_id().await.unwrap(),
        0,
        "none yet"
    );
    let ada = user(&b, "ada").await;
    let t = track(&b, 1).await;
    let first = b
        .writes
        .set_track_like(ada, t, true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b.activity.latest_activity_id().await.unwrap(), first.id);
    b.writes.set_track_like(ada, t, false).await.unwrap();
    assert_eq!(b.activity.latest_activity_id().await.unwrap(), first.id);
    b.writes
        .set_private_session(ada, Some(LONG_SESSION))
        .await
        .unwrap();
    let private = b
        .writes
        .set_track_like(ada, t, true)
        .await
        .unwrap()
        .unwrap();
    assert!(private.id > first.id);
    assert_eq!(
        b.activity.latest_activity_id().await.unwrap(),
        private.id,
        "private events count too"
    );
    assert!(b
        .activity
        .shared_after(first.id, 10)
        .await
        .unwrap()
        .is_empty());
}

pub async fn one_listeners_concurrent_reports_apply_one_at_a_time(b: Backend) {
    let bob = user(&b, "bob").await;
    let t = track(&b, 1).await;
    let at = |report, now| {
        let writes = b.writes.clone();
        async move { writes.report_listening(bob, report, now).await.unwrap() }
    };
    assert_eq!(kinds(&at(play(t, 0), T0).await), [ActivityKind::NowPlaying]);
    let all = |results: Vec<Vec<Recorded>>| kinds(&results.concat());
    let mut now = T0;
    for round in 0..5 {
        now += 1_000;
        let paused = race(8, |_| at(pause(t, 0), now)).await;
        assert_eq!(
            all(paused),
            [ActivityKind::Paused],
            "round {round}: one pause"
        );
        now += 1_000;
        let resumed = race(8, |_| at(play(t, 0), now)).await;
        assert_eq!(
            all(resumed),
            [ActivityKind::NowPlaying],
            "round {round}: one resume"
        );
    }
    // Heard long enough: every report says so, one play is recorded.
    now += 100_000;
    let played = race(8, |_| at(play(t, 100_000), now)).await;
    assert_eq!(all(played), [ActivityKind::Played]);
    let plays = b.activity.plays(bob, bob, None, 10).await.unwrap();
    assert_eq!(plays.items.len(), 1);
}

/// Events written by 8 concurrent writers, read meanwhile by a poller that
/// moves its cursor to the last id it got, as live feeds do: an event that
/// became visible after one with a higher id would be skipped.
pub async fn events_become_visible_in_id_order(b: Backend) {
    const WRITERS: usize = 8;
    const EVENTS: usize = 50;
    let viewer = user(&b, "viewer").await;
    let mut writers = Vec::new();
    for i in 0..WRITERS {
        let id = user(&b, &format!("writer_{i}")).await;
        friends(&b, viewer, id).await;
        writers.push(id);
    }
    let liked = track(&b, 1).await;
    let played = add(
        &b,
        NewTrack {
            duration_ms: 3_600_000,
            ..new_track(2)
        },
    )
    .await;
    let start = b.activity.latest_activity_id().await.unwrap();
    let done = Arc::new(AtomicBool::new(false));

    // Two readers: what every instance reads, and one listener's feed.
    let shared_reader = {
        let (activity, done) = (b.activity.clone(), done.clone());
        tokio::spawn(async move {
            let (mut cursor, mut seen) = (start, Vec::new());
            loop {
                let finished = done.load(Ordering::SeqCst);
                let batch = activity.shared_after(cursor, 1000).await.unwrap();
                for event in &batch {
                    assert!(event.item.id > cursor, "ascending");
                    cursor = event.item.id;
                    seen.push(cursor);
                }
                if finished && batch.is_empty() {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let feed_reader = {
        let (activity, done) = (b.activity.clone(), done.clone());
        tokio::spawn(async move {
            let (mut cursor, mut seen) = (start, Vec::new());
            loop {
                let finished = done.load(Ordering::SeqCst);
                let batch = activity.feed_after(viewer, cursor, 1000).await.unwrap();
                for item in &batch {
                    assert!(item.id > cursor, "ascending");
                    cursor = item.id;
                    seen.push(cursor);
                }
                if finished && batch.is_empty() {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };

    // Half the writers like and unlike, half play and pause: one event
    // per step either way.
    let written = race(WRITERS, |i| {
        let writes = b.writes.clone();
        let who = writers[i];
        async move {
            let mut ids = Vec::with_capacity(EVENTS);
            for step in 0..EVENTS {
                let recorded = if i % 2 == 0 {
                    let like = writes.set_track_like(who, liked, true).await.unwrap();
                    writes.set_track_like(who, liked, false).await.unwrap();
                    vec![like.expect("a new like")]
                } else {
                    let now = T0 + step as u64 * 1_000;
                    let report = if step % 2 == 0 {
                        play(played, 0)
                    } else {
                        pause(played, 0)
                    };
                    writes.report_listening(who, report, now).await.unwrap()
                };
                assert_eq!(recorded.len(), 1, "writer {i} step {step}");
                ids.push(recorded[0].id);
            }
            ids
        }
    })
    .await;
    done.store(true, Ordering::SeqCst);

    let mut written: Vec<i64> = written.concat();
    written.sort_unstable();
    assert_eq!(written.len(), WRITERS * EVENTS);
    for (name, reader) in [("shared_after", shared_reader), ("feed_after", feed_reader)] {
        let seen = reader.await.unwrap();
        let missed: Vec<i64> = written
            .iter()
            .copied()
            .filter(|id| seen.binary_search(id).is_err())
            .collect();
        assert!(
            missed.is_empty(),
            "{name} skipped {} of {} events (visible after a higher id): {missed:?}",
            missed.len(),
            written.len()
        );
        assert_eq!(seen, written, "{name}: every event exactly once, ascending");
    }
}
