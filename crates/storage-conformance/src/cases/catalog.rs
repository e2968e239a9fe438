//! The catalog: imports (added, updated, unchanged), details, keyset
//! listings walked page by page, and reads of many by id.

use std::future::Future;

use chorus_domain::{AlbumId, ArtistId, MediaFile, MediaKind, TrackId};
use chorus_storage::{
    Cursor, ImportOutcome, NewTrack, Page, PageRequest, StorageError, StorageResult,
};

use crate::support::{add, audio, hash, new_track, race, track};
use crate::Backend;

pub async fn imports_add_update_and_leave_unchanged(b: Backend) {
    let first = new_track(1);
    let id = add(&b, first.clone()).await;
    assert_eq!(b.catalog.track_count().await.unwrap(), 1);
    assert_eq!(b.catalog.track_by_audio(&hash(1)).await.unwrap(), Some(id));
    assert_eq!(b.catalog.track_by_audio(&hash(2)).await.unwrap(), None);

    let again = b.writes.import_track(first.clone()).await.unwrap();
    assert_eq!(again, ImportOutcome::Unchanged(id));
    let elsewhere = NewTrack {
        source_path: "/elsewhere/copy.ogg".into(),
        title: "A copy".into(),
        ..first.clone()
    };
    assert_eq!(
        b.writes.import_track(elsewhere).await.unwrap(),
        ImportOutcome::Unchanged(id),
        "the same audio is already in the catalog"
    );
    assert_eq!(b.catalog.track(id).await.unwrap().title, "Song 1");

    let changed = NewTrack {
        title: "Song 1 (remastered)".into(),
        audio: audio(101),
        duration_ms: 181_000,
        ..first
    };
    assert_eq!(
        b.writes.import_track(changed).await.unwrap(),
        ImportOutcome::Updated(id),
        "a changed file at the same path keeps its track"
    );
    let stored = b.catalog.track(id).await.unwrap();
    assert_eq!(stored.title, "Song 1 (remastered)");
    assert_eq!(stored.duration_ms, 181_000);
    assert_eq!(stored.stream_url, audio(101).url());
    assert_eq!(b.catalog.track_by_audio(&hash(1)).await.unwrap(), None);
    assert_eq!(
        b.catalog.track_by_audio(&hash(101)).await.unwrap(),
        Some(id)
    );
    assert_eq!(b.catalog.track_count().await.unwrap(), 1);

    let other = track(&b, 2).await;
    assert_ne!(other, id);
    assert_eq!(b.catalog.track_count().await.unwrap(), 2);
}

pub async fn concurrent_imports_of_one_file_add_it_once(b: Backend) {
    for round in 0..5u32 {
        // Four importers of one new file, by a new artist on a new album.
        let file = NewTrack {
            artist: format!("Band {round}"),
            album_artist: format!("Band {round}"),
            album: format!("Record {round}"),
            ..new_track(round + 1)
        };
        let outcomes = race(4, |_| {
            let (writes, file) = (b.writes.clone(), file.clone());
            async move { writes.import_track(file).await.unwrap() }
        })
        .await;
        let added: Vec<TrackId> = outcomes
            .iter()
            .filter_map(|o| match o {
                ImportOutcome::Added(id) => Some(*id),
                _ => None,
            })
            .collect();
        assert_eq!(added.len(), 1, "round {round}: {outcomes:?}");
        for outcome in &outcomes {
            assert!(
                matches!(outcome, ImportOutcome::Added(id) | ImportOutcome::Unchanged(id) if *id == added[0]),
                "round {round}: {outcomes:?}"
            );
        }
    }
    assert_eq!(b.catalog.track_count().await.unwrap(), 5);

    // Files of one new album at once: one album, one artist.
    let files: Vec<NewTrack> = (10..16)
        .map(|n| NewTrack {
            artist: "Together".into(),
            album_artist: "Together".into(),
            album: "At Once".into(),
            ..new_track(n)
        })
        .collect();
    let ids = race(files.len(), |i| {
        let (writes, file) = (b.writes.clone(), files[i].clone());
        async move { writes.import_track(file).await.unwrap() }
    })
    .await;
    let mut albums = Vec::new();
    for outcome in ids {
        let ImportOutcome::Added(id) = outcome else {
            panic!("{outcome:?}");
        };
        albums.push(b.catalog.track(id).await.unwrap().album.id);
    }
    albums.dedup();
    assert_eq!(albums.len(), 1, "one album: {albums:?}");
    let album = b.catalog.album(albums[0]).await.unwrap();
    assert_eq!(album.tracks.len(), 6);
    let artists = b
        .catalog
        .list_artists(PageRequest::default())
        .await
        .unwrap();
    assert_eq!(
        artists
            .items
            .iter()
            .filter(|a| a.name == "Together")
            .count(),
        1
    );
}

