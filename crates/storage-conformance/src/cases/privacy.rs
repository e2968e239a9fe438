//! Private sessions, what they hide, and presence as friends see it (only
//! friends are read; private listeners play nothing). Formerly the SQLite
//! backend's `tests/privacy.rs`.

use std::time::Duration;

use chorus_domain::{UserId, NOW_PLAYING_STALE_MS};

use crate::support::{friends, play, track, user, LONG_SESSION, T0};
use crate::Backend;

async fn feed_len(b: &Backend, viewer: UserId) -> usize {
    b.activity
        .feed(viewer, None, 100)
        .await
        .unwrap()
        .items
        .len()
}

pub async fn a_private_session_shows_until_it_ends_and_hides_what_happens_in_it(b: Backend) {
    let (ada, bob) = (user(&b, "ada").await, user(&b, "bob").await);
    friends(&b, ada, bob).await;
    let track = track(&b, 1).await;
    let before = feed_len(&b, ada).await;

    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    let me = b.users.user_by_id(bob).await.unwrap().unwrap().me;
    let until = me.private_session_until.expect("a session");
    assert!(until.ends_with('Z') && until > me.created_at, "{until}");
    b.writes.set_track_like(bob, track, true).await.unwrap();
    assert_eq!(feed_len(&b, ada).await, before, "private while it lasts");

    // A session of no length is over at once.
    b.writes
        .set_private_session(bob, Some(Duration::ZERO))
        .await
        .unwrap();
    let me = b.users.user_by_id(bob).await.unwrap().unwrap().me;
    assert_eq!(me.private_session_until, None);
    b.writes.set_track_like(bob, track, false).await.unwrap();
    b.writes.set_track_like(bob, track, true).await.unwrap();
    assert_eq!(feed_len(&b, ada).await, before + 1);

    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    b.writes.set_private_session(bob, None).await.unwrap();
    let me = b.users.user_by_id(bob).await.unwrap().unwrap().me;
    assert_eq!(me.private_session_until, None, "ended");
    assert!(b
        .writes
        .set_private_session(UserId(bob.0 + 1000), None)
        .await
        .is_err());
}

pub async fn presence_reads_friends_only_and_private_ones_play_nothing(b: Backend) {
    let (ada, bob, eve) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "eve").await,
    );
    friends(&b, ada, bob).await;
    let track = track(&b, 1).await;
    b.writes
        .report_listening(bob, play(track, 1_000), T0)
        .await
        .unwrap();
    b.writes
        .report_listening(eve, play(track, 0), T0)
        .await
        .unwrap();

    let seen = b
        .activity
        .friends_presence(ada, &[bob, eve], T0 + 5_000)
        .await
        .unwrap();
    assert_eq!(seen.len(), 1, "eve is no friend: never read");
    let bob_now = &seen[0];
    assert_eq!((bob_now.id, bob_now.private), (bob, false));
    assert_eq!(bob_now.user.username.as_str(), "bob");
    let playing = bob_now.now_playing.as_ref().expect("playing");
    assert_eq!((playing.track.id, playing.position_ms), (track, 6_000));

    let stale = T0 + NOW_PLAYING_STALE_MS + 1;
    let seen = b
        .activity
        .friends_presence(ada, &[bob], stale)
        .await
        .unwrap();
    assert_eq!(seen[0].now_playing, None, "stale");

    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    let seen = b.activity.friends_presence(ada, &[bob], T0).await.unwrap();
    assert!(seen[0].private);
    assert_eq!(seen[0].now_playing, None);
    assert!(b
        .activity
        .friends_presence(ada, &[], T0)
        .await
        .unwrap()
        .is_empty());
}

