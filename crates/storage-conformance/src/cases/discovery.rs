//! Discovery: plays rolled up exactly once (even by roll-ups racing each
//! other and the listeners), public taste, listeners sharing artists, and
//! recommendations from co-likes and from friends' activity. Whatever was
//! done in private, and whoever is private right now, never shows.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chorus_domain::taste::stored_play_weight;
use chorus_domain::{
    ActivityPrivacy, ArtistId, ChartPeriod, DisplayName, PublicUser, TasteSignal, TasteSource,
    TrackId, UserId, Username,
};
use chorus_storage::{ChartCount, CoLiked, FriendTrackActivity, RollUp};

use crate::cases::charts::recompute;
use crate::support::{friends, named, play, played, race, track_by, user, LONG_SESSION};
use crate::Backend;

pub(crate) fn count<Id>(id: Id, plays: u64) -> ChartCount<Id> {
    ChartCount { id, plays }
}

/// Rolls up until the cursor is at the newest event; the played events
/// read.
pub(crate) async fn roll_up_all(b: &Backend) -> u64 {
    let latest = b.activity.latest_activity_id().await.unwrap();
    let mut events = 0;
    loop {
        let done = b.discovery.roll_up_plays(1000).await.unwrap();
        events += done.events;
        if done.cursor >= latest {
            return events;
        }
    }
}

/// (listener, artist, plays) of the play signals, sorted.
fn play_counts(signals: &[TasteSignal]) -> Vec<(UserId, ArtistId, u32)> {
    let mut counts: Vec<_> = signals
        .iter()
        .filter_map(|s| match s.source {
            TasteSource::Plays { count, .. } => Some((s.user, s.artist, count)),
            _ => None,
        })
        .collect();
    counts.sort();
    counts
}

/// (listener, artist, kind of signal) of every signal, sorted.
fn summary(signals: &[TasteSignal]) -> Vec<(UserId, ArtistId, &'static str)> {
    let mut kinds: Vec<_> = signals
        .iter()
        .map(|s| {
            let kind = match s.source {
                TasteSource::ArtistLike { .. } => "artist like",
                TasteSource::TrackLike { .. } => "track like",
                TasteSource::Plays { .. } => "plays",
            };
            (s.user, s.artist, kind)
        })
        .collect();
    kinds.sort();
    kinds
}

pub async fn roll_ups_count_each_public_play_once(b: Backend) {
    let (ada, bob, carl) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "carl").await,
    );
    let (t1, alpha) = track_by(&b, 1, "Alpha").await;
    let (t2, beta) = track_by(&b, 2, "Beta").await;
    let before = b.writes.now_ms();
    played(&b, ada, t1).await;
    played(&b, ada, t1).await;
    played(&b, ada, t2).await;
    played(&b, bob, t1).await;
    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    played(&b, bob, t2).await;
    b.writes.set_private_session(bob, None).await.unwrap();
    b.users
        .set_privacy(carl, ActivityPrivacy::Private)
        .await
        .unwrap();
    played(&b, carl, t1).await;
    b.users
        .set_privacy(carl, ActivityPrivacy::Friends)
        .await
        .unwrap();
    b.writes.set_track_like(ada, t2, true).await.unwrap();
    let after = b.writes.now_ms();
    let latest = b.activity.latest_activity_id().await.unwrap();

    assert_eq!(
        b.discovery.roll_up_plays(1000).await.unwrap(),
        RollUp {
            events: 6,
            cursor: latest
        },
        "every played event read (private ones too), the cursor at the last event"
    );
    assert_eq!(
        b.discovery.roll_up_plays(1000).await.unwrap(),
        RollUp {
            events: 0,
            cursor: latest
        },
        "nothing new"
    );

    // Counted: ada's three and bob's public one; neither bob's play in a
    // private session nor carl's while private.
    let (chart, previous) = recompute(&b, ChartPeriod::Week, b.writes.now_ms()).await;
    assert_eq!(previous, None);
    assert_eq!(chart.counts.tracks, [count(t1, 3), count(t2, 1)]);
    assert_eq!(chart.counts.artists, [count(alpha, 3), count(beta, 1)]);
    let signals = b.discovery.taste(&[ada, bob, carl]).await.unwrap();
    assert_eq!(
        play_counts(&signals),
        [(ada, alpha, 2), (ada, beta, 1), (bob, alpha, 1)]
    );
    let weight = signals
        .iter()
        .find_map(|s| match s.source {
            TasteSource::Plays { stored_weight, .. } if s.user == ada && s.artist == alpha => {
                Some(stored_weight)
            }
            _ => None,
        })
        .unwrap();
    let slack = 1e-9 * weight;
    assert!(
        weight >= 2.0 * stored_play_weight(before) - slack
            && weight <= 2.0 * stored_play_weight(after) + slack,
        "the stored weights of the plays' times: {weight}"
    );

    // A limit counts events of every kind: the cursor moves past the
    // listen's `now_playing` event first, then reads its play.
    let again = played(&b, ada, t2).await;
    let first = b.discovery.roll_up_plays(1).await.unwrap();
    assert_eq!(first.events, 0);
    assert!(first.cursor > latest && first.cursor < again.id);
    assert_eq!(
        b.discovery.roll_up_plays(1).await.unwrap(),
        RollUp {
            events: 1,
            cursor: again.id
        }
    );
    let signals = b.discovery.taste(&[ada]).await.unwrap();
    assert_eq!(play_counts(&signals), [(ada, alpha, 2), (ada, beta, 2)]);
}

