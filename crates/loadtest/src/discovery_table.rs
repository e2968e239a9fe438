//! The discovery benchmark's figures and their markdown tables.

use std::time::Duration;

use hdrhistogram::Histogram;

/// One timed chart refresh.
#[derive(Debug)]
pub struct Refresh {
    pub name: String,
    pub elapsed: Duration,
    /// Plays it rolled up.
    pub plays: u64,
}

/// Latencies of one call over many inputs.
#[derive(Debug)]
pub struct Latency {
    pub name: String,
    /// Microseconds.
    pub histogram: Histogram<u64>,
    /// The mean of what each call returned (items, or a score).
    pub mean_result: f64,
    /// A p99 goal, in milliseconds.
    pub target_ms: Option<f64>,
}

#[derive(Debug, Default)]
pub struct Figures {
    pub refreshes: Vec<Refresh>,
    pub latencies: Vec<Latency>,
    /// The machine's load averages (`/proc/loadavg`) before and after the
    /// measurements: other work on the cores shows in the latencies.
    pub load: (String, String),
}

/// The 1, 5 and 15-minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn ms(us: u64) -> String {
    let ms = us as f64 / 1000.0;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn duration(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    }
}

/// `p50 … max` on one line.
pub fn summary(h: &Histogram<u64>) -> String {
    format!(
        "p50 {}, p95 {}, p99 {}, max {} (n = {})",
        ms(h.value_at_quantile(0.50)),
        ms(h.value_at_quantile(0.95)),
        ms(h.value_at_quantile(0.99)),
        ms(h.max()),
        h.len()
    )
}

/// Both tables, headed by `label` (the backend).
pub fn markdown(label: &str, figures: &Figures) -> String {
    let mut out = format!(
        "\n### {label}\n\nLoad average (1, 5, 15 min) before the measurements: {}; after: {}.\n\n\
         | chart refresh | time | plays rolled up | plays/s |\n|---|---|---|---|\n",
        figures.load.0, figures.load.1
    );
    for r in &figures.refreshes {
        let rate = match r.plays {
            0 => "—".to_owned(),
            plays => format!("{:.0}", plays as f64 / r.elapsed.as_secs_f64().max(1e-9)),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.name,
            duration(r.elapsed),
            r.plays,
            rate
        ));
    }
    out.push_str(
        "\n| call | n | p50 | p95 | p99 | max | mean result | p99 target |\n|---|---|---|---|---|---|---|---|\n",
    );
    for l in &figures.latencies {
        let h = &l.histogram;
        let p99 = h.value_at_quantile(0.99);
        let target = match l.target_ms {
            Some(t) if (p99 as f64) < t * 1000.0 => format!("< {t:.0} ms: met"),
            Some(t) => format!("< {t:.0} ms: **missed**"),
            None => "—".to_owned(),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | **{}** | {} | {:.1} | {} |\n",
            l.name,
            h.len(),
            ms(h.value_at_quantile(0.50)),
            ms(h.value_at_quantile(0.95)),
            ms(p99),
            ms(h.max()),
            l.mean_result,
            target
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_a_row_per_figure() {
        let mut histogram = crate::report::latency_histogram().unwrap();
        histogram.record(12_345).unwrap();
        let figures = Figures {
            refreshes: vec![Refresh {
                name: "first".into(),
                elapsed: Duration::from_secs(2),
                plays: 1000,
            }],
            latencies: vec![Latency {
                name: "search".into(),
                histogram,
                mean_result: 3.0,
                target_ms: Some(20.0),
            }],
            load: ("0.5 0.4 0.3".into(), "1.0 0.5 0.3".into()),
        };
        let table = markdown("SQLite", &figures);
        assert!(table.contains("| first | 2.00 s | 1000 | 500 |"), "{table}");
        assert!(table.contains("< 20 ms: met"), "{table}");
    }
}
