//! Demuxes a whole audio stream with symphonia, streaming from the file,
//! and decodes its first packets: proof that the codec data is sound and a
//! measure of how much audio is really there. Use it for every kind that
//! symphonia decodes (all but Opus, which `ogg.rs` checks instead).

use chorus_domain::MediaKind;
use symphonia::core::codecs::DecoderOptions;
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

use crate::source::Source;
use crate::SkipReason;

/// How many leading packets are fully decoded to prove the codec data is sound
/// (the rest is only demuxed, which is much faster).
const DECODED_PACKETS: usize = 16;

/// How much audio a demux found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Demuxed {
    /// Seconds of audio in the packets.
    pub seconds: f64,
    /// Seconds the stream's own header declares (FLAC's STREAMINFO, a WAV
    /// data size, an MP3 Xing/Info frame count, MP4 sample tables), when
    /// it declares them: exact, unlike a length estimated from a bit rate.
    pub declared: Option<f64>,
}

/// Demuxes `source` (a file of `kind`) to its end.
pub fn demux(source: &Source, kind: MediaKind) -> Result<Demuxed, SkipReason> {
    let corrupt = |e: SymphoniaError| SkipReason::Corrupt(e.to_string());
    let stream = MediaSourceStream::new(source.reader(), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    hint.with_extension(kind.extension());
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            stream,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map_err(corrupt)?;
    let mut format = probed.format;
    let Some(track) = format.default_track() else {
        return Err(SkipReason::Corrupt("no audio track".into()));
    };
    let track_id = track.id;
    let params = track.codec_params.clone();
    let mut decoder = symphonia::default::get_codecs()
        .make(&params, &DecoderOptions::default())
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
        end_ts = end_ts.max(packet.ts().saturating_add(packet.dur()));
    }
    if packets == 0 {
        return Err(SkipReason::Corrupt("no audio frames".into()));
    }
    let seconds = |ts: u64| match (params.time_base, params.sample_rate) {
        (Some(tb), _) => {
            let t = tb.calc_time(ts);
            Some(t.seconds as f64 + t.frac)
        }
        (None, Some(rate)) if rate > 0 => Some(ts as f64 / f64::from(rate)),
        _ => None,
    };
    let declared = params.n_frames.and_then(seconds);
    Ok(Demuxed {
        seconds: seconds(end_ts).unwrap_or(0.0),
        declared,
    })
}