type Task = Pin<Box<dyn Future<Output = u64> + Send>>;

/// Listeners play while roll-ups race each other (and them): every play is
/// read by exactly one roll-up and counted once.
pub async fn concurrent_roll_ups_count_every_play_once(b: Backend) {
    const LISTENERS: usize = 4;
    const PLAYS: u64 = 5;
    const ROLLERS: usize = 4;
    let mut listeners = Vec::new();
    for i in 0..LISTENERS {
        listeners.push(user(&b, &format!("listener_{i}")).await);
    }
    let (t, artist) = track_by(&b, 1, "Alpha").await;
    let starts: Vec<u64> = (0..PLAYS).map(|_| b.writes.next_hour()).collect();
    let writing = Arc::new(AtomicBool::new(true));
    let writers_left = Arc::new(std::sync::atomic::AtomicUsize::new(LISTENERS));

    let read = race(LISTENERS + ROLLERS, |i| -> Task {
        let (writes, discovery) = (b.writes.clone(), b.discovery.clone());
        let (writing, writers_left) = (writing.clone(), writers_left.clone());
        let starts = starts.clone();
        if let Some(who) = listeners.get(i).copied() {
            Box::pin(async move {
                for start in starts {
                    writes
                        .report_listening(who, play(t, 0), start)
                        .await
                        .unwrap();
                    writes
                        .report_listening(who, play(t, 90_000), start + 90_000)
                        .await
                        .unwrap();
                }
                if writers_left.fetch_sub(1, Ordering::SeqCst) == 1 {
                    writing.store(false, Ordering::SeqCst);
                }
                0
            })
        } else {
            Box::pin(async move {
                let mut events = 0;
                while writing.load(Ordering::SeqCst) {
                    events += discovery.roll_up_plays(3).await.unwrap().events;
                }
                events
            })
        }
    })
    .await;
    let racing: u64 = read.iter().sum();
    let total = racing + roll_up_all(&b).await;
    let plays = PLAYS * LISTENERS as u64;
    assert_eq!(total, plays, "every played event read once");

    let signals = b.discovery.taste(&listeners).await.unwrap();
    let expected: Vec<_> = listeners.iter().map(|l| (*l, artist, 5)).collect();
    assert_eq!(play_counts(&signals), expected);
    let (chart, _) = recompute(&b, ChartPeriod::Week, b.writes.now_ms()).await;
    assert_eq!(chart.counts.tracks, [count(t, plays)]);
}

