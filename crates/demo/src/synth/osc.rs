//! Oscillators: a phase accumulator plus band-limited (PolyBLEP) saw and pulse
//! waves, sine and triangle shapes. All are allocation-free per sample.

/// A normalised phase in `[0, 1)` advancing by `freq / sample_rate` per sample.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Phase {
    pub(crate) t: f32,
    pub(crate) dt: f32,
}

impl Phase {
    pub(crate) fn new(freq: f32, start: f32) -> Self {
        Self {
            t: start.rem_euclid(1.0),
            dt: freq / super::SAMPLE_RATE_F,
        }
    }

    /// Advances one sample.
    #[inline]
    pub(crate) fn tick(&mut self) {
        self.t += self.dt;
        if self.t >= 1.0 {
            self.t -= 1.0;
        }
    }

    #[inline]
    pub(crate) fn sine(&self) -> f32 {
        sin_turns(self.t)
    }

    /// Naive triangle in `[-1, 1]` (its harmonics fall off quickly enough).
    #[inline]
    pub(crate) fn triangle(&self) -> f32 {
        1.0 - 4.0 * (self.t - 0.5).abs()
    }

    /// Band-limited sawtooth in `[-1, 1]`.
    #[inline]
    pub(crate) fn saw(&self) -> f32 {
        2.0 * self.t - 1.0 - poly_blep(self.t, self.dt)
    }

    /// Band-limited pulse wave with the given duty cycle.
    #[inline]
    pub(crate) fn pulse(&self, duty: f32) -> f32 {
        let naive = if self.t < duty { 1.0 } else { -1.0 };
        let mut falling = self.t + 1.0 - duty;
        if falling >= 1.0 {
            falling -= 1.0;
        }
        naive + poly_blep(self.t, self.dt) - poly_blep(falling, self.dt)
    }
}

/// Fast `sin(2π·x)` for any finite `x` (x in turns), error below 0.1 %.
///
/// A parabola through the sine's zeros and peaks, refined once; pure
/// arithmetic, so it is also bit-for-bit reproducible and much cheaper than
/// `f32::sin` in the per-sample loops.
#[inline]
pub(crate) fn sin_turns(x: f32) -> f32 {
    // Wrap into [-0.5, 0.5).
    let shifted = x + 0.5;
    let mut whole = shifted as i64 as f32;
    if whole > shifted {
        whole -= 1.0;
    }
    let x = shifted - whole - 0.5;
    let y = 8.0 * x - 16.0 * x * x.abs();
    0.225 * (y * y.abs() - y) + y
}

/// Polynomial band-limited step residual for a discontinuity at phase 0.
#[inline]
fn poly_blep(t: f32, dt: f32) -> f32 {
    if t < dt {
        let x = t / dt;
        x + x - x * x - 1.0
    } else if t > 1.0 - dt {
        let x = (t - 1.0) / dt;
        x * x + x + x + 1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_sine_is_accurate() {
        for i in -20_000..20_000 {
            let x = i as f32 / 7919.0;
            let exact = (std::f32::consts::TAU * x).sin();
            assert!((sin_turns(x) - exact).abs() < 1.2e-3, "{x}");
        }
    }

    #[test]
    fn waves_stay_bounded() {
        let mut p = Phase::new(440.0, 0.0);
        for _ in 0..10_000 {
            p.tick();
            for v in [p.sine(), p.triangle(), p.saw(), p.pulse(0.25)] {
                assert!(v.abs() <= 1.5, "{v}");
            }
        }
    }
}