pub async fn shared_events_are_those_friends_may_see_in_order_with_whose_they_are(b: Backend) {
    let (ada, bob) = (user(&b, "ada").await, user(&b, "bob").await);
    let track = track(&b, 1).await;
    let start = b.activity.latest_activity_id().await.unwrap();
    b.writes.set_track_like(ada, track, true).await.unwrap();
    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    b.writes.set_track_like(bob, track, true).await.unwrap();
    b.writes.set_private_session(bob, None).await.unwrap();
    b.writes.set_track_like(bob, track, false).await.unwrap();
    b.writes.set_track_like(bob, track, true).await.unwrap();

    let shared = b.activity.shared_after(start, 10).await.unwrap();
    let whose: Vec<UserId> = shared.iter().map(|e| e.user).collect();
    assert_eq!(whose, [ada, bob], "bob's private like is left out");
    assert!(shared[0].item.id < shared[1].item.id, "oldest first");
    assert_eq!(shared[1].item.user.username.as_str(), "bob");
    assert_eq!(shared[1].item.track.as_ref().map(|t| t.id), Some(track));

    let first = b.activity.shared_after(start, 1).await.unwrap();
    assert_eq!(first.len(), 1, "at most the limit");
    let rest = b.activity.shared_after(first[0].item.id, 10).await.unwrap();
    assert_eq!(rest, shared[1..]);
}

pub async fn presence_without_a_viewer_reads_each_listener_as_friends_see_them(b: Backend) {
    let (bob, eve) = (user(&b, "bob").await, user(&b, "eve").await);
    let track = track(&b, 1).await;
    b.writes
        .report_listening(bob, play(track, 0), T0)
        .await
        .unwrap();
    b.writes
        .set_private_session(eve, Some(LONG_SESSION))
        .await
        .unwrap();
    b.writes
        .report_listening(eve, play(track, 0), T0)
        .await
        .unwrap();

    let mut seen = b
        .activity
        .presence(&[bob, eve, UserId(eve.0 + 1000)], T0 + 1_000)
        .await
        .unwrap();
    seen.sort_by_key(|p| p.id);
    assert_eq!(seen.len(), 2, "an unknown listener is left out");
    let playing = seen[0].now_playing.as_ref().expect("bob plays");
    assert_eq!(playing.position_ms, 1_000);
    assert!(
        seen[1].private && seen[1].now_playing.is_none(),
        "eve hides"
    );
}

pub async fn profiles_leave_out_artists_liked_in_private(b: Backend) {
    let name = chorus_domain::Username::parse("ada").unwrap();
    let ada = user(&b, "ada").await;
    let by = |n: u32, band: &str| chorus_storage::NewTrack {
        artist: band.into(),
        album_artist: band.into(),
        album: format!("{band} album"),
        ..crate::support::new_track(n)
    };
    let open = crate::support::add(&b, by(1, "Open Band")).await;
    let hidden = crate::support::add(&b, by(2, "Hidden Band")).await;
    let open = b.catalog.track(open).await.unwrap().artist.id;
    let hidden = b.catalog.track(hidden).await.unwrap().artist.id;
    assert_ne!(open, hidden);
    b.writes.set_artist_like(ada, open, true).await.unwrap();
    b.writes
        .set_private_session(ada, Some(LONG_SESSION))
        .await
        .unwrap();
    b.writes.set_artist_like(ada, hidden, true).await.unwrap();
    let shown = |b: &Backend| {
        let name = name.clone();
        let social = b.social.clone();
        async move {
            let profile = social.profile(&name).await.unwrap().unwrap();
            profile
                .liked_artists
                .iter()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        shown(&b).await,
        [open],
        "liked in a private session: not shown"
    );
    // Still so after the session ended: what happened in it stays private.
    b.writes.set_private_session(ada, None).await.unwrap();
    assert_eq!(shown(&b).await, [open]);
    // Liked again in public: it shows.
    b.writes.set_artist_like(ada, hidden, false).await.unwrap();
    b.writes.set_artist_like(ada, hidden, true).await.unwrap();
    assert_eq!(shown(&b).await, [hidden, open]);
}
