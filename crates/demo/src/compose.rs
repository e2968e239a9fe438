//! Composition: turns an album [`Style`], a track seed and a duration into a
//! list of timed note and drum events.
//!
//! A song is an intro, then sections that each play the chord progression once
//! (melody A, melody B, a drum-light breakdown, …), a melody-less outro when
//! the last progression does not fit, and a final bar that rests on the tonic. Melodies are built from two seeded two-bar motifs (rhythm plus
//! melodic contour) that are repeated over the changing chords, snapped to
//! chord tones on strong beats and closed with a cadence, so the tune recurs
//! like a real hook instead of wandering randomly.

use crate::rng::Rng;
use crate::style::{ChordRhythm, DrumPattern, Style};
use crate::synth::drums::Piece;
use crate::synth::instruments::Instrument;
use crate::synth::SAMPLE_RATE_F;
use crate::theory::{chord_degrees, chord_tone_towards, into_octave, nearest_chord_tone};

/// Sixteenth-note steps per 4/4 bar.
const STEPS_PER_BAR: u32 = 16;

/// Which part of the arrangement an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Lead,
    Chords,
    Arp,
    Bass,
    Drums,
}

/// What plays an event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Sound {
    Tone(Instrument),
    Drum(Piece),
}

/// One note or drum hit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Event {
    /// First frame.
    pub(crate) start: usize,
    /// Frames the note is held.
    pub(crate) gate: usize,
    pub(crate) sound: Sound,
    /// MIDI note (unused for drums).
    pub(crate) midi: i32,
    /// Loudness including the layer's gain.
    pub(crate) velocity: f32,
    pub(crate) pan: f32,
    pub(crate) send: f32,
    pub(crate) role: Role,
    /// Seed for the voice's own noise (plucks, drums, pad phases).
    pub(crate) seed: u32,
}

/// A composed track, ready to render.
#[derive(Debug, Clone)]
pub(crate) struct Song {
    pub(crate) frames: usize,
    pub(crate) bpm: f32,
    pub(crate) events: Vec<Event>,
}

/// Kind of a section of the arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Intro,
    A,
    B,
    Breakdown,
    Ending,
}

/// What happens in one bar.
#[derive(Debug, Clone, Copy)]
struct Bar {
    section: Section,
    /// Index of the bar within its section.
    index: u32,
    /// Bars in the section.
    length: u32,
    /// Chord root (scale degree).
    chord: i32,
}

/// A two-bar melodic idea: note positions/lengths in steps and the scale-step
/// move leading to each note.
#[derive(Debug, Clone)]
struct Motif {
    notes: Vec<(u32, u32)>,
    moves: Vec<i32>,
}

/// One melody note, in steps from the section start and scale degrees.
#[derive(Debug, Clone, Copy)]
struct MelodyNote {
    step: u32,
    len: u32,
    degree: i32,
}

/// Per-track choices derived from the seed.
struct Plan<'a> {
    style: &'a Style,
    tonic: i32,
    progression: &'a [i32],
    step_frames: f64,
    frames: usize,
}

impl Plan<'_> {
    /// Frame at which `step` (counted from the song start) begins.
    fn frame(&self, step: u32, rng: &mut Rng) -> usize {
        let mut t = f64::from(step) * self.step_frames;
        // Swung eighths: the second eighth of each beat (and the sixteenth
        // after it) comes late.
        if step % 4 >= 2 {
            t += f64::from(self.style.swing) * 2.0 * self.step_frames;
        }
        if self.style.humanize > 0.0 {
            let jitter = rng.range_f32(-1.0, 1.0) * self.style.humanize * SAMPLE_RATE_F;
            t += f64::from(jitter);
        }
        t.max(0.0).round() as usize
    }

    fn frames_for(&self, steps: f32) -> usize {
        (f64::from(steps) * self.step_frames) as usize
    }
}