pub async fn taste_is_public_likes_and_plays_never_private_ones(b: Backend) {
    let (ada, bob) = (user(&b, "ada").await, user(&b, "bob").await);
    let (t1, alpha) = track_by(&b, 1, "Alpha").await;
    let (t2, beta) = track_by(&b, 2, "Beta").await;
    let (_, gamma) = track_by(&b, 3, "Gamma").await;
    let (t4, delta) = track_by(&b, 4, "Delta").await;
    let before = b.writes.now_ms();
    b.writes.set_artist_like(ada, alpha, true).await.unwrap();
    b.writes.set_track_like(ada, t2, true).await.unwrap();
    b.writes
        .set_private_session(ada, Some(LONG_SESSION))
        .await
        .unwrap();
    b.writes.set_artist_like(ada, gamma, true).await.unwrap();
    b.writes.set_track_like(ada, t4, true).await.unwrap();
    let repeated = b.writes.set_track_like(ada, t2, true).await.unwrap();
    assert!(repeated.is_none(), "liked already: stays as it was");
    b.writes.set_private_session(ada, None).await.unwrap();
    played(&b, ada, t1).await;
    roll_up_all(&b).await;
    let after = b.writes.now_ms();

    let ghost = UserId(bob.0 + 1000);
    let signals = b.discovery.taste(&[ada, ghost]).await.unwrap();
    assert_eq!(
        summary(&signals),
        [
            (ada, alpha, "artist like"),
            (ada, alpha, "plays"),
            (ada, beta, "track like"),
        ],
        "neither gamma nor delta, liked in private; no unknown listener"
    );
    for signal in &signals {
        if let TasteSource::ArtistLike { at_ms } | TasteSource::TrackLike { at_ms } = signal.source
        {
            assert!((before..=after).contains(&at_ms), "{signal:?}");
        }
    }

    // Unliked and liked again in public: it counts from then on.
    b.writes.set_artist_like(ada, gamma, false).await.unwrap();
    b.writes.set_artist_like(ada, gamma, true).await.unwrap();
    let signals = b.discovery.taste(&[ada]).await.unwrap();
    assert!(summary(&signals).contains(&(ada, gamma, "artist like")));
    assert!(!signals.iter().any(|s| s.artist == delta));

    // Nothing at all of a listener private right now.
    b.writes.set_artist_like(bob, beta, true).await.unwrap();
    let bobs = |b: &Backend| {
        let discovery = b.discovery.clone();
        async move { summary(&discovery.taste(&[bob]).await.unwrap()) }
    };
    assert_eq!(bobs(&b).await, [(bob, beta, "artist like")]);
    b.users
        .set_privacy(bob, ActivityPrivacy::Private)
        .await
        .unwrap();
    assert!(bobs(&b).await.is_empty());
    b.users
        .set_privacy(bob, ActivityPrivacy::Friends)
        .await
        .unwrap();
    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    assert!(bobs(&b).await.is_empty());
    b.writes.set_private_session(bob, None).await.unwrap();
    assert_eq!(bobs(&b).await, [(bob, beta, "artist like")]);
    assert!(b.discovery.taste(&[]).await.unwrap().is_empty());
}