pub async fn a_track_that_moves_leaves_no_empty_album_or_artist(b: Backend) {
    let keep = track(&b, 1).await;
    let solo = NewTrack {
        artist: "Loner".into(),
        album_artist: "Loner".into(),
        album: "Solo".into(),
        ..new_track(2)
    };
    let moving = add(&b, solo).await;
    let before = b.catalog.track(moving).await.unwrap();
    assert_eq!(before.artist.name, "Loner");

    let retagged = NewTrack {
        audio: audio(202),
        ..new_track(2)
    };
    assert_eq!(
        b.writes.import_track(retagged).await.unwrap(),
        ImportOutcome::Updated(moving)
    );
    assert!(matches!(
        b.catalog.album(before.album.id).await,
        Err(StorageError::NotFound)
    ));
    assert!(matches!(
        b.catalog.artist(before.artist.id).await,
        Err(StorageError::NotFound)
    ));
    let album = b.catalog.track(keep).await.unwrap().album.id;
    let detail = b.catalog.album(album).await.unwrap();
    let ids: Vec<TrackId> = detail.tracks.iter().map(|t| t.id).collect();
    assert_eq!(ids, [keep, moving]);
    let artists = b
        .catalog
        .list_artists(PageRequest::default())
        .await
        .unwrap();
    let names: Vec<&str> = artists.items.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Artist"]);
}

fn cover(n: u64, kind: MediaKind) -> MediaFile {
    MediaFile {
        hash: hash(n),
        kind,
    }
}

/// Track `n` of an album by "The Owls".
fn owls(n: u32, album: &str, disc: u32, number: Option<u32>, title: &str) -> NewTrack {
    NewTrack {
        title: title.into(),
        artist: "The Owls".into(),
        album_artist: "The Owls".into(),
        album: album.into(),
        disc_number: disc,
        track_number: number,
        duration_ms: 100_000 + u64::from(n) * 1_000,
        ..new_track(n)
    }
}