/// Composes a track of `seconds` seconds in `style`.
pub(crate) fn compose(style: &Style, seed: u64, seconds: u32) -> Song {
    let mut rng = Rng::new(seed);
    let transpose = rng.pick(style.transpositions).copied().unwrap_or(0);
    let bpm = style.bpm * rng.range_f32(0.95, 1.05);
    let progression: &[i32] = rng.pick(style.progressions).copied().unwrap_or(&[0]);
    let frames = seconds as usize * crate::synth::SAMPLE_RATE as usize;
    let step_frames = f64::from(SAMPLE_RATE_F) * 60.0 / f64::from(bpm) / 4.0;
    let plan = Plan {
        style,
        tonic: style.tonic + transpose,
        progression,
        step_frames,
        frames,
    };

    let bar_seconds = 240.0 / bpm;
    // The closing bar starts just before the fade-out, so the final chord is
    // heard clearly and then rings out while fading.
    let ending_start = (seconds as f32 - style.fade_out - 0.5).max(bar_seconds);
    let bar_count = ((ending_start / bar_seconds).floor() as u32).max(1) + 1;
    let bars = arrange(&plan, bar_count);

    let mut events = Vec::with_capacity(bar_count as usize * 48);
    let mut layer_rng = rng.fork(1);
    emit_chords(&plan, &bars, &mut layer_rng, &mut events);
    let mut layer_rng = rng.fork(2);
    emit_arp(&plan, &bars, &mut layer_rng, &mut events);
    let mut layer_rng = rng.fork(3);
    emit_bass(&plan, &bars, &mut layer_rng, &mut events);
    let mut layer_rng = rng.fork(4);
    emit_drums(&plan, &bars, &mut layer_rng, &mut events);
    let mut layer_rng = rng.fork(5);
    emit_melody(&plan, &bars, &mut layer_rng, &mut events);

    events.retain(|e| e.start < frames);
    events.sort_by_key(|e| e.start);
    Song {
        frames,
        bpm,
        events,
    }
}

/// Lays out the sections bar by bar.
fn arrange(plan: &Plan<'_>, bar_count: u32) -> Vec<Bar> {
    let per_chord = plan.style.bars_per_chord.max(1);
    let cycle = plan.progression.len().max(1) as u32 * per_chord;
    let body = bar_count - 1;
    let intro = if body >= 3 * cycle {
        cycle
    } else {
        (cycle / 2).clamp(1, body.saturating_sub(1).max(1))
    };
    let order = [
        Section::A,
        Section::B,
        Section::A,
        Section::Breakdown,
        Section::B,
        Section::A,
    ];

    let mut bars = Vec::with_capacity(bar_count as usize);
    let push_section = |section: Section, length: u32, bars: &mut Vec<Bar>| {
        for index in 0..length {
            let chord_index = (index / per_chord) as usize % plan.progression.len().max(1);
            bars.push(Bar {
                section,
                index,
                length,
                chord: plan.progression.get(chord_index).copied().unwrap_or(0),
            });
        }
    };
    push_section(Section::Intro, intro.min(body), &mut bars);
    let mut n = 0;
    while (bars.len() as u32) < body {
        let length = cycle.min(body - bars.len() as u32);
        // A leftover shorter than the progression becomes a melody-less
        // outro rather than a tune cut off mid-phrase.
        let section = if length < cycle && n > 0 {
            Section::Breakdown
        } else if n < order.len() {
            order[n]
        } else if n % 2 == 0 {
            Section::B
        } else {
            Section::A
        };
        push_section(section, length, &mut bars);
        n += 1;
    }
    bars.push(Bar {
        section: Section::Ending,
        index: 0,
        length: 1,
        chord: 0,
    });
    bars
}

/// The chord's tones as MIDI notes inside the window `[low, low + 12)`, sorted.
fn voicing(plan: &Plan<'_>, chord: i32, low: i32) -> Vec<i32> {
    let (degrees, count) = chord_degrees(chord, plan.style.sevenths);
    let mut notes: Vec<i32> = degrees[..count]
        .iter()
        .map(|&d| into_octave(plan.style.scale.midi(plan.tonic, d), low))
        .collect();
    notes.sort_unstable();
    notes
}

