//! Timing one kind of call: a warm-up, then one call at a time over
//! prepared inputs, into a latency histogram; and timing a chart refresh.

use std::future::Future;
use std::time::Instant;

use chorus_discovery::Discovery;

use crate::discovery_table::{summary, Latency, Refresh};
use crate::report::latency_histogram;

/// Calls of each kind before timing starts.
pub const WARM_UP: usize = 20;
/// Slowest inputs printed, where they are described.
const SLOWEST: usize = 5;

/// Unix milliseconds now.
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

/// Times `call(i)` for `samples` inputs after [`WARM_UP`] others; each
/// call returns a number to average (items found, a score). With
/// `describe`, prints the slowest inputs.
pub async fn measure<F, Fut>(
    name: &str,
    target_ms: Option<f64>,
    samples: usize,
    describe: Option<&dyn Fn(usize) -> String>,
    mut call: F,
) -> anyhow::Result<Latency>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = anyhow::Result<f64>>,
{
    for i in 0..WARM_UP {
        call(i).await?;
    }
    let mut histogram = latency_histogram()?;
    let mut sum = 0.0;
    let mut slowest: Vec<(u64, usize)> = Vec::new();
    for i in WARM_UP..WARM_UP + samples {
        let future = call(i);
        let started = Instant::now();
        sum += future.await?;
        let us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        histogram.record(us)?;
        slowest.push((us, i));
        slowest.sort_by(|a, b| b.cmp(a));
        slowest.truncate(SLOWEST);
    }
    println!("  {name}: {}", summary(&histogram));
    if let Some(describe) = describe {
        let list: Vec<String> = slowest
            .iter()
            .map(|(us, i)| format!("{} {:.1} ms", describe(*i), *us as f64 / 1000.0))
            .collect();
        println!("    slowest: {}", list.join(", "));
    }
    Ok(Latency {
        name: name.to_owned(),
        histogram,
        mean_result: sum / samples.max(1) as f64,
        target_ms,
    })
}

/// Times one [`Discovery::refresh_charts`] that rolls up `plays`.
pub async fn refresh(discovery: &Discovery, name: &str, plays: u64) -> anyhow::Result<Refresh> {
    let started = Instant::now();
    discovery.refresh_charts(now_ms()).await?;
    let elapsed = started.elapsed();
    println!("  chart refresh, {name}: {:.3} s", elapsed.as_secs_f64());
    Ok(Refresh {
        name: name.to_owned(),
        elapsed,
        plays,
    })
}
