//! Property tests on untrusted input: real files of every format (encoded by
//! ffmpeg), mutated — bytes flipped or overwritten, cut at any point, ranges
//! inserted or deleted, another format's header spliced in — and probed.
//! Probing must never panic, must answer a probe or a skip reason every
//! time, and the right one where the mutation decides it: a cut file is
//! never imported as whole, and a changed byte of a checksummed Ogg stream
//! is always caught. The importer must never abort on such a file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ffmpeg;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chorus_catalog::{
    catch_crash, probe, probe_guarded, FileOutcome, Importer, MediaStore, ProbedAudio, SkipReason,
    Source,
};
use chorus_domain::MediaKind;
use proptest::prelude::*;
use proptest::sample::Index;

/// Cases per format (each probes one mutated file).
const CASES: u32 = 128;
/// Cases of the importer test (each imports one mutated file).
const IMPORT_CASES: u32 = 48;

/// A valid file of one format and what probing it gives.
struct Original {
    file: &'static str,
    bytes: Vec<u8>,
    probed: ProbedAudio,
}

fn originals() -> &'static [Original] {
    static FILES: OnceLock<Vec<Original>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        ffmpeg::FORMATS
            .iter()
            .map(|format| {
                let bytes = ffmpeg::encode(dir.path(), format, 1.0);
                let probed = probe(&Source::bytes(bytes.clone()), extension(format.file))
                    .unwrap_or_else(|e| panic!("{} does not import: {e}", format.file));
                Original {
                    file: format.file,
                    bytes,
                    probed,
                }
            })
            .collect()
    })
}

fn original(file: &str) -> &'static Original {
    originals().iter().find(|o| o.file == file).unwrap()
}

fn extension(file: &str) -> Option<&str> {
    file.rsplit_once('.').map(|(_, ext)| ext)
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Flip one bit.
    Flip(Index, u8),
    /// Overwrite bytes in place.
    Overwrite(Index, Vec<u8>),
    /// Cut the file at a point.
    Truncate(Index),
    /// Insert bytes.
    Insert(Index, Vec<u8>),
    /// Delete a range.
    Delete(Index, usize),
    /// Replace the start with the start of another format's file.
    SpliceHeader(Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, bit)| Mutation::Flip(i, bit)),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Mutation::Overwrite(i, b)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), 1usize..512).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), 4usize..256).prop_map(|(i, n)| Mutation::SpliceHeader(i, n)),
    ]
}

/// What a set of mutations did to the file, for the oracle.
#[derive(Debug, Default)]
struct Effect {
    /// Bytes were removed from the end (and nothing else changed but that).
    cut_only: bool,
    /// Only bytes in place changed (same length).
    in_place_only: bool,
}

fn apply(bytes: &[u8], mutations: &[Mutation]) -> (Vec<u8>, Effect) {
    let mut out = bytes.to_vec();
    let (mut cut_only, mut in_place_only) = (true, true);
    for m in mutations {
        let len = out.len().max(1);
        match m {
            Mutation::Flip(i, bit) => {
                cut_only = false;
                if !out.is_empty() {
                    out[i.index(len)] ^= 1 << bit;
                }
            }
            Mutation::Overwrite(i, b) => {
                cut_only = false;
                let at = i.index(len);
                for (k, byte) in b.iter().enumerate() {
                    if let Some(slot) = out.get_mut(at + k) {
                        *slot = *byte;
                    }
                }
            }
            Mutation::Truncate(i) => {
                in_place_only = false;
                out.truncate(i.index(len));
            }
            Mutation::Insert(i, b) => {
                (cut_only, in_place_only) = (false, false);
                let at = i.index(len + 1).min(out.len());
                out.splice(at..at, b.iter().copied());
            }
            Mutation::Delete(i, n) => {
                (cut_only, in_place_only) = (false, false);
                let at = i.index(len).min(out.len());
                let end = (at + n).min(out.len());
                out.drain(at..end);
            }
            Mutation::SpliceHeader(i, n) => {
                cut_only = false;
                let other = &originals()[i.index(originals().len())].bytes;
                let n = (*n).min(other.len()).min(out.len());
                out[..n].copy_from_slice(&other[..n]);
            }
        }
    }
    let changed = out != bytes;
    (
        out,
        Effect {
            cut_only: cut_only && changed,
            in_place_only: in_place_only && changed,
        },
    )
}