fn bar_step(bar: usize) -> u32 {
    bar as u32 * STEPS_PER_BAR
}

fn emit_chords(plan: &Plan<'_>, bars: &[Bar], rng: &mut Rng, events: &mut Vec<Event>) {
    let Some(layer) = plan.style.pad else {
        return;
    };
    let per_chord = plan.style.bars_per_chord.max(1);
    let push_chord = |events: &mut Vec<Event>, rng: &mut Rng, step: u32, gate: usize, chord| {
        let notes = voicing(plan, chord, layer.low);
        let spread = notes.len().max(2) as f32 - 1.0;
        let level = layer.gain / (notes.len() as f32).sqrt();
        let start = plan.frame(step, rng);
        for (i, midi) in notes.into_iter().enumerate() {
            events.push(Event {
                start,
                gate,
                sound: Sound::Tone(layer.instrument),
                midi,
                velocity: level * rng.range_f32(0.9, 1.0),
                pan: -0.45 + 0.9 * i as f32 / spread,
                send: layer.send,
                role: Role::Chords,
                seed: rng.next_u64() as u32,
            });
        }
    };
    for (b, bar) in bars.iter().enumerate() {
        if bar.section == Section::Ending {
            let start = plan.frame(bar_step(b), rng);
            let gate = plan.frames.saturating_sub(start);
            push_chord(events, rng, bar_step(b), gate, bar.chord);
            continue;
        }
        match layer.rhythm {
            ChordRhythm::Sustain => {
                if bar.index % per_chord == 0 {
                    let bars_held = per_chord.min(bar.length - bar.index);
                    let gate = plan.frames_for((bars_held * STEPS_PER_BAR) as f32 - 0.3);
                    push_chord(events, rng, bar_step(b), gate, bar.chord);
                }
            }
            ChordRhythm::Stabs(hits) => {
                for &(step, len) in hits {
                    let gate = plan.frames_for(len as f32 * 0.9);
                    push_chord(events, rng, bar_step(b) + step, gate, bar.chord);
                }
            }
        }
    }
}

fn emit_arp(plan: &Plan<'_>, bars: &[Bar], rng: &mut Rng, events: &mut Vec<Event>) {
    let Some(layer) = plan.style.arp else {
        return;
    };
    let pattern: &[usize] = rng.pick(layer.patterns).copied().unwrap_or(&[0]);
    let rate = layer.rate.max(1);
    let mut counter = 0usize;
    // Without a pad the arpeggio carries the harmony, so it opens the intro.
    let opens_intro = plan.style.pad.is_none();
    for (b, bar) in bars.iter().enumerate() {
        let silent_intro = bar.section == Section::Intro && bar.index * 2 < bar.length;
        if silent_intro && !opens_intro {
            continue;
        }
        let notes = voicing(plan, bar.chord, layer.low);
        if bar.section == Section::Ending {
            // One last strum of the final chord, left to ring.
            let start = plan.frame(bar_step(b), rng);
            for (i, &midi) in notes.iter().enumerate() {
                let strum = start + i * (0.03 * SAMPLE_RATE_F) as usize;
                events.push(Event {
                    start: strum,
                    gate: plan.frames.saturating_sub(strum),
                    sound: Sound::Tone(layer.instrument),
                    midi,
                    velocity: layer.gain * 0.9,
                    pan: -0.3 + 0.2 * i as f32,
                    send: layer.send,
                    role: Role::Arp,
                    seed: rng.next_u64() as u32,
                });
            }
            continue;
        }
        let k = notes.len().max(1);
        for step in (0..STEPS_PER_BAR).step_by(rate as usize) {
            let idx = pattern
                .get(counter % pattern.len().max(1))
                .copied()
                .unwrap_or(0);
            counter += 1;
            let midi = notes.get(idx % k).copied().unwrap_or(60) + 12 * (idx / k) as i32;
            let accent = if step % 4 == 0 { 1.0 } else { 0.75 };
            events.push(Event {
                start: plan.frame(bar_step(b) + step, rng),
                gate: plan.frames_for(layer.gate as f32 * 0.9),
                sound: Sound::Tone(layer.instrument),
                midi,
                velocity: layer.gain * accent * rng.range_f32(0.85, 1.0),
                pan: if counter.is_multiple_of(2) { 0.3 } else { -0.3 },
                send: layer.send,
                role: Role::Arp,
                seed: rng.next_u64() as u32,
            });
        }
    }
}

