//! Checks an Ogg file page by page, streaming: every page's capture pattern,
//! checksum and sequence number, the first and last page flags, and the
//! granule positions. For Ogg Opus (which symphonia cannot decode) it also
//! demuxes every packet: the `OpusHead` and `OpusTags` headers, and each
//! audio packet's framing (RFC 6716 §3) — which gives the stream's length
//! without a decoder. Use it for any Ogg file before demuxing it otherwise.

use std::io::{self, Read};

use crate::SkipReason;

/// The codec an Ogg stream is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OggCodec {
    Vorbis,
    Opus,
}

/// What a sound Ogg stream tells about its length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OggSummary {
    /// Seconds of audio, when the codec's packets were read (Opus).
    pub seconds: Option<f64>,
}

const HEADER_LEN: usize = 27;
const FLAG_CONTINUED: u8 = 0x01;
const FLAG_FIRST: u8 = 0x02;
const FLAG_LAST: u8 = 0x04;
/// The largest Opus packet: 48 frames of at most 1275 bytes, plus framing.
const MAX_OPUS_PACKET: usize = 48 * 1275 + 4 * 48;
/// Opus granule positions count 48 kHz samples.
const OPUS_RATE: f64 = 48_000.0;

/// Walks the whole Ogg stream read from `reader` (`len` bytes long).
pub fn check(reader: impl Read, len: u64, codec: OggCodec) -> Result<OggSummary, SkipReason> {
    let mut walk = Walk {
        reader: io::BufReader::with_capacity(64 * 1024, reader),
        codec,
        page: Vec::with_capacity(HEADER_LEN + 255 + 255 * 255),
        pos: 0,
        serial: None,
        next_sequence: 0,
        last_granule: None,
        ended: false,
        packet: Vec::new(),
        packet_open: false,
        packets: 0,
        pre_skip: 0,
        samples: 0,
    };
    while walk.pos < len {
        walk.page()?;
    }
    walk.finish()
}

struct Walk<R> {
    reader: io::BufReader<R>,
    codec: OggCodec,
    /// The current page's bytes.
    page: Vec<u8>,
    /// Byte offset of the next page.
    pos: u64,
    /// The audio stream's serial number (the first page's).
    serial: Option<u32>,
    next_sequence: u32,
    last_granule: Option<u64>,
    /// The audio stream's last page was seen.
    ended: bool,
    /// The packet being reassembled (Opus), and whether one is open.
    packet: Vec<u8>,
    packet_open: bool,
    /// Complete packets of the audio stream so far.
    packets: u64,
    pre_skip: u64,
    /// 48 kHz samples in the Opus audio packets so far.
    samples: u64,
}

impl<R: Read> Walk<R> {
    fn truncated(&self, what: &str) -> SkipReason {
        SkipReason::Truncated(format!(
            "the Ogg stream breaks off at byte {} ({what})",
            self.pos
        ))
    }

    fn corrupt(&self, what: String) -> SkipReason {
        SkipReason::Corrupt(format!("Ogg page at byte {}: {what}", self.pos))
    }

