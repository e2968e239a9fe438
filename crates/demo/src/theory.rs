//! Music theory helpers: modes, scale degrees, diatonic chords and pitch.
//!
//! Pitches are MIDI note numbers; melodic material is expressed as scale
//! *degrees* (0 = tonic, 7 = tonic an octave up, -1 = leading tone below) so
//! that the composer can move "one step up the scale" regardless of the mode.

/// A seven-note mode, as semitone offsets from the tonic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scale(pub [i32; 7]);

impl Scale {
    pub(crate) const MAJOR: Scale = Scale([0, 2, 4, 5, 7, 9, 11]);
    pub(crate) const DORIAN: Scale = Scale([0, 2, 3, 5, 7, 9, 10]);
    pub(crate) const LYDIAN: Scale = Scale([0, 2, 4, 6, 7, 9, 11]);

    /// MIDI note of scale `degree` above (or below) `tonic`.
    pub(crate) fn midi(&self, tonic: i32, degree: i32) -> i32 {
        let octave = degree.div_euclid(7);
        let step = degree.rem_euclid(7) as usize;
        tonic + 12 * octave + self.0[step]
    }
}

/// The degrees of the diatonic chord built on `root` by stacking thirds.
pub(crate) fn chord_degrees(root: i32, sevenths: bool) -> ([i32; 4], usize) {
    let tones = [root, root + 2, root + 4, root + 6];
    (tones, if sevenths { 4 } else { 3 })
}

/// Whether `degree` is a member of the chord rooted on `root`.
pub(crate) fn is_chord_tone(degree: i32, root: i32, sevenths: bool) -> bool {
    let rel = (degree - root).rem_euclid(7);
    rel == 0 || rel == 2 || rel == 4 || (sevenths && rel == 6)
}

/// The chord tone nearest to `degree` (ties resolve downwards).
pub(crate) fn nearest_chord_tone(degree: i32, root: i32, sevenths: bool) -> i32 {
    for distance in 0..4 {
        if is_chord_tone(degree - distance, root, sevenths) {
            return degree - distance;
        }
        if is_chord_tone(degree + distance, root, sevenths) {
            return degree + distance;
        }
    }
    degree
}

/// The chord tone reached by moving from `degree` in `direction` (its sign);
/// `degree` itself when it already is one, the nearest when `direction` is 0.
pub(crate) fn chord_tone_towards(degree: i32, root: i32, sevenths: bool, direction: i32) -> i32 {
    if direction == 0 {
        return nearest_chord_tone(degree, root, sevenths);
    }
    let step = direction.signum();
    (0..4)
        .map(|k| degree + step * k)
        .find(|&d| is_chord_tone(d, root, sevenths))
        .unwrap_or(degree)
}

/// Equal-tempered frequency of a (possibly fractional) MIDI note, A4 = 440 Hz.
pub(crate) fn midi_to_hz(midi: f32) -> f32 {
    440.0 * ((midi - 69.0) / 12.0).exp2()
}

/// Moves `midi` by whole octaves into `[low, low + 12)`.
pub(crate) fn into_octave(midi: i32, low: i32) -> i32 {
    low + (midi - low).rem_euclid(12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_map_to_midi() {
        assert_eq!(Scale::MAJOR.midi(60, 0), 60);
        assert_eq!(Scale::MAJOR.midi(60, 2), 64);
        assert_eq!(Scale::MAJOR.midi(60, 7), 72);
        assert_eq!(Scale::MAJOR.midi(60, -1), 59);
        assert_eq!(Scale::DORIAN.midi(57, 2), 60);
        assert!((midi_to_hz(69.0) - 440.0).abs() < 1e-3);
        assert_eq!(into_octave(50, 55), 62);
    }

    #[test]
    fn chord_tones_snap() {
        assert!(is_chord_tone(4, 0, false));
        assert!(!is_chord_tone(3, 0, false));
        assert_eq!(nearest_chord_tone(3, 0, false), 2);
        assert_eq!(nearest_chord_tone(8, 4, false), 8);
        assert_eq!(nearest_chord_tone(5, 4, false), 4);
        assert!(is_chord_tone(10, 4, true));
        assert_eq!(chord_tone_towards(3, 0, false, 1), 4);
        assert_eq!(chord_tone_towards(3, 0, false, -1), 2);
        assert_eq!(chord_tone_towards(4, 0, false, -1), 4);
        assert_eq!(chord_tone_towards(5, 0, false, 0), 4);
    }
}
