//! Tagging: writes Vorbis comments (title, artist, album, numbering, date,
//! genre) and the embedded front-cover picture into an encoded Ogg Vorbis
//! stream with `lofty`, entirely in memory.

use std::io::Cursor;

use lofty::config::WriteOptions;
use lofty::ogg::tag::VorbisComments;
use lofty::ogg::OggPictureStorage;
use lofty::picture::{MimeType, Picture, PictureType};
use lofty::tag::TagExt;

use crate::catalog::{DemoAlbum, DemoTrack};
use crate::DemoError;

/// Returns `ogg` with the track's tags and the album cover (PNG) embedded.
pub(crate) fn tag(
    ogg: Vec<u8>,
    album: &DemoAlbum,
    track: &DemoTrack,
    cover_png: &[u8],
) -> Result<Vec<u8>, DemoError> {
    let mut comments = VorbisComments::default();
    comments.set_vendor(String::from("Chorus demo generator"));
    let fields: [(&str, String); 10] = [
        ("TITLE", track.title.to_owned()),
        ("ARTIST", album.artist.to_owned()),
        ("ALBUMARTIST", album.artist.to_owned()),
        ("ALBUM", album.title.to_owned()),
        ("TRACKNUMBER", track.number.to_string()),
        ("TRACKTOTAL", album.tracks.len().to_string()),
        ("DISCNUMBER", String::from("1")),
        ("DISCTOTAL", String::from("1")),
        ("DATE", album.year.to_string()),
        ("GENRE", album.genre.to_owned()),
    ];
    for (key, value) in fields {
        comments.push(key.to_owned(), value);
    }
    let picture = Picture::unchecked(cover_png.to_vec())
        .pic_type(PictureType::CoverFront)
        .mime_type(MimeType::Png)
        .description("Cover")
        .build();
    comments
        .insert_picture(picture, None)
        .map_err(|e| DemoError::Tag(error_chain(&e)))?;

    let mut file = Cursor::new(ogg);
    comments
        .save_to(&mut file, WriteOptions::default())
        .map_err(|e| DemoError::Tag(error_chain(&e)))?;
    Ok(file.into_inner())
}

/// "outer: inner: innermost" — lofty's top-level messages are terse.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}
