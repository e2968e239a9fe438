//! Log-in attempts: counted per key and window, atomically under
//! concurrency, and forgotten once old.

use crate::support::race;
use crate::Backend;

pub async fn attempts_count_per_key_and_window(b: Backend) {
    let attempts = &b.attempts;
    assert_eq!(attempts.count_attempt("ada", 60_000).await.unwrap(), 1);
    assert_eq!(attempts.count_attempt("ada", 60_000).await.unwrap(), 2);
    assert_eq!(
        attempts.count_attempt("bob", 60_000).await.unwrap(),
        1,
        "another key"
    );
    assert_eq!(
        attempts.count_attempt("ada", 120_000).await.unwrap(),
        1,
        "a new window starts over"
    );
    assert_eq!(attempts.attempts("ada", 60_000).await.unwrap(), 2);
    assert_eq!(attempts.attempts("cyd", 60_000).await.unwrap(), 0);

    attempts.forget_attempts(120_000).await.unwrap();
    assert_eq!(
        attempts.count_attempt("ada", 60_000).await.unwrap(),
        1,
        "the old window was forgotten"
    );
    assert_eq!(
        attempts.count_attempt("ada", 120_000).await.unwrap(),
        2,
        "the current one was kept"
    );
}

pub async fn concurrent_attempts_are_each_counted_once(b: Backend) {
    let store = b.attempts.clone();
    let mut counts = race(20, |_| {
        let store = store.clone();
        async move { store.count_attempt("ada", 0).await.unwrap() }
    })
    .await;
    counts.sort_unstable();
    assert_eq!(counts, (1..=20).collect::<Vec<u32>>());
}
