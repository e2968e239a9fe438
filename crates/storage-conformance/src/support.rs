//! What the cases share: listeners, friendships, imported tracks, player
//! reports, and a way to start racing tasks together.

use std::future::Future;

use std::sync::Arc;

use chorus_domain::{
    ActivityKind, ArtistId, ContentHash, DisplayName, ListenReport, MediaFile, MediaKind, TrackId,
    UserId, Username,
};
use chorus_storage::{ImportOutcome, NewTrack, Recorded};
use tokio::sync::Barrier;

use crate::Backend;

/// A listener named `name` (display name too).
pub async fn user(b: &Backend, name: &str) -> UserId {
    named(b, name, name).await
}

/// A listener with a display name of its own.
pub async fn named(b: &Backend, username: &str, display_name: &str) -> UserId {
    let username = Username::parse(username).unwrap();
    let display = DisplayName::parse(display_name).unwrap();
    b.users
        .create_user(&username, &display, "hash")
        .await
        .unwrap()
        .id
}

/// Makes `a` and `c` friends (a asks, c accepts).
pub async fn friends(b: &Backend, a: UserId, c: UserId) {
    b.writes.befriend(a, c).await.unwrap();
    b.writes.befriend(c, a).await.unwrap();
}

/// The content hash numbered `n`.
pub fn hash(n: u64) -> ContentHash {
    ContentHash::parse(&format!("{n:064x}")).unwrap()
}

/// Audio file `n` (Ogg).
pub fn audio(n: u64) -> MediaFile {
    MediaFile {
        hash: hash(n),
        kind: MediaKind::Ogg,
    }
}

/// A three-minute track numbered `n`: "Song n", track `n` of "Album" by
/// "Artist", from `/music/n.ogg`. Change fields with `..new_track(n)`.
pub fn new_track(n: u32) -> NewTrack {
    NewTrack {
        title: format!("Song {n}"),
        artist: "Artist".into(),
        album_artist: "Artist".into(),
        album: "Album".into(),
        disc_number: 1,
        track_number: Some(n),
        year: None,
        genre: None,
        duration_ms: 180_000,
        audio: audio(u64::from(n)),
        cover: None,
        source_path: format!("/music/{n}.ogg"),
    }
}

/// Imports `track`, which must be new.
pub async fn add(b: &Backend, track: NewTrack) -> TrackId {
    match b.writes.import_track(track).await.unwrap() {
        ImportOutcome::Added(id) => id,
        other => panic!("expected a new track, got {other:?}"),
    }
}

/// Imports track `n` ([`new_track`]).
pub async fn track(b: &Backend, n: u32) -> TrackId {
    add(b, new_track(n)).await
}

/// A private session longer than any case's run of report times (cases
/// report at [`T0`] and hours after it, on a test clock); cases end their
/// sessions themselves.
pub const LONG_SESSION: std::time::Duration = std::time::Duration::from_secs(366 * 24 * 3600);

/// A player's report: playing `track` at `position_ms`.
pub fn play(track: TrackId, position_ms: u64) -> ListenReport {
    ListenReport {
        track_id: track,
        position_ms,
        paused: false,
        at_ms: None,
    }
}

/// A player's report: paused in `track` at `position_ms`.
pub fn pause(track: TrackId, position_ms: u64) -> ListenReport {
    ListenReport {
        paused: true,
        ..play(track, position_ms)
    }
}

/// A time in milliseconds since the epoch (2027-01-15), for reports.
pub const T0: u64 = 1_800_000_000_000;

/// Listens to `track` once more: [`listen`] from an hour never used before
/// (on this backend), so every call is a new listen.
pub async fn played(b: &Backend, who: UserId, track: TrackId) -> Recorded {
    listen(b, who, track, b.writes.next_hour()).await
}

/// Imports track `n` by `artist` (on that artist's "Album"); returns it
/// and its artist.
pub async fn track_by(b: &Backend, n: u32, artist: &str) -> (TrackId, ArtistId) {
    let id = add(
        b,
        NewTrack {
            artist: artist.into(),
            album_artist: artist.into(),
            ..new_track(n)
        },
    )
    .await;
    (id, b.catalog.track(id).await.unwrap().artist.id)
}

/// Listens to `track` (three minutes) from `start` until it counts as
/// played; returns the `played` event. A later listen of the same track
/// by the same listener must start an hour or more after (a new listen).
pub async fn listen(b: &Backend, who: UserId, track: TrackId, start: u64) -> Recorded {
    b.writes
        .report_listening(who, play(track, 0), start)
        .await
        .unwrap();
    let recorded = b
        .writes
        .report_listening(who, play(track, 90_000), start + 90_000)
        .await
        .unwrap();
    let kinds: Vec<ActivityKind> = recorded.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ActivityKind::Played]);
    recorded[0]
}

/// Runs `n` tasks made by `task(i)` at once (released together by a
/// barrier), and returns their results in task order.
pub async fn race<T, F, Fut>(n: usize, task: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
{
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let barrier = barrier.clone();
            let work = task(i);
            tokio::spawn(async move {
                barrier.wait().await;
                work.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(n);
    for handle in handles {
        results.push(handle.await.unwrap());
    }
    results
}

/// Whether `time` is RFC 3339 in UTC with milliseconds, as both backends
/// write times (`2026-11-27T19:01:02.345Z`).
pub fn is_rfc3339_millis(time: &str) -> bool {
    let b = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| range.into_iter().all(|i| b[i].is_ascii_digit());
    b.len() == 24
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19] == b'.'
        && digits(20..23)
        && b[23] == b'Z'
}