pub async fn albums_artists_and_tracks_in_detail(b: Backend) {
    let night = "Night Songs";
    // The first tagged track gives the album its year, genre and cover.
    let t_b = add(&b, owls(11, night, 1, Some(2), "B")).await;
    let t_a = add(
        &b,
        NewTrack {
            year: Some(2001),
            genre: Some("Jazz".into()),
            cover: Some(cover(900, MediaKind::Jpeg)),
            ..owls(12, night, 1, Some(1), "A")
        },
    )
    .await;
    let t_zed = add(
        &b,
        NewTrack {
            year: Some(1999),
            genre: Some("Rock".into()),
            cover: Some(cover(901, MediaKind::Png)),
            ..owls(13, night, 1, None, "Zed")
        },
    )
    .await;
    let t_alpha = add(&b, owls(14, night, 1, None, "alpha")).await;
    let t_c = add(&b, owls(15, night, 2, Some(1), "C")).await;
    let daylight = add(
        &b,
        NewTrack {
            artist: "  the   OWLS ".into(),
            album_artist: "the owls".into(),
            year: Some(2010),
            ..owls(16, "Daylight", 1, Some(1), "Sun")
        },
    )
    .await;
    let demo = add(
        &b,
        NewTrack {
            cover: Some(cover(902, MediaKind::Webp)),
            ..owls(17, "Demos", 1, Some(1), "Demo")
        },
    )
    .await;
    // On a compilation the track's artist is not the album's.
    let guest = add(
        &b,
        NewTrack {
            artist: "Guest Star".into(),
            year: Some(2001),
            ..owls(18, night, 1, Some(6), "Feat")
        },
    )
    .await;

    let a = b.catalog.track(t_a).await.unwrap();
    let album = b.catalog.album(a.album.id).await.unwrap();
    let summary = &album.album;
    assert_eq!(summary.title, night);
    assert_eq!(summary.artist.name, "The Owls");
    assert_eq!(summary.year, Some(2001));
    assert_eq!(summary.genre.as_deref(), Some("Jazz"));
    let night_cover = cover(900, MediaKind::Jpeg).url();
    assert_eq!(summary.cover_url.as_deref(), Some(night_cover.as_str()));
    assert_eq!(summary.track_count, 6);
    assert_eq!(summary.duration_ms, album.total_duration_ms());
    assert_eq!(
        summary.duration_ms,
        6 * 100_000 + (11 + 12 + 13 + 14 + 15 + 18) * 1_000
    );
    let order: Vec<TrackId> = album.tracks.iter().map(|t| t.id).collect();
    assert_eq!(
        order,
        [t_a, t_b, guest, t_zed, t_alpha, t_c],
        "by disc, then number (unnumbered last), then title in byte order"
    );
    for t in &album.tracks {
        assert_eq!(&b.catalog.track(t.id).await.unwrap(), t);
        assert_eq!(t.cover_url.as_deref(), Some(night_cover.as_str()));
    }

    assert_eq!(a.title, "A");
    assert_eq!((a.disc_number, a.track_number), (1, Some(1)));
    assert_eq!((a.year, a.genre.as_deref()), (Some(2001), Some("Jazz")));
    assert_eq!(a.duration_ms, 112_000);
    assert_eq!(a.stream_url, audio(12).url());
    assert_eq!(a.mime, "audio/ogg");
    assert_eq!(a.album.title, night);
    let zed = b.catalog.track(t_zed).await.unwrap();
    assert_eq!((zed.year, zed.genre.as_deref()), (Some(1999), Some("Rock")));
    let feat = b.catalog.track(guest).await.unwrap();
    assert_eq!(feat.artist.name, "Guest Star");
    assert_eq!(feat.album.id, a.album.id);

    let owls_id = a.artist.id;
    assert_eq!(
        b.catalog.track(daylight).await.unwrap().artist.id,
        owls_id,
        "artist names match ignoring case and spacing"
    );
    let artist = b.catalog.artist(owls_id).await.unwrap();
    assert_eq!(artist.artist.name, "The Owls", "the first spelling stays");
    assert_eq!(
        (artist.artist.album_count, artist.artist.track_count),
        (3, 7)
    );
    assert_eq!(
        artist.artist.image_url.as_deref(),
        Some(night_cover.as_str()),
        "the cover of its first album that has one"
    );
    let albums: Vec<&str> = artist.albums.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        albums,
        ["Daylight", night, "Demos"],
        "newest year first, undated last"
    );
    let tracks: Vec<TrackId> = artist.tracks.iter().map(|t| t.id).collect();
    assert_eq!(
        tracks,
        [daylight, t_zed, t_alpha, t_a, t_b, t_c, demo],
        "by album as listed, then disc, number (unnumbered first) and id"
    );

    let guest_star = b.catalog.artist(feat.artist.id).await.unwrap();
    assert_eq!(
        (guest_star.artist.album_count, guest_star.artist.track_count),
        (0, 1)
    );
    assert!(guest_star.albums.is_empty());
    assert_eq!(guest_star.artist.image_url, None);
    assert_eq!(guest_star.tracks.len(), 1);
    let listed = b
        .catalog
        .list_artists(PageRequest::default())
        .await
        .unwrap();
    let names: Vec<&str> = listed.items.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["The Owls"], "artists without albums are not listed");
    assert_eq!(listed.items[0], artist.artist);

    assert!(matches!(
        b.catalog.album(AlbumId(a.album.id.0 + 1000)).await,
        Err(StorageError::NotFound)
    ));
    assert!(matches!(
        b.catalog.artist(ArtistId(owls_id.0 + 1000)).await,
        Err(StorageError::NotFound)
    ));
    assert!(matches!(
        b.catalog.track(TrackId(guest.0 + 1000)).await,
        Err(StorageError::NotFound)
    ));
}

