//! Real audio encoded by Debian's `ffmpeg`: a tagged tone in every format
//! Chorus imports, with cover art where the format carries it. A missing
//! `ffmpeg` fails the test with a message saying to install it (the test
//! suite, scripts/test.sh, installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

/// How a format carries its cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    /// An attached picture stream (`-disposition:v attached_pic`).
    Attached,
    /// A `METADATA_BLOCK_PICTURE` comment (Ogg: ffmpeg 5's Ogg muxer takes
    /// no picture stream, but passes the comment through).
    Comment,
    /// None embedded (WAV): a `cover.jpg` in the folder.
    Folder,
}

/// One format: its file, encoder arguments, the MIME type Chorus serves it
/// as, and how it carries tags and cover.
pub struct Format {
    pub file: &'static str,
    pub args: &'static [&'static str],
    pub mime: &'static str,
    pub cover: Cover,
    /// RIFF INFO (WAV) has no album artist and no disc number.
    pub full_tags: bool,
}

pub const FORMATS: [Format; 7] = [
    Format {
        file: "mp3/tone.mp3",
        args: &["-c:a", "libmp3lame", "-id3v2_version", "3"],
        mime: "audio/mpeg",
        cover: Cover::Attached,
        full_tags: true,
    },
    Format {
        file: "flac/tone.flac",
        args: &["-c:a", "flac"],
        mime: "audio/flac",
        cover: Cover::Attached,
        full_tags: true,
    },
    Format {
        file: "vorbis/tone.ogg",
        args: &["-c:a", "libvorbis"],
        mime: "audio/ogg",
        cover: Cover::Comment,
        full_tags: true,
    },
    Format {
        file: "opus/tone.opus",
        args: &["-c:a", "libopus"],
        mime: "audio/ogg; codecs=opus",
        cover: Cover::Comment,
        full_tags: true,
    },
    Format {
        file: "aac/tone.m4a",
        args: &["-c:a", "aac"],
        mime: "audio/mp4",
        cover: Cover::Attached,
        full_tags: true,
    },
    Format {
        file: "alac/tone.m4a",
        args: &["-c:a", "alac"],
        mime: "audio/mp4",
        cover: Cover::Attached,
        full_tags: true,
    },
    Format {
        file: "wav/tone.wav",
        args: &["-c:a", "pcm_s16le"],
        mime: "audio/wav",
        cover: Cover::Folder,
        full_tags: false,
    },
];

/// The tags every file is given (the title also names the format).
pub struct Tags {
    pub artist: &'static str,
    pub album: &'static str,
    pub album_artist: &'static str,
    pub disc: u32,
    pub year: u32,
    pub genre: &'static str,
}

pub const TAGS: Tags = Tags {
    artist: "The Test Tones",
    album: "Every Format",
    album_artist: "Various Testers",
    disc: 2,
    year: 2021,
    genre: "Electronic",
};

/// The title given to a format's file.
pub fn title(format: &Format) -> String {
    format!("Sine in {}", format.file)
}

/// Runs ffmpeg with `args`, failing the test clearly when it is missing or
/// fails.
pub fn ffmpeg(args: &[&str]) {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y"])
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "this test encodes real audio with ffmpeg, which could not be run ({e}): \
                 install it (`apt-get install -y ffmpeg`; scripts/test.sh does)"
            )
        });
    assert!(
        output.status.success(),
        "ffmpeg {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The covers: `cover.png` (embedded) and `cover.jpg` (folder art), made by
/// ffmpeg in `dir`.
pub fn covers(dir: &Path) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let png = dir.join("embedded.png");
    let jpg = dir.join("folder.jpeg");
    for (path, colour) in [(&png, "red"), (&jpg, "blue")] {
        if !path.exists() {
            let colour = format!("color=c={colour}:s=64x64");
            ffmpeg(&[
                "-f",
                "lavfi",
                "-i",
                &colour,
                "-frames:v",
                "1",
                path.to_str().unwrap(),
            ]);
        }
    }
    (png, jpg)
}

/// Encodes `seconds` of a 440 Hz tone as `format` below `dir` (track number
/// `track`), tagged, with its cover (made in `art`, outside `dir`); returns
/// the file's path.
pub fn encode(dir: &Path, art: &Path, format: &Format, track: u32, seconds: f64) -> PathBuf {
    let (png, jpg) = covers(art);
    let out = dir.join(format.file);
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let tone = format!("sine=frequency=440:duration={seconds}");
    let mut args: Vec<String> = ["-f", "lavfi", "-i", &tone]
        .iter()
        .map(|s| s.to_string())
        .collect();
    match format.cover {
        Cover::Attached => args.extend(
            [
                "-i",
                png.to_str().unwrap(),
                "-map",
                "0:a",
                "-map",
                "1:v",
                "-c:v",
                "copy",
                "-disposition:v",
                "attached_pic",
            ]
            .map(String::from),
        ),
        Cover::Comment => {
            let picture = flac_picture_block(&std::fs::read(&png).unwrap(), "image/png");
            args.push("-metadata".into());
            args.push(format!("METADATA_BLOCK_PICTURE={}", base64(&picture)));
        }
        Cover::Folder => {
            std::fs::copy(&jpg, out.parent().unwrap().join("cover.jpg")).unwrap();
        }
    }
    args.extend(format.args.iter().map(|s| s.to_string()));
    for (key, value) in [
        ("title", title(format)),
        ("artist", TAGS.artist.into()),
        ("album", TAGS.album.into()),
        ("album_artist", TAGS.album_artist.into()),
        ("track", track.to_string()),
        ("disc", TAGS.disc.to_string()),
        ("date", TAGS.year.to_string()),
        ("genre", TAGS.genre.into()),
    ] {
        args.push("-metadata".into());
        args.push(format!("{key}={value}"));
    }
    args.push(out.to_str().unwrap().into());
    ffmpeg(&args.iter().map(String::as_str).collect::<Vec<_>>());
    out
}

/// A FLAC picture block (front cover), the value of Vorbis comments'
/// `METADATA_BLOCK_PICTURE` once base64-encoded.
fn flac_picture_block(image: &[u8], mime: &str) -> Vec<u8> {
    let mut block = Vec::new();
    block.extend(3u32.to_be_bytes()); // picture type: front cover
    block.extend((mime.len() as u32).to_be_bytes());
    block.extend(mime.as_bytes());
    block.extend(0u32.to_be_bytes()); // no description
    for n in [64u32, 64, 24, 0] {
        block.extend(n.to_be_bytes()); // width, height, depth, colours
    }
    block.extend((image.len() as u32).to_be_bytes());
    block.extend(image);
    block
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn base64_matches_the_standard_alphabet() {
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE=");
    assert_eq!(base64(b"M"), "TQ==");
}
