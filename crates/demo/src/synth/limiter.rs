//! Offline peak limiter for the master bus: since the whole track is in
//! memory it can "look ahead", ramping the gain down before each peak instead
//! of clipping it, and letting it recover smoothly afterwards.

use super::{decay_coef, SAMPLE_RATE_F};

/// Gain-reduction ramp before a peak, in seconds.
const ATTACK: f32 = 0.003;
/// Recovery time constant after a peak, in seconds.
const RELEASE: f32 = 0.15;

/// Limits both channels (linked) so that no sample exceeds `threshold`.
pub(crate) fn limit(frames: &mut [[f32; 2]], threshold: f32) {
    if frames.is_empty() || threshold <= 0.0 {
        return;
    }
    // Gain each frame needs on its own.
    let mut gain: Vec<f32> = frames
        .iter()
        .map(|f| {
            let peak = f[0].abs().max(f[1].abs());
            if peak > threshold {
                threshold / peak
            } else {
                1.0
            }
        })
        .collect();
    // Backwards: start reducing the gain `ATTACK` seconds ahead of a peak.
    let attack_step = 1.0 / (ATTACK * SAMPLE_RATE_F);
    for i in (0..gain.len() - 1).rev() {
        gain[i] = gain[i].min(gain[i + 1] + attack_step);
    }
    // Forwards: recover exponentially after the peak.
    let release = decay_coef(RELEASE);
    let mut previous = 1.0f32;
    for (frame, g) in frames.iter_mut().zip(gain.iter_mut()) {
        let recovered = 1.0 - (1.0 - previous) * release;
        *g = g.min(recovered);
        previous = *g;
        frame[0] *= *g;
        frame[1] *= *g;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peaks_are_held_to_the_threshold_and_quiet_parts_untouched() {
        let n = 44_100;
        let mut frames = vec![[0.1f32; 2]; n];
        frames[20_000][0] = 1.0;
        limit(&mut frames, 0.5);
        assert!(frames.iter().flatten().all(|v| v.abs() <= 0.5 + 1e-6));
        assert!((frames[1_000][0] - 0.1).abs() < 1e-6, "before the peak");
        assert!((frames[n - 1][0] - 0.1).abs() < 3e-3, "recovered after it");
        assert!(frames[19_990][0] < 0.1, "gain ramps down ahead of the peak");
    }
}
