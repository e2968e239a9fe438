//! The import's catalog writes: one file's artist(s), album and track,
//! together or not at all. The rules:
//!
//! - audio already in the catalog (by content hash) changes nothing;
//! - artists and albums are the same when their names are, ignoring case
//!   and runs of white space (the first spelling stays);
//! - a track's artist is its album's artist when their names are the same;
//! - a file imported again from the same path updates its track (which
//!   keeps its id); albums and artists it left empty are dropped;
//! - search finds the artists, album and track by the names this import
//!   gave.
//!
//! The importer (`chorus-catalog`) calls it with the stores alone: it needs
//! no bus, and the command that imports purges the CDN itself.

use chorus_storage::{ImportOutcome, NewTrack, Transactions};

use crate::ServiceResult;

/// The identity of a name for de-duplication: trimmed, case-folded, inner
/// runs of white space collapsed.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Stores one imported track (see the module doc).
pub async fn import_track(
    transactions: &dyn Transactions,
    track: NewTrack,
) -> ServiceResult<ImportOutcome> {
    let mut unit = transactions.begin_import().await?;
    if let Some(id) = unit.track_with_audio(&track.audio.hash).await? {
        return Ok(ImportOutcome::Unchanged(id));
    }
    let album_artist = unit
        .artist(&track.album_artist, &name_key(&track.album_artist))
        .await?;
    let artist = if name_key(&track.artist) == name_key(&track.album_artist) {
        album_artist
    } else {
        unit.artist(&track.artist, &name_key(&track.artist)).await?
    };
    let album = unit
        .album(album_artist, &name_key(&track.album), &track)
        .await?;
    let replaced = unit.track_from(&track.source_path).await?.is_some();
    let id = unit.put_track(album, artist, &track).await?;

    // Artists and albums keep the name they got first, which a rewrite of
    // an unchanged fold leaves alone; a re-imported track may have a new
    // title.
    unit.put_search_document("artist", album_artist.0, &track.album_artist)
        .await?;
    if artist != album_artist {
        unit.put_search_document("artist", artist.0, &track.artist)
            .await?;
    }
    unit.put_search_document("album", album.0, &track.album)
        .await?;
    unit.put_search_document("track", id.0, &track.title)
        .await?;

    let outcome = if replaced {
        // The track may have moved to another album or artist.
        unit.remove_orphans().await?;
        ImportOutcome::Updated(id)
    } else {
        ImportOutcome::Added(id)
    };
    unit.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn name_keys_ignore_case_and_spacing() {
        assert_eq!(name_key("  The   Night Owls "), name_key("the night owls"));
        assert_ne!(name_key("Night Owls"), name_key("Night Owl"));
    }
}
