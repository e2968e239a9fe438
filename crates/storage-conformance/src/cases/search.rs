//! Search: the documents of artists, albums, tracks and listeners found
//! by word prefixes whatever their case and accents, each with what
//! discovery ranks it by (an exact name, relevance, the name's length); of
//! each kind the best candidates only; a listener by username or display
//! name; a track renamed by a re-import under its new title only; public
//! playlists only, by their name as it is now.

use chorus_domain::{
    ActivityPrivacy, AlbumId, ArtistId, PlaylistDescription, PlaylistId, PlaylistName,
    PlaylistVisibility, SearchQuery, Timestamp, TrackId, UserId,
};
use chorus_storage::{
    ImportOutcome, NewPlaylist, NewTrack, PlaylistChanges, SearchFound, SearchMatch,
};

use crate::support::{add, audio, named, new_track, track_by, user};
use crate::Backend;

async fn matches(b: &Backend, text: &str, limit: u32) -> Vec<SearchMatch> {
    let query = SearchQuery::parse(text).unwrap();
    b.discovery.search_matches(&query, limit).await.unwrap()
}

/// What a search matched, by kind: ids sorted (matches come in no order),
/// a listener once however many of their names matched.
#[derive(Debug, Default, PartialEq, Eq)]
struct Found {
    artists: Vec<ArtistId>,
    albums: Vec<AlbumId>,
    tracks: Vec<TrackId>,
    users: Vec<UserId>,
    playlists: Vec<PlaylistId>,
}

async fn search(b: &Backend, text: &str, limit: u32) -> Found {
    let mut found = Found::default();
    for m in matches(b, text, limit).await {
        match m.found {
            SearchFound::Artist(id) => found.artists.push(id),
            SearchFound::Album(id) => found.albums.push(id),
            SearchFound::Track(id) => found.tracks.push(id),
            SearchFound::Listener(id) => found.users.push(id),
            SearchFound::Playlist(id) => found.playlists.push(id),
        }
    }
    found.artists.sort();
    found.albums.sort();
    found.tracks.sort();
    found.users.sort();
    found.playlists.sort();
    found.users.dedup();
    found
}

/// What the matches with the exact name name.
async fn exact(b: &Backend, text: &str) -> Vec<SearchFound> {
    let mut exact: Vec<SearchFound> = matches(b, text, 10)
        .await
        .into_iter()
        .filter(|m| m.exact)
        .map(|m| m.found)
        .collect();
    exact.sort();
    exact
}

pub async fn search_finds_word_prefixes_ignoring_case_and_accents(b: Backend) {
    let (_, beyonce) = track_by(&b, 1, "Beyoncé").await;
    let (_, beyond) = track_by(&b, 2, "Beyond Creation").await;
    let (_, bjork) = track_by(&b, 3, "Björk").await;
    let medley = add(
        &b,
        NewTrack {
            title: "Sigur Rós Medley".into(),
            ..new_track(4)
        },
    )
    .await;

    assert_eq!(search(&b, "beyo", 10).await.artists, [beyonce, beyond]);
    let mut lengths: Vec<(SearchFound, u32, bool)> = matches(&b, "beyo", 10)
        .await
        .into_iter()
        .map(|m| (m.found, m.name_len, m.exact))
        .filter(|(found, ..)| matches!(found, SearchFound::Artist(_)))
        .collect();
    lengths.sort_by_key(|(found, ..)| *found);
    assert_eq!(
        lengths,
        [
            (SearchFound::Artist(beyonce), 7, false),
            (SearchFound::Artist(beyond), 15, false)
        ],
        "folded names' lengths, in characters"
    );
    assert_eq!(
        search(&b, "beyo", 1).await.artists,
        [beyonce],
        "the candidate kept: the shorter name"
    );
    for text in ["BEYONCÉ", "beyonce", "Beyonce!"] {
        assert_eq!(search(&b, text, 10).await.artists, [beyonce], "{text}");
    }
    assert_eq!(search(&b, "Bjö", 10).await.artists, [bjork]);
    assert_eq!(search(&b, "bjork", 10).await.artists, [bjork]);
    assert_eq!(
        search(&b, "crea", 10).await.artists,
        [beyond],
        "any word's start"
    );
    assert_eq!(
        search(&b, "crea beyo", 10).await.artists,
        [beyond],
        "every term, in any order"
    );
    assert_eq!(search(&b, "beyo xyz", 10).await, Found::default());
    assert_eq!(
        search(&b, "eation", 10).await,
        Found::default(),
        "not the middle of a word"
    );
    assert_eq!(search(&b, "ros", 10).await.tracks, [medley]);
    assert_eq!(search(&b, "rós MEDL", 10).await.tracks, [medley]);

    // Every artist here has an "Album": at most the limit of them.
    assert_eq!(search(&b, "album", 10).await.albums.len(), 4);
    assert_eq!(search(&b, "album", 2).await.albums.len(), 2);
}

