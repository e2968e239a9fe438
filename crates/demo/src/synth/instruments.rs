//! Pitched instruments: FM bell, FM electric piano, detuned saw pad,
//! Karplus–Strong pluck, chip pulse lead, stepped chip triangle, sub bass,
//! filtered saw bass, saw lead and a soft flute. Each renders one note into
//! the bus with its own envelope.

use super::bus::Out;
use super::envelope::Adsr;
use super::filter::{OnePole, Svf};
use super::osc::{sin_turns, Phase};
use super::{decay_coef, SAMPLE_RATE_F};
use crate::rng::Noise;

/// Converts an FM modulation index in radians to turns.
const INV_TAU: f32 = 1.0 / std::f32::consts::TAU;

/// How often (in samples) modulated filter coefficients are recomputed.
const CONTROL_RATE: usize = 32;

/// A pitched timbre and its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Instrument {
    /// FM bell / mallet: modulator at `ratio`, index `index`, ring time `decay`.
    Bell { ratio: f32, index: f32, decay: f32 },
    /// Two-operator electric piano with tremolo depth `tremolo`.
    ElectricPiano { tremolo: f32 },
    /// Three detuned band-limited saws through a slowly opening low-pass.
    SawPad { cutoff: f32 },
    /// Karplus–Strong plucked string; `sustain` is the ring time in seconds.
    Pluck { brightness: f32, sustain: f32 },
    /// Chip-tune pulse lead with delayed vibrato.
    Chip { duty: f32 },
    /// 4-bit stepped triangle, as on old game consoles.
    ChipTriangle,
    /// Sine sub bass with a little saturation.
    SubBass,
    /// Saw + square bass through an enveloped resonant low-pass.
    SawBass { cutoff: f32 },
    /// Two detuned saws with vibrato through a low-pass.
    SawLead { cutoff: f32 },
    /// Soft sine/triangle lead with vibrato and a breathy attack.
    Flute,
}

/// One note to play.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NoteSpec {
    pub(crate) freq: f32,
    /// Samples the key is held.
    pub(crate) gate: usize,
    pub(crate) velocity: f32,
    pub(crate) seed: u32,
}

/// Reusable per-thread memory for voices that need buffers.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    delay_line: Vec<f32>,
}

impl Instrument {
    /// Renders `note` into `out`.
    pub(crate) fn render(self, note: &NoteSpec, out: &mut Out<'_>, scratch: &mut Scratch) {
        match self {
            Instrument::Bell {
                ratio,
                index,
                decay,
            } => bell(note, out, ratio, index, decay),
            Instrument::ElectricPiano { tremolo } => electric_piano(note, out, tremolo),
            Instrument::SawPad { cutoff } => saw_pad(note, out, cutoff),
            Instrument::Pluck {
                brightness,
                sustain,
            } => pluck(note, out, scratch, brightness, sustain),
            Instrument::Chip { duty } => chip(note, out, duty),
            Instrument::ChipTriangle => chip_triangle(note, out),
            Instrument::SubBass => sub_bass(note, out),
            Instrument::SawBass { cutoff } => saw_bass(note, out, cutoff),
            Instrument::SawLead { cutoff } => saw_lead(note, out, cutoff),
            Instrument::Flute => flute(note, out),
        }
    }
}

/// Number of samples to render for a note with this envelope.
fn length(note: &NoteSpec, adsr: &Adsr, out: &Out<'_>) -> usize {
    (note.gate + adsr.tail_samples()).min(out.available())
}

/// Vibrato depth (as a frequency ratio) that fades in after `delay` seconds.
#[inline]
fn vibrato(i: usize, lfo: &mut Phase, delay: f32, depth: f32) -> f32 {
    let t = i as f32 * (1.0 / SAMPLE_RATE_F);
    let ramp = ((t - delay) * 3.0).clamp(0.0, 1.0);
    lfo.tick();
    1.0 + depth * ramp * lfo.sine()
}

