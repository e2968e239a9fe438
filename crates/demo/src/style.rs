//! The musical and visual identity of an album: tempo, key, mode, chord
//! progressions, the instrument playing each part, drum patterns, effects and
//! cover-art look. Concrete styles live in [`crate::styles`].

use crate::synth::delay::DelaySettings;
use crate::synth::drums::Kit;
use crate::synth::instruments::Instrument;
use crate::synth::reverb::ReverbSettings;
use crate::theory::Scale;

/// How a chord layer plays each chord.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ChordRhythm {
    /// Hold the chord for its whole duration.
    Sustain,
    /// Short hits at these `(step, length)` positions of every bar (16 steps).
    Stabs(&'static [(u32, u32)]),
}

/// Sustained or rhythmic chords (pads, keys).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ChordLayer {
    pub(crate) instrument: Instrument,
    /// Lowest MIDI note of the voicing window (one octave wide).
    pub(crate) low: i32,
    pub(crate) rhythm: ChordRhythm,
    pub(crate) gain: f32,
    pub(crate) send: f32,
}

/// Broken chords.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ArpLayer {
    pub(crate) instrument: Instrument,
    pub(crate) low: i32,
    /// Steps (sixteenths) per arpeggio note.
    pub(crate) rate: u32,
    /// Candidate patterns: indexes into the chord tones stacked upwards.
    pub(crate) patterns: &'static [&'static [usize]],
    /// Gate length in steps (plucks may ring past the next note).
    pub(crate) gate: u32,
    pub(crate) gain: f32,
    pub(crate) send: f32,
}

/// The melody.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LeadLayer {
    pub(crate) instrument: Instrument,
    /// Octaves above the bass tonic at which the tune's tonic sits.
    pub(crate) octave: i32,
    /// 0 = long notes and rests, 1 = busy sixteenths.
    pub(crate) density: f32,
    pub(crate) gain: f32,
    pub(crate) send: f32,
}

/// One bass note of a one-bar pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BassHit {
    pub(crate) step: u32,
    pub(crate) len: u32,
    /// Scale degrees above the chord root (0 root, 4 fifth, 7 octave).
    pub(crate) degree: i32,
}

/// The bass line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BassLayer {
    pub(crate) instrument: Instrument,
    pub(crate) patterns: &'static [&'static [BassHit]],
    pub(crate) gain: f32,
}

/// A one-bar drum pattern per piece: 16 characters each, `X` accent, `x`
/// normal, `o` ghost, anything else silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DrumPattern {
    pub(crate) kick: &'static str,
    pub(crate) snare: &'static str,
    pub(crate) hat: &'static str,
    pub(crate) open_hat: &'static str,
    pub(crate) shaker: &'static str,
}

/// Percussion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DrumLayer {
    pub(crate) kit: Kit,
    pub(crate) patterns: &'static [DrumPattern],
    pub(crate) gain: f32,
    pub(crate) send: f32,
    /// Play a snare fill in the last bar of each section.
    pub(crate) fills: bool,
}

/// Generative cover-art motif.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CoverMotif {
    /// Moon over layered sea waves.
    Tides,
    /// Topographic contour lines.
    Contours,
    /// Striped retro sun over a perspective grid.
    SunsetGrid,
    /// A night window with a crescent moon and stars.
    Window,
    /// Low-resolution pixel-art meadow.
    PixelMeadow,
    /// Layered mountain ridges with pines.
    Ridges,
}

/// An album's look: motif and a five-colour palette (dark to light).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CoverStyle {
    pub(crate) motif: CoverMotif,
    pub(crate) palette: [[u8; 3]; 5],
}

/// Everything that makes an album sound (and look) like itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub(crate) bpm: f32,
    /// Delay of each beat's second eighth, as a fraction of an eighth
    /// (1/3 gives a triplet shuffle).
    pub(crate) swing: f32,
    /// Random timing offset per note, in seconds.
    pub(crate) humanize: f32,
    /// MIDI note of the tonic in the bass register.
    pub(crate) tonic: i32,
    /// Semitone offsets tracks may be transposed by.
    pub(crate) transpositions: &'static [i32],
    pub(crate) scale: Scale,
    /// Scale degrees (0..7) the melody steps over, e.g. for pentatonic tunes.
    pub(crate) avoid: &'static [i32],
    /// Candidate progressions, as chord-root scale degrees.
    pub(crate) progressions: &'static [&'static [i32]],
    pub(crate) bars_per_chord: u32,
    pub(crate) sevenths: bool,
    pub(crate) pad: Option<ChordLayer>,
    pub(crate) arp: Option<ArpLayer>,
    pub(crate) lead: LeadLayer,
    pub(crate) bass: BassLayer,
    pub(crate) drums: Option<DrumLayer>,
    pub(crate) reverb: ReverbSettings,
    pub(crate) delay: Option<DelaySettings>,
    /// Master low-pass cutoff in Hz (a muffled, lo-fi master).
    pub(crate) master_lowpass: Option<f32>,
    pub(crate) fade_in: f32,
    pub(crate) fade_out: f32,
    pub(crate) cover: CoverStyle,
}
