//! Filters: a one-pole low-pass (also used as a high-pass by subtraction) and a
//! topology-preserving state-variable filter with resonance.

use std::f32::consts::PI;

use super::SAMPLE_RATE_F;

/// One-pole smoothing low-pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OnePole {
    a: f32,
    y: f32,
}

impl OnePole {
    pub(crate) fn new(cutoff: f32) -> Self {
        let mut f = Self { a: 0.0, y: 0.0 };
        f.set_cutoff(cutoff);
        f
    }

    pub(crate) fn set_cutoff(&mut self, cutoff: f32) {
        let c = cutoff.clamp(1.0, SAMPLE_RATE_F * 0.49);
        self.a = 1.0 - (-2.0 * PI * c / SAMPLE_RATE_F).exp();
    }

    #[inline]
    pub(crate) fn low(&mut self, x: f32) -> f32 {
        self.y += self.a * (x - self.y);
        self.y
    }

    #[inline]
    pub(crate) fn high(&mut self, x: f32) -> f32 {
        x - self.low(x)
    }
}

/// Zavalishin's TPT state-variable filter (low-pass and band-pass outputs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Svf {
    a1: f32,
    a2: f32,
    a3: f32,
    k: f32,
    ic1: f32,
    ic2: f32,
}

impl Svf {
    pub(crate) fn new(cutoff: f32, q: f32) -> Self {
        let mut f = Self {
            a1: 0.0,
            a2: 0.0,
            a3: 0.0,
            k: 1.0,
            ic1: 0.0,
            ic2: 0.0,
        };
        f.set(cutoff, q);
        f
    }

    /// Sets cutoff (Hz) and resonance `q` (0.5 = gentle, 2+ = peaky).
    pub(crate) fn set(&mut self, cutoff: f32, q: f32) {
        let c = cutoff.clamp(20.0, SAMPLE_RATE_F * 0.45);
        let g = (PI * c / SAMPLE_RATE_F).tan();
        self.k = 1.0 / q.max(0.1);
        self.a1 = 1.0 / (1.0 + g * (g + self.k));
        self.a2 = g * self.a1;
        self.a3 = g * self.a2;
    }

    /// Processes one sample, returning `(low, band)`.
    #[inline]
    pub(crate) fn process(&mut self, x: f32) -> (f32, f32) {
        let v3 = x - self.ic2;
        let v1 = self.a1 * self.ic1 + self.a2 * v3;
        let v2 = self.ic2 + self.a2 * self.ic1 + self.a3 * v3;
        self.ic1 = 2.0 * v1 - self.ic1;
        self.ic2 = 2.0 * v2 - self.ic2;
        (v2, v1)
    }

    #[inline]
    pub(crate) fn low(&mut self, x: f32) -> f32 {
        self.process(x).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::osc::Phase;

    fn rms_through(freq: f32, cutoff: f32) -> f32 {
        let mut f = Svf::new(cutoff, 0.707);
        let mut p = Phase::new(freq, 0.0);
        let mut acc = 0.0;
        let n = 44_100;
        for i in 0..n {
            p.tick();
            let y = f.low(p.sine());
            if i > n / 2 {
                acc += y * y;
            }
        }
        (acc / (n / 2) as f32).sqrt()
    }

    #[test]
    fn low_pass_attenuates_highs() {
        assert!(rms_through(100.0, 1000.0) > 0.6);
        assert!(rms_through(8000.0, 1000.0) < 0.05);
        let mut one = OnePole::new(200.0);
        let mut last = 0.0;
        for _ in 0..10_000 {
            last = one.low(1.0);
        }
        assert!((last - 1.0).abs() < 1e-3);
    }
}
