//! What the command line prints while it renders and imports music.

use chorus_catalog::{FileOutcome, ImportProgress, ImportReport};
use chorus_storage::ImportOutcome;

/// After each demo track is rendered.
pub fn rendered(done: usize, total: usize) {
    eprintln!("[demo] rendered {done}/{total} tracks");
}

/// After each file is imported.
pub fn imported(p: ImportProgress<'_>) {
    let what = match p.outcome {
        FileOutcome::Imported(ImportOutcome::Added(_)) => "added".to_owned(),
        FileOutcome::Imported(ImportOutcome::Updated(_)) => "updated".to_owned(),
        FileOutcome::Imported(ImportOutcome::Unchanged(_)) => "unchanged".to_owned(),
        FileOutcome::Skipped(reason) => format!("SKIPPED: {reason}"),
    };
    eprintln!("[{}/{}] {} — {what}", p.done, p.total, p.path.display());
}

/// The totals at the end of an import.
pub fn summary(report: &ImportReport) {
    eprintln!(
        "import finished: {} added, {} updated, {} unchanged, {} skipped",
        report.added,
        report.updated,
        report.unchanged,
        report.skipped.len()
    );
    for (path, reason) in &report.skipped {
        eprintln!("  skipped {}: {reason}", path.display());
    }
}
