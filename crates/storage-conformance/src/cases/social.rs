//! Friendships (requests, acceptance, races), likes, suggestions and
//! profiles.

use chorus_domain::{
    ActivityKind, ActivityPrivacy, ArtistId, Friendship, TrackId, UserId, Username,
};
use chorus_storage::{NewTrack, StorageError, PROFILE_LIKED_ARTISTS};

use crate::support::{add, friends, named, new_track, race, track, user, LONG_SESSION};
use crate::Backend;

fn usernames(people: &[chorus_domain::PublicUser]) -> Vec<&str> {
    people.iter().map(|p| p.username.as_str()).collect()
}

pub async fn a_request_accepted_makes_friends_with_an_event_each(b: Backend) {
    let (ada, bob, cy) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "cyd").await,
    );
    friends(&b, cy, ada).await;

    let (state, events) = b.writes.befriend(ada, bob).await.unwrap();
    assert_eq!((state, events.len()), (Friendship::Requested, 0));
    let (state, events) = b.writes.befriend(ada, bob).await.unwrap();
    assert_eq!(
        (state, events.len()),
        (Friendship::Requested, 0),
        "asking again changes nothing"
    );
    let list = b.social.friends(ada).await.unwrap();
    assert_eq!(usernames(&list.outgoing), ["bob"]);
    assert_eq!(usernames(&list.friends), ["cyd"]);
    assert!(list.incoming.is_empty());
    assert_eq!(
        usernames(&b.social.friends(bob).await.unwrap().incoming),
        ["ada"]
    );
    assert_eq!(b.social.pending_requests(bob).await.unwrap(), 1);
    assert_eq!(
        b.social.pending_requests(ada).await.unwrap(),
        0,
        "asked, not asked"
    );
    assert!(b.social.friend_ids(bob).await.unwrap().is_empty());

    let (state, events) = b.writes.befriend(bob, ada).await.unwrap();
    assert_eq!(state, Friendship::Friends);
    assert_eq!(b.social.pending_requests(bob).await.unwrap(), 0, "accepted");
    let whose: Vec<(UserId, ActivityKind)> = events.iter().map(|e| (e.user, e.kind)).collect();
    assert_eq!(
        whose,
        [(bob, ActivityKind::Friended), (ada, ActivityKind::Friended)]
    );
    assert!(events[0].id < events[1].id);
    assert_eq!(b.social.friend_ids(bob).await.unwrap(), [ada]);
    let mut ada_friends = b.social.friend_ids(ada).await.unwrap();
    ada_friends.sort();
    let mut expected = vec![bob, cy];
    expected.sort();
    assert_eq!(ada_friends, expected);
    let list = b.social.friends(ada).await.unwrap();
    assert_eq!(usernames(&list.friends), ["bob", "cyd"]);
    assert!(
        list.incoming.is_empty() && list.outgoing.is_empty(),
        "{list:?}"
    );

    for (from, to) in [(ada, bob), (bob, ada)] {
        let (state, events) = b.writes.befriend(from, to).await.unwrap();
        assert_eq!((state, events.len()), (Friendship::Friends, 0));
    }

    // Cy, ada's friend, sees that ada made a new friend.
    let feed = b.activity.feed(cy, None, 10).await.unwrap();
    let item = feed
        .items
        .iter()
        .find(|i| i.id == events[1].id)
        .expect("ada's friended event");
    assert_eq!(item.kind, ActivityKind::Friended);
    assert_eq!(item.user.username.as_str(), "ada");
    assert_eq!(
        item.friend.as_ref().map(|f| f.username.as_str()),
        Some("bob")
    );
}

pub async fn listeners_asking_each_other_at_once_end_up_friends(b: Backend) {
    for round in 0..10 {
        let a = user(&b, &format!("left_{round}")).await;
        let c = user(&b, &format!("right_{round}")).await;
        let results = race(2, |i| {
            let writes = b.writes.clone();
            let (from, to) = if i == 0 { (a, c) } else { (c, a) };
            async move { writes.befriend(from, to).await.unwrap() }
        })
        .await;
        let mut states: Vec<Friendship> = results.iter().map(|(s, _)| *s).collect();
        states.sort_by_key(|s| *s == Friendship::Friends);
        assert_eq!(states, [Friendship::Requested, Friendship::Friends]);
        let events: usize = results.iter().map(|(_, e)| e.len()).sum();
        assert_eq!(events, 2, "one friended event each");
        assert_eq!(b.social.friend_ids(a).await.unwrap(), [c]);
        assert_eq!(b.social.friend_ids(c).await.unwrap(), [a]);
        let list = b.social.friends(a).await.unwrap();
        assert!(
            list.incoming.is_empty() && list.outgoing.is_empty(),
            "{list:?}"
        );
    }
}

