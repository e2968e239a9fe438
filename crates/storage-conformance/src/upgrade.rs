//! Upgrading a database made before discovery, on either backend: what an
//! older version wrote ([`OLD_ROWS`], after the migrations before
//! [`DISCOVERY`]), and what the store must read once it has brought the
//! schema up to date ([`check_upgraded`]): the likes made in private
//! marked from their events, search documents filled in for names written
//! before search, and times kept to the millisecond when they became
//! integers.

use chorus_domain::{ActivityKind, ArtistId, SearchQuery, TasteSource, TrackId, UserId, Username};
use chorus_storage::{ActivityStore, DiscoveryStore, SearchFound, SearchMatch, UserStore};

/// The version of discovery's first migration.
pub const DISCOVERY: &str = "20261130000008";

/// A time an older version stored, as RFC 3339 text.
pub const OLD_TIME: &str = "2026-11-27T19:01:02.345Z";

/// What an older version wrote: a catalog, three listeners (cyd at
/// [`OLD_TIME`], with an event then), and ada's likes (track 2 and artist 1
/// liked in private; track 3 liked in private, unliked, liked again in
/// public) with their events.
pub const OLD_ROWS: &[&str] = &[
    "INSERT INTO artists (id, name, name_key) VALUES (1, 'Beyoncé', 'beyoncé')",
    "INSERT INTO albums (id, artist_id, title, title_key) VALUES (1, 1, 'Lemonade', 'lemonade')",
    "INSERT INTO tracks (id, album_id, artist_id, title, duration_ms, audio_hash, audio_kind, source_path) \
     VALUES (1, 1, 1, 'Formation', 1000, 'h1', 'ogg', '/1'), (2, 1, 1, 'Hold Up', 1000, 'h2', 'ogg', '/2'), \
            (3, 1, 1, 'Sorry', 1000, 'h3', 'ogg', '/3')",
    "INSERT INTO users (id, username, display_name, password_hash) \
     VALUES (1, 'ada', 'Ada Lovelace', 'h'), (2, 'bob', 'Bob', 'h')",
    "INSERT INTO users (id, username, display_name, password_hash, created_at) \
     VALUES (3, 'cyd', 'Cyd', 'h', '2026-11-27T19:01:02.345Z')",
    "INSERT INTO track_likes (user_id, track_id) VALUES (1, 1), (1, 2), (1, 3), (2, 2)",
    "INSERT INTO artist_likes (user_id, artist_id) VALUES (1, 1)",
    "INSERT INTO activity (user_id, kind, track_id, artist_id, visibility) VALUES \
     (1, 'liked_track', 1, NULL, 'friends'), (1, 'liked_track', 2, NULL, 'private'), \
     (1, 'liked_track', 3, NULL, 'private'), (1, 'liked_track', 3, NULL, 'friends'), \
     (1, 'liked_artist', NULL, 1, 'private'), (2, 'liked_track', 2, NULL, 'friends')",
    "INSERT INTO activity (user_id, kind, friend_id, visibility, at) \
     VALUES (3, 'friended', 1, 'friends', '2026-11-27T19:01:02.345Z')",
];

/// Checks what `store` reads after the upgrade; `track_likes` is its
/// `(user_id, track_id, private)` rows in that order.
pub async fn check_upgraded<S>(store: &S, track_likes: Vec<(i64, i64, bool)>)
where
    S: DiscoveryStore + UserStore + ActivityStore,
{
    assert_eq!(
        track_likes,
        [(1, 1, false), (1, 2, true), (1, 3, false), (2, 2, false)]
    );
    let signals = store.taste(&[UserId(1)]).await.unwrap();
    let likes = signals
        .iter()
        .filter(|s| matches!(s.source, TasteSource::TrackLike { .. }))
        .count();
    assert_eq!(likes, 2, "tracks 1 and 3");
    assert!(
        !signals
            .iter()
            .any(|s| matches!(s.source, TasteSource::ArtistLike { .. })),
        "the artist was liked in private"
    );

    let search = |text: &str| SearchQuery::parse(text).unwrap();
    let found = |matches: Vec<SearchMatch>| -> Vec<SearchFound> {
        matches.into_iter().map(|m| m.found).collect()
    };
    let hits = store.search_matches(&search("beyo"), 10).await.unwrap();
    assert_eq!(found(hits), [SearchFound::Artist(ArtistId(1))]);
    let hits = store.search_matches(&search("lovelace"), 10).await.unwrap();
    assert_eq!(found(hits), [SearchFound::Listener(UserId(1))]);
    let hits = store.search_matches(&search("sorr"), 10).await.unwrap();
    assert_eq!(found(hits), [SearchFound::Track(TrackId(3))]);

    let cy = Username::parse("cyd").unwrap();
    let cy = store.user_by_username(&cy).await.unwrap().unwrap();
    assert_eq!(cy.me.created_at, OLD_TIME, "a sign-up's time, to the ms");
    // After ada's and bob's six events (their tracks' made-up hashes do
    // not read back).
    let events = store.shared_after(6, 100).await.unwrap();
    let friended = events
        .iter()
        .find(|e| e.item.kind == ActivityKind::Friended)
        .unwrap();
    assert_eq!(friended.item.at, OLD_TIME, "an event's time, to the ms");
}
