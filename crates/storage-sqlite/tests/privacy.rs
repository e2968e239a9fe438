//! The SQLite store on a real database file: private sessions, what they
//! hide, and friends' presence (only friends are read; private listeners
//! play nothing).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chorus_domain::{
    ContentHash, DisplayName, ListenReport, MediaFile, MediaKind, TrackId, UserId, Username,
};
use chorus_storage::{
    ActivityStore, CatalogStore, ImportOutcome, NewTrack, SocialStore, UserStore,
};
use chorus_storage_sqlite::SqliteStore;
use tempfile::TempDir;

const HOUR: Duration = Duration::from_secs(3600);

async fn store() -> (SqliteStore, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("chorus.db").display());
    (SqliteStore::open(&url).await.unwrap(), dir)
}

async fn user(store: &SqliteStore, name: &str) -> UserId {
    let username = Username::parse(name).unwrap();
    let display = DisplayName::parse(name).unwrap();
    store
        .create_user(&username, &display, "hash")
        .await
        .unwrap()
        .id
}

async fn friends(store: &SqliteStore, a: UserId, b: UserId) {
    store.befriend(a, b).await.unwrap();
    store.befriend(b, a).await.unwrap();
}

/// A three-minute track.
async fn track(store: &SqliteStore) -> TrackId {
    let audio = MediaFile {
        hash: ContentHash::parse(&"ab".repeat(32)).unwrap(),
        kind: MediaKind::Ogg,
    };
    let outcome = store
        .import_track(NewTrack {
            title: "Song".into(),
            artist: "Artist".into(),
            album_artist: "Artist".into(),
            album: "Album".into(),
            disc_number: 1,
            track_number: Some(1),
            year: None,
            genre: None,
            duration_ms: 180_000,
            audio,
            cover: None,
            source_path: "/music/song.ogg".into(),
        })
        .await
        .unwrap();
    match outcome {
        ImportOutcome::Added(id) => id,
        other => panic!("{other:?}"),
    }
}

fn play(track: TrackId, position_ms: u64) -> ListenReport {
    ListenReport {
        track_id: track,
        position_ms,
        paused: false,
    }
}

async fn feed_len(store: &SqliteStore, viewer: UserId) -> usize {
    store.feed(viewer, None, 100).await.unwrap().items.len()
}

#[tokio::test]
async fn a_private_session_shows_until_it_ends_and_hides_what_happens_in_it() {
    let (store, _dir) = store().await;
    let (ada, bob) = (user(&store, "ada").await, user(&store, "bob").await);
    friends(&store, ada, bob).await;
    let track = track(&store).await;
    let before = feed_len(&store, ada).await;

    store.set_private_session(bob, Some(HOUR)).await.unwrap();
    let me = store.user_by_id(bob).await.unwrap().unwrap().me;
    let until = me.private_session_until.expect("a session");
    assert!(until.ends_with('Z') && until > me.created_at, "{until}");
    store.set_track_like(bob, track, true).await.unwrap();
    assert_eq!(
        feed_len(&store, ada).await,
        before,
        "private while it lasts"
    );

    // A session of no length is over at once.
    store
        .set_private_session(bob, Some(Duration::ZERO))
        .await
        .unwrap();
    let me = store.user_by_id(bob).await.unwrap().unwrap().me;
    assert_eq!(me.private_session_until, None);
    store.set_track_like(bob, track, false).await.unwrap();
    store.set_track_like(bob, track, true).await.unwrap();
    assert_eq!(feed_len(&store, ada).await, before + 1);

    store.set_private_session(bob, Some(HOUR)).await.unwrap();
    store.set_private_session(bob, None).await.unwrap();
    let me = store.user_by_id(bob).await.unwrap().unwrap().me;
    assert_eq!(me.private_session_until, None, "ended");
    assert!(store.set_private_session(UserId(999), None).await.is_err());
}