pub async fn unfriending_ends_friendships_and_requests(b: Backend) {
    let (ada, bob, cy, dee) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "cyd").await,
        user(&b, "dee").await,
    );
    friends(&b, ada, bob).await;
    assert!(b.writes.unfriend(bob, ada).await.unwrap());
    assert!(b.social.friend_ids(ada).await.unwrap().is_empty());
    assert!(b.social.friend_ids(bob).await.unwrap().is_empty());
    assert!(!b.writes.unfriend(ada, bob).await.unwrap(), "nothing left");

    b.writes.befriend(cy, ada).await.unwrap();
    assert!(b.writes.unfriend(ada, cy).await.unwrap(), "declined");
    assert!(b.social.friends(ada).await.unwrap().incoming.is_empty());
    assert!(b.social.friends(cy).await.unwrap().outgoing.is_empty());
    let (state, _) = b.writes.befriend(ada, cy).await.unwrap();
    assert_eq!(state, Friendship::Requested, "a declined request is gone");

    b.writes.befriend(dee, ada).await.unwrap();
    assert!(b.writes.unfriend(dee, ada).await.unwrap(), "cancelled");
    assert!(!b.writes.unfriend(bob, dee).await.unwrap());
}

pub async fn friends_of_lists_each_listeners_friends_now(b: Backend) {
    let (ada, bob, eve) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "eve").await,
    );
    friends(&b, ada, bob).await;
    friends(&b, ada, eve).await;
    b.writes.befriend(bob, eve).await.unwrap(); // only asked
    let mut pairs = b.social.friends_of(&[ada, bob]).await.unwrap();
    pairs.sort();
    assert_eq!(pairs, [(ada, bob), (ada, eve), (bob, ada)]);
    b.writes.unfriend(ada, eve).await.unwrap();
    assert_eq!(b.social.friends_of(&[eve]).await.unwrap(), []);
    assert_eq!(b.social.friends_of(&[]).await.unwrap(), []);
}

pub async fn friend_lists_sort_by_display_name_ignoring_ascii_case(b: Backend) {
    let me = user(&b, "myself").await;
    // (username, display name), in the expected order: ASCII letters
    // compare without case (ties by username), everything else by byte
    // (so "Eve" before "Émile", and "_" before letters), whatever the
    // database's locale.
    let people = [
        ("vic", "_under"),
        ("yan", "Alice"),
        ("bob_b", "Bob"),
        ("zed", "bob"),
        ("xena", "carl"),
        ("uma", "Eve"),
        ("wes", "Émile"),
    ];
    for (username, display) in people.iter().rev() {
        let id = named(&b, username, display).await;
        friends(&b, me, id).await;
    }
    let list = b.social.friends(me).await.unwrap();
    let expected: Vec<&str> = people.iter().map(|(u, _)| *u).collect();
    assert_eq!(usernames(&list.friends), expected);

    // Requests either way sort the same.
    let other = user(&b, "other").await;
    for (username, _) in &people {
        let id = b
            .users
            .user_by_username(&Username::parse(username).unwrap())
            .await
            .unwrap()
            .unwrap()
            .id;
        b.writes.befriend(id, other).await.unwrap();
    }
    assert_eq!(
        usernames(&b.social.friends(other).await.unwrap().incoming),
        expected
    );
}