pub async fn listeners_sharing_artists_are_public_ones_most_shared_first(b: Backend) {
    let ada = user(&b, "ada").await;
    let bob = named(&b, "bob", "Bob Dylan").await;
    let carl = user(&b, "carl").await;
    let dan = user(&b, "dan").await;
    let eve = user(&b, "eve").await;
    let fay = user(&b, "fay").await;
    let gus = user(&b, "gus").await;
    let (t1, alpha) = track_by(&b, 1, "Alpha").await;
    let (t2, beta) = track_by(&b, 2, "Beta").await;
    let (_, gamma) = track_by(&b, 3, "Gamma").await;

    b.writes.set_artist_like(ada, alpha, true).await.unwrap();
    b.writes.set_artist_like(bob, alpha, true).await.unwrap();
    b.writes.set_track_like(carl, t2, true).await.unwrap();
    played(&b, carl, t1).await;
    roll_up_all(&b).await;
    b.writes.set_artist_like(dan, alpha, true).await.unwrap();
    b.users
        .set_privacy(dan, ActivityPrivacy::Private)
        .await
        .unwrap();
    b.writes
        .set_private_session(eve, Some(LONG_SESSION))
        .await
        .unwrap();
    b.writes.set_artist_like(eve, alpha, true).await.unwrap();
    b.writes.set_private_session(eve, None).await.unwrap();
    b.writes.set_artist_like(fay, gamma, true).await.unwrap();
    b.writes.set_artist_like(gus, alpha, true).await.unwrap();
    b.writes.set_track_like(gus, t1, true).await.unwrap();

    let sharing = |limit| {
        let discovery = b.discovery.clone();
        async move {
            discovery
                .listeners_sharing(ada, &[alpha, beta], limit)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        sharing(10).await,
        [carl, bob, gus],
        "carl shares two artists; bob and gus one each (gus twice over); \
         not dan (private now), eve (liked in private), fay, nor ada herself"
    );
    assert_eq!(sharing(1).await, [carl]);
    assert!(b
        .discovery
        .listeners_sharing(ada, &[], 10)
        .await
        .unwrap()
        .is_empty());

    let ghost = UserId(gus.0 + 1000);
    let mut users = b.discovery.public_users(&[ghost, carl, bob]).await.unwrap();
    users.sort_by_key(|(id, _)| *id);
    let person = |username: &str, display: &str| PublicUser {
        username: Username::parse(username).unwrap(),
        display_name: DisplayName::parse(display).unwrap(),
    };
    assert_eq!(
        users,
        [
            (bob, person("bob", "Bob Dylan")),
            (carl, person("carl", "carl"))
        ]
    );
}

pub async fn tracks_liked_with_seeds_leave_out_the_viewers_and_private_likes(b: Backend) {
    let ada = user(&b, "ada").await;
    let mut tracks = Vec::new();
    for n in 1..=6 {
        tracks.push(track_by(&b, n, "Alpha").await.0);
    }
    let [s1, s2, x, y, z, w] = tracks[..] else {
        unreachable!()
    };
    let likes = |who: UserId, liked: Vec<TrackId>| {
        let writes = b.writes.clone();
        async move {
            for t in liked {
                writes.set_track_like(who, t, true).await.unwrap();
            }
        }
    };
    likes(ada, vec![s1, s2, y]).await;
    let bob = user(&b, "bob").await;
    likes(bob, vec![s1, x, y]).await;
    let carl = user(&b, "carl").await;
    likes(carl, vec![s1, x, z]).await;
    let dan = user(&b, "dan").await;
    likes(dan, vec![s2, x, w]).await;
    let eve = user(&b, "eve").await;
    likes(eve, vec![s1, z, w]).await;
    b.users
        .set_privacy(eve, ActivityPrivacy::Private)
        .await
        .unwrap();
    let fay = user(&b, "fay").await;
    likes(fay, vec![s1]).await;
    b.writes
        .set_private_session(fay, Some(LONG_SESSION))
        .await
        .unwrap();
    likes(fay, vec![w, z]).await;
    b.writes.set_private_session(fay, None).await.unwrap();
    let gus = user(&b, "gus").await;
    likes(gus, vec![s1, s2]).await;

    let co = |seed, id, listeners| CoLiked {
        seed,
        id,
        listeners,
    };
    let liked_with = |limit| {
        let discovery = b.discovery.clone();
        async move {
            discovery
                .tracks_liked_with(ada, &[s1, s2], limit)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        liked_with(10).await,
        [co(s1, x, 2), co(s1, z, 1), co(s2, w, 1)],
        "x with s1 (bob, carl) rather than s2 (dan); not y (ada likes it), \
         nor a seed; nothing of eve (private now) nor fay's private likes"
    );
    assert_eq!(liked_with(1).await, [co(s1, x, 2)]);
    assert!(b
        .discovery
        .tracks_liked_with(ada, &[], 10)
        .await
        .unwrap()
        .is_empty());
}

pub async fn artists_liked_with_seeds_leave_out_the_viewers_and_private_likes(b: Backend) {
    let ada = user(&b, "ada").await;
    let mut artists = Vec::new();
    for (n, name) in ["S1", "S2", "X", "Y", "Z"].into_iter().enumerate() {
        artists.push(track_by(&b, n as u32 + 1, name).await.1);
    }
    let [s1, s2, x, y, z] = artists[..] else {
        unreachable!()
    };
    let likes = |who: UserId, liked: Vec<ArtistId>| {
        let writes = b.writes.clone();
        async move {
            for a in liked {
                writes.set_artist_like(who, a, true).await.unwrap();
            }
        }
    };
    likes(ada, vec![s1, s2, y]).await;
    let bob = user(&b, "bob").await;
    likes(bob, vec![s2, x, y]).await;
    let carl = user(&b, "carl").await;
    likes(carl, vec![s2, x]).await;
    let dan = user(&b, "dan").await;
    likes(dan, vec![s1, x, z]).await;
    let eve = user(&b, "eve").await;
    b.writes
        .set_private_session(eve, Some(LONG_SESSION))
        .await
        .unwrap();
    likes(eve, vec![s1, z]).await;
    b.writes.set_private_session(eve, None).await.unwrap();
    let fay = user(&b, "fay").await;
    likes(fay, vec![s1, z]).await;
    b.writes
        .set_private_session(fay, Some(LONG_SESSION))
        .await
        .unwrap();

    let found = b
        .discovery
        .artists_liked_with(ada, &[s1, s2], 10)
        .await
        .unwrap();
    assert_eq!(
        found,
        [
            CoLiked {
                seed: s2,
                id: x,
                listeners: 2
            },
            CoLiked {
                seed: s1,
                id: z,
                listeners: 1
            },
        ],
        "x with s2 (bob, carl) rather than s1 (dan); z by dan only (eve \
         liked in private, fay is private now); not y, which ada likes"
    );
}

pub async fn friends_track_activity_is_public_and_new_to_the_viewer(b: Backend) {
    let ada = user(&b, "ada").await;
    let (bob, carl, dan, eve, fay) = (
        user(&b, "bob").await,
        user(&b, "carl").await,
        user(&b, "dan").await,
        user(&b, "eve").await,
        user(&b, "fay").await,
    );
    for friend in [bob, carl, dan, eve] {
        friends(&b, ada, friend).await;
    }
    let mut tracks = Vec::new();
    for n in 1..=8 {
        tracks.push(track_by(&b, n, "Alpha").await.0);
    }
    let [t1, t2, t3, t4, t5, t6, t7, t8] = tracks[..] else {
        unreachable!()
    };
    played(&b, bob, t8).await; // before `since`
                               // Reports are an hour apart on the test clock, and what they cause
                               // happens at their time.
    let since = i64::try_from(b.writes.next_hour()).unwrap();

    for _ in 0..3 {
        played(&b, bob, t1).await;
    }
    played(&b, carl, t1).await;
    b.writes.set_track_like(carl, t1, true).await.unwrap();
    b.writes.set_track_like(bob, t2, true).await.unwrap();
    played(&b, fay, t2).await; // no friend of ada's
    played(&b, carl, t3).await;
    played(&b, ada, t3).await; // ada has played it
                               // Rolled up so far: reads go from the days' first ids, then past the
                               // cursor.
    roll_up_all(&b).await;
    played(&b, bob, t4).await;
    b.writes.set_track_like(ada, t4, true).await.unwrap(); // ada likes it
    played(&b, dan, t5).await;
    b.users
        .set_privacy(dan, ActivityPrivacy::Private)
        .await
        .unwrap(); // private now
    b.writes
        .set_private_session(eve, Some(LONG_SESSION))
        .await
        .unwrap();
    played(&b, eve, t6).await; // in a private session
    b.writes.set_private_session(eve, None).await.unwrap();
    played(&b, eve, t7).await;

    let activity = |viewer, since_ms, tracks| {
        let discovery = b.discovery.clone();
        async move {
            let mut rows = discovery
                .friends_track_activity(viewer, since_ms, tracks)
                .await
                .unwrap();
            rows.sort();
            rows
        }
    };
    let row = |track, friend, plays, likes| FriendTrackActivity {
        track,
        friend,
        plays,
        likes,
    };
    assert_eq!(
        activity(ada, since, 10).await,
        [
            row(t1, bob, 3, 0),
            row(t1, carl, 1, 1),
            row(t2, bob, 0, 1),
            row(t7, eve, 1, 0),
        ],
        "each friend's plays and likes of each track"
    );
    assert_eq!(
        activity(ada, since, 1).await,
        [row(t1, bob, 3, 0), row(t1, carl, 1, 1)],
        "the rows of the track most friends had"
    );
    assert_eq!(
        activity(ada, since, 2).await.last(),
        Some(&row(t2, bob, 0, 1)),
        "then of the track with most plays and likes (a tie: the lower id)"
    );
    let everything = activity(ada, 0, 10).await;
    assert!(everything.iter().any(|p| p.track == t8), "since the start");
    let later = i64::try_from(b.writes.next_hour()).unwrap();
    assert!(activity(ada, later, 10).await.is_empty());
    assert!(activity(fay, 0, 10).await.is_empty());
}