fn bell(note: &NoteSpec, out: &mut Out<'_>, ratio: f32, index: f32, decay: f32) {
    let adsr = Adsr::new(0.002, decay, 0.0, 0.35);
    let mut env = adsr.start(note.gate);
    let mut carrier = Phase::new(note.freq, 0.0);
    let mut modulator = Phase::new(note.freq * ratio, 0.0);
    let mut shimmer = Phase::new(note.freq * 2.0, 0.25);
    let index_coef = decay_coef(decay * 0.3);
    let shimmer_coef = decay_coef(decay * 0.2);
    let mut idx = index;
    let mut shimmer_amp = 0.25;
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        let y =
            sin_turns(carrier.t + idx * INV_TAU * modulator.sine()) + shimmer_amp * shimmer.sine();
        idx *= index_coef;
        shimmer_amp *= shimmer_coef;
        carrier.tick();
        modulator.tick();
        shimmer.tick();
        out.add(i, y * e * note.velocity);
    }
}

fn electric_piano(note: &NoteSpec, out: &mut Out<'_>, tremolo: f32) {
    let adsr = Adsr::new(0.003, 1.6, 0.0, 0.12);
    let mut env = adsr.start(note.gate);
    let mut carrier = Phase::new(note.freq, 0.0);
    let mut modulator = Phase::new(note.freq, 0.0);
    let mut tine = Phase::new(note.freq * 14.0, 0.0);
    let mut lfo = Phase::new(4.2, 0.0);
    let index_coef = decay_coef(0.35);
    let tine_coef = decay_coef(0.03);
    let mut idx = 1.6;
    let mut tine_amp = 0.5;
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        let index = 0.35 + idx;
        let y =
            sin_turns(carrier.t + INV_TAU * (index * modulator.sine() + tine_amp * tine.sine()));
        idx *= index_coef;
        tine_amp *= tine_coef;
        carrier.tick();
        modulator.tick();
        tine.tick();
        lfo.tick();
        let trem = 1.0 - tremolo * 0.5 * (1.0 + lfo.sine());
        out.add(i, y * e * trem * note.velocity);
    }
}

fn saw_pad(note: &NoteSpec, out: &mut Out<'_>, cutoff: f32) {
    let adsr = Adsr::new(0.9, 1.5, 0.75, 0.7);
    let mut env = adsr.start(note.gate);
    let mut noise = Noise::new(note.seed);
    let start = |n: &mut Noise| 0.5 + 0.5 * n.next();
    let mut saws = [
        Phase::new(note.freq * 0.9945, start(&mut noise)),
        Phase::new(note.freq, start(&mut noise)),
        Phase::new(note.freq * 1.0055, start(&mut noise)),
    ];
    // Slow filter sweep; ticked once per control block, hence the scaled rate.
    let mut lfo = Phase::new(0.13 * CONTROL_RATE as f32, start(&mut noise));
    let mut filters = [Svf::new(cutoff, 0.8), Svf::new(cutoff, 0.8)];
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        if i % CONTROL_RATE == 0 {
            lfo.tick();
            let c = cutoff * (0.55 + 0.45 * e) * (1.0 + 0.2 * lfo.sine());
            for f in &mut filters {
                f.set(c, 0.8);
            }
        }
        let [a, b, c] = &mut saws;
        let (sa, sb, sc) = (a.saw(), b.saw(), c.saw());
        a.tick();
        b.tick();
        c.tick();
        let l = filters[0].low(sa + 0.6 * sb);
        let r = filters[1].low(sc + 0.6 * sb);
        let g = e * note.velocity * 0.7;
        out.add_stereo(i, l * g, r * g);
    }
}