fn emit_bass(plan: &Plan<'_>, bars: &[Bar], rng: &mut Rng, events: &mut Vec<Event>) {
    let layer = plan.style.bass;
    let pattern = rng.pick(layer.patterns).copied().unwrap_or(&[]);
    let scale = plan.style.scale;
    for (b, bar) in bars.iter().enumerate() {
        let silent_intro = bar.section == Section::Intro && bar.index * 2 < bar.length;
        if silent_intro {
            continue;
        }
        let root = scale.midi(plan.tonic, bar.chord);
        // Keep the bass register steady: fold the root near the tonic.
        let folded = plan.tonic - 5 + (root - (plan.tonic - 5)).rem_euclid(12);
        let ending = bar.section == Section::Ending;
        let hits: &[crate::style::BassHit] = if ending {
            &pattern[..pattern.len().min(1)]
        } else {
            pattern
        };
        for hit in hits {
            let midi = folded + scale.midi(plan.tonic, bar.chord + hit.degree) - root;
            let len = if ending { STEPS_PER_BAR } else { hit.len };
            let accent = if hit.step == 0 { 1.0 } else { 0.85 };
            events.push(Event {
                start: plan.frame(bar_step(b) + hit.step, rng),
                gate: plan.frames_for(len as f32 * 0.92),
                sound: Sound::Tone(layer.instrument),
                midi,
                velocity: layer.gain * accent * rng.range_f32(0.92, 1.0),
                pan: 0.0,
                send: 0.05,
                role: Role::Bass,
                seed: rng.next_u64() as u32,
            });
        }
    }
}

/// Velocity for one character of a drum pattern line.
fn drum_velocity(line: &str, step: u32) -> Option<f32> {
    match line.as_bytes().get(step as usize) {
        Some(b'X') => Some(1.0),
        Some(b'x') => Some(0.75),
        Some(b'o') => Some(0.4),
        _ => None,
    }
}

fn emit_drums(plan: &Plan<'_>, bars: &[Bar], rng: &mut Rng, events: &mut Vec<Event>) {
    let Some(layer) = plan.style.drums else {
        return;
    };
    let count = layer.patterns.len().max(1);
    let main_index = rng.below(count);
    let main = layer.patterns.get(main_index);
    let alt = layer.patterns.get((main_index + 1) % count);
    let (Some(main), Some(alt)) = (main, alt) else {
        return;
    };
    for (b, bar) in bars.iter().enumerate() {
        let pattern: &DrumPattern = if bar.section == Section::B { alt } else { main };
        let light = matches!(bar.section, Section::Intro | Section::Breakdown);
        if bar.section == Section::Intro && bar.index * 2 < bar.length {
            continue;
        }
        let fill = layer.fills
            && matches!(bar.section, Section::A | Section::B)
            && bar.index + 1 == bar.length
            && bar.length > 1;
        let ending = bar.section == Section::Ending;
        let lines: [(Piece, &str, f32, f32); 5] = [
            (Piece::Kick, pattern.kick, 1.0, 0.0),
            (Piece::Snare, pattern.snare, 0.7, 0.05),
            (Piece::Hat, pattern.hat, 0.35, 0.3),
            (Piece::OpenHat, pattern.open_hat, 0.3, 0.3),
            (Piece::Shaker, pattern.shaker, 0.4, -0.35),
        ];
        for (piece, line, level, pan) in lines {
            if light && matches!(piece, Piece::Kick | Piece::Snare | Piece::OpenHat) {
                continue;
            }
            for step in 0..STEPS_PER_BAR {
                let velocity = if ending {
                    (piece == Piece::Kick && step == 0).then_some(1.0)
                } else if fill && piece == Piece::Snare && step >= 12 {
                    Some(0.45 + 0.15 * (step - 12) as f32)
                } else {
                    drum_velocity(line, step)
                };
                let Some(velocity) = velocity else {
                    continue;
                };
                let light_gain = if light { 0.7 } else { 1.0 };
                events.push(Event {
                    start: plan.frame(bar_step(b) + step, rng),
                    gate: 0,
                    sound: Sound::Drum(piece),
                    midi: 0,
                    velocity: layer.gain * level * velocity * light_gain * rng.range_f32(0.9, 1.0),
                    pan,
                    send: layer.send,
                    role: Role::Drums,
                    seed: rng.next_u64() as u32,
                });
            }
        }
    }
}