pub async fn likes_are_idempotent_and_listed_newest_first(b: Backend) {
    let ada = user(&b, "ada").await;
    let (t1, t2, t3) = (track(&b, 1).await, track(&b, 2).await, track(&b, 3).await);
    let liked = b.writes.set_track_like(ada, t1, true).await.unwrap();
    let liked = liked.expect("a new like is an event");
    assert_eq!((liked.user, liked.kind), (ada, ActivityKind::LikedTrack));
    assert_eq!(b.writes.set_track_like(ada, t1, true).await.unwrap(), None);
    assert!(b
        .writes
        .set_track_like(ada, t2, true)
        .await
        .unwrap()
        .is_some());
    assert!(b
        .writes
        .set_track_like(ada, t3, true)
        .await
        .unwrap()
        .is_some());
    assert_eq!(b.social.liked_ids(ada).await.unwrap().tracks, [t3, t2, t1]);

    assert_eq!(b.writes.set_track_like(ada, t2, false).await.unwrap(), None);
    assert_eq!(b.writes.set_track_like(ada, t2, false).await.unwrap(), None);
    assert_eq!(b.social.liked_ids(ada).await.unwrap().tracks, [t3, t1]);
    let again = b.writes.set_track_like(ada, t2, true).await.unwrap();
    assert!(again.expect("liked anew").id > liked.id);
    assert_eq!(b.social.liked_ids(ada).await.unwrap().tracks, [t2, t3, t1]);

    let (a1, a2) = (
        b.catalog.track(t1).await.unwrap().artist.id,
        b.catalog
            .track(
                add(
                    &b,
                    NewTrack {
                        artist: "Other".into(),
                        album_artist: "Other".into(),
                        ..new_track(4)
                    },
                )
                .await,
            )
            .await
            .unwrap()
            .artist
            .id,
    );
    let liked = b.writes.set_artist_like(ada, a1, true).await.unwrap();
    assert_eq!(liked.map(|r| r.kind), Some(ActivityKind::LikedArtist));
    assert_eq!(b.writes.set_artist_like(ada, a1, true).await.unwrap(), None);
    assert!(b
        .writes
        .set_artist_like(ada, a2, true)
        .await
        .unwrap()
        .is_some());
    let ids = b.social.liked_ids(ada).await.unwrap();
    assert_eq!(ids.artists, [a2, a1]);
    assert_eq!(ids.tracks, [t2, t3, t1]);
    assert_eq!(
        b.writes.set_artist_like(ada, a2, false).await.unwrap(),
        None
    );
    assert_eq!(b.social.liked_ids(ada).await.unwrap().artists, [a1]);

    let bob = user(&b, "bob").await;
    assert!(
        b.social.liked_ids(bob).await.unwrap().tracks.is_empty(),
        "ada's own"
    );

    let ghost = TrackId(t3.0 + 1000);
    for liked in [true, false] {
        assert!(matches!(
            b.writes.set_track_like(ada, ghost, liked).await,
            Err(StorageError::NotFound)
        ));
        assert!(matches!(
            b.writes
                .set_artist_like(ada, ArtistId(a2.0 + 1000), liked)
                .await,
            Err(StorageError::NotFound)
        ));
    }
}

pub async fn friend_suggestions_rank_by_shared_friends_then_username(b: Backend) {
    let me = user(&b, "myself").await;
    let [f1, f2, f3] = [
        user(&b, "friend_1").await,
        user(&b, "friend_2").await,
        user(&b, "friend_3").await,
    ];
    for f in [f1, f2, f3] {
        friends(&b, me, f).await;
    }
    // Created in an order unlike their usernames'.
    let zoe = user(&b, "zoe").await; // friend of all three
    let kim = user(&b, "kim").await; // of two
    let max = user(&b, "max").await; // of one
    let abe = user(&b, "abe").await; // of one
    let abe_x = user(&b, "abe_x").await; // of one
    let abe1 = user(&b, "abe1").await; // of one
    let asked = user(&b, "asked").await; // I asked them
    let asker = user(&b, "asker").await; // they asked me
    for f in [f1, f2, f3] {
        friends(&b, f, zoe).await;
    }
    friends(&b, f1, kim).await;
    friends(&b, f3, kim).await;
    friends(&b, f2, max).await;
    friends(&b, f3, abe).await;
    friends(&b, f1, abe_x).await;
    friends(&b, f2, abe1).await;
    friends(&b, f1, f2).await; // already my friend: never suggested
    friends(&b, f1, asked).await;
    friends(&b, f1, asker).await;
    b.writes.befriend(me, asked).await.unwrap();
    b.writes.befriend(asker, me).await.unwrap();

    let all = b.social.friend_suggestions(me, 10).await.unwrap();
    let ranked: Vec<(&str, u32)> = all
        .iter()
        .map(|s| (s.user.username.as_str(), s.shared_friends))
        .collect();
    // Ties by username in byte order ("1" before "_"), whatever the locale.
    assert_eq!(
        ranked,
        [
            ("zoe", 3),
            ("kim", 2),
            ("abe", 1),
            ("abe1", 1),
            ("abe_x", 1),
            ("max", 1)
        ]
    );
    let top = b.social.friend_suggestions(me, 2).await.unwrap();
    assert_eq!(top, all[..2]);
    let lonely = user(&b, "lonely").await;
    assert!(b
        .social
        .friend_suggestions(lonely, 10)
        .await
        .unwrap()
        .is_empty());
}