fn pluck(note: &NoteSpec, out: &mut Out<'_>, scratch: &mut Scratch, brightness: f32, sustain: f32) {
    // Loop delay = N + 0.5 (averaging filter) + d (all-pass fractional part).
    let period = SAMPLE_RATE_F / note.freq.max(20.0);
    let total = period - 0.5;
    let mut n = total.floor() as usize;
    let mut d = total - n as f32;
    if d < 0.1 && n > 2 {
        n -= 1;
        d += 1.0;
    }
    let n = n.max(2);
    let c = (1.0 - d) / (1.0 + d);
    // Loop gain so that the string rings for roughly `sustain` seconds (-60 dB).
    let ring_gain = |seconds: f32| 10f32.powf(-3.0 / (note.freq * seconds.max(0.01)));
    let mut gain = ring_gain(sustain);
    let muted_gain = ring_gain(0.12);

    let line = &mut scratch.delay_line;
    line.clear();
    let mut noise = Noise::new(note.seed);
    let mut tone = OnePole::new(200.0 + 9000.0 * brightness.clamp(0.0, 1.0));
    line.extend((0..n).map(|_| tone.low(noise.next())));
    let mean = line.iter().sum::<f32>() / n as f32;
    let peak = line
        .iter()
        .fold(0.0f32, |m, v| m.max((v - mean).abs()))
        .max(1e-6);
    for v in line.iter_mut() {
        *v = (*v - mean) / peak;
    }

    let total_len = (note.gate + (sustain * SAMPLE_RATE_F) as usize).min(out.available());
    let (mut idx, mut prev, mut ap_x, mut ap_y) = (0usize, 0.0f32, 0.0f32, 0.0f32);
    let mut level = 0.0f32;
    let fade = decay_coef(0.002);
    let mut body = OnePole::new(5000.0 + 8000.0 * brightness);
    for i in 0..total_len {
        if i == note.gate {
            gain = muted_gain;
        }
        let x = line[idx];
        let avg = 0.5 * (x + prev);
        prev = x;
        let ap = c * (avg - ap_y) + ap_x;
        ap_x = avg;
        ap_y = ap;
        line[idx] = ap * gain;
        idx += 1;
        if idx == n {
            idx = 0;
            // Once per period: stop when the string has rung out.
            if line.iter().all(|v| v.abs() < 2.0e-4) {
                break;
            }
        }
        // Tiny attack ramp avoids a click from the raw noise burst.
        level = 1.0 - (1.0 - level) * fade;
        out.add(i, body.low(x) * level * note.velocity * 3.2);
    }
}

fn chip(note: &NoteSpec, out: &mut Out<'_>, duty: f32) {
    let adsr = Adsr::new(0.003, 0.3, 0.6, 0.05);
    let mut env = adsr.start(note.gate);
    let mut osc = Phase::new(note.freq, 0.0);
    let mut lfo = Phase::new(5.5, 0.0);
    let base_dt = osc.dt;
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        osc.dt = base_dt * vibrato(i, &mut lfo, 0.15, 0.012);
        let y = osc.pulse(duty);
        osc.tick();
        out.add(i, y * e * note.velocity * 0.55);
    }
}

fn chip_triangle(note: &NoteSpec, out: &mut Out<'_>) {
    let adsr = Adsr::new(0.002, 0.4, 0.85, 0.02);
    let mut env = adsr.start(note.gate);
    let mut osc = Phase::new(note.freq, 0.0);
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        let y = (osc.triangle() * 7.5).round() / 7.5;
        osc.tick();
        out.add(i, y * e * note.velocity);
    }
}

fn sub_bass(note: &NoteSpec, out: &mut Out<'_>) {
    let adsr = Adsr::new(0.006, 0.6, 0.7, 0.08);
    let mut env = adsr.start(note.gate);
    let mut osc = Phase::new(note.freq, 0.0);
    let mut second = Phase::new(note.freq * 2.0, 0.0);
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        let x = (0.85 * osc.sine() + 0.2 * second.sine()).clamp(-1.0, 1.0);
        let y = x * (1.5 - 0.5 * x * x);
        osc.tick();
        second.tick();
        out.add(i, y * e * note.velocity * 0.7);
    }
}

fn saw_bass(note: &NoteSpec, out: &mut Out<'_>, cutoff: f32) {
    let adsr = Adsr::new(0.004, 0.3, 0.7, 0.06);
    let mut env = adsr.start(note.gate);
    let mut saw = Phase::new(note.freq, 0.0);
    let mut square = Phase::new(note.freq * 0.5, 0.0);
    let mut filter = Svf::new(cutoff, 1.2);
    let filter_coef = decay_coef(0.12);
    let mut filter_env = 1.0f32;
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        if i % CONTROL_RATE == 0 {
            filter.set(cutoff * (1.0 + 3.0 * filter_env), 1.2);
        }
        filter_env *= filter_coef;
        let x = saw.saw() + 0.5 * square.pulse(0.5);
        saw.tick();
        square.tick();
        out.add(i, filter.low(x) * e * note.velocity * 0.6);
    }
}

