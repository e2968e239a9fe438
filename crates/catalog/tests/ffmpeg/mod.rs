//! Real audio encoded by Debian's `ffmpeg` for the tests: short, tagged, one
//! file per format Chorus imports. A missing `ffmpeg` fails the test with a
//! message saying to install it (the test suite installs it).

use std::path::Path;
use std::process::Command;

/// One format: a file name and the ffmpeg arguments that encode it.
pub struct Format {
    pub file: &'static str,
    pub args: &'static [&'static str],
}

/// Every format the README names.
pub const FORMATS: [Format; 7] = [
    Format {
        file: "tone.mp3",
        args: &["-c:a", "libmp3lame", "-id3v2_version", "3"],
    },
    Format {
        file: "tone.flac",
        args: &["-c:a", "flac"],
    },
    Format {
        file: "tone.ogg",
        args: &["-c:a", "libvorbis"],
    },
    Format {
        file: "tone.opus",
        args: &["-c:a", "libopus"],
    },
    Format {
        file: "tone-aac.m4a",
        args: &["-c:a", "aac"],
    },
    Format {
        file: "tone-alac.m4a",
        args: &["-c:a", "alac"],
    },
    Format {
        file: "tone.wav",
        args: &["-c:a", "pcm_s16le"],
    },
];

/// Runs ffmpeg with `args`, failing the test clearly when it is missing or
/// fails.
pub fn ffmpeg(args: &[&str]) {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y"])
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "these tests encode real audio with ffmpeg, which could not be run ({e}): \
                 install it (`apt-get install -y ffmpeg`; scripts/test.sh does)"
            )
        });
    assert!(
        output.status.success(),
        "ffmpeg {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Encodes `seconds` of a tone in `format` into `dir`, tagged, with an
/// attached cover where ffmpeg's muxer takes one; returns the bytes.
pub fn encode(dir: &Path, format: &Format, seconds: f64) -> Vec<u8> {
    let cover = dir.join("art.png");
    if !cover.exists() {
        ffmpeg(&[
            "-f",
            "lavfi",
            "-i",
            "color=c=red:s=32x32",
            "-frames:v",
            "1",
            cover.to_str().unwrap(),
        ]);
    }
    let out = dir.join(format.file);
    let tone = format!("sine=frequency=440:duration={seconds}");
    let mut args = vec!["-f", "lavfi", "-i", &tone];
    let attached = [".mp3", ".flac", ".m4a"]
        .iter()
        .any(|ext| format.file.ends_with(ext));
    if attached {
        args.extend(["-i", cover.to_str().unwrap(), "-map", "0:a", "-map", "1:v"]);
        args.extend(["-c:v", "copy", "-disposition:v", "attached_pic"]);
    }
    args.extend(["-ac", "1", "-ar", "22050"]);
    if format.file.ends_with(".opus") {
        args.truncate(args.len() - 2);
    }
    args.extend(format.args);
    args.extend([
        "-metadata",
        "title=Tone",
        "-metadata",
        "artist=Tester",
        "-metadata",
        "album=Tones",
        "-metadata",
        "track=4",
        "-metadata",
        "genre=Test",
    ]);
    args.push(out.to_str().unwrap());
    ffmpeg(&args);
    std::fs::read(&out).unwrap()
}