pub async fn profiles_list_liked_artists_unless_private(b: Backend) {
    let name = Username::parse("ada").unwrap();
    let ada = user(&b, "ada").await;
    let (bob, cy) = (user(&b, "bob").await, user(&b, "cyd").await);
    friends(&b, ada, bob).await;
    friends(&b, ada, cy).await;
    b.writes.befriend(ada, user(&b, "dee").await).await.unwrap(); // pending: no friend

    let total = PROFILE_LIKED_ARTISTS + 2;
    let mut artists = Vec::new();
    for n in 1..=total {
        let id = add(
            &b,
            NewTrack {
                artist: format!("Band {n}"),
                album_artist: format!("Band {n}"),
                ..new_track(n)
            },
        )
        .await;
        let artist = b.catalog.track(id).await.unwrap().artist;
        b.writes
            .set_artist_like(ada, artist.id, true)
            .await
            .unwrap();
        artists.push(artist);
    }
    artists.reverse();
    artists.truncate(PROFILE_LIKED_ARTISTS as usize);

    let profile = b
        .social
        .profile(&name)
        .await
        .unwrap()
        .expect("ada's profile");
    let me = b.users.user_by_id(ada).await.unwrap().unwrap().me;
    assert_eq!(profile.user.username, name);
    assert_eq!(profile.user.display_name, me.display_name);
    assert_eq!(profile.friends_count, 2);
    assert_eq!(profile.joined_at, me.created_at);
    assert_eq!(
        profile.liked_artists, artists,
        "newest first, at most {PROFILE_LIKED_ARTISTS}"
    );

    // A private session is live activity, not the profile's business.
    b.writes
        .set_private_session(ada, Some(LONG_SESSION))
        .await
        .unwrap();
    let during = b.social.profile(&name).await.unwrap().unwrap();
    assert_eq!(during.liked_artists, artists);

    b.users
        .set_privacy(ada, ActivityPrivacy::Private)
        .await
        .unwrap();
    let private = b.social.profile(&name).await.unwrap().unwrap();
    assert!(private.liked_artists.is_empty());
    assert_eq!(private.friends_count, 2);

    let nobody = Username::parse("nobody").unwrap();
    assert_eq!(b.social.profile(&nobody).await.unwrap(), None);
}

pub async fn albums_are_liked_newest_first_and_make_no_event(b: Backend) {
    let ada = user(&b, "ada").await;
    let first = track(&b, 1).await;
    let second = add(
        &b,
        NewTrack {
            album: "Second".into(),
            ..new_track(2)
        },
    )
    .await;
    let x = b.catalog.track(first).await.unwrap().album.id;
    let y = b.catalog.track(second).await.unwrap().album.id;
    assert_ne!(x, y);
    let before = b.activity.latest_activity_id().await.unwrap();

    assert_eq!(b.writes.set_album_like(ada, x, true).await.unwrap(), None);
    assert_eq!(b.writes.set_album_like(ada, y, true).await.unwrap(), None);
    assert_eq!(b.writes.set_album_like(ada, x, true).await.unwrap(), None);
    assert_eq!(b.social.liked_ids(ada).await.unwrap().albums, [y, x]);
    b.writes.set_album_like(ada, y, false).await.unwrap();
    let ids = b.social.liked_ids(ada).await.unwrap();
    assert_eq!(ids.albums, [x]);
    assert!(ids.tracks.is_empty() && ids.artists.is_empty());
    assert_eq!(
        b.activity.latest_activity_id().await.unwrap(),
        before,
        "an album like is not a feed event"
    );
    let unknown = chorus_domain::AlbumId(x.0 + y.0 + 100);
    assert!(matches!(
        b.writes.set_album_like(ada, unknown, true).await,
        Err(StorageError::NotFound)
    ));
}
