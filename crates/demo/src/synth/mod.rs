//! Sound synthesis building blocks: oscillators, envelopes, filters, the
//! pitched instruments, the drum kit, effects, the master limiter and the stereo bus that voices
//! are mixed into.

pub(crate) mod bus;
pub(crate) mod delay;
pub(crate) mod drums;
pub(crate) mod envelope;
pub(crate) mod filter;
pub(crate) mod instruments;
pub(crate) mod limiter;
pub(crate) mod osc;
pub(crate) mod reverb;

/// Output sample rate in Hz.
pub(crate) const SAMPLE_RATE: u32 = 44_100;
/// [`SAMPLE_RATE`] as a float, for DSP maths.
pub(crate) const SAMPLE_RATE_F: f32 = SAMPLE_RATE as f32;

/// Exponential decay multiplier per sample for a time constant in seconds.
pub(crate) fn decay_coef(seconds: f32) -> f32 {
    (-1.0 / (seconds.max(1.0e-4) * SAMPLE_RATE_F)).exp()
}
