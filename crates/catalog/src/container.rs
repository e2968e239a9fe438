//! Checks a file's container structure before its tags or audio are read,
//! streaming and without loading it: that every MP4 top-level box and every
//! RIFF chunk fits in the file, and that the boxes or chunks holding the
//! audio are there; Ogg files are walked page by page (`ogg.rs`). A file cut
//! short or with damaged framing is reported as such here, with a plain
//! reason, rather than as whatever a tag reader or demuxer trips over. Use
//! [`check`] first on every file whose kind is known.

use std::io::{self, Read, Seek, SeekFrom};

use chorus_domain::MediaKind;

use crate::ogg::{self, OggCodec};
use crate::source::Source;
use crate::SkipReason;

/// What the container alone tells about the audio.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Structure {
    /// Seconds of audio, when the container walk measured them (Opus).
    pub seconds: Option<f64>,
}

/// Checks the container of `source`, a file of `kind`.
pub fn check(source: &Source, kind: MediaKind) -> Result<Structure, SkipReason> {
    let len = source.len();
    let reader = source.reader();
    match kind {
        MediaKind::Ogg => {
            ogg::check(reader, len, OggCodec::Vorbis).map(|s| Structure { seconds: s.seconds })
        }
        MediaKind::Opus => {
            ogg::check(reader, len, OggCodec::Opus).map(|s| Structure { seconds: s.seconds })
        }
        MediaKind::M4a => mp4(reader, len).map(|()| Structure::default()),
        MediaKind::Wav => riff(reader, len).map(|()| Structure::default()),
        _ => Ok(Structure::default()),
    }
}

fn io_reason(e: io::Error) -> SkipReason {
    SkipReason::Io(e.to_string())
}

/// Reads exactly `buf.len()` bytes, or says where the file ends.
fn read_at(reader: &mut impl Read, buf: &mut [u8], what: &str) -> Result<(), SkipReason> {
    reader.read_exact(buf).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            SkipReason::Truncated(format!("the file ends inside {what}"))
        } else {
            io_reason(e)
        }
    })
}

/// Walks the top-level boxes of an MP4 (M4A) file: each must fit in the
/// file, and the track index (`moov`) and the media data (`mdat`) must be
/// there.
fn mp4(mut reader: impl Read + Seek, len: u64) -> Result<(), SkipReason> {
    let (mut pos, mut moov, mut mdat) = (0u64, false, false);
    while pos < len {
        if len - pos < 8 {
            return Err(SkipReason::Truncated(format!(
                "the file ends inside an MP4 box header at byte {pos}"
            )));
        }
        let mut header = [0u8; 8];
        read_at(&mut reader, &mut header, "an MP4 box header")?;
        let name = String::from_utf8_lossy(&header[4..]).into_owned();
        let size = match u32::from_be_bytes([header[0], header[1], header[2], header[3]]) {
            // A box running to the end of the file.
            0 => len - pos,
            1 => {
                let mut large = [0u8; 8];
                read_at(&mut reader, &mut large, "an MP4 box header")?;
                u64::from_be_bytes(large)
            }
            n => u64::from(n),
        };
        if size < 8 {
            return Err(SkipReason::Corrupt(format!(
                "the MP4 box '{name}' at byte {pos} has an impossible size ({size})"
            )));
        }
        match pos.checked_add(size) {
            Some(end) if end <= len => {
                moov |= &header[4..] == b"moov";
                mdat |= &header[4..] == b"mdat";
                pos = end;
                reader.seek(SeekFrom::Start(pos)).map_err(io_reason)?;
            }
            _ => {
                return Err(SkipReason::Truncated(format!(
                    "the MP4 box '{name}' at byte {pos} needs {size} bytes; the file ends {} bytes after it starts",
                    len - pos
                )))
            }
        }
    }
    if !moov {
        return Err(SkipReason::Corrupt(
            "the MP4 track index ('moov' box) is missing".into(),
        ));
    }
    if !mdat {
        return Err(SkipReason::Corrupt(
            "the MP4 media data ('mdat' box) is missing".into(),
        ));
    }
    Ok(())
}