/// A seeded two-bar (or one-bar) rhythm and contour.
fn make_motif(rng: &mut Rng, density: f32, beats: u32) -> Motif {
    let d = density.clamp(0.0, 1.0);
    let mut notes = Vec::new();
    let mut beat = 0;
    while beat < beats {
        let base = beat * 4;
        let last = beat + 1 == beats;
        if last {
            if rng.chance(0.4) {
                notes.push((base, 3));
            }
            break;
        }
        let can_hold = beat % 2 == 0 && beat + 2 < beats;
        let weights = [
            if beat == 0 { 0.0 } else { (1.0 - d) * 1.2 }, // rest
            1.5,                                           // quarter
            if can_hold { (1.0 - d) * 1.6 } else { 0.0 },  // half
            0.5 + 2.5 * d,                                 // two eighths
            0.5 + d,                                       // dotted eighth + sixteenth
            0.6,                                           // off-beat eighth
            if d > 0.5 { (d - 0.5) * 4.0 } else { 0.0 },   // four sixteenths
        ];
        match rng.weighted(&weights) {
            0 => {}
            1 => notes.push((base, 4)),
            2 => {
                notes.push((base, 8));
                beat += 1;
            }
            3 => notes.extend([(base, 2), (base + 2, 2)]),
            4 => notes.extend([(base, 3), (base + 3, 1)]),
            5 => notes.push((base + 2, 2)),
            _ => notes.extend([(base, 1), (base + 1, 1), (base + 2, 1), (base + 3, 1)]),
        }
        beat += 1;
    }
    if notes.is_empty() {
        notes.push((0, 8));
    }

    let mut moves = Vec::with_capacity(notes.len());
    let mut drift = 0;
    for _ in &notes {
        let mut mv =
            [-3, -2, -1, 0, 1, 2, 3, 4][rng.weighted(&[0.3, 1.2, 3.0, 0.6, 3.0, 1.2, 0.4, 0.3])];
        if (drift > 3 && mv > 0) || (drift < -3 && mv < 0) {
            mv = -mv;
        }
        drift += mv;
        moves.push(mv);
    }
    Motif { notes, moves }
}