fn saw_lead(note: &NoteSpec, out: &mut Out<'_>, cutoff: f32) {
    let adsr = Adsr::new(0.012, 0.35, 0.75, 0.18);
    let mut env = adsr.start(note.gate);
    let mut a = Phase::new(note.freq * 0.997, 0.0);
    let mut b = Phase::new(note.freq * 1.003, 0.5);
    let (base_a, base_b) = (a.dt, b.dt);
    let mut lfo = Phase::new(5.2, 0.0);
    let mut filters = [Svf::new(cutoff, 0.9), Svf::new(cutoff, 0.9)];
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        let v = vibrato(i, &mut lfo, 0.25, 0.006);
        a.dt = base_a * v;
        b.dt = base_b * v;
        if i % CONTROL_RATE == 0 {
            let c = cutoff * (0.7 + 0.6 * e);
            for f in &mut filters {
                f.set(c, 0.9);
            }
        }
        let (sa, sb) = (a.saw(), b.saw());
        a.tick();
        b.tick();
        let l = filters[0].low(sa + 0.5 * sb);
        let r = filters[1].low(sb + 0.5 * sa);
        let g = e * note.velocity * 0.8;
        out.add_stereo(i, l * g, r * g);
    }
}

fn flute(note: &NoteSpec, out: &mut Out<'_>) {
    let adsr = Adsr::new(0.06, 0.25, 0.85, 0.14);
    let mut env = adsr.start(note.gate);
    let mut osc = Phase::new(note.freq, 0.0);
    let base_dt = osc.dt;
    let mut lfo = Phase::new(4.8, 0.0);
    let mut noise = Noise::new(note.seed);
    let mut breath = Svf::new(note.freq * 2.0, 1.5);
    let breath_coef = decay_coef(0.08);
    let mut breath_amp = 0.6f32;
    for i in 0..length(note, &adsr, out) {
        let e = env.next();
        if env.finished() {
            break;
        }
        osc.dt = base_dt * vibrato(i, &mut lfo, 0.2, 0.005);
        let tone = 0.8 * osc.sine() + 0.2 * osc.triangle();
        osc.tick();
        let (_, band) = breath.process(noise.next());
        let y = tone + band * (0.06 + breath_amp);
        breath_amp *= breath_coef;
        out.add(i, y * e * note.velocity * 0.8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::bus::Bus;

    const ALL: [Instrument; 10] = [
        Instrument::Bell {
            ratio: 3.5,
            index: 2.0,
            decay: 1.0,
        },
        Instrument::ElectricPiano { tremolo: 0.2 },
        Instrument::SawPad { cutoff: 1500.0 },
        Instrument::Pluck {
            brightness: 0.6,
            sustain: 1.0,
        },
        Instrument::Chip { duty: 0.25 },
        Instrument::ChipTriangle,
        Instrument::SubBass,
        Instrument::SawBass { cutoff: 400.0 },
        Instrument::SawLead { cutoff: 2500.0 },
        Instrument::Flute,
    ];

    #[test]
    fn every_instrument_makes_bounded_sound() {
        let mut scratch = Scratch::default();
        for instrument in ALL {
            let mut bus = Bus::new(44_100);
            let note = NoteSpec {
                freq: 220.0,
                gate: 11_025,
                velocity: 1.0,
                seed: 9,
            };
            instrument.render(&note, &mut bus.voice(100, 0.0, 1.0, 0.0), &mut scratch);
            let peak = bus.dry.iter().fold(0.0f32, |m, v| m.max(v[0].abs()));
            let energy: f32 = bus.dry.iter().map(|v| v[0] * v[0]).sum();
            assert!(peak < 2.0, "{instrument:?} peak {peak}");
            assert!(energy > 10.0, "{instrument:?} energy {energy}");
            assert!(bus.dry[..100].iter().all(|v| *v == [0.0, 0.0]));
        }
    }
}