/// Probes a mutated `file` and checks the answer against the oracle.
fn check(file: &str, mutations: &[Mutation]) -> Result<(), TestCaseError> {
    let original = original(file);
    let (bytes, effect) = apply(&original.bytes, mutations);
    // Unguarded: a panic here fails the property (and is shrunk).
    let result = probe(&Source::bytes(bytes.clone()), extension(file));
    if bytes == original.bytes {
        prop_assert_eq!(result.as_ref(), Ok(&original.probed));
        return Ok(());
    }
    match &result {
        Ok(probed) => {
            prop_assert!(probed.kind.is_audio());
            prop_assert!(probed.duration_ms > 0);
        }
        Err(reason) => {
            prop_assert!(!matches!(reason, SkipReason::Crashed(_)));
            prop_assert!(!reason.to_string().is_empty());
        }
    }
    if bytes.is_empty() {
        prop_assert_eq!(result.as_ref().err(), Some(&SkipReason::Empty));
    }
    let kind = original.probed.kind;
    // Every byte of an Ogg stream is under a page checksum, and every
    // container walk finds a cut: these must be skipped.
    let checksummed = matches!(kind, MediaKind::Ogg | MediaKind::Opus);
    let walked = checksummed || matches!(kind, MediaKind::Wav | MediaKind::M4a);
    if (effect.in_place_only && checksummed) || (effect.cut_only && walked) {
        prop_assert!(result.is_err(), "{:?} imported: {:?}", mutations, result);
    }
    // A cut MP3 or FLAC may lose a partial last frame, never more.
    if effect.cut_only {
        if let Ok(probed) = &result {
            prop_assert!(
                probed.duration_ms + 150 >= original.probed.duration_ms,
                "cut to {} bytes, imported as {} ms of {} ms",
                bytes.len(),
                probed.duration_ms,
                original.probed.duration_ms
            );
        }
    }
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Failures are reported with their shrunk input; nothing is
        // written into the repository.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

macro_rules! mutated_format {
    ($name:ident, $file:literal) => {
        proptest! {
            #![proptest_config(config(CASES))]
            #[test]
            fn $name(mutations in prop::collection::vec(mutation(), 1..4)) {
                check($file, &mutations)?;
            }
        }
    };
}

mutated_format!(mutated_mp3_never_panics_and_is_judged_right, "tone.mp3");
mutated_format!(mutated_flac_never_panics_and_is_judged_right, "tone.flac");
mutated_format!(mutated_vorbis_never_panics_and_is_judged_right, "tone.ogg");
mutated_format!(mutated_opus_never_panics_and_is_judged_right, "tone.opus");
mutated_format!(mutated_aac_never_panics_and_is_judged_right, "tone-aac.m4a");
mutated_format!(
    mutated_alac_never_panics_and_is_judged_right,
    "tone-alac.m4a"
);
mutated_format!(mutated_wav_never_panics_and_is_judged_right, "tone.wav");

/// Found by the AAC property: ten bytes overwritten left well under a
/// millisecond of audio, which was imported as a track of 0 ms.
#[test]
fn an_aac_file_left_with_no_whole_millisecond_of_audio_is_judged_right() {
    let mut bytes = original("tone-aac.m4a").bytes.clone();
    // Where proptest's `Index(16651370541368555167)` points (90 % in).
    let at = ((bytes.len() as u128 * 16_651_370_541_368_555_167_u128) >> 64) as usize;
    for (k, byte) in [0, 0, 0, 0, 0, 0, 0, 0, 0, 3].into_iter().enumerate() {
        if let Some(slot) = bytes.get_mut(at + k) {
            *slot = byte;
        }
    }
    match probe(&Source::bytes(bytes), Some("m4a")) {
        Ok(probed) => assert!(probed.duration_ms > 0, "{probed:?}"),
        Err(reason) => assert!(!matches!(reason, SkipReason::Crashed(_)), "{reason}"),
    }
}

#[test]
fn every_format_cut_in_half_is_skipped_as_truncated_or_corrupt() {
    for original in originals() {
        let half = &original.bytes[..original.bytes.len() / 2];
        let result = probe(&Source::bytes(half.to_vec()), extension(original.file));
        assert!(
            matches!(
                result,
                Err(SkipReason::Truncated(_) | SkipReason::Corrupt(_))
            ),
            "{}: {result:?}",
            original.file
        );
    }
}

#[test]
fn a_panic_while_probing_becomes_a_crash_reason() {
    let reason = catch_crash::<()>(|| panic!("index out of bounds: the len is 3")).unwrap_err();
    assert_eq!(
        reason.to_string(),
        "the decoder crashed on this file: index out of bounds: the len is 3"
    );
    // Arithmetic overflow panics in debug builds (the test profile).
    if cfg!(debug_assertions) {
        let overflow = catch_crash(|| Ok(std::hint::black_box(u8::MAX) + 1));
        assert!(
            matches!(&overflow, Err(SkipReason::Crashed(m)) if m.contains("overflow")),
            "{overflow:?}"
        );
    }
    // And the guarded probe answers as the probe does otherwise.
    assert_eq!(
        probe_guarded(&Source::bytes(Vec::new()), None),
        Err(SkipReason::Empty)
    );
}

/// Imports each mutated file into a real store: the importer answers for
/// every file (imported or skipped with a reason) and never aborts.
#[test]
fn the_importer_never_aborts_on_a_mutated_file() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("chorus.db").display());
    let store = runtime
        .block_on(chorus_storage_sqlite::SqliteStore::open(&url))
        .unwrap();
    let store = Arc::new(store);
    let importer = Importer::new(
        store.clone(),
        store,
        MediaStore::new(dir.path().join("media")),
    );
    let music: PathBuf = dir.path().join("music");
    std::fs::create_dir_all(&music).unwrap();
    let files: Vec<&str> = originals().iter().map(|o| o.file).collect();
    let mut runner = proptest::test_runner::TestRunner::new(config(IMPORT_CASES));
    runner
        .run(
            &(
                prop::sample::select(files),
                prop::collection::vec(mutation(), 1..4),
            ),
            |(file, mutations)| {
                let (bytes, _) = apply(&original(file).bytes, &mutations);
                let path = music.join(file);
                std::fs::write(&path, &bytes).unwrap();
                let outcome = runtime.block_on(importer.import_file(&path));
                prop_assert!(outcome.is_ok(), "the import aborted: {:?}", outcome);
                if let Ok(FileOutcome::Skipped(reason)) = outcome {
                    prop_assert!(!reason.to_string().is_empty());
                }
                Ok(())
            },
        )
        .unwrap();
}
