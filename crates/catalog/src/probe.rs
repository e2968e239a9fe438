//! Reads one audio file: tags and cover with lofty, and a full demux with
//! symphonia to prove the stream is complete and decodable. Pure CPU work on
//! bytes in memory; run it off the async runtime.

use std::io::Cursor;

use chorus_domain::MediaKind;
use lofty::file::FileType;
use lofty::picture::{MimeType, PictureType};
use lofty::prelude::*;
use lofty::probe::Probe;
use symphonia::core::codecs::DecoderOptions;
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

use crate::SkipReason;

/// How many leading packets are fully decoded to prove the codec data is sound
/// (the rest is only demuxed, which is much faster).
const DECODED_PACKETS: usize = 16;
/// Slack between the declared and the demuxed length before a file counts as
/// truncated.
const TRUNCATION_TOLERANCE_S: f64 = 0.5;

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

/// Probes a file's bytes; `extension` is a hint only.
pub fn probe(bytes: &[u8], extension: Option<&str>) -> Result<ProbedAudio, SkipReason> {
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    let probe = Probe::new(Cursor::new(bytes))
        .guess_file_type()
        .map_err(|e| SkipReason::Io(e.to_string()))?;
    let Some(file_type) = probe.file_type() else {
        return Err(SkipReason::NotAudio);
    };
    let kind = media_kind(file_type, extension)?;
    let tagged = probe
        .read()
        .map_err(|e| SkipReason::UnreadableTags(e.to_string()))?;

    if matches!(kind, MediaKind::Ogg | MediaKind::Opus) {
        check_ogg_pages(bytes)?;
    }
    let declared_s = tagged.properties().duration().as_secs_f64();
    let demuxed_s = demux(bytes, kind)?;
    if declared_s > 0.0 && demuxed_s + TRUNCATION_TOLERANCE_S < declared_s {
        return Err(SkipReason::Truncated(format!(
            "the audio stops at {demuxed_s:.1} s of {declared_s:.1} s"
        )));
    }
    let seconds = if demuxed_s > 0.0 {
        demuxed_s
    } else {
        declared_s
    };
    if seconds <= 0.0 {
        return Err(SkipReason::Corrupt("no audio frames".into()));
    }

    let tag = tagged.primary_tag().or_else(|| tagged.first_tag());
    Ok(ProbedAudio {
        kind,
        tags: tag.map(read_tags).unwrap_or_default(),
        duration_ms: (seconds * 1000.0).round() as u64,
        cover: tag.and_then(cover),
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

/// An Ogg stream is complete when its pages run to the end of the file and
/// the last one carries the end-of-stream flag.
fn check_ogg_pages(bytes: &[u8]) -> Result<(), SkipReason> {
    let mut reader = Cursor::new(bytes);
    let mut last_flags = 0;
    while (reader.position() as usize) < bytes.len() {
        match ogg_pager::Page::read(&mut reader) {
            Ok(page) => last_flags = page.header().header_type_flag(),
            Err(e) => {
                let at = reader.position();
                return Err(SkipReason::Truncated(format!(
                    "the Ogg stream breaks off at byte {at} ({e})"
                )));
            }
        }
    }
    if last_flags & ogg_pager::CONTAINS_LAST_PAGE_OF_BITSTREAM == 0 {
        return Err(SkipReason::Truncated(
            "the Ogg stream ends without its last page".into(),
        ));
    }
    Ok(())
}

/// Demuxes the whole stream (decoding its first packets) and returns the
/// length of audio actually present, in seconds.
fn demux(bytes: &[u8], kind: MediaKind) -> Result<f64, SkipReason> {
    let corrupt = |e: SymphoniaError| SkipReason::Corrupt(e.to_string());
    let source = MediaSourceStream::new(Box::new(Cursor::new(bytes.to_vec())), Default::default());
    let mut hint = Hint::new();
    hint.with_extension(kind.extension());
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            source,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map_err(corrupt)?;
    let mut format = probed.format;
    let Some(track) = format.default_track() else {
        return Err(SkipReason::Corrupt("no audio track".into()));
    };
    let track_id = track.id;
    let time_base = track.codec_params.time_base;
    let sample_rate = track.codec_params.sample_rate;
    let mut decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &DecoderOptions::default())
        .map_err(corrupt)?;

    let (mut packets, mut end_ts) = (0usize, 0u64);
    loop {
        let packet = match format.next_packet() {
            Ok(packet) => packet,
            // Symphonia reports the end of the stream as an unexpected EOF;
            // whether it came early is judged against the declared length.
            Err(SymphoniaError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                break
            }
            Err(SymphoniaError::ResetRequired) => break,
            Err(e) => return Err(corrupt(e)),
        };
        if packet.track_id() != track_id {
            continue;
        }
        if packets < DECODED_PACKETS {
            decoder.decode(&packet).map_err(corrupt)?;
        }
        packets += 1;
        end_ts = end_ts.max(packet.ts() + packet.dur());
    }
    if packets == 0 {
        return Err(SkipReason::Corrupt("no audio frames".into()));
    }
    Ok(match (time_base, sample_rate) {
        (Some(tb), _) => {
            let t = tb.calc_time(end_ts);
            t.seconds as f64 + t.frac
        }
        (None, Some(rate)) => end_ts as f64 / f64::from(rate),
        (None, None) => 0.0,
    })
}
