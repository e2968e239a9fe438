//! The six concrete album styles of the demo catalog: ambient, downtempo
//! electronica, synth-pop, lo-fi hip hop, chiptune and folk.

use crate::style::{
    ArpLayer, BassHit, BassLayer, ChordLayer, ChordRhythm, CoverMotif, CoverStyle, DrumLayer,
    DrumPattern, LeadLayer, Style,
};
use crate::synth::delay::DelaySettings;
use crate::synth::drums::Kit;
use crate::synth::instruments::Instrument;
use crate::synth::reverb::ReverbSettings;
use crate::theory::Scale;

const fn hit(step: u32, len: u32, degree: i32) -> BassHit {
    BassHit { step, len, degree }
}

const NO_DRUM: &str = "................";

/// Slow lydian washes: saw pads, FM bells, sub bass, barely-there percussion.
pub(crate) static AMBIENT: Style = Style {
    bpm: 70.0,
    swing: 0.0,
    humanize: 0.006,
    tonic: 38,
    transpositions: &[0, -2, 3, 1, -3],
    scale: Scale::LYDIAN,
    avoid: &[],
    progressions: &[&[0, 1, 5, 4], &[0, 4, 5, 1], &[5, 4, 0, 1]],
    bars_per_chord: 2,
    sevenths: true,
    pad: Some(ChordLayer {
        instrument: Instrument::SawPad { cutoff: 1300.0 },
        low: 50,
        rhythm: ChordRhythm::Sustain,
        gain: 0.5,
        send: 0.7,
    }),
    arp: Some(ArpLayer {
        instrument: Instrument::Bell {
            ratio: 3.5,
            index: 1.2,
            decay: 1.4,
        },
        low: 62,
        rate: 4,
        patterns: &[&[0, 2, 1, 3], &[0, 1, 2, 4, 3, 2]],
        gate: 4,
        gain: 0.2,
        send: 0.8,
    }),
    lead: LeadLayer {
        instrument: Instrument::Bell {
            ratio: 3.5,
            index: 2.2,
            decay: 1.8,
        },
        octave: 2,
        density: 0.15,
        gain: 0.4,
        send: 0.6,
    },
    bass: BassLayer {
        instrument: Instrument::SubBass,
        patterns: &[&[hit(0, 16, 0)], &[hit(0, 12, 0), hit(12, 4, 4)]],
        gain: 0.45,
    },
    drums: Some(DrumLayer {
        kit: Kit {
            kick_from: 110.0,
            kick_to: 45.0,
            kick_decay: 0.25,
            snare_tone: 170.0,
            snare_decay: 0.1,
            snare_lowpass: 5000.0,
            hat_decay: 0.03,
            hat_cutoff: 8000.0,
            chip: false,
        },
        patterns: &[
            DrumPattern {
                kick: "x.........o.....",
                snare: NO_DRUM,
                hat: "..o...o...o...o.",
                open_hat: NO_DRUM,
                shaker: NO_DRUM,
            },
            DrumPattern {
                kick: "x.......x.......",
                snare: NO_DRUM,
                hat: NO_DRUM,
                open_hat: NO_DRUM,
                shaker: "..o...o...o...oo",
            },
        ],
        gain: 0.5,
        send: 0.4,
        fills: false,
    }),
    reverb: ReverbSettings {
        size: 0.88,
        damping: 0.4,
        wet: 0.9,
    },
    delay: Some(DelaySettings {
        beats: 0.75,
        feedback: 0.45,
        wet: 0.3,
    }),
    master_lowpass: None,
    fade_in: 3.0,
    fade_out: 5.0,
    cover: CoverStyle {
        motif: CoverMotif::Tides,
        palette: [
            [12, 30, 54],
            [22, 86, 110],
            [88, 170, 170],
            [180, 225, 215],
            [245, 240, 220],
        ],
    },
};