    /// Appends `n` bytes of the file to the page buffer.
    fn fill(&mut self, n: usize, what: &str) -> Result<(), SkipReason> {
        let start = self.page.len();
        self.page.resize(start + n, 0);
        match self.reader.read_exact(&mut self.page[start..]) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(self.truncated(what)),
            Err(e) => Err(SkipReason::Io(e.to_string())),
        }
    }

    /// Reads and checks one page.
    fn page(&mut self) -> Result<(), SkipReason> {
        self.page.clear();
        self.fill(HEADER_LEN, "inside a page header")?;
        if &self.page[..4] != b"OggS" {
            return Err(self.corrupt("no page starts here".into()));
        }
        if self.page[4] != 0 {
            return Err(self.corrupt(format!("unknown page version {}", self.page[4])));
        }
        let flags = self.page[5];
        let granule = u64_le(&self.page[6..14]);
        let serial = u32_le(&self.page[14..18]);
        let sequence = u32_le(&self.page[18..22]);
        let checksum = u32_le(&self.page[22..26]);
        let segments = usize::from(self.page[26]);
        self.fill(segments, "inside a segment table")?;
        let lacing = self.page[HEADER_LEN..].to_vec();
        let body: usize = lacing.iter().map(|&l| usize::from(l)).sum();
        self.fill(body, "inside a page")?;

        self.page[22..26].fill(0);
        if ogg_pager::crc32(&self.page) != checksum {
            return Err(self.corrupt(format!(
                "page {sequence} fails its checksum (damaged bytes)"
            )));
        }

        let first = self.serial.is_none();
        if first && flags & FLAG_FIRST == 0 {
            return Err(self.corrupt("the first page is not marked as a stream start".into()));
        }
        if first {
            self.serial = Some(serial);
        }
        if self.serial == Some(serial) && !self.ended {
            if sequence != self.next_sequence {
                return Err(self.corrupt(format!(
                    "page {} is missing (found page {sequence})",
                    self.next_sequence
                )));
            }
            self.next_sequence = sequence.wrapping_add(1);
            // -1 marks a page on which no packet ends.
            if granule != u64::MAX {
                if self.last_granule.is_some_and(|last| granule < last) {
                    return Err(self.corrupt("the granule position goes backwards".into()));
                }
                self.last_granule = Some(granule);
            }
            self.packets(flags, &lacing, HEADER_LEN + segments)?;
            self.ended = flags & FLAG_LAST != 0;
        }
        self.pos += (HEADER_LEN + segments + body) as u64;
        Ok(())
    }

    /// Reassembles the packets of one page of the audio stream.
    fn packets(&mut self, flags: u8, lacing: &[u8], body_at: usize) -> Result<(), SkipReason> {
        let continued = flags & FLAG_CONTINUED != 0;
        if continued != self.packet_open {
            return Err(self.corrupt(if continued {
                "a page continues a packet that was never started".into()
            } else {
                "a packet is cut off by the next page".into()
            }));
        }
        let mut at = body_at;
        for &lace in lacing {
            let segment = at..at + usize::from(lace);
            at = segment.end;
            // Only Opus packets are kept (and only up to the largest an
            // Opus packet can be: tags with cover art are bigger, and only
            // their first bytes matter).
            if self.codec == OggCodec::Opus && self.packet.len() < MAX_OPUS_PACKET + 1 {
                let room = MAX_OPUS_PACKET + 1 - self.packet.len();
                let take = segment.start..segment.end.min(segment.start + room);
                self.packet.extend_from_slice(&self.page[take]);
            }
            self.packet_open = lace == 255;
            if !self.packet_open {
                let packet = std::mem::take(&mut self.packet);
                self.packet(&packet)?;
                self.packet = packet;
                self.packet.clear();
                self.packets += 1;
            }
        }
        Ok(())
    }

    /// Checks one complete packet (the `self.packets`-th).
    fn packet(&mut self, packet: &[u8]) -> Result<(), SkipReason> {
        if self.codec != OggCodec::Opus {
            return Ok(());
        }
        match self.packets {
            0 => self.pre_skip = opus_head(packet).map_err(|e| self.corrupt(e))?,
            1 if !packet.starts_with(b"OpusTags") => {
                return Err(self.corrupt("the Opus tags header (OpusTags) is missing".into()))
            }
            1 => {}
            n => {
                let samples = opus_packet_samples(packet)
                    .map_err(|e| self.corrupt(format!("Opus packet {n}: {e}")))?;
                self.samples += samples;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<OggSummary, SkipReason> {
        if self.serial.is_none() {
            return Err(SkipReason::Corrupt("no Ogg pages".into()));
        }
        if !self.ended {
            return Err(SkipReason::Truncated(
                "the Ogg stream ends without its last page".into(),
            ));
        }
        if self.codec != OggCodec::Opus {
            return Ok(OggSummary { seconds: None });
        }
        if self.packets < 3 {
            return Err(SkipReason::Corrupt("no Opus audio packets".into()));
        }
        let granule = self.last_granule.unwrap_or(0);
        if granule > self.samples {
            return Err(SkipReason::Corrupt(format!(
                "the stream claims {:.1} s but its packets hold {:.1} s",
                granule as f64 / OPUS_RATE,
                self.samples as f64 / OPUS_RATE
            )));
        }
        Ok(OggSummary {
            seconds: Some(granule.saturating_sub(self.pre_skip) as f64 / OPUS_RATE),
        })
    }
}

fn u32_le(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn u64_le(b: &[u8]) -> u64 {
    let mut a = [0; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

/// Checks the Opus identification header (RFC 7845 §5.1); returns its
/// pre-skip.
fn opus_head(p: &[u8]) -> Result<u64, String> {
    let bad = |what: &str| Err(format!("the Opus header (OpusHead) {what}"));
    if !p.starts_with(b"OpusHead") {
        return bad("is missing");
    }
    if p.len() < 19 {
        return bad("is too short");
    }
    if p[8] >> 4 != 0 {
        return bad("has an unknown version");
    }
    let channels = usize::from(p[9]);
    if channels == 0 {
        return bad("declares no channels");
    }
    let family = p[18];
    if family == 0 && channels > 2 {
        return bad("declares more than two channels without a channel map");
    }
    if family != 0 && p.len() < 21 + channels {
        return bad("has a short channel map");
    }
    Ok(u64::from(u16::from_le_bytes([p[10], p[11]])))
}

/// The 48 kHz samples in one Opus packet, after checking that its framing
/// (RFC 6716 §3.2) fits its length.
fn opus_packet_samples(p: &[u8]) -> Result<u64, String> {
    const MAX_FRAME: usize = 1275;
    let Some(&toc) = p.first() else {
        return Err("empty packet".into());
    };
    let config = usize::from(toc >> 3);
    // Frame sizes in 48 kHz samples by configuration (RFC 6716 table 2).
    let frame: u64 = match config {
        0..=11 => [480, 960, 1920, 2880][config % 4],
        12..=15 => [480, 960][config % 2],
        _ => [120, 240, 480, 960][config % 4],
    };
    let rest = &p[1..];
    let frames = match toc & 3 {
        0 if rest.len() <= MAX_FRAME => 1,
        1 if rest.len().is_multiple_of(2) && rest.len() / 2 <= MAX_FRAME => 2,
        2 => {
            let (first, used) = frame_length(rest)?;
            let second = rest.len() - used;
            if first > second || second - first > MAX_FRAME {
                return Err("its two frames do not fit it".into());
            }
            2
        }
        3 => code3_frames(rest, frame)?,
        _ => return Err("its frames do not fit it".into()),
    };
    Ok(frame * frames)
}

/// A frame length coded in one or two bytes (RFC 6716 §3.2.1).
fn frame_length(b: &[u8]) -> Result<(usize, usize), String> {
    match b {
        [] => Err("a frame length is missing".into()),
        [n @ 0..=251, ..] => Ok((usize::from(*n), 1)),
        [n, m, ..] => Ok((usize::from(*m) * 4 + usize::from(*n), 2)),
        [_] => Err("a frame length is cut off".into()),
    }
}

/// The frame count of a code 3 packet (RFC 6716 §3.2.5), checked against
/// the packet's length; `rest` follows the TOC byte.
fn code3_frames(rest: &[u8], frame: u64) -> Result<u64, String> {
    let Some((&count, mut rest)) = rest.split_first() else {
        return Err("the frame count is missing".into());
    };
    let (vbr, padded, m) = (count & 0x80 != 0, count & 0x40 != 0, count & 0x3f);
    if m == 0 || u64::from(m) * frame > 5760 {
        return Err(format!("{m} frames is not a valid count"));
    }
    let mut padding = 0usize;
    if padded {
        loop {
            let Some((&n, tail)) = rest.split_first() else {
                return Err("the padding length is cut off".into());
            };
            rest = tail;
            padding += usize::from(n.min(254));
            if n < 255 {
                break;
            }
        }
    }
    let Some(mut data) = rest.len().checked_sub(padding) else {
        return Err("the padding is longer than the packet".into());
    };
    let m = usize::from(m);
    if vbr {
        let mut lengths = 0;
        for _ in 1..m {
            let (n, used) = frame_length(&rest[..data])?;
            rest = &rest[used..];
            data -= used;
            lengths += n;
        }
        if lengths > data || data - lengths > 1275 {
            return Err("its frames do not fit it".into());
        }
    } else if !data.is_multiple_of(m) || data / m > 1275 {
        return Err("its frames do not fit it".into());
    }
    Ok(m as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opus_framing_is_checked_against_the_packet_length() {
        // Config 1 (SILK 20 ms), code 0: one frame.
        assert_eq!(opus_packet_samples(&[1 << 3, 0xaa, 0xbb]), Ok(960));
        // Code 1: two frames of equal size need an even length.
        assert_eq!(opus_packet_samples(&[(1 << 3) | 1, 1, 2]), Ok(1920));
        assert!(opus_packet_samples(&[(1 << 3) | 1, 1, 2, 3]).is_err());
        // Code 2: the first frame's length must fit.
        assert_eq!(opus_packet_samples(&[(1 << 3) | 2, 1, 9, 8]), Ok(1920));
        assert!(opus_packet_samples(&[(1 << 3) | 2, 5, 9]).is_err());
        // Code 3, CBR: 3 frames of 2 bytes.
        assert_eq!(
            opus_packet_samples(&[(1 << 3) | 3, 3, 1, 1, 2, 2, 3, 3]),
            Ok(2880)
        );
        assert!(opus_packet_samples(&[(1 << 3) | 3, 3, 1, 1, 2, 2, 3]).is_err());
        // Code 3 with zero frames, or more than 120 ms of them.
        assert!(opus_packet_samples(&[(1 << 3) | 3, 0]).is_err());
        assert!(opus_packet_samples(&[(3 << 3) | 3, 3]).is_err());
        assert!(opus_packet_samples(&[]).is_err());
    }

    #[test]
    fn opus_head_needs_its_fields() {
        let mut head = b"OpusHead".to_vec();
        head.extend([1, 2, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]);
        assert_eq!(opus_head(&head), Ok(312));
        assert!(opus_head(&head[..15]).is_err());
        head[9] = 0;
        assert!(opus_head(&head).is_err());
        assert!(opus_head(b"OpusTags and more bytes").is_err());
    }
}
