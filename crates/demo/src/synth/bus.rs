//! The stereo mix bus: interleaved dry stereo frames plus a mono effects send,
//! and the per-voice writer that applies constant-power panning and send level.
//!
//! Interleaving keeps each voice's writes in one memory stream, which matters
//! because whole tracks are far larger than the CPU caches.

use std::f32::consts::FRAC_PI_4;

/// Whole-track buffers that every voice is summed into.
#[derive(Debug)]
pub(crate) struct Bus {
    /// Dry `[left, right]` frames.
    pub(crate) dry: Vec<[f32; 2]>,
    /// Mono signal sent to the echo and reverb.
    pub(crate) send: Vec<f32>,
}

impl Bus {
    pub(crate) fn new(frames: usize) -> Self {
        Self {
            dry: vec![[0.0; 2]; frames],
            send: vec![0.0; frames],
        }
    }

    pub(crate) fn frames(&self) -> usize {
        self.dry.len()
    }

    /// A writer for one voice starting at frame `start`.
    pub(crate) fn voice(&mut self, start: usize, pan: f32, gain: f32, send: f32) -> Out<'_> {
        let angle = (pan.clamp(-1.0, 1.0) + 1.0) * FRAC_PI_4;
        let (gl, gr) = (angle.cos() * gain, angle.sin() * gain);
        let start = start.min(self.frames());
        Out {
            dry: &mut self.dry[start..],
            send_buf: &mut self.send[start..],
            gl,
            gr,
            send: send * 0.5,
        }
    }
}

/// Writes one voice into the bus, relative to the voice's start frame.
pub(crate) struct Out<'a> {
    dry: &'a mut [[f32; 2]],
    send_buf: &'a mut [f32],
    gl: f32,
    gr: f32,
    /// Send level, halved because the send sums both channels.
    send: f32,
}

impl Out<'_> {
    /// Frames that fit between the voice start and the end of the track.
    pub(crate) fn available(&self) -> usize {
        self.dry.len()
    }

    /// Adds a mono sample, panned.
    #[inline(always)]
    pub(crate) fn add(&mut self, i: usize, x: f32) {
        self.add_stereo(i, x, x);
    }

    /// Adds a stereo sample pair; the voice pan still applies on top.
    #[inline(always)]
    pub(crate) fn add_stereo(&mut self, i: usize, l: f32, r: f32) {
        if let (Some(frame), Some(send)) = (self.dry.get_mut(i), self.send_buf.get_mut(i)) {
            let (l, r) = (l * self.gl, r * self.gr);
            frame[0] += l;
            frame[1] += r;
            *send += (l + r) * self.send;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panning_is_constant_power_and_clipped_to_track() {
        let mut bus = Bus::new(4);
        {
            let mut out = bus.voice(2, -1.0, 1.0, 0.5);
            assert_eq!(out.available(), 2);
            out.add(0, 1.0);
            out.add(5, 1.0);
        }
        assert!((bus.dry[2][0] - 1.0).abs() < 1e-6);
        assert!(bus.dry[2][1].abs() < 1e-6);
        assert!((bus.send[2] - 0.25).abs() < 1e-6);
        let mut bus = Bus::new(1);
        bus.voice(0, 0.0, 1.0, 0.0).add(0, 1.0);
        let power = bus.dry[0][0].powi(2) + bus.dry[0][1].powi(2);
        assert!((power - 1.0).abs() < 1e-5);
    }
}
