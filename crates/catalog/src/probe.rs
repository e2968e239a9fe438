//! Reads one audio file, streaming from it: its kind, then its container's
//! structure (`container.rs`), tags and cover with lofty, and a full demux
//! with symphonia (`demux.rs`; for Opus the Ogg walk) to prove the stream is
//! complete. Blocking work; run it off the async runtime, through
//! [`probe_guarded`] so that a decoder that panics skips only its file.

use std::io::BufReader;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chorus_domain::MediaKind;
use lofty::file::FileType;
use lofty::picture::{MimeType, PictureType};
use lofty::prelude::*;
use lofty::probe::Probe;

use crate::container;
use crate::demux::demux;
use crate::source::Source;
use crate::SkipReason;

/// Slack between the length a tag reader estimates and the demuxed length
/// before a file counts as truncated (estimates from a bit rate are rough).
const ESTIMATE_TOLERANCE_S: f64 = 0.5;
/// Slack between the length a stream header states exactly and the demuxed
/// length (a last partial frame, encoder padding).
const EXACT_TOLERANCE_S: f64 = 0.1;

/// What the importer learns from an audio file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbedAudio {
    pub kind: MediaKind,
    pub tags: Tags,
    pub duration_ms: u64,
    /// Embedded cover: the front cover if tagged as such, else the first picture.
    pub cover: Option<(MediaKind, Vec<u8>)>,
}

/// The tags Chorus uses, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    pub title: Option<String>,
    pub artist: Option<String>,
    pub album_artist: Option<String>,
    pub album: Option<String>,
    pub track_number: Option<u32>,
    pub disc_number: Option<u32>,
    pub year: Option<u32>,
    pub genre: Option<String>,
}

/// [`probe`], with a panic (a decoder bug, or an arithmetic overflow in a
/// debug build) turned into [`SkipReason::Crashed`].
pub fn probe_guarded(source: &Source, extension: Option<&str>) -> Result<ProbedAudio, SkipReason> {
    catch_crash(|| probe(source, extension))
}

/// Runs `f`, turning a panic into [`SkipReason::Crashed`] with its message.
pub fn catch_crash<T>(f: impl FnOnce() -> Result<T, SkipReason>) -> Result<T, SkipReason> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(SkipReason::Crashed(message))
    })
}

/// Probes a file; `extension` is a hint only.
pub fn probe(source: &Source, extension: Option<&str>) -> Result<ProbedAudio, SkipReason> {
    if source.is_empty() {
        return Err(SkipReason::Empty);
    }
    let probe = Probe::new(BufReader::new(source.reader()))
        .guess_file_type()
        .map_err(|e| SkipReason::Io(e.to_string()))?;
    let Some(file_type) = probe.file_type() else {
        return Err(SkipReason::NotAudio);
    };
    let kind = media_kind(file_type, extension)?;
    // The container first: a cut or damaged file is named as such before a
    // tag reader or demuxer trips over it.
    let structure = container::check(source, kind)?;
    let tagged = match probe.read() {
        Ok(tagged) => tagged,
        // Tags that do not parse in a file whose audio is cut or damaged:
        // the audio is the reason to give.
        Err(e) => {
            audio_seconds(source, kind, structure, 0.0)?;
            return Err(SkipReason::UnreadableTags(e.to_string()));
        }
    };
    let estimated_s = tagged.properties().duration().as_secs_f64();
    let seconds = audio_seconds(source, kind, structure, estimated_s)?;
    // Less than half a millisecond of audio is none: a track of 0 ms.
    let duration_ms = (seconds * 1000.0).round();
    if !(duration_ms >= 1.0 && duration_ms.is_finite()) {
        return Err(SkipReason::Corrupt("no audio frames".into()));
    }

    let tag = tagged.primary_tag().or_else(|| tagged.first_tag());
    Ok(ProbedAudio {
        kind,
        tags: tag.map(read_tags).unwrap_or_default(),
        duration_ms: duration_ms as u64,
        cover: tag.and_then(cover),
    })
}

/// Seconds of audio really in the file, or why it is cut or damaged.
/// `estimated_s` is the tag reader's length (0 if unknown).
fn audio_seconds(
    source: &Source,
    kind: MediaKind,
    structure: container::Structure,
    estimated_s: f64,
) -> Result<f64, SkipReason> {
    // Opus: the Ogg walk demuxed every packet.
    if let Some(seconds) = structure.seconds {
        return Ok(seconds);
    }
    let demuxed = demux(source, kind)?;
    let (expected_s, tolerance) = match demuxed.declared {
        Some(declared) => (declared, EXACT_TOLERANCE_S),
        None => (estimated_s, ESTIMATE_TOLERANCE_S),
    };
    if expected_s > 0.0 && demuxed.seconds + tolerance < expected_s {
        return Err(SkipReason::Truncated(format!(
            "the audio stops at {:.1} s of {expected_s:.1} s",
            demuxed.seconds
        )));
    }
    Ok(if demuxed.seconds > 0.0 {
        demuxed.seconds
    } else {
        estimated_s
    })
}

fn media_kind(file_type: FileType, extension: Option<&str>) -> Result<MediaKind, SkipReason> {
    Ok(match file_type {
        FileType::Vorbis => MediaKind::Ogg,
        FileType::Opus => MediaKind::Opus,
        FileType::Mpeg => MediaKind::Mp3,
        FileType::Flac => MediaKind::Flac,
        FileType::Mp4 => MediaKind::M4a,
        FileType::Wav => MediaKind::Wav,
        other => {
            let name = extension.map_or_else(|| format!("{other:?}"), str::to_uppercase);
            return Err(SkipReason::Unsupported(name));
        }
    })
}

fn clean(value: Option<std::borrow::Cow<'_, str>>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn read_tags(tag: &lofty::tag::Tag) -> Tags {
    Tags {
        title: clean(tag.title()),
        artist: clean(tag.artist()),
        album_artist: clean(tag.get_string(ItemKey::AlbumArtist).map(Into::into)),
        album: clean(tag.album()),
        track_number: tag.track().filter(|n| *n > 0),
        disc_number: tag.disk().filter(|n| *n > 0),
        year: tag.date().map(|d| u32::from(d.year)).filter(|y| *y > 0),
        genre: clean(tag.genre()),
    }
}

fn cover(tag: &lofty::tag::Tag) -> Option<(MediaKind, Vec<u8>)> {
    let pictures = tag.pictures();
    let picture = pictures
        .iter()
        .find(|p| p.pic_type() == PictureType::CoverFront)
        .or_else(|| pictures.first())?;
    let kind = match picture.mime_type() {
        Some(MimeType::Png) => MediaKind::Png,
        Some(MimeType::Jpeg) => MediaKind::Jpeg,
        Some(MimeType::Unknown(m)) if m == "image/webp" => MediaKind::Webp,
        _ => return None,
    };
    Some((kind, picture.data().to_vec()))
}