pub async fn search_keeps_exact_names_first_and_groups_by_kind(b: Backend) {
    let (_, repeated) = track_by(&b, 1, "Love Love Love").await;
    let (_, lovely) = track_by(&b, 2, "Lovely Day").await;
    let (_, love) = track_by(&b, 3, "Love").await;
    track_by(&b, 4, "Glove").await;
    let story = add(
        &b,
        NewTrack {
            title: "Love Story".into(),
            album: "Love Songs".into(),
            artist: "Someone".into(),
            album_artist: "Someone".into(),
            ..new_track(5)
        },
    )
    .await;
    let songs = b.catalog.track(story).await.unwrap().album.id;
    let lovelace = user(&b, "lovelace").await;

    let hits = search(&b, "love", 10).await;
    assert_eq!(
        exact(&b, "love").await,
        [SearchFound::Artist(love)],
        "the exact name"
    );
    assert_eq!(hits.artists, [repeated, lovely, love], "not Glove");
    assert_eq!(hits.albums, [songs]);
    assert_eq!(hits.tracks, [story]);
    assert_eq!(hits.users, [lovelace]);

    let one = search(&b, "love", 1).await;
    assert_eq!(
        (one.artists, one.albums, one.tracks, one.users),
        (vec![love], vec![songs], vec![story], vec![lovelace]),
        "the candidates kept: the best of each kind, the exact name first"
    );
    assert_eq!(
        exact(&b, "love love love").await,
        [SearchFound::Artist(repeated)]
    );
    assert_eq!(search(&b, "love love love", 1).await.artists, [repeated]);
    assert_eq!(search(&b, "lovely day", 10).await.artists, [lovely]);
}

pub async fn search_finds_listeners_by_username_or_display_name(b: Backend) {
    let sigur = named(&b, "sigur", "Jónsi Birgisson").await;
    let fan = named(&b, "jonsi_fan", "Sigur Fan").await;
    let ada = named(&b, "ada", "Ada").await;

    assert_eq!(
        search(&b, "jons", 10).await.users,
        [sigur, fan],
        "by display name and by username"
    );
    assert_eq!(search(&b, "sigur", 10).await.users, [sigur, fan]);
    assert_eq!(
        exact(&b, "sigur").await,
        [SearchFound::Listener(sigur)],
        "the exact username"
    );
    let both: Vec<SearchFound> = matches(&b, "ada", 10)
        .await
        .into_iter()
        .map(|m| m.found)
        .collect();
    assert_eq!(
        both,
        [SearchFound::Listener(ada); 2],
        "both names match, each a document"
    );
    assert_eq!(search(&b, "birgisson JONSI", 10).await.users, [sigur]);
    assert_eq!(
        search(&b, "sigur", 1).await.users,
        [sigur, fan],
        "two documents per listener asked for"
    );

    // Profiles are public: a listener private right now is still found.
    b.users
        .set_privacy(sigur, ActivityPrivacy::Private)
        .await
        .unwrap();
    assert_eq!(search(&b, "sigur", 10).await.users, [sigur, fan]);
}