#[tokio::test]
async fn presence_reads_friends_only_and_private_ones_play_nothing() {
    let (store, _dir) = store().await;
    let (ada, bob, eve) = (
        user(&store, "ada").await,
        user(&store, "bob").await,
        user(&store, "eve").await,
    );
    friends(&store, ada, bob).await;
    let track = track(&store).await;
    let t0 = 1_800_000_000_000;
    store
        .report_listening(bob, play(track, 1_000), t0)
        .await
        .unwrap();
    store
        .report_listening(eve, play(track, 0), t0)
        .await
        .unwrap();

    let seen = store
        .friends_presence(ada, &[bob, eve], t0 + 5_000)
        .await
        .unwrap();
    assert_eq!(seen.len(), 1, "eve is no friend: never read");
    let bob_now = &seen[0];
    assert_eq!((bob_now.id, bob_now.private), (bob, false));
    assert_eq!(bob_now.user.username.as_str(), "bob");
    let playing = bob_now.now_playing.as_ref().expect("playing");
    assert_eq!((playing.track.id, playing.position_ms), (track, 6_000));

    let stale = t0 + chorus_domain::NOW_PLAYING_STALE_MS + 1;
    let seen = store.friends_presence(ada, &[bob], stale).await.unwrap();
    assert_eq!(seen[0].now_playing, None, "stale");

    store.set_private_session(bob, Some(HOUR)).await.unwrap();
    let seen = store.friends_presence(ada, &[bob], t0).await.unwrap();
    assert!(seen[0].private);
    assert_eq!(seen[0].now_playing, None);
    assert!(store
        .friends_presence(ada, &[], t0)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn shared_events_are_those_friends_may_see_in_order_with_whose_they_are() {
    let (store, _dir) = store().await;
    let (ada, bob) = (user(&store, "ada").await, user(&store, "bob").await);
    let track = track(&store).await;
    let start = store.latest_activity_id().await.unwrap();
    store.set_track_like(ada, track, true).await.unwrap();
    store.set_private_session(bob, Some(HOUR)).await.unwrap();
    store.set_track_like(bob, track, true).await.unwrap();
    store.set_private_session(bob, None).await.unwrap();
    store.set_track_like(bob, track, false).await.unwrap();
    store.set_track_like(bob, track, true).await.unwrap();

    let shared = store.shared_after(start, 10).await.unwrap();
    let whose: Vec<UserId> = shared.iter().map(|e| e.user).collect();
    assert_eq!(whose, [ada, bob], "bob's private like is left out");
    assert!(shared[0].item.id < shared[1].item.id, "oldest first");
    assert_eq!(shared[1].item.user.username.as_str(), "bob");
    assert_eq!(shared[1].item.track.as_ref().map(|t| t.id), Some(track));

    let first = store.shared_after(start, 1).await.unwrap();
    assert_eq!(first.len(), 1, "at most the limit");
    let rest = store.shared_after(first[0].item.id, 10).await.unwrap();
    assert_eq!(rest, shared[1..]);
}

#[tokio::test]
async fn friends_of_lists_each_listeners_friends_now() {
    let (store, _dir) = store().await;
    let (ada, bob, eve) = (
        user(&store, "ada").await,
        user(&store, "bob").await,
        user(&store, "eve").await,
    );
    friends(&store, ada, bob).await;
    friends(&store, ada, eve).await;
    store.befriend(bob, eve).await.unwrap(); // only asked
    let mut pairs = store.friends_of(&[ada, bob]).await.unwrap();
    pairs.sort();
    assert_eq!(pairs, [(ada, bob), (ada, eve), (bob, ada)]);
    store.unfriend(ada, eve).await.unwrap();
    assert_eq!(store.friends_of(&[eve]).await.unwrap(), []);
}

#[tokio::test]
async fn presence_without_a_viewer_reads_each_listener_as_friends_see_them() {
    let (store, _dir) = store().await;
    let (bob, eve) = (user(&store, "bob").await, user(&store, "eve").await);
    let track = track(&store).await;
    let t0 = 1_800_000_000_000;
    store
        .report_listening(bob, play(track, 0), t0)
        .await
        .unwrap();
    store.set_private_session(eve, Some(HOUR)).await.unwrap();
    store
        .report_listening(eve, play(track, 0), t0)
        .await
        .unwrap();

    let mut seen = store
        .presence(&[bob, eve, UserId(999)], t0 + 1_000)
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
