//! Discovery's ranking through the service, on a real store (SQLite): the
//! store's candidates (checked on both backends by the storage conformance
//! suite) listed in discovery's order, and charts telling when a refresh
//! changed them.
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_discovery::Discovery;
use chorus_domain::{
    rfc3339_from_ms, ChartPeriod, ChartScope, PublicUser, Reason, Recommended, TrackId,
};
use chorus_storage::NewTrack;
use chorus_storage_conformance::support::{add, friends, named, new_track, played, track_by, user};
use chorus_storage_conformance::Backend;
use chorus_storage_sqlite::SqliteStore;

const DAY_MS: i64 = 24 * 3600 * 1000;

/// A fresh SQLite store in a temporary directory, and discovery over it.
async fn discovery() -> (Backend, Discovery) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("chorus.db").display());
    let store = SqliteStore::open(&url).await.expect("the database opens");
    let b = Backend::new(|clock| store.with_clock(clock), dir);
    let discovery = Discovery::new(
        b.discovery.clone(),
        b.catalog.clone(),
        b.social.clone(),
        b.users.clone(),
        b.playlists.clone(),
    );
    (b, discovery)
}

fn usernames(users: &[PublicUser]) -> Vec<&str> {
    users.iter().map(|u| u.username.as_str()).collect()
}

#[tokio::test]
async fn search_lists_exact_names_first_then_the_shorter_and_a_listener_once() {
    let (b, d) = discovery().await;
    track_by(&b, 1, "Beyoncé").await;
    track_by(&b, 2, "Beyond Creation").await;
    track_by(&b, 3, "Love Love Love").await;
    track_by(&b, 4, "Lovely Day").await;
    track_by(&b, 5, "Love").await;
    track_by(&b, 7, "Glove").await;
    add(
        &b,
        NewTrack {
            title: "Love Story".into(),
            album: "Love Songs".into(),
            artist: "Someone".into(),
            album_artist: "Someone".into(),
            ..new_track(6)
        },
    )
    .await;
    user(&b, "lovelace").await;
    named(&b, "sigur", "Jónsi Birgisson").await;
    named(&b, "jonsi_fan", "Sigur Fan").await;
    named(&b, "ada", "Ada").await;
    let artists = |found: &chorus_domain::SearchResults| -> Vec<String> {
        found.artists.iter().map(|a| a.name.clone()).collect()
    };

    let found = d.search("beyo", 10).await.unwrap();
    assert_eq!(
        artists(&found),
        ["Beyoncé", "Beyond Creation"],
        "the shorter name first"
    );
    let found = d.search("love", 10).await.unwrap();
    assert_eq!(artists(&found)[0], "Love", "the exact name first");
    assert_eq!(artists(&found).len(), 3, "not Glove");
    let one = d.search("love", 1).await.unwrap();
    assert_eq!(artists(&one), ["Love"], "the best of each kind");
    assert_eq!(one.albums[0].title, "Love Songs");
    assert_eq!(one.tracks[0].title, "Love Story");
    assert_eq!(usernames(&one.users), ["lovelace"]);
    let found = d.search("love love love", 10).await.unwrap();
    assert_eq!(artists(&found)[0], "Love Love Love");

    let found = d.search("sigur", 10).await.unwrap();
    assert_eq!(
        usernames(&found.users),
        ["sigur", "jonsi_fan"],
        "the exact username first"
    );
    assert_eq!(
        usernames(&d.search("sigur", 1).await.unwrap().users),
        ["sigur"]
    );
    assert_eq!(
        usernames(&d.search("ada", 10).await.unwrap().users),
        ["ada"],
        "once, though both names match"
    );
}

