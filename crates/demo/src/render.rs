//! Rendering: plays a composed [`Song`]'s events through the instruments into
//! a stereo bus, runs the echo and reverb sends, the optional lo-fi master
//! filter and a peak limiter, fades the ends and normalises the peak to -1.5 dBFS.

use std::f32::consts::FRAC_PI_2;

use crate::compose::{Song, Sound};
use crate::style::Style;
use crate::synth::bus::Bus;
use crate::synth::filter::OnePole;
use crate::synth::instruments::{NoteSpec, Scratch};
use crate::synth::{delay, limiter, reverb, SAMPLE_RATE_F};
use crate::theory::midi_to_hz;

/// Target peak level, -1.5 dBFS: about -1 dBFS plus room for the small
/// overshoot that lossy Vorbis coding adds, so decoded audio never clips.
const PEAK: f32 = 0.841;
/// Peak-to-RMS ratio the limiter aims for (12 dB): peaky mixes (plucks,
/// drums) are limited until they are about as loud as dense ones.
const CREST: f32 = 4.0;
/// Never limit by more than this factor (-8 dB), to avoid audible pumping.
const MAX_LIMIT: f32 = 0.4;

/// Rendered stereo audio at [`crate::synth::SAMPLE_RATE`], as
/// `[left, right]` frames.
#[derive(Debug, Clone)]
pub(crate) struct Pcm {
    pub(crate) frames: Vec<[f32; 2]>,
}

/// Renders every event of `song` in `style`'s sound.
pub(crate) fn render(style: &Style, song: &Song) -> Pcm {
    let mut bus = Bus::new(song.frames);
    let mut scratch = Scratch::default();
    for event in &song.events {
        let mut out = bus.voice(event.start, event.pan, 1.0, event.send);
        match event.sound {
            Sound::Tone(instrument) => {
                let note = NoteSpec {
                    freq: midi_to_hz(event.midi as f32),
                    gate: event.gate,
                    velocity: event.velocity,
                    seed: event.seed,
                };
                instrument.render(&note, &mut out, &mut scratch);
            }
            Sound::Drum(piece) => {
                if let Some(drums) = &style.drums {
                    piece.render(&drums.kit, event.velocity, event.seed, &mut out);
                }
            }
        }
    }

    let Bus {
        dry: mut frames,
        mut send,
    } = bus;
    if let Some(settings) = &style.delay {
        delay::apply(settings, song.bpm, &mut send, &mut frames);
    }
    reverb::apply(&style.reverb, &send, &mut frames);
    drop(send);

    if let Some(cutoff) = style.master_lowpass {
        let mut filters = [[OnePole::new(cutoff); 2]; 2];
        for frame in &mut frames {
            for (x, [a, b]) in frame.iter_mut().zip(&mut filters) {
                *x = b.low(a.low(*x));
            }
        }
    }

    normalize(&mut frames, 1.0);
    let threshold = (CREST * rms(&frames)).clamp(MAX_LIMIT, 1.0);
    limiter::limit(&mut frames, threshold);
    fade(&mut frames, style.fade_in, style.fade_out);
    normalize(&mut frames, PEAK);
    Pcm { frames }
}

/// Raised-sine fade-in and fade-out over the given durations in seconds.
fn fade(frames: &mut [[f32; 2]], fade_in: f32, fade_out: f32) {
    let n = frames.len();
    let fade_in = ((fade_in * SAMPLE_RATE_F) as usize).min(n / 2);
    let fade_out = ((fade_out * SAMPLE_RATE_F) as usize).min(n / 2);
    let gain = |k: usize, len: usize| (FRAC_PI_2 * k as f32 / len as f32).sin().powi(2);
    for (k, frame) in frames[..fade_in].iter_mut().enumerate() {
        let g = gain(k, fade_in);
        frame.iter_mut().for_each(|x| *x *= g);
    }
    for (k, frame) in frames[n - fade_out..].iter_mut().rev().enumerate() {
        let g = gain(k, fade_out);
        frame.iter_mut().for_each(|x| *x *= g);
    }
}

/// Root-mean-square level over both channels.
fn rms(frames: &[[f32; 2]]) -> f32 {
    let energy: f64 = frames
        .iter()
        .flatten()
        .map(|&v| f64::from(v) * f64::from(v))
        .sum();
    (energy / (2 * frames.len()).max(1) as f64).sqrt() as f32
}

/// Scales both channels together so that the loudest sample sits at `target`.
fn normalize(frames: &mut [[f32; 2]], target: f32) {
    let peak = frames.iter().flatten().fold(0.0f32, |m, v| m.max(v.abs()));
    if peak > 1.0e-9 {
        let gain = target / peak;
        frames.iter_mut().flatten().for_each(|x| *x *= gain);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::compose;
    use crate::styles;

    #[test]
    fn rendered_song_is_normalised_and_faded() {
        let song = compose(&styles::CHIPTUNE, 11, 20);
        let pcm = render(&styles::CHIPTUNE, &song);
        assert_eq!(pcm.frames.len(), 20 * 44_100);
        let peak = pcm
            .frames
            .iter()
            .flatten()
            .fold(0.0f32, |m, v| m.max(v.abs()));
        assert!((peak - PEAK).abs() < 1e-3, "{peak}");
        assert_eq!(pcm.frames[0], [0.0, 0.0]);
        assert!(pcm.frames.last().is_some_and(|f| f[0].abs() < 1e-3));
    }
}