pub async fn search_finds_a_track_renamed_by_a_reimport_under_its_new_name(b: Backend) {
    let first = NewTrack {
        title: "Old Title".into(),
        artist: "Vanishing Act".into(),
        album_artist: "Vanishing Act".into(),
        album: "Gone".into(),
        ..new_track(1)
    };
    let id = add(&b, first.clone()).await;
    assert_eq!(search(&b, "old title", 10).await.tracks, [id]);
    assert_eq!(search(&b, "vanish", 10).await.artists.len(), 1);

    let renamed = NewTrack {
        title: "Brand New Name".into(),
        artist: "Stayer".into(),
        album_artist: "Stayer".into(),
        album: "Here".into(),
        audio: audio(101),
        ..first
    };
    assert_eq!(
        b.writes.import_track(renamed).await.unwrap(),
        ImportOutcome::Updated(id)
    );
    assert_eq!(search(&b, "brand new", 10).await.tracks, [id]);
    assert!(search(&b, "old title", 10).await.tracks.is_empty());
    let moved = b.catalog.track(id).await.unwrap();
    let hits = search(&b, "stayer", 10).await;
    assert_eq!(hits.artists, [moved.artist.id]);
    assert_eq!(search(&b, "here", 10).await.albums, [moved.album.id]);
    assert_eq!(
        search(&b, "vanish", 10).await,
        Found::default(),
        "the emptied artist is gone, and so is its album"
    );
    assert_eq!(search(&b, "gone", 10).await, Found::default());
}

pub async fn search_finds_public_playlists_by_their_name_as_it_is_now(b: Backend) {
    let ada = user(&b, "ada").await;
    let now = Timestamp::from_ms(1_800_000_000_000);
    let make = |name: &str, visibility| NewPlaylist {
        name: PlaylistName::parse(name).unwrap(),
        description: PlaylistDescription::default(),
        visibility,
    };
    let create = |playlist: NewPlaylist| {
        let store = b.playlists.clone();
        async move {
            store
                .create_playlist(ada, &playlist, &[], 10, now)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let road = create(make("Road Trip Anthems", PlaylistVisibility::Public)).await;
    let hidden = create(make("Road Secrets", PlaylistVisibility::Private)).await;
    create(make("Roadside friends", PlaylistVisibility::Friends)).await;
    assert_eq!(search(&b, "road", 10).await.playlists, [road]);
    assert_eq!(search(&b, "trip anth", 10).await.playlists, [road]);

    // Made public, renamed, made private, deleted: search follows.
    let change = |id, changes: PlaylistChanges| {
        let store = b.playlists.clone();
        async move { store.update_playlist(id, &changes, now).await.unwrap() }
    };
    change(
        hidden,
        PlaylistChanges {
            visibility: Some(PlaylistVisibility::Public),
            ..PlaylistChanges::default()
        },
    )
    .await;
    assert_eq!(search(&b, "road", 10).await.playlists, [road, hidden]);
    change(
        road,
        PlaylistChanges {
            name: Some(PlaylistName::parse("Highway Songs").unwrap()),
            ..PlaylistChanges::default()
        },
    )
    .await;
    assert_eq!(search(&b, "road", 10).await.playlists, [hidden]);
    assert_eq!(search(&b, "highway", 10).await.playlists, [road]);
    change(
        road,
        PlaylistChanges {
            visibility: Some(PlaylistVisibility::Private),
            ..PlaylistChanges::default()
        },
    )
    .await;
    assert!(search(&b, "highway", 10).await.playlists.is_empty());
    b.playlists.delete_playlist(hidden).await.unwrap();
    assert!(search(&b, "road", 10).await.playlists.is_empty());
}
