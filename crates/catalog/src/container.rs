//! Checks a file's container structure before its tags or audio are read,
//! streaming and without loading it: that every RIFF chunk fits in the
//! file and the chunks holding the audio are there; MP4 boxes are walked by
//! `mp4.rs` and Ogg pages by `ogg.rs`. A file cut
//! short or with damaged framing is reported as such here, with a plain
//! reason, rather than as whatever a tag reader or demuxer trips over. Use
//! [`check`] first on every file whose kind is known.

use std::io::{self, Read, Seek, SeekFrom};

use chorus_domain::MediaKind;

use crate::mp4;
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
        MediaKind::M4a => mp4::check(reader, len).map(|()| Structure::default()),
        MediaKind::Wav => riff(reader, len).map(|()| Structure::default()),
        _ => Ok(Structure::default()),
    }
}

pub(crate) fn io_reason(e: io::Error) -> SkipReason {
    SkipReason::Io(e.to_string())
}

/// Reads exactly `buf.len()` bytes, or says where the file ends.
pub(crate) fn read_at(
    reader: &mut impl Read,
    buf: &mut [u8],
    what: &str,
) -> Result<(), SkipReason> {
    reader.read_exact(buf).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            SkipReason::Truncated(format!("the file ends inside {what}"))
        } else {
            io_reason(e)
        }
    })
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
}
