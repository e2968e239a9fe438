//! Playlists: details, entries in order, moves between neighbours, the
//! track limit, collaborators, and edits by two people at once that both
//! stay.

use chorus_domain::{
    PlaylistDescription, PlaylistEntryId, PlaylistId, PlaylistName, PlaylistVisibility, Timestamp,
    TrackId, UserId,
};
use chorus_storage::{EntriesRefused, NewPlaylist, PlaylistChanges, StorageError};

use crate::support::{race, track, user};
use crate::Backend;

const LIMIT: u32 = 10_000;

fn at(ms: u64) -> Timestamp {
    Timestamp::from_ms(1_800_000_000_000 + ms)
}

fn named(name: &str) -> NewPlaylist {
    NewPlaylist {
        name: PlaylistName::parse(name).unwrap(),
        description: PlaylistDescription::default(),
        visibility: PlaylistVisibility::Friends,
    }
}

async fn create(b: &Backend, owner: UserId, tracks: &[TrackId]) -> PlaylistId {
    b.playlists
        .create_playlist(owner, &named("Mix"), tracks, LIMIT, at(0))
        .await
        .unwrap()
        .unwrap()
}

/// The playlist's tracks, in order.
async fn order(b: &Backend, id: PlaylistId) -> Vec<TrackId> {
    let entries = b.playlists.playlist_entries(id).await.unwrap();
    entries.iter().map(|e| e.track.id).collect()
}

async fn entry_ids(b: &Backend, id: PlaylistId) -> Vec<PlaylistEntryId> {
    let entries = b.playlists.playlist_entries(id).await.unwrap();
    entries.iter().map(|e| e.entry_id).collect()
}

pub async fn playlists_keep_their_details_entries_and_order(b: Backend) {
    let ada = user(&b, "ada").await;
    let bob = user(&b, "bob").await;
    let (one, two) = (track(&b, 1).await, track(&b, 2).await);
    let id = create(&b, ada, &[two, one, two]).await;

    let stored = b.playlists.playlist(id).await.unwrap().unwrap();
    assert_eq!(stored.owner, ada);
    assert_eq!(stored.summary.name.as_str(), "Mix");
    assert_eq!(stored.summary.owner.username.as_str(), "ada");
    assert_eq!(stored.summary.visibility, PlaylistVisibility::Friends);
    assert_eq!(stored.summary.track_count, 3);
    assert_eq!(stored.summary.duration_ms, 3 * 180_000);
    assert!(!stored.summary.collaborative);
    assert_eq!(
        order(&b, id).await,
        [two, one, two],
        "a track may be in twice"
    );
    let entries = b.playlists.playlist_entries(id).await.unwrap();
    assert_eq!(entries[0].added_by.username.as_str(), "ada");

    let changes = PlaylistChanges {
        name: Some(PlaylistName::parse("Road trip").unwrap()),
        description: Some(PlaylistDescription::parse("For the drive").unwrap()),
        visibility: Some(PlaylistVisibility::Public),
    };
    b.playlists
        .update_playlist(id, &changes, at(5))
        .await
        .unwrap();
    let renamed = b.playlists.playlist(id).await.unwrap().unwrap().summary;
    assert_eq!(renamed.name.as_str(), "Road trip");
    assert_eq!(renamed.description.as_str(), "For the drive");
    assert_eq!(renamed.visibility, PlaylistVisibility::Public);
    let only_name = PlaylistChanges {
        name: Some(PlaylistName::parse("Road trip 2").unwrap()),
        ..PlaylistChanges::default()
    };
    b.playlists
        .update_playlist(id, &only_name, at(6))
        .await
        .unwrap();
    let kept = b.playlists.playlist(id).await.unwrap().unwrap().summary;
    assert_eq!(kept.description.as_str(), "For the drive", "left as it was");

    // Collaborators see it among theirs; last changed first.
    let other = create(&b, bob, &[]).await;
    b.playlists
        .set_collaborator(id, bob, true, at(7))
        .await
        .unwrap();
    b.playlists
        .set_collaborator(id, bob, true, at(7))
        .await
        .unwrap();
    let stored = b.playlists.playlist(id).await.unwrap().unwrap();
    assert!(stored.summary.collaborative);
    assert_eq!(stored.collaborators.len(), 1);
    assert_eq!(stored.collaborators[0].0, bob);
    let bobs: Vec<_> = b.playlists.playlists_of(bob).await.unwrap();
    assert_eq!(bobs.iter().map(|p| p.id).collect::<Vec<_>>(), [id, other]);
    let adas = b.playlists.playlists_of(ada).await.unwrap();
    assert_eq!(adas.iter().map(|p| p.id).collect::<Vec<_>>(), [id]);
    b.playlists
        .set_collaborator(id, bob, false, at(8))
        .await
        .unwrap();
    assert_eq!(b.playlists.playlists_of(bob).await.unwrap().len(), 1);

    b.playlists.delete_playlist(id).await.unwrap();
    assert!(b.playlists.playlist(id).await.unwrap().is_none());
    assert!(b.playlists.playlist_entries(id).await.unwrap().is_empty());
    assert!(matches!(
        b.playlists.delete_playlist(id).await,
        Err(StorageError::NotFound)
    ));
    assert!(matches!(
        b.playlists.add_entries(id, &[one], ada, LIMIT, at(9)).await,
        Err(StorageError::NotFound)
    ));
}

