//! A small Freeverb-style stereo reverb (four damped combs and two all-passes
//! per channel) applied to the effects-send bus.

/// Comb lengths in samples at 44.1 kHz (from Freeverb); the right channel is
/// offset by [`STEREO_SPREAD`] to decorrelate the sides.
const COMBS: [usize; 4] = [1116, 1188, 1277, 1356];
const ALLPASSES: [usize; 2] = [556, 441];
const STEREO_SPREAD: usize = 23;
/// Input attenuation that keeps the comb bank's sum near unity.
const INPUT_GAIN: f32 = 0.12;

/// Reverb tuning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ReverbSettings {
    /// Comb feedback, 0.7 (small room) ..= 0.9 (hall).
    pub(crate) size: f32,
    /// High-frequency damping in the tail, 0 ..= 1.
    pub(crate) damping: f32,
    /// Level of the reverberated signal added to the mix.
    pub(crate) wet: f32,
}

#[derive(Debug)]
struct Comb {
    buf: Vec<f32>,
    idx: usize,
    store: f32,
}

impl Comb {
    #[inline]
    fn process(&mut self, x: f32, feedback: f32, damping: f32) -> f32 {
        let y = self.buf[self.idx];
        self.store = y * (1.0 - damping) + self.store * damping;
        self.buf[self.idx] = x + self.store * feedback;
        self.idx += 1;
        if self.idx == self.buf.len() {
            self.idx = 0;
        }
        y
    }
}

#[derive(Debug)]
struct Allpass {
    buf: Vec<f32>,
    idx: usize,
}

impl Allpass {
    #[inline]
    fn process(&mut self, x: f32) -> f32 {
        let delayed = self.buf[self.idx];
        self.buf[self.idx] = x + delayed * 0.5;
        self.idx += 1;
        if self.idx == self.buf.len() {
            self.idx = 0;
        }
        delayed - x
    }
}

/// One channel's comb bank and all-pass chain.
#[derive(Debug)]
struct Channel {
    combs: Vec<Comb>,
    allpasses: Vec<Allpass>,
}

impl Channel {
    fn new(offset: usize) -> Self {
        Self {
            combs: COMBS
                .iter()
                .map(|&n| Comb {
                    buf: vec![0.0; n + offset],
                    idx: 0,
                    store: 0.0,
                })
                .collect(),
            allpasses: ALLPASSES
                .iter()
                .map(|&n| Allpass {
                    buf: vec![0.0; n + offset],
                    idx: 0,
                })
                .collect(),
        }
    }

    #[inline]
    fn process(&mut self, x: f32, feedback: f32, damping: f32) -> f32 {
        let mut y = 0.0;
        for comb in &mut self.combs {
            y += comb.process(x, feedback, damping);
        }
        for ap in &mut self.allpasses {
            y = ap.process(y);
        }
        y
    }
}

/// Reverberates the mono `send` signal and adds the stereo result to `dry`.
pub(crate) fn apply(settings: &ReverbSettings, send: &[f32], dry: &mut [[f32; 2]]) {
    let mut left = Channel::new(0);
    let mut right = Channel::new(STEREO_SPREAD);
    let feedback = settings.size.clamp(0.0, 0.95);
    let damping = settings.damping.clamp(0.0, 1.0);
    for (frame, &input) in dry.iter_mut().zip(send) {
        let input = input * INPUT_GAIN;
        frame[0] += left.process(input, feedback, damping) * settings.wet;
        frame[1] += right.process(input, feedback, damping) * settings.wet;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impulse_produces_a_decaying_tail() {
        let n = 44_100 * 3;
        let mut send = vec![0.0; n];
        send[0] = 1.0;
        let mut dry = vec![[0.0f32; 2]; n];
        let settings = ReverbSettings {
            size: 0.85,
            damping: 0.3,
            wet: 1.0,
        };
        apply(&settings, &send, &mut dry);
        let energy = |s: &[[f32; 2]]| s.iter().map(|v| v[0] * v[0]).sum::<f32>();
        let early = energy(&dry[..44_100]);
        let late = energy(&dry[2 * 44_100..]);
        assert!(early > 1e-4, "{early}");
        assert!(late < early * 0.1, "{late} vs {early}");
        assert!(dry[10_000..20_000].iter().any(|f| f[0] != f[1]), "stereo");
    }
}