/// Reads a listing page by page from the start with pages of `limit`;
/// checks each page's size and cursor and returns every key in order.
/// `between` runs after the first page (to add rows mid-walk).
async fn walk<T, L, Fut>(
    list: L,
    limit: u32,
    key: fn(&T) -> i64,
    between: impl Future<Output = ()>,
) -> Vec<i64>
where
    L: Fn(PageRequest) -> Fut,
    Fut: Future<Output = StorageResult<Page<T>>>,
{
    let mut keys = Vec::new();
    let mut after = None;
    let mut between = Some(between);
    loop {
        let page = list(PageRequest::new(after, Some(limit))).await.unwrap();
        assert!(page.items.len() <= limit as usize);
        keys.extend(page.items.iter().map(key));
        match page.next {
            Some(next) => {
                assert_eq!(
                    page.items.len(),
                    limit as usize,
                    "only the last page is short"
                );
                assert_eq!(
                    Some(next.0),
                    keys.last().copied(),
                    "resumes after the last item"
                );
                after = Some(next);
            }
            None => break,
        }
        if let Some(between) = between.take() {
            between.await;
        }
    }
    keys
}

/// Ids in order of first appearance, newest (last) first.
fn newest_first(mut ids: Vec<i64>) -> Vec<i64> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    ids.reverse();
    ids
}

pub async fn listings_walk_every_item_once_newest_first(b: Backend) {
    let (mut tracks, mut albums, mut artists) = (Vec::new(), Vec::new(), Vec::new());
    for n in 1..=13u32 {
        let name = format!("Artist {}", n % 5);
        let id = add(
            &b,
            NewTrack {
                artist: name.clone(),
                album_artist: name,
                album: format!("Album {}", n % 2),
                ..new_track(n)
            },
        )
        .await;
        let t = b.catalog.track(id).await.unwrap();
        tracks.push(id.0);
        albums.push(t.album.id.0);
        artists.push(t.artist.id.0);
    }
    let (tracks, albums, artists) = (
        newest_first(tracks),
        newest_first(albums),
        newest_first(artists),
    );
    assert_eq!((tracks.len(), albums.len(), artists.len()), (13, 10, 5));

    // Albums and artists first: the track walk adds to them.
    let catalog = b.catalog.clone();
    let walked = walk(|page| catalog.list_albums(page), 3, |a| a.id.0, async {}).await;
    assert_eq!(walked, albums, "every album once, newest first");
    let walked = walk(|page| catalog.list_artists(page), 2, |a| a.id.0, async {}).await;
    assert_eq!(walked, artists, "every artist once, newest first");

    let later = b.writes.clone();
    let walked = walk(
        |page| catalog.list_tracks(page),
        3,
        |t| t.id.0,
        async move {
            // Newer rows do not shift a cursor (unlike an offset).
            for n in [100, 101] {
                later.import_track(new_track(n)).await.unwrap();
            }
        },
    )
    .await;
    assert_eq!(walked, tracks, "every track once, newest first");

    let everything = b.catalog.list_tracks(PageRequest::default()).await.unwrap();
    assert_eq!(everything.items.len(), 15);
    assert_eq!(everything.next, None);
    let one = b
        .catalog
        .list_tracks(PageRequest::new(None, Some(0)))
        .await
        .unwrap();
    assert_eq!(one.items.len(), 1, "sizes are clamped to at least one");
    assert!(one.next.is_some());
}

