//! Tempo-synced ping-pong echo on the effects-send bus.

use super::filter::OnePole;

/// Echo tuning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DelaySettings {
    /// Echo spacing in beats (0.75 = dotted eighth).
    pub(crate) beats: f32,
    /// Amount fed back into the next echo, 0 ..= 0.8.
    pub(crate) feedback: f32,
    /// Level of the echoes added to the mix.
    pub(crate) wet: f32,
}

/// Adds ping-pong echoes of the mono `send` signal to `dry`, and also feeds
/// them back into `send` so that a following reverb reverberates the echoes.
pub(crate) fn apply(settings: &DelaySettings, bpm: f32, send: &mut [f32], dry: &mut [[f32; 2]]) {
    let length = ((60.0 / bpm.max(1.0)) * settings.beats * super::SAMPLE_RATE_F) as usize;
    let length = length.max(1);
    let mut left_line = vec![0.0f32; length];
    let mut right_line = vec![0.0f32; length];
    let mut tone = OnePole::new(3500.0);
    let feedback = settings.feedback.clamp(0.0, 0.8);
    let mut idx = 0;
    for (frame, input) in dry.iter_mut().zip(send.iter_mut()) {
        let (el, er) = (left_line[idx], right_line[idx]);
        left_line[idx] = tone.low(*input + er * feedback);
        right_line[idx] = el * feedback;
        idx += 1;
        if idx == length {
            idx = 0;
        }
        frame[0] += el * settings.wet;
        frame[1] += er * settings.wet;
        *input += (el + er) * 0.25;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_alternate_sides() {
        let n = 44_100 * 2;
        let mut send = vec![0.0; n];
        send[0] = 1.0;
        let mut dry = vec![[0.0f32; 2]; n];
        let settings = DelaySettings {
            beats: 1.0,
            feedback: 0.5,
            wet: 1.0,
        };
        apply(&settings, 120.0, &mut send, &mut dry);
        let beat = 22_050;
        let window =
            |c: usize, at: usize| dry[at..at + 200].iter().map(|v| v[c].abs()).sum::<f32>();
        assert!(window(0, beat) > window(1, beat));
        assert!(window(1, 2 * beat) > window(0, 2 * beat));
    }
}