pub async fn a_move_lands_between_its_new_neighbours(b: Backend) {
    let ada = user(&b, "ada").await;
    let mut tracks = Vec::new();
    for n in 1..=4 {
        tracks.push(track(&b, n).await);
    }
    let id = create(&b, ada, &tracks).await;
    let e = entry_ids(&b, id).await;
    let t = &tracks;

    // The last to the top, then the top after the third.
    assert!(b.playlists.move_entry(id, e[3], None, at(1)).await.unwrap());
    assert_eq!(order(&b, id).await, [t[3], t[0], t[1], t[2]]);
    assert!(b
        .playlists
        .move_entry(id, e[3], Some(e[2]), at(2))
        .await
        .unwrap());
    assert_eq!(order(&b, id).await, [t[0], t[1], t[2], t[3]]);
    assert!(b
        .playlists
        .move_entry(id, e[0], Some(e[1]), at(3))
        .await
        .unwrap());
    assert_eq!(order(&b, id).await, [t[1], t[0], t[2], t[3]]);
    // After itself: nothing moves.
    assert!(b
        .playlists
        .move_entry(id, e[2], Some(e[2]), at(4))
        .await
        .unwrap());
    assert_eq!(order(&b, id).await, [t[1], t[0], t[2], t[3]]);

    // After an entry someone removed: refused, nothing moves.
    assert!(b.playlists.remove_entry(id, e[2], at(5)).await.unwrap());
    assert!(!b.playlists.remove_entry(id, e[2], at(5)).await.unwrap());
    assert!(!b
        .playlists
        .move_entry(id, e[3], Some(e[2]), at(6))
        .await
        .unwrap());
    assert_eq!(order(&b, id).await, [t[1], t[0], t[3]]);
    assert!(matches!(
        b.playlists.move_entry(id, e[2], None, at(7)).await,
        Err(StorageError::NotFound)
    ));

    // Many moves into one gap keep every entry, in the order made.
    for _ in 0..40 {
        let e = entry_ids(&b, id).await;
        assert!(b
            .playlists
            .move_entry(id, e[2], Some(e[0]), at(8))
            .await
            .unwrap());
    }
    assert_eq!(order(&b, id).await.len(), 3);
    let appended = track(&b, 9).await;
    b.playlists
        .add_entries(id, &[appended], ada, LIMIT, at(9))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        order(&b, id).await.last(),
        Some(&appended),
        "added at the end"
    );
}

pub async fn adding_past_the_limit_or_an_unknown_track_adds_nothing(b: Backend) {
    let ada = user(&b, "ada").await;
    let one = track(&b, 1).await;
    let ghost = TrackId(one.0 + 1_000);
    assert_eq!(
        b.playlists
            .create_playlist(ada, &named("Too long"), &[one; 4], 3, at(0))
            .await
            .unwrap(),
        Err(EntriesRefused::Full { has: 0, limit: 3 })
    );
    assert_eq!(
        b.playlists
            .create_playlist(ada, &named("Ghost"), &[one, ghost], 3, at(0))
            .await
            .unwrap(),
        Err(EntriesRefused::UnknownTrack(ghost))
    );
    assert!(
        b.playlists.playlists_of(ada).await.unwrap().is_empty(),
        "no half-made playlist"
    );

    let id = create(&b, ada, &[one, one]).await;
    assert_eq!(
        b.playlists
            .add_entries(id, &[one, one], ada, 3, at(1))
            .await
            .unwrap(),
        Err(EntriesRefused::Full { has: 2, limit: 3 })
    );
    assert_eq!(
        b.playlists
            .add_entries(id, &[ghost], ada, 3, at(1))
            .await
            .unwrap(),
        Err(EntriesRefused::UnknownTrack(ghost))
    );
    assert_eq!(order(&b, id).await, [one, one]);
    b.playlists
        .add_entries(id, &[one], ada, 3, at(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order(&b, id).await.len(), 3, "up to the limit is fine");
}

pub async fn two_editors_at_once_keep_each_others_changes(b: Backend) {
    let ada = user(&b, "ada").await;
    let bob = user(&b, "bob").await;
    let mut tracks = Vec::new();
    for n in 1..=8 {
        tracks.push(track(&b, n).await);
    }
    let id = create(&b, ada, &tracks[..2]).await;
    b.playlists
        .set_collaborator(id, bob, true, at(0))
        .await
        .unwrap();
    let first = entry_ids(&b, id).await[0];

    // Each editor adds three tracks, one at a time, while the other does
    // the same and moves the first entry about.
    let editors = [(ada, tracks[2..5].to_vec()), (bob, tracks[5..8].to_vec())];
    let store = b.playlists.clone();
    race(2, move |i| {
        let store = store.clone();
        let (who, mine) = editors[i].clone();
        async move {
            for (n, track) in mine.into_iter().enumerate() {
                store
                    .add_entries(id, &[track], who, LIMIT, at(10 + n as u64))
                    .await
                    .unwrap()
                    .unwrap();
                let entries = store.playlist_entries(id).await.unwrap();
                let last = entries.last().map(|e| e.entry_id);
                assert!(store.move_entry(id, first, last, at(20)).await.unwrap());
            }
        }
    })
    .await;

    let after = order(&b, id).await;
    assert_eq!(after.len(), 8, "no addition lost: {after:?}");
    let place = |t: TrackId| after.iter().position(|x| *x == t).unwrap();
    for mine in [&tracks[2..5], &tracks[5..8]] {
        assert!(
            mine.windows(2).all(|w| place(w[0]) < place(w[1])),
            "each editor's additions stay in the order made: {after:?}"
        );
    }
    let entries = b.playlists.playlist_entries(id).await.unwrap();
    let adders: Vec<&str> = entries
        .iter()
        .map(|e| e.added_by.username.as_str())
        .collect();
    assert_eq!(adders.iter().filter(|u| **u == "bob").count(), 3);
}