/// Night-drive downtempo in dorian: plucked arpeggios, mallet lead, saw bass.
pub(crate) static DOWNTEMPO: Style = Style {
    bpm: 96.0,
    swing: 0.0,
    humanize: 0.004,
    tonic: 45,
    transpositions: &[0, -2, 2, -4, 3],
    scale: Scale::DORIAN,
    avoid: &[],
    progressions: &[&[0, 3, 0, 6], &[0, 2, 3, 6], &[0, 6, 3, 3]],
    bars_per_chord: 1,
    sevenths: true,
    pad: Some(ChordLayer {
        instrument: Instrument::SawPad { cutoff: 900.0 },
        low: 57,
        rhythm: ChordRhythm::Sustain,
        gain: 0.3,
        send: 0.5,
    }),
    arp: Some(ArpLayer {
        instrument: Instrument::Pluck {
            brightness: 0.5,
            sustain: 0.9,
        },
        low: 60,
        rate: 1,
        patterns: &[&[0, 1, 2, 3, 4, 3, 2, 1], &[0, 2, 4, 1, 3, 5, 2, 4]],
        gate: 3,
        gain: 0.26,
        send: 0.4,
    }),
    lead: LeadLayer {
        instrument: Instrument::Bell {
            ratio: 2.0,
            index: 1.2,
            decay: 0.8,
        },
        octave: 2,
        density: 0.45,
        gain: 0.42,
        send: 0.45,
    },
    bass: BassLayer {
        instrument: Instrument::SawBass { cutoff: 260.0 },
        patterns: &[
            &[
                hit(0, 3, 0),
                hit(3, 3, 0),
                hit(6, 2, 7),
                hit(8, 3, 0),
                hit(11, 3, 0),
                hit(14, 2, 4),
            ],
            &[hit(0, 6, 0), hit(6, 2, 0), hit(8, 4, 4), hit(12, 4, 0)],
        ],
        gain: 0.55,
    },
    drums: Some(DrumLayer {
        kit: Kit {
            kick_from: 140.0,
            kick_to: 48.0,
            kick_decay: 0.18,
            snare_tone: 190.0,
            snare_decay: 0.09,
            snare_lowpass: 8000.0,
            hat_decay: 0.025,
            hat_cutoff: 8000.0,
            chip: false,
        },
        patterns: &[
            DrumPattern {
                kick: "X.....x...x.....",
                snare: "....X.......X...",
                hat: "x.o.x.o.x.o.x.oo",
                open_hat: "..............x.",
                shaker: NO_DRUM,
            },
            DrumPattern {
                kick: "X.......X.x.....",
                snare: "....X..o....X...",
                hat: "xoxoxoxoxoxoxoxo",
                open_hat: NO_DRUM,
                shaker: NO_DRUM,
            },
        ],
        gain: 0.75,
        send: 0.12,
        fills: true,
    }),
    reverb: ReverbSettings {
        size: 0.84,
        damping: 0.35,
        wet: 0.5,
    },
    delay: Some(DelaySettings {
        beats: 0.75,
        feedback: 0.35,
        wet: 0.35,
    }),
    master_lowpass: None,
    fade_in: 1.0,
    fade_out: 4.0,
    cover: CoverStyle {
        motif: CoverMotif::Contours,
        palette: [
            [10, 14, 36],
            [36, 40, 92],
            [60, 110, 170],
            [110, 210, 220],
            [220, 240, 245],
        ],
    },
};

