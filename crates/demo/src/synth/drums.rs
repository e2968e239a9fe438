//! Drum synthesis: pitch-swept sine kick, noise-and-tone snare, filtered-noise
//! hats and shaker, plus a lo-fi "chip" variant of each built from stepped
//! waves and sample-and-hold noise. A [`Kit`] holds one album's drum sound.

use super::bus::Out;
use super::filter::{OnePole, Svf};
use super::osc::sin_turns;
use super::{decay_coef, SAMPLE_RATE_F};
use crate::rng::Noise;

/// One drum of the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Piece {
    Kick,
    Snare,
    Hat,
    OpenHat,
    Shaker,
}

/// The tuning of one album's drum kit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Kit {
    /// Kick pitch sweep start and end (Hz) and amplitude decay (s).
    pub(crate) kick_from: f32,
    pub(crate) kick_to: f32,
    pub(crate) kick_decay: f32,
    /// Snare body pitch (Hz), noise decay (s) and noise low-pass (Hz).
    pub(crate) snare_tone: f32,
    pub(crate) snare_decay: f32,
    pub(crate) snare_lowpass: f32,
    /// Closed-hat decay (s) and high-pass cutoff (Hz).
    pub(crate) hat_decay: f32,
    pub(crate) hat_cutoff: f32,
    /// Use stepped waves and sample-and-hold noise (8-bit console flavour).
    pub(crate) chip: bool,
}

impl Piece {
    /// Renders one hit with the given velocity.
    pub(crate) fn render(self, kit: &Kit, velocity: f32, seed: u32, out: &mut Out<'_>) {
        let mut noise = Noise::new(seed);
        match self {
            Piece::Kick => kick(kit, velocity, &mut noise, out),
            Piece::Snare => snare(kit, velocity, &mut noise, out),
            Piece::Hat => hat(kit, kit.hat_decay, velocity, &mut noise, out),
            Piece::OpenHat => hat(kit, kit.hat_decay * 6.0, velocity * 0.8, &mut noise, out),
            Piece::Shaker => shaker(velocity, &mut noise, out),
        }
    }
}

fn samples(seconds: f32, out: &Out<'_>) -> usize {
    ((seconds * SAMPLE_RATE_F) as usize).min(out.available())
}

/// Smoothly closes a hit towards its end so truncation never clicks;
/// `inv_len` is `1 / length` in samples.
#[inline]
fn closing(i: usize, inv_len: f32) -> f32 {
    let x = i as f32 * inv_len;
    1.0 - x * x * x
}

fn inverse(len: usize) -> f32 {
    1.0 / len.max(1) as f32
}

/// Advances a normalised phase, wrapping into `[0, 1)`.
#[inline]
fn advance(phase: f32, freq: f32) -> f32 {
    let p = phase + freq * (1.0 / SAMPLE_RATE_F);
    if p >= 1.0 {
        p - 1.0
    } else {
        p
    }
}

/// Sample-and-hold noise at `1 / hold` of the sample rate (chip flavour).
struct HeldNoise {
    hold: usize,
    left: usize,
    value: f32,
}

impl HeldNoise {
    fn new(hold: usize) -> Self {
        Self {
            hold,
            left: 0,
            value: 0.0,
        }
    }

    fn next(&mut self, noise: &mut Noise) -> f32 {
        if self.left == 0 {
            self.left = self.hold;
            self.value = if noise.next() > 0.0 { 1.0 } else { -1.0 };
        }
        self.left -= 1;
        self.value
    }
}

fn kick(kit: &Kit, velocity: f32, noise: &mut Noise, out: &mut Out<'_>) {
    let len = samples(kit.kick_decay * 4.0, out);
    let inv_len = inverse(len);
    let sweep = decay_coef(if kit.chip { 0.018 } else { 0.035 });
    let amp_coef = decay_coef(kit.kick_decay);
    let click_coef = decay_coef(0.002);
    let (mut phase, mut freq_offset, mut amp, mut click) = (0.0f32, 1.0f32, 1.0f32, 0.35f32);
    for i in 0..len {
        let freq = kit.kick_to + (kit.kick_from - kit.kick_to) * freq_offset;
        phase = advance(phase, freq);
        let body = if kit.chip {
            ((1.0 - 4.0 * (phase - 0.5).abs()) * 7.5).round() / 7.5
        } else {
            sin_turns(phase)
        };
        let y = body * amp + noise.next() * click;
        freq_offset *= sweep;
        amp *= amp_coef;
        click *= click_coef;
        out.add(i, y * velocity * closing(i, inv_len));
    }
}

