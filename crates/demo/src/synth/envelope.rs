//! ADSR envelopes: linear attack, exponential decay towards the sustain level
//! and exponential release once the note's gate closes.

use super::SAMPLE_RATE_F;

/// Level below which a releasing voice is considered silent.
const SILENCE: f32 = 5.0e-4;

/// Envelope shape, in seconds (decay and release are time constants).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Adsr {
    pub(crate) attack: f32,
    pub(crate) decay: f32,
    pub(crate) sustain: f32,
    pub(crate) release: f32,
}

impl Adsr {
    pub(crate) const fn new(attack: f32, decay: f32, sustain: f32, release: f32) -> Self {
        Self {
            attack,
            decay,
            sustain,
            release,
        }
    }

    /// Samples needed after the gate closes for the release to fall silent.
    pub(crate) fn tail_samples(&self) -> usize {
        (self.release.max(0.001) * SAMPLE_RATE_F * -SILENCE.ln()) as usize + 1
    }

    /// A running envelope for a note whose gate stays open `gate` samples.
    pub(crate) fn start(&self, gate: usize) -> Envelope {
        Envelope {
            level: 0.0,
            attack_step: 1.0 / (self.attack.max(0.0005) * SAMPLE_RATE_F),
            decay_coef: coef(self.decay),
            release_coef: coef(self.release),
            sustain: self.sustain,
            attacking: true,
            remaining_gate: gate,
        }
    }
}

fn coef(seconds: f32) -> f32 {
    (-1.0 / (seconds.max(0.0005) * SAMPLE_RATE_F)).exp()
}

/// Per-note envelope state.
#[derive(Debug, Clone)]
pub(crate) struct Envelope {
    level: f32,
    attack_step: f32,
    decay_coef: f32,
    release_coef: f32,
    sustain: f32,
    attacking: bool,
    remaining_gate: usize,
}

impl Envelope {
    /// The next envelope value in `[0, 1]`.
    #[inline]
    pub(crate) fn next(&mut self) -> f32 {
        if self.remaining_gate > 0 {
            self.remaining_gate -= 1;
            if self.attacking {
                self.level += self.attack_step;
                if self.level >= 1.0 {
                    self.level = 1.0;
                    self.attacking = false;
                }
            } else {
                self.level = self.sustain + (self.level - self.sustain) * self.decay_coef;
            }
        } else {
            self.attacking = false;
            self.level *= self.release_coef;
        }
        self.level
    }

    /// True once the note has decayed to inaudibility: in its release, or
    /// during the gate when a percussive (zero-sustain) decay has died away.
    pub(crate) fn finished(&self) -> bool {
        !self.attacking
            && self.level < SILENCE
            && (self.remaining_gate == 0 || self.sustain < SILENCE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_rises_sustains_and_releases() {
        let adsr = Adsr::new(0.01, 0.05, 0.5, 0.05);
        let gate = 22_050;
        let mut env = adsr.start(gate);
        let mut peak: f32 = 0.0;
        let mut at_gate = 0.0;
        for i in 0..gate {
            let v = env.next();
            peak = peak.max(v);
            if i == gate - 1 {
                at_gate = v;
            }
        }
        assert!((peak - 1.0).abs() < 1e-3);
        assert!((at_gate - 0.5).abs() < 1e-2);
        for _ in 0..adsr.tail_samples() {
            env.next();
        }
        assert!(env.finished());
    }
}
