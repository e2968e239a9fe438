//! Renders the whole demo catalog into a folder and reports time and size.
//!
//! `cargo run -p chorus-demo --example render_catalog -- /tmp/chorus-demo`

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), chorus_demo::DemoError> {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| std::env::temp_dir().join("chorus-demo"), PathBuf::from);
    let started = Instant::now();
    let files = chorus_demo::write_catalog(&dir, |done, total, path| {
        println!(
            "[{done:>2}/{total}] {:>6.1}s {}",
            started.elapsed().as_secs_f32(),
            path.display()
        );
    })?;
    let elapsed = started.elapsed();
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let seconds: u32 = chorus_demo::catalog()
        .iter()
        .map(chorus_demo::DemoAlbum::total_seconds)
        .sum();
    println!(
        "{} files, {seconds} s of audio, {:.1} MB, rendered in {:.1} s into {}",
        files.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        dir.display()
    );
    Ok(())
}