/// Bright major-key synth-pop: four-on-the-floor, pulsing bass, saw lead.
pub(crate) static SYNTH_POP: Style = Style {
    bpm: 116.0,
    swing: 0.0,
    humanize: 0.002,
    tonic: 39,
    transpositions: &[0, 2, -1, -3, 4],
    scale: Scale::MAJOR,
    avoid: &[],
    progressions: &[&[0, 4, 5, 3], &[5, 3, 0, 4], &[0, 5, 3, 4]],
    bars_per_chord: 1,
    sevenths: false,
    pad: Some(ChordLayer {
        instrument: Instrument::SawPad { cutoff: 2200.0 },
        low: 55,
        rhythm: ChordRhythm::Sustain,
        gain: 0.3,
        send: 0.45,
    }),
    arp: Some(ArpLayer {
        instrument: Instrument::Pluck {
            brightness: 0.8,
            sustain: 0.4,
        },
        low: 67,
        rate: 2,
        patterns: &[&[0, 1, 2, 1], &[0, 2, 1, 3, 2, 1]],
        gate: 2,
        gain: 0.4,
        send: 0.35,
    }),
    lead: LeadLayer {
        instrument: Instrument::SawLead { cutoff: 2600.0 },
        octave: 2,
        density: 0.55,
        gain: 0.55,
        send: 0.35,
    },
    bass: BassLayer {
        instrument: Instrument::SawBass { cutoff: 350.0 },
        patterns: &[
            &[
                hit(0, 2, 0),
                hit(2, 2, 0),
                hit(4, 2, 0),
                hit(6, 2, 0),
                hit(8, 2, 0),
                hit(10, 2, 0),
                hit(12, 2, 0),
                hit(14, 2, 7),
            ],
            &[
                hit(0, 2, 0),
                hit(2, 2, 7),
                hit(4, 2, 0),
                hit(6, 2, 7),
                hit(8, 2, 0),
                hit(10, 2, 7),
                hit(12, 2, 0),
                hit(14, 2, 7),
            ],
        ],
        gain: 0.5,
    },
    drums: Some(DrumLayer {
        kit: Kit {
            kick_from: 160.0,
            kick_to: 50.0,
            kick_decay: 0.2,
            snare_tone: 200.0,
            snare_decay: 0.14,
            snare_lowpass: 9000.0,
            hat_decay: 0.02,
            hat_cutoff: 9000.0,
            chip: false,
        },
        patterns: &[
            DrumPattern {
                kick: "X...x...X...x...",
                snare: "....X.......X...",
                hat: "..x...x...x...x.",
                open_hat: "..............x.",
                shaker: NO_DRUM,
            },
            DrumPattern {
                kick: "X...x...X...x.x.",
                snare: "....X.......X...",
                hat: "x.x.x.x.x.x.x.x.",
                open_hat: NO_DRUM,
                shaker: NO_DRUM,
            },
        ],
        gain: 0.62,
        send: 0.2,
        fills: true,
    }),
    reverb: ReverbSettings {
        size: 0.85,
        damping: 0.3,
        wet: 0.45,
    },
    delay: Some(DelaySettings {
        beats: 0.75,
        feedback: 0.35,
        wet: 0.35,
    }),
    master_lowpass: None,
    fade_in: 0.5,
    fade_out: 4.0,
    cover: CoverStyle {
        motif: CoverMotif::SunsetGrid,
        palette: [
            [20, 8, 40],
            [70, 20, 90],
            [200, 40, 130],
            [255, 120, 90],
            [255, 220, 120],
        ],
    },
};

