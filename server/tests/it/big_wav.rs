//! A 2 GiB WAV imports in bounded memory: the real `chorus import` binary,
//! run as a child process, imports it while its peak resident memory is
//! watched.
//!
//! The WAV is made cheaply: ffmpeg writes a short tagged WAV, whose `data`
//! chunk (its last chunk) is then extended with `File::set_len` to fill the
//! file up to 2 GiB — sparse zeros, i.e. silence, taking no disk until read —
//! and whose RIFF and `data` sizes are patched to match. Everything else
//! (format chunk, tags) is ffmpeg's.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chorus_storage::{CatalogStore, PageRequest};

use crate::ffmpeg::{encode, FORMATS};

/// The WAV's size.
const SIZE: u64 = 2 << 30;
/// The bound on the importer's peak resident memory. An importer that held
/// the file would need over 2 GiB (2048 MiB); `chorus import` of a small
/// folder peaks at a few tens of MiB (the runtime, the database pool, the
/// 256 KiB copy buffers, the demuxer's 64 KiB), so 150 MiB leaves room for
/// allocator slack while being a small fraction of the file.
const MAX_PEAK_RSS_MIB: u64 = 150;

#[tokio::test]
async fn a_2_gib_wav_imports_in_bounded_memory() {
    // Not in /tmp, which may be a RAM disk: the media store gets a real
    // 2 GiB copy.
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (data, music) = (root.path().join("data"), root.path().join("music"));
    let wav = FORMATS.iter().find(|f| f.file.ends_with(".wav")).unwrap();
    let path = encode(&music, &root.path().join("art"), wav, 1, 1.0);
    let expected_seconds = grow_wav(&path, SIZE);

    let started = Instant::now();
    let (status, peak_kib, log) = run_watching_memory(
        Command::new(env!("CARGO_BIN_EXE_chorus"))
            .args(["import", music.to_str().unwrap()])
            .env("CHORUS_DATA_DIR", &data)
            .env_remove("DATABASE_URL"),
    );
    let elapsed = started.elapsed();
    let peak_mib = peak_kib / 1024;
    eprintln!(
        "chorus import of a {} MiB WAV: {:.1} s, peak RSS {peak_mib} MiB",
        SIZE >> 20,
        elapsed.as_secs_f64()
    );
    assert!(status.success(), "{log}");
    assert!(log.contains("1 added"), "{log}");
    assert!(
        peak_mib < MAX_PEAK_RSS_MIB,
        "peak RSS {peak_mib} MiB, over {MAX_PEAK_RSS_MIB} MiB\n{log}"
    );

    let url = format!("sqlite://{}", data.join("chorus.db").display());
    let store = chorus_storage_sqlite::SqliteStore::open(&url)
        .await
        .unwrap();
    let tracks = store
        .list_tracks(PageRequest::default())
        .await
        .unwrap()
        .items;
    assert_eq!(tracks.len(), 1);
    let seconds = tracks[0].duration_ms as f64 / 1000.0;
    assert!(
        (seconds - expected_seconds).abs() <= 0.3,
        "{seconds} s, expected {expected_seconds} s"
    );
    let stored = data
        .join("media")
        .join(&tracks[0].stream_url.rsplit('/').next().unwrap()[..2])
        .join(tracks[0].stream_url.rsplit('/').next().unwrap());
    assert_eq!(std::fs::metadata(&stored).unwrap().len(), SIZE);
}

/// Extends the WAV at `path` (whose last chunk is `data`) to `size` bytes of
/// which all but the header are samples; returns its length in seconds.
fn grow_wav(path: &Path, size: u64) -> f64 {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..4], b"RIFF");
    let (mut pos, mut fmt, mut data_at) = (12usize, None, None);
    while pos + 8 <= bytes.len() {
        let id = &bytes[pos..pos + 4];
        let len = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as usize;
        if id == b"fmt " {
            fmt = Some(pos + 8);
        }
        if id == b"data" {
            data_at = Some(pos);
            assert_eq!(pos + 8 + len, bytes.len(), "data is ffmpeg's last chunk");
        }
        pos += 8 + len + (len & 1);
    }
    let (fmt, data_at) = (fmt.unwrap(), data_at.unwrap());
    let rate = u32::from_le_bytes(bytes[fmt + 4..fmt + 8].try_into().unwrap());
    let block = u16::from_le_bytes(bytes[fmt + 12..fmt + 14].try_into().unwrap());
    let header = data_at as u64 + 8;
    let samples = (size - header) / u64::from(block) * u64::from(block);
    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_len(header + samples).unwrap();
    let mut file = std::io::BufWriter::new(file);
    file.seek(SeekFrom::Start(4)).unwrap();
    file.write_all(&u32::try_from(header + samples - 8).unwrap().to_le_bytes())
        .unwrap();
    file.seek(SeekFrom::Start(data_at as u64 + 4)).unwrap();
    file.write_all(&u32::try_from(samples).unwrap().to_le_bytes())
        .unwrap();
    file.flush().unwrap();
    samples as f64 / f64::from(u32::from(block) * rate)
}

/// Runs `command`, polling its peak resident memory (`VmHWM` in
/// /proc/PID/status, which only grows) until it exits; returns its status,
/// the last peak read in KiB and its stderr. The poll every 5 ms misses at
/// most the last 5 ms of the process's life (its exit): an importer holding
/// the file would show long before that.
fn run_watching_memory(command: &mut Command) -> (std::process::ExitStatus, u64, String) {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap());
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        if let Some(kib) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| vm_hwm_kib(&s))
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (status, peak_kib, reader.join().unwrap())
}

fn vm_hwm_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