/// Walks the chunks of a RIFF/WAVE file: the format (`fmt `) and the samples
/// (`data`) must be there and every chunk must fit in the file. A last data
/// chunk whose size is unknown (0 or 0xFFFFFFFF, as written by a stream
/// recorder) runs to the end of the file.
fn riff(mut reader: impl Read + Seek, len: u64) -> Result<(), SkipReason> {
    let mut header = [0u8; 12];
    read_at(&mut reader, &mut header, "the WAV header")?;
    if &header[..4] != b"RIFF" || &header[8..] != b"WAVE" {
        return Err(SkipReason::Corrupt("not a RIFF/WAVE header".into()));
    }
    let (mut pos, mut fmt, mut data) = (12u64, false, false);
    while pos < len {
        if len - pos < 8 {
            // A stray pad byte or a few bytes of trailing junk.
            break;
        }
        let mut chunk = [0u8; 8];
        read_at(&mut reader, &mut chunk, "a WAV chunk header")?;
        let id = &chunk[..4];
        let name = String::from_utf8_lossy(id).into_owned();
        let size = u64::from(u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]));
        let body = pos + 8;
        let end = body + size + (size & 1);
        fmt |= id == b"fmt ";
        if id == b"data" {
            data = true;
            let open_ended = size == 0 || size == u64::from(u32::MAX);
            if open_ended {
                return if fmt { Ok(()) } else { Err(missing_fmt()) };
            }
            if body + size > len {
                return Err(SkipReason::Truncated(format!(
                    "the WAV samples stop after {} of {size} bytes",
                    len - body
                )));
            }
        } else if body + size > len {
            return Err(SkipReason::Truncated(format!(
                "the WAV chunk '{name}' at byte {pos} runs past the end of the file"
            )));
        }
        pos = end;
        reader.seek(SeekFrom::Start(pos)).map_err(io_reason)?;
    }
    if !fmt {
        return Err(missing_fmt());
    }
    if !data {
        return Err(SkipReason::Corrupt(
            "the WAV file has no samples ('data' chunk)".into(),
        ));
    }
    Ok(())
}

fn missing_fmt() -> SkipReason {
    SkipReason::Corrupt("the WAV format chunk ('fmt ') is missing".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn wav(data_len: u32, actual: usize) -> Vec<u8> {
        let mut b = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
        b.extend(16u32.to_le_bytes());
        b.extend([1, 0, 1, 0, 0x44, 0xac, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0]);
        b.extend(b"data");
        b.extend(data_len.to_le_bytes());
        b.extend(vec![0; actual]);
        b
    }

    fn riff_of(b: &[u8]) -> Result<(), SkipReason> {
        riff(Cursor::new(b), b.len() as u64)
    }

    #[test]
    fn wav_data_must_fit_the_file() {
        assert_eq!(riff_of(&wav(100, 100)), Ok(()));
        assert!(matches!(
            riff_of(&wav(100, 40)),
            Err(SkipReason::Truncated(_))
        ));
        assert_eq!(riff_of(&wav(u32::MAX, 40)), Ok(()));
        assert!(matches!(
            riff_of(&wav(100, 100)[..30]),
            Err(SkipReason::Truncated(_))
        ));
        assert!(matches!(
            riff_of(b"RIFX\0\0\0\0WAVE"),
            Err(SkipReason::Corrupt(_))
        ));
    }

    #[test]
    fn mp4_boxes_must_fit_and_hold_an_index() {
        let boxed = |name: &[u8], size: u32, body: usize| {
            let mut b = size.to_be_bytes().to_vec();
            b.extend(name);
            b.extend(vec![0; body]);
            b
        };
        let mut file = boxed(b"ftyp", 16, 8);
        file.extend(boxed(b"mdat", 108, 100));
        file.extend(boxed(b"moov", 58, 50));
        let mp4_of = |b: &[u8]| mp4(Cursor::new(b), b.len() as u64);
        assert_eq!(mp4_of(&file), Ok(()));
        assert!(matches!(mp4_of(&file[..80]), Err(SkipReason::Truncated(_))));
        assert!(matches!(mp4_of(&file[..124]), Err(SkipReason::Corrupt(_))));
        let mut tiny = boxed(b"ftyp", 4, 0);
        tiny.extend([0; 4]);
        assert!(matches!(mp4_of(&tiny), Err(SkipReason::Corrupt(_))));
    }
}