/// Swung, muffled jazz-hop: electric piano sevenths, boom-bap drums.
pub(crate) static LOFI: Style = Style {
    bpm: 82.0,
    swing: 0.3,
    humanize: 0.008,
    tonic: 41,
    transpositions: &[0, -2, 3, -4, 1],
    scale: Scale::MAJOR,
    avoid: &[],
    progressions: &[&[1, 4, 0, 5], &[0, 5, 1, 4], &[3, 2, 1, 4]],
    bars_per_chord: 1,
    sevenths: true,
    pad: Some(ChordLayer {
        instrument: Instrument::ElectricPiano { tremolo: 0.25 },
        low: 55,
        rhythm: ChordRhythm::Stabs(&[(0, 5), (6, 2), (10, 6)]),
        gain: 0.4,
        send: 0.3,
    }),
    arp: None,
    lead: LeadLayer {
        instrument: Instrument::Pluck {
            brightness: 0.35,
            sustain: 1.2,
        },
        octave: 2,
        density: 0.35,
        gain: 0.6,
        send: 0.3,
    },
    bass: BassLayer {
        instrument: Instrument::SubBass,
        patterns: &[
            &[hit(0, 6, 0), hit(7, 2, 0), hit(10, 3, 4), hit(14, 2, 7)],
            &[hit(0, 8, 0), hit(10, 4, 4), hit(14, 2, 0)],
        ],
        gain: 0.6,
    },
    drums: Some(DrumLayer {
        kit: Kit {
            kick_from: 120.0,
            kick_to: 45.0,
            kick_decay: 0.2,
            snare_tone: 180.0,
            snare_decay: 0.12,
            snare_lowpass: 5000.0,
            hat_decay: 0.03,
            hat_cutoff: 6000.0,
            chip: false,
        },
        patterns: &[
            DrumPattern {
                kick: "X.......x.X.....",
                snare: "....X.......X...",
                hat: "x.x.x.x.x.x.x.xo",
                open_hat: NO_DRUM,
                shaker: NO_DRUM,
            },
            DrumPattern {
                kick: "X......x..X.....",
                snare: "....X.......X..o",
                hat: "x.xox.x.x.xox.x.",
                open_hat: NO_DRUM,
                shaker: NO_DRUM,
            },
        ],
        gain: 0.7,
        send: 0.08,
        fills: false,
    }),
    reverb: ReverbSettings {
        size: 0.8,
        damping: 0.5,
        wet: 0.6,
    },
    delay: None,
    master_lowpass: Some(4200.0),
    fade_in: 1.0,
    fade_out: 3.0,
    cover: CoverStyle {
        motif: CoverMotif::Window,
        palette: [
            [40, 34, 60],
            [96, 80, 120],
            [220, 150, 140],
            [245, 200, 170],
            [255, 240, 215],
        ],
    },
};

/// Fast, cheerful chiptune: pulse leads, fast arps, triangle bass, noise drums.
pub(crate) static CHIPTUNE: Style = Style {
    bpm: 140.0,
    swing: 0.0,
    humanize: 0.0,
    tonic: 43,
    transpositions: &[0, 2, -2, 5, -3],
    scale: Scale::MAJOR,
    avoid: &[3, 6],
    progressions: &[&[0, 5, 3, 4], &[0, 3, 4, 0], &[5, 3, 0, 4]],
    bars_per_chord: 1,
    sevenths: false,
    pad: None,
    arp: Some(ArpLayer {
        instrument: Instrument::Chip { duty: 0.125 },
        low: 60,
        rate: 1,
        patterns: &[&[0, 1, 2, 3, 2, 1], &[0, 1, 2, 1]],
        gate: 1,
        gain: 0.22,
        send: 0.05,
    }),
    lead: LeadLayer {
        instrument: Instrument::Chip { duty: 0.25 },
        octave: 2,
        density: 0.7,
        gain: 0.5,
        send: 0.1,
    },
    bass: BassLayer {
        instrument: Instrument::ChipTriangle,
        patterns: &[
            &[
                hit(0, 2, 0),
                hit(2, 2, 7),
                hit(4, 2, 0),
                hit(6, 2, 7),
                hit(8, 2, 0),
                hit(10, 2, 7),
                hit(12, 2, 0),
                hit(14, 2, 7),
            ],
            &[
                hit(0, 3, 0),
                hit(4, 2, 0),
                hit(6, 2, 4),
                hit(8, 3, 0),
                hit(12, 2, 4),
                hit(14, 2, 7),
            ],
        ],
        gain: 0.45,
    },
    drums: Some(DrumLayer {
        kit: Kit {
            kick_from: 200.0,
            kick_to: 60.0,
            kick_decay: 0.08,
            snare_tone: 220.0,
            snare_decay: 0.06,
            snare_lowpass: 9000.0,
            hat_decay: 0.015,
            hat_cutoff: 4000.0,
            chip: true,
        },
        patterns: &[
            DrumPattern {
                kick: "X.......X.x.....",
                snare: "....X.......X...",
                hat: "x.x.x.x.x.x.x.x.",
                open_hat: NO_DRUM,
                shaker: NO_DRUM,
            },
            DrumPattern {
                kick: "X...X...X...X...",
                snare: "....X.......X.x.",
                hat: "..x...x...x...x.",
                open_hat: NO_DRUM,
                shaker: NO_DRUM,
            },
        ],
        gain: 0.6,
        send: 0.02,
        fills: true,
    }),
    reverb: ReverbSettings {
        size: 0.7,
        damping: 0.5,
        wet: 0.3,
    },
    delay: Some(DelaySettings {
        beats: 0.5,
        feedback: 0.3,
        wet: 0.25,
    }),
    master_lowpass: None,
    fade_in: 0.2,
    fade_out: 2.5,
    cover: CoverStyle {
        motif: CoverMotif::PixelMeadow,
        palette: [
            [30, 60, 40],
            [70, 150, 70],
            [90, 160, 230],
            [250, 210, 80],
            [240, 250, 255],
        ],
    },
};

