//! Property tests on untrusted input: page cursors come back from clients
//! (`?after=`), so decoding any string must never panic, must accept
//! exactly the cursors the server hands out (and the same numbers written
//! differently), and every cursor must survive encoding and decoding.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_storage::{Cursor, PageRequest, StorageError};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1024,
        // Failures are reported with their shrunk input; nothing is
        // written into the repository.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Model: a cursor is a decimal integer that fits an `i64`: an optional
/// `+` or `-`, then one or more ASCII digits (leading zeros allowed).
fn decimal_i64(s: &str) -> Option<i64> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 19 {
        return None;
    }
    let magnitude = significant
        .bytes()
        .fold(0i128, |n, b| n * 10 + i128::from(b - b'0'));
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// Cursors as clients may send them: handed out, garbled, overflowing,
/// in other encodings, or anything at all.
fn cursor_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "[+-]?0{0,3}[0-9]{1,22}",
        "[+\\- 0-9a-fA-F.=/_xe]{0,24}",
        // Base64 of a number, as other APIs' cursors look.
        "[A-Za-z0-9+/]{2,16}={0,2}",
        (any::<i64>(), "[ \\t\\n٣٤0-9a]{1,2}", any::<bool>()).prop_map(|(n, junk, before)| {
            if before {
                format!("{junk}{n}")
            } else {
                format!("{n}{junk}")
            }
        }),
        Just("9223372036854775808".to_owned()),
        Just("-9223372036854775809".to_owned()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decoding_any_text_accepts_exactly_decimal_i64(s in cursor_text()) {
        match (Cursor::try_from(s.clone()), decimal_i64(&s)) {
            (Ok(cursor), Some(n)) => prop_assert_eq!(cursor, Cursor(n)),
            (Err(e), None) => prop_assert!(matches!(e, StorageError::InvalidCursor)),
            (got, model) => prop_assert!(false, "{:?}: got {:?}, model {:?}", s, got, model),
        }
    }

    #[test]
    fn every_cursor_round_trips(n in any::<i64>()) {
        let cursor = Cursor(n);
        prop_assert_eq!(Cursor::try_from(String::from(cursor)).unwrap(), cursor);
        // In JSON it is a string (opaque to clients), and comes back.
        let json = serde_json::to_string(&cursor).unwrap();
        prop_assert_eq!(&json, &format!("\"{n}\""));
        prop_assert_eq!(serde_json::from_str::<Cursor>(&json).unwrap(), cursor);
    }

    /// A page size is what was asked, clamped to 1..=200; 50 when unsaid.
    #[test]
    fn page_sizes_are_clamped(limit in prop::option::of(any::<u32>())) {
        let expected = match limit {
            None => 50,
            Some(0) => 1,
            Some(n) if n > 200 => 200,
            Some(n) => n,
        };
        prop_assert_eq!(PageRequest::new(None, limit).limit(), expected);
    }
}

#[test]
fn the_model_knows_the_edges() {
    assert_eq!(decimal_i64("-9223372036854775808"), Some(i64::MIN));
    assert_eq!(decimal_i64("9223372036854775807"), Some(i64::MAX));
    assert_eq!(decimal_i64("9223372036854775808"), None);
    assert_eq!(decimal_i64("+007"), Some(7));
    assert_eq!(decimal_i64("-"), None);
    assert_eq!(decimal_i64(""), None);
}
