//! Encoding: stereo PCM to an Ogg Vorbis byte stream with `vorbis_rs`
//! (quality-based VBR, fixed stream serial so output is reproducible).

use std::num::{NonZeroU32, NonZeroU8};

use vorbis_rs::{VorbisBitrateManagementStrategy, VorbisEncoderBuilder};

use crate::render::Pcm;
use crate::synth::SAMPLE_RATE;
use crate::DemoError;

/// Vorbis VBR quality (-0.1 ..= 1.0); 0.3 is transparent enough for synths.
pub(crate) const QUALITY: f32 = 0.3;
/// Frames handed to the encoder per call.
const BLOCK: usize = 4096;

/// Encodes `pcm` to Ogg Vorbis; `serial` is the Ogg logical stream serial.
pub(crate) fn encode(pcm: &Pcm, serial: i32) -> Result<Vec<u8>, DemoError> {
    let rate = NonZeroU32::new(SAMPLE_RATE).ok_or(DemoError::Internal("zero sample rate"))?;
    let channels = NonZeroU8::new(2).ok_or(DemoError::Internal("zero channels"))?;
    let frames = &pcm.frames;
    // About what quality 0.3 produces: ~15 kB per second of audio.
    let sink = Vec::with_capacity(frames.len() / 3);
    let mut encoder = VorbisEncoderBuilder::new_with_serial(rate, channels, sink, serial)
        .bitrate_management_strategy(VorbisBitrateManagementStrategy::QualityVbr {
            target_quality: QUALITY,
        })
        .build()?;
    let (mut left, mut right) = (Vec::with_capacity(BLOCK), Vec::with_capacity(BLOCK));
    for block in frames.chunks(BLOCK) {
        left.clear();
        right.clear();
        left.extend(block.iter().map(|f| f[0]));
        right.extend(block.iter().map(|f| f[1]));
        encoder.encode_audio_block([&left, &right])?;
    }
    Ok(encoder.finish()?)
}
