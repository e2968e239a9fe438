//! "3 min ago" for the RFC 3339 times the API sends (`2026-11-27T10:00:00.123Z`),
//! computed without a date library so it is the same in the browser and in
//! tests.

/// Milliseconds since the epoch of a UTC RFC 3339 time, `None` if it is not
/// one.
pub fn parse_utc_ms(at: &str) -> Option<f64> {
    let date = at.get(0..10)?;
    let time = at.get(11..19)?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min, s) = (t.next()??, t.next()??, t.next()??);
    let fraction: f64 = at
        .get(19..)
        .and_then(|rest| rest.strip_prefix('.'))
        .map(|rest| rest.trim_end_matches('Z'))
        .and_then(|digits| format!("0.{digits}").parse().ok())
        .unwrap_or(0.0);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + h * 3_600 + min * 60 + s;
    Some(seconds as f64 * 1000.0 + fraction * 1000.0)
}

/// How long before `now_ms` the time `at` was, in words; empty when the
/// clock is not known yet (on the server).
pub fn time_ago(at: &str, now_ms: f64) -> String {
    let Some(then) = parse_utc_ms(at) else {
        return String::new();
    };
    if now_ms <= 0.0 {
        return String::new();
    }
    let seconds = ((now_ms - then) / 1000.0).max(0.0) as u64;
    match seconds {
        0..=59 => "just now".into(),
        60..=3_599 => format!("{} min ago", seconds / 60),
        3_600..=86_399 => format!("{} h ago", seconds / 3_600),
        _ => format!("{} d ago", seconds / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_apis_times() {
        assert_eq!(parse_utc_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_utc_ms("1970-01-02T00:00:01.5Z"), Some(86_401_500.0));
        // 2026-11-27T10:00:00Z, as `date -d ... +%s` gives it.
        assert_eq!(
            parse_utc_ms("2026-11-27T10:00:00.000Z"),
            Some(1_795_773_600_000.0)
        );
        assert_eq!(parse_utc_ms("yesterday"), None);
    }

    #[test]
    fn says_how_long_ago() {
        let at = "2026-11-27T10:00:00Z";
        let then = parse_utc_ms(at).unwrap();
        assert_eq!(time_ago(at, then + 5_000.0), "just now");
        assert_eq!(time_ago(at, then + 125_000.0), "2 min ago");
        assert_eq!(time_ago(at, then + 7_200_000.0), "2 h ago");
        assert_eq!(time_ago(at, then + 3.0 * 86_400_000.0), "3 d ago");
        assert_eq!(time_ago(at, 0.0), "", "no clock on the server");
    }
}