pub async fn cursors_are_text_and_garbled_ones_are_refused(b: Backend) {
    let mut ids = Vec::new();
    for n in 1..=5 {
        ids.push(track(&b, n).await.0);
    }
    let page = |after: Option<Cursor>| {
        let catalog = b.catalog.clone();
        async move {
            catalog
                .list_tracks(PageRequest::new(after, Some(2)))
                .await
                .unwrap()
        }
    };
    let first = page(None).await;
    let cursor = first.next.expect("more pages");
    let text = String::from(cursor);
    let parsed = Cursor::try_from(text.clone()).expect("a cursor parses back");
    assert_eq!(parsed, cursor);
    assert_eq!(page(Some(parsed)).await, page(Some(cursor)).await);

    for garbled in [
        "",
        "abc",
        "1.5",
        "0x10",
        "12abc",
        " 3",
        "99999999999999999999",
    ] {
        assert!(
            matches!(
                Cursor::try_from(garbled.to_owned()),
                Err(StorageError::InvalidCursor)
            ),
            "{garbled:?}"
        );
    }

    // A cursor this backend never issued reads like any key: everything
    // below it.
    let (newest, oldest) = (ids[4], ids[0]);
    let above = page(Some(Cursor(newest + 1000))).await;
    assert_eq!(above, first, "past the newest: the first page");
    let below = page(Some(Cursor(oldest))).await;
    assert_eq!((below.items.len(), below.next), (0, None));
    let negative = page(Some(Cursor(-7))).await;
    assert_eq!((negative.items.len(), negative.next), (0, None));
}

pub async fn batch_reads_keep_the_order_asked_and_skip_unknown_ids(b: Backend) {
    let (t1, t2) = (track(&b, 1).await, track(&b, 2).await);
    let t3 = add(
        &b,
        NewTrack {
            artist: "Other".into(),
            album_artist: "Other".into(),
            album: "Second".into(),
            ..new_track(3)
        },
    )
    .await;
    let ghost = TrackId(t3.0 + 1000);
    let tracks = b.catalog.tracks_by_ids(&[t3, ghost, t1]).await.unwrap();
    assert_eq!(
        tracks,
        [
            b.catalog.track(t3).await.unwrap(),
            b.catalog.track(t1).await.unwrap()
        ]
    );
    assert_eq!(b.catalog.tracks_by_ids(&[t2]).await.unwrap()[0].id, t2);
    assert!(b.catalog.tracks_by_ids(&[]).await.unwrap().is_empty());

    let (first, second) = (tracks[1].clone(), tracks[0].clone());
    let albums = b
        .catalog
        .albums_by_ids(&[second.album.id, AlbumId(ghost.0), first.album.id])
        .await
        .unwrap();
    assert_eq!(
        albums,
        [
            b.catalog.album(second.album.id).await.unwrap().album,
            b.catalog.album(first.album.id).await.unwrap().album
        ]
    );
    assert_eq!(albums[1].track_count, 2, "summaries, counts included");
    assert!(b.catalog.albums_by_ids(&[]).await.unwrap().is_empty());

    let artists = b
        .catalog
        .artists_by_ids(&[ArtistId(ghost.0), first.artist.id, second.artist.id])
        .await
        .unwrap();
    assert_eq!(
        artists,
        [
            b.catalog.artist(first.artist.id).await.unwrap().artist,
            b.catalog.artist(second.artist.id).await.unwrap().artist
        ]
    );
    assert!(b.catalog.artists_by_ids(&[]).await.unwrap().is_empty());
}
