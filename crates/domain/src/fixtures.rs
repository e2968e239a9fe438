//! Sample values for tests, here and in the crates above (feature
//! `fixtures`, enabled only in their dev-dependencies).

use crate::{AlbumId, AlbumRef, ArtistId, ArtistRef, Track, TrackId};

/// Track `id` ("Track {id}", track `id` of album 1 by artist 1) lasting
/// `duration_ms`.
pub fn track(id: i64, duration_ms: u64) -> Track {
    Track {
        id: TrackId(id),
        title: format!("Track {id}"),
        artist: ArtistRef {
            id: ArtistId(1),
            name: "Artist".into(),
        },
        album: AlbumRef {
            id: AlbumId(1),
            title: "Album".into(),
        },
        disc_number: 1,
        track_number: u32::try_from(id).ok(),
        duration_ms,
        year: None,
        genre: None,
        stream_url: format!("/media/{id}.ogg"),
        mime: "audio/ogg".into(),
        cover_url: None,
    }
}