/// Warm folk: finger-picked guitar, flute melody, upright-ish bass, shaker.
pub(crate) static FOLK: Style = Style {
    bpm: 92.0,
    swing: 0.0,
    humanize: 0.006,
    tonic: 38,
    transpositions: &[0, 5, -3, 2, 4],
    scale: Scale::MAJOR,
    avoid: &[3, 6],
    progressions: &[&[0, 3, 5, 4], &[0, 4, 3, 0], &[5, 3, 0, 4]],
    bars_per_chord: 1,
    sevenths: false,
    pad: Some(ChordLayer {
        instrument: Instrument::SawPad { cutoff: 700.0 },
        low: 52,
        rhythm: ChordRhythm::Sustain,
        gain: 0.16,
        send: 0.4,
    }),
    arp: Some(ArpLayer {
        instrument: Instrument::Pluck {
            brightness: 0.55,
            sustain: 1.5,
        },
        low: 50,
        rate: 2,
        patterns: &[&[0, 2, 3, 1, 2, 3, 1, 2], &[0, 1, 2, 3, 2, 1, 2, 3]],
        gate: 4,
        gain: 0.34,
        send: 0.3,
    }),
    lead: LeadLayer {
        instrument: Instrument::Flute,
        octave: 2,
        density: 0.35,
        gain: 0.55,
        send: 0.35,
    },
    bass: BassLayer {
        instrument: Instrument::Pluck {
            brightness: 0.3,
            sustain: 1.0,
        },
        patterns: &[
            &[hit(0, 7, 0), hit(8, 7, 4)],
            &[hit(0, 4, 0), hit(6, 2, 0), hit(8, 6, 4)],
        ],
        gain: 0.45,
    },
    drums: Some(DrumLayer {
        kit: Kit {
            kick_from: 100.0,
            kick_to: 48.0,
            kick_decay: 0.18,
            snare_tone: 170.0,
            snare_decay: 0.08,
            snare_lowpass: 4000.0,
            hat_decay: 0.02,
            hat_cutoff: 7000.0,
            chip: false,
        },
        patterns: &[
            DrumPattern {
                kick: "X.......X.......",
                snare: "............o...",
                hat: NO_DRUM,
                open_hat: NO_DRUM,
                shaker: "x.o.x.o.x.o.x.o.",
            },
            DrumPattern {
                kick: "X.....x.X.......",
                snare: "....o.......o...",
                hat: NO_DRUM,
                open_hat: NO_DRUM,
                shaker: "xoooxoooxoooxooo",
            },
        ],
        gain: 0.4,
        send: 0.15,
        fills: false,
    }),
    reverb: ReverbSettings {
        size: 0.82,
        damping: 0.45,
        wet: 0.4,
    },
    delay: None,
    master_lowpass: None,
    fade_in: 1.5,
    fade_out: 4.0,
    cover: CoverStyle {
        motif: CoverMotif::Ridges,
        palette: [
            [40, 36, 48],
            [92, 72, 80],
            [190, 110, 80],
            [240, 170, 100],
            [250, 230, 190],
        ],
    },
};