/// Plays `motif` over a section's chords, returning the melody notes.
fn realize(plan: &Plan<'_>, motif: &Motif, chords: &[i32], center: i32) -> Vec<MelodyNote> {
    let sevenths = plan.style.sevenths;
    let total = chords.len() as u32 * STEPS_PER_BAR;
    let unit = if chords.len() >= 2 {
        2 * STEPS_PER_BAR
    } else {
        STEPS_PER_BAR
    };
    let units = total.div_ceil(unit);
    let chord_at = |step: u32| {
        chords
            .get((step / STEPS_PER_BAR) as usize)
            .copied()
            .unwrap_or(0)
    };
    let (lo, hi) = (center - 5, center + 6);
    let mut out = Vec::new();
    for u in 0..units {
        let base = u * unit;
        let answer = u % 2 == 1;
        let cadence = u + 1 == units;
        let mut notes: Vec<(u32, u32)> = motif
            .notes
            .iter()
            .copied()
            .filter(|(s, _)| base + s < total)
            .collect();
        if cadence && notes.len() > 1 {
            let cut = unit.saturating_sub(6);
            let keep = notes.iter().filter(|(s, _)| *s < cut).count().max(1);
            notes.truncate(keep);
        }
        let mut degree = nearest_chord_tone(
            center + if answer { 2 } else { 0 },
            chord_at(base),
            sevenths,
        );
        let half = notes.len() / 2;
        let count = notes.len();
        for (k, (step, len)) in notes.into_iter().enumerate() {
            let abs = base + step;
            let chord = chord_at(abs);
            let mut len = len;
            let mut mv = 0;
            if k > 0 {
                mv = motif.moves.get(k).copied().unwrap_or(0);
                if answer && k >= half {
                    mv = -mv;
                }
                degree += mv;
                while plan.style.avoid.contains(&degree.rem_euclid(7)) {
                    degree += if mv >= 0 { 1 } else { -1 };
                }
            }
            if degree > hi {
                degree = hi - (degree - hi);
            }
            if degree < lo {
                degree = lo + (lo - degree);
            }
            let strong = abs % 8 == 0 || len >= 6;
            if strong {
                // Keep the contour's direction when landing on a chord tone.
                degree = chord_tone_towards(degree, chord, sevenths, mv);
            }
            if cadence && k + 1 == count {
                // Resolve onto the chord root and let it ring.
                let rel = (degree - chord).rem_euclid(7);
                degree -= if rel <= 3 { rel } else { rel - 7 };
                len = len.max((unit - 2).saturating_sub(step).min(total - abs));
            }
            out.push(MelodyNote {
                step: abs,
                len,
                degree,
            });
        }
    }
    out
}