#[tokio::test]
async fn friends_are_into_lists_most_friends_first_the_more_active_first() {
    let (b, d) = discovery().await;
    let ada = user(&b, "ada").await;
    let (bob, carl, eve) = (
        user(&b, "bob").await,
        user(&b, "carl").await,
        user(&b, "eve").await,
    );
    for friend in [bob, carl, eve] {
        friends(&b, ada, friend).await;
    }
    let mut tracks = Vec::new();
    for n in 1..=3 {
        tracks.push(track_by(&b, n, "Alpha").await.0);
    }
    let [t1, t2, t3] = tracks[..] else {
        unreachable!()
    };
    played(&b, eve, t3).await;
    b.writes.set_track_like(bob, t2, true).await.unwrap();
    played(&b, carl, t1).await;
    b.writes.set_track_like(carl, t1, true).await.unwrap();
    for _ in 0..3 {
        played(&b, bob, t1).await;
    }

    let items = d
        .recommendations(ada, b.writes.now_ms())
        .await
        .unwrap()
        .items;
    let summary: Vec<(TrackId, Vec<&str>, u32, u32)> = items
        .iter()
        .map(|item| match (&item.item, &item.reason) {
            (
                Recommended::Track(track),
                Reason::FriendsAreInto {
                    friends,
                    plays,
                    likes,
                },
            ) => (track.id, usernames(friends), *plays, *likes),
            other => panic!("not a friends' pick: {other:?}"),
        })
        .collect();
    assert_eq!(
        summary,
        [
            (t1, vec!["bob", "carl"], 4, 1),
            (t2, vec!["bob"], 0, 1),
            (t3, vec!["eve"], 1, 0),
        ],
        "most friends first (the more active first), then by track"
    );
}

#[tokio::test]
async fn a_refresh_tells_whether_the_charts_changed() {
    let (b, d) = discovery().await;
    let ada = user(&b, "ada").await;
    let bob = user(&b, "bob").await;
    friends(&b, ada, bob).await;
    let (t1, _) = track_by(&b, 1, "Alpha").await;
    let (t2, _) = track_by(&b, 2, "Beta").await;
    played(&b, ada, t1).await;
    played(&b, bob, t2).await;
    let now = b.writes.now_ms();

    assert!(d.refresh_charts(now).await.unwrap(), "the first charts");
    assert!(
        !d.refresh_charts(now).await.unwrap(),
        "nothing played since"
    );
    assert!(
        !d.refresh_charts(now + DAY_MS).await.unwrap(),
        "recomputed the next day: the same entries"
    );
    assert!(
        d.refresh_charts(now + 8 * DAY_MS).await.unwrap(),
        "out of the week"
    );
    assert!(!d.refresh_charts(now + 9 * DAY_MS).await.unwrap());
    assert!(
        d.refresh_charts(now + 31 * DAY_MS).await.unwrap(),
        "out of the month"
    );
    assert!(
        !d.refresh_charts(now + 32 * DAY_MS).await.unwrap(),
        "empty before, empty now"
    );
    assert!(
        d.refresh_charts(now).await.unwrap(),
        "back to today's plays"
    );
    played(&b, bob, t2).await;
    assert!(d.refresh_charts(now).await.unwrap(), "a new play");

    let week = d
        .chart(ChartScope::Global, ChartPeriod::Week, None, now)
        .await
        .unwrap();
    let top: Vec<(TrackId, u64)> = week.tracks.iter().map(|t| (t.track.id, t.plays)).collect();
    assert_eq!(top, [(t2, 2), (t1, 1)]);

    let theirs = d
        .chart(ChartScope::Friends, ChartPeriod::Week, Some(ada), now)
        .await
        .unwrap();
    let top: Vec<(TrackId, u64)> = theirs
        .tracks
        .iter()
        .map(|t| (t.track.id, t.plays))
        .collect();
    assert_eq!(top, [(t2, 2)], "bob's plays, not ada's own");
    assert_eq!(
        theirs.computed_at,
        rfc3339_from_ms(u64::try_from(now).unwrap()),
        "a friends' chart is of the time asked"
    );
}
