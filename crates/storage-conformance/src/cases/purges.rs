//! The CDN purge queue: a purge is kept until confirmed, claimed by one
//! sender at a time, retried when it fails, and never lost to a key
//! queued again while it was being sent.

use chorus_storage::PendingPurge;

use crate::support::race;
use crate::Backend;

fn keys(names: &[&str]) -> Vec<String> {
    names.iter().map(|k| (*k).to_owned()).collect()
}

fn names(claimed: &[PendingPurge]) -> Vec<&str> {
    let mut names: Vec<&str> = claimed.iter().map(|p| p.key.as_str()).collect();
    names.sort_unstable();
    names
}

/// Claims at `now` for 1 s, with no replica fence waited for.
async fn claim(b: &Backend, now: u64) -> Vec<PendingPurge> {
    b.purges
        .claim_purges(now, now + 1_000, 0, 100)
        .await
        .unwrap()
}

pub async fn queued_purges_are_claimed_once_and_kept_until_confirmed(b: Backend) {
    let purges = &b.purges;
    purges
        .queue_purges(&keys(&["album:1", "user:ada", "album:1"]), 10_000)
        .await
        .unwrap();
    assert_eq!(purges.pending_purges().await.unwrap(), 2);
    assert!(claim(&b, 9_999).await.is_empty(), "not due yet");
    let claimed = claim(&b, 10_000).await;
    assert_eq!(names(&claimed), ["album:1", "user:ada"]);
    assert!(claimed.iter().all(|p| p.attempts == 0));
    assert!(
        claim(&b, 10_500).await.is_empty(),
        "claimed: no other sender gets them meanwhile"
    );
    // The sender died without a word: its claim runs out, the purges are
    // due again.
    let again = claim(&b, 11_000).await;
    assert_eq!(names(&again), ["album:1", "user:ada"]);
    purges.purges_done(&again).await.unwrap();
    assert_eq!(purges.pending_purges().await.unwrap(), 0);
    assert!(claim(&b, 20_000).await.is_empty());
}

pub async fn a_purge_queued_again_while_being_sent_is_not_lost(b: Backend) {
    let purges = &b.purges;
    purges
        .queue_purges(&keys(&["user:ada"]), 1_000)
        .await
        .unwrap();
    let sending = claim(&b, 1_000).await;
    // A new change while the old purge is on its way: that purge may
    // reach the CDN before the change is visible, so another must follow.
    purges
        .queue_purges(&keys(&["user:ada"]), 1_200)
        .await
        .unwrap();
    purges.purges_done(&sending).await.unwrap();
    assert_eq!(purges.pending_purges().await.unwrap(), 1);
    let next = claim(&b, 1_200).await;
    assert_eq!(names(&next), ["user:ada"], "due at once, despite the claim");
    assert_ne!(next[0].generation, sending[0].generation);
    // A stale failure report does not delay the new generation either.
    purges.purges_failed(&sending, 60_000).await.unwrap();
    purges.purges_done(&next).await.unwrap();
    assert_eq!(purges.pending_purges().await.unwrap(), 0);
}

pub async fn failed_purges_wait_for_their_retry(b: Backend) {
    let purges = &b.purges;
    purges
        .queue_purges(&keys(&["charts"]), 1_000)
        .await
        .unwrap();
    let first = claim(&b, 1_000).await;
    purges.purges_failed(&first, 5_000).await.unwrap();
    assert!(claim(&b, 4_999).await.is_empty(), "waits for its retry");
    let second = claim(&b, 5_000).await;
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].attempts, 1, "one failure counted");
    purges.purges_failed(&second, 6_000).await.unwrap();
    let third = claim(&b, 6_000).await;
    assert_eq!(third[0].attempts, 2);
    // Queued again: due at once, counting from nothing.
    purges
        .queue_purges(&keys(&["charts"]), 6_500)
        .await
        .unwrap();
    let fresh = claim(&b, 6_500).await;
    assert_eq!(fresh[0].attempts, 0);
}

pub async fn concurrent_claims_hand_out_each_purge_once(b: Backend) {
    let all: Vec<String> = (0..60).map(|i| format!("track:{i}")).collect();
    b.purges.queue_purges(&all, 1_000).await.unwrap();
    let purges = b.purges.clone();
    let claims = race(6, |_| {
        let purges = purges.clone();
        async move { purges.claim_purges(1_000, 2_000, 0, 15).await.unwrap() }
    })
    .await;
    let mut claimed: Vec<String> = claims.into_iter().flatten().map(|p| p.key).collect();
    claimed.sort();
    let mut expected = all;
    expected.sort();
    assert_eq!(claimed, expected, "every purge exactly once");
}