fn emit_melody(plan: &Plan<'_>, bars: &[Bar], rng: &mut Rng, events: &mut Vec<Event>) {
    let layer = plan.style.lead;
    let cycle = (plan.progression.len() as u32 * plan.style.bars_per_chord.max(1)).max(1);
    let beats = if cycle >= 2 { 8 } else { 4 };
    let density = layer.density * rng.range_f32(0.85, 1.15);
    let motif_a = make_motif(rng, density, beats);
    let motif_b = make_motif(rng, (density + 0.15).min(1.0), beats);
    let lead_tonic = plan.tonic + 12 * layer.octave;
    let center = 3;

    let push = |events: &mut Vec<Event>, rng: &mut Rng, step: u32, len: u32, degree: i32| {
        let strong = step.is_multiple_of(4);
        events.push(Event {
            start: plan.frame(step, rng),
            gate: plan.frames_for(len as f32 * 0.92),
            sound: Sound::Tone(layer.instrument),
            midi: plan.style.scale.midi(lead_tonic, degree),
            velocity: layer.gain * if strong { 1.0 } else { 0.82 } * rng.range_f32(0.9, 1.0),
            pan: -0.08,
            send: layer.send,
            role: Role::Lead,
            seed: rng.next_u64() as u32,
        });
    };

    let mut b = 0;
    while b < bars.len() {
        let bar = bars[b];
        let first = b;
        b += bar.length.max(1) as usize;
        let (motif, center) = match bar.section {
            Section::A => (&motif_a, center),
            Section::B => (&motif_b, center + 2),
            Section::Ending => {
                let played_before = first > 0 && bars[first - 1].section != Section::Breakdown;
                if played_before {
                    let step = bar_step(first);
                    push(events, rng, step, STEPS_PER_BAR, 7);
                }
                continue;
            }
            Section::Intro | Section::Breakdown => continue,
        };
        // The chords of the full progression cycle, even if the section is cut short.
        let chords: Vec<i32> = (0..cycle)
            .map(|i| {
                let idx = (i / plan.style.bars_per_chord.max(1)) as usize;
                plan.progression
                    .get(idx % plan.progression.len().max(1))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let section_steps = bar.length * STEPS_PER_BAR;
        for note in realize(plan, motif, &chords, center) {
            if note.step < section_steps {
                let len = note.len.min(section_steps - note.step);
                push(events, rng, bar_step(first) + note.step, len, note.degree);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::styles;

    #[test]
    fn songs_have_melody_chords_bass_and_drums() {
        for style in [
            &styles::AMBIENT,
            &styles::DOWNTEMPO,
            &styles::SYNTH_POP,
            &styles::LOFI,
            &styles::CHIPTUNE,
            &styles::FOLK,
        ] {
            for (seed, seconds) in [(1u64, 20u32), (2, 45), (3, 90)] {
                let song = compose(style, seed, seconds);
                let has = |role| song.events.iter().any(|e| e.role == role);
                assert!(has(Role::Lead), "no melody, {seconds}s");
                assert!(has(Role::Bass));
                assert!(has(Role::Drums));
                assert!(has(Role::Chords) || has(Role::Arp));
                let mut pitches: Vec<i32> = song
                    .events
                    .iter()
                    .filter(|e| e.role == Role::Lead)
                    .map(|e| e.midi)
                    .collect();
                pitches.sort_unstable();
                pitches.dedup();
                assert!(pitches.len() >= 4, "melody uses {pitches:?}");
                assert!(song.events.iter().all(|e| e.start < song.frames));
                assert!(song.events.windows(2).all(|w| w[0].start <= w[1].start));
            }
        }
    }

    #[test]
    fn every_catalog_track_has_a_real_tune() {
        for album in crate::catalog() {
            for track in &album.tracks {
                let song = compose(album.style, album.track_seed(track), track.seconds);
                let lead: Vec<i32> = song
                    .events
                    .iter()
                    .filter(|e| e.role == Role::Lead)
                    .map(|e| e.midi)
                    .collect();
                let mut pitches = lead.clone();
                pitches.sort_unstable();
                pitches.dedup();
                assert!(lead.len() >= 8, "{}: {} notes", track.title, lead.len());
                assert!(pitches.len() >= 5, "{}: {pitches:?}", track.title);
                let bass = song.events.iter().filter(|e| e.role == Role::Bass).count();
                assert!(bass >= 4, "{}: {bass} bass notes", track.title);
            }
        }
    }

    #[test]
    fn composition_is_deterministic() {
        let a = compose(&styles::LOFI, 42, 30);
        let b = compose(&styles::LOFI, 42, 30);
        assert_eq!(a.events, b.events);
        let c = compose(&styles::LOFI, 43, 30);
        assert_ne!(a.events, c.events);
    }

    #[test]
    fn melody_repeats_its_motif() {
        let style = &styles::SYNTH_POP;
        let mut rng = Rng::new(5);
        let motif = make_motif(&mut rng, 0.5, 8);
        let plan = Plan {
            style,
            tonic: style.tonic,
            progression: &[0, 4, 5, 3],
            step_frames: 5000.0,
            frames: 1_000_000,
        };
        let first = realize(&plan, &motif, &[0, 4, 5, 3], 3);
        let second = realize(&plan, &motif, &[0, 4, 5, 3], 3);
        let rhythm = |notes: &[MelodyNote], lo: u32, hi: u32| -> Vec<u32> {
            notes
                .iter()
                .filter(|n| n.step >= lo && n.step < hi)
                .map(|n| n.step - lo)
                .collect()
        };
        // Unit 1 and unit 2 share the motif's rhythm (apart from the cadence).
        let unit_one = rhythm(&first, 0, 24);
        let unit_two = rhythm(&first, 32, 56);
        assert_eq!(unit_one, unit_two);
        assert_eq!(
            first.iter().map(|n| n.degree).collect::<Vec<_>>(),
            second.iter().map(|n| n.degree).collect::<Vec<_>>()
        );
    }
}
