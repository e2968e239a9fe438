//! The `chorus` binary's catalog commands, run as a process.

use std::process::Command;

use crate::fixtures::write_samples;

fn chorus(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(args)
        .env("CHORUS_DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

#[test]
fn import_reports_each_file_and_fails_softly_on_bad_ones() {
    let data = tempfile::tempdir().unwrap();
    let music = tempfile::tempdir().unwrap();
    let good = write_samples(music.path());
    std::fs::write(music.path().join("readme.mp3"), b"not audio at all").unwrap();
    let dir = music.path().to_str().unwrap();

    let first = chorus(data.path(), &["import", dir]);
    let log = String::from_utf8_lossy(&first.stderr);
    assert_eq!(
        first.status.code(),
        Some(2),
        "skipped files give exit status 2\n{log}"
    );
    assert!(
        log.contains("readme.mp3") && log.contains("not an audio file"),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "{} added, 0 updated, 0 unchanged, 1 skipped",
            good.len()
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!("[1/{}]", good.len() + 1)),
        "progress per file\n{log}"
    );

    std::fs::remove_file(music.path().join("readme.mp3")).unwrap();
    let second = chorus(data.path(), &["import", dir]);
    let log = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{log}");
    assert!(
        log.contains(&format!(
            "0 added, 0 updated, {} unchanged, 0 skipped",
            good.len()
        )),
        "{log}"
    );
}

#[test]
fn help_documents_the_commands_and_flags() {
    let data = tempfile::tempdir().unwrap();
    let help = chorus(data.path(), &["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for word in ["serve", "import", "demo", "--data-dir", "DATABASE_URL"] {
        assert!(text.contains(word), "{word} in\n{text}");
    }
    let serve = chorus(data.path(), &["serve", "--help"]);
    let text = String::from_utf8_lossy(&serve.stdout);
    for word in ["--addr", "CHORUS_ADDR", "127.0.0.1:3000", "CHORUS_DATA_DIR"] {
        assert!(text.contains(word), "{word} in\n{text}");
    }
}