fn snare(kit: &Kit, velocity: f32, noise: &mut Noise, out: &mut Out<'_>) {
    let len = samples(kit.snare_decay * 5.0, out);
    let inv_len = inverse(len);
    let tone_coef = decay_coef(0.045);
    let noise_coef = decay_coef(kit.snare_decay);
    let mut high = OnePole::new(1200.0);
    let mut low = OnePole::new(kit.snare_lowpass);
    let mut held = HeldNoise::new(3);
    let bend_coef = decay_coef(0.025);
    let (mut phase, mut tone_amp, mut noise_amp, mut bend) = (0.0f32, 0.6f32, 0.8f32, 0.5f32);
    for i in 0..len {
        let freq = kit.snare_tone * (1.0 + bend);
        bend *= bend_coef;
        phase = advance(phase, freq);
        let body = sin_turns(phase) * tone_amp;
        let rattle = if kit.chip {
            held.next(noise) * 0.7
        } else {
            low.low(high.high(noise.next())) * 1.6
        };
        tone_amp *= tone_coef;
        noise_amp *= noise_coef;
        out.add(
            i,
            (body + rattle * noise_amp) * velocity * closing(i, inv_len),
        );
    }
}

fn hat(kit: &Kit, decay: f32, velocity: f32, noise: &mut Noise, out: &mut Out<'_>) {
    let len = samples(decay * 5.0, out);
    let inv_len = inverse(len);
    let coef = decay_coef(decay);
    let mut hp1 = OnePole::new(kit.hat_cutoff);
    let mut hp2 = OnePole::new(kit.hat_cutoff);
    let mut held = HeldNoise::new(1);
    let mut amp = 1.0f32;
    for i in 0..len {
        let raw = if kit.chip {
            held.next(noise) * 0.5
        } else {
            noise.next()
        };
        let y = hp2.high(hp1.high(raw));
        amp *= coef;
        out.add(i, y * amp * velocity * 0.6 * closing(i, inv_len));
    }
}

fn shaker(velocity: f32, noise: &mut Noise, out: &mut Out<'_>) {
    let len = samples(0.25, out);
    let inv_len = inverse(len);
    let attack = 0.012 * SAMPLE_RATE_F;
    let coef = decay_coef(0.045);
    let mut band = Svf::new(6000.0, 1.0);
    let mut amp = 1.0f32;
    for i in 0..len {
        let ramp = (i as f32 / attack).min(1.0);
        if ramp >= 1.0 {
            amp *= coef;
        }
        let (_, y) = band.process(noise.next());
        out.add(i, y * ramp * amp * velocity * 0.9 * closing(i, inv_len));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::bus::Bus;

    #[test]
    fn all_pieces_sound_in_both_kit_flavours() {
        for chip in [false, true] {
            let kit = Kit {
                kick_from: 150.0,
                kick_to: 50.0,
                kick_decay: 0.2,
                snare_tone: 180.0,
                snare_decay: 0.1,
                snare_lowpass: 7000.0,
                hat_decay: 0.03,
                hat_cutoff: 7000.0,
                chip,
            };
            for piece in [
                Piece::Kick,
                Piece::Snare,
                Piece::Hat,
                Piece::OpenHat,
                Piece::Shaker,
            ] {
                let mut bus = Bus::new(44_100);
                piece.render(&kit, 1.0, 5, &mut bus.voice(0, 0.0, 1.0, 0.0));
                let peak = bus.dry.iter().fold(0.0f32, |m, v| m.max(v[0].abs()));
                assert!(
                    peak > 0.01 && peak < 2.0,
                    "{piece:?} chip={chip} peak {peak}"
                );
            }
        }
    }
}
