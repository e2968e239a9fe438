//! Online leases across instances: held, renewed, released, expired, and
//! each expiry reported once however many instances sweep.

use chorus_domain::UserId;

use crate::support::{race, user};
use crate::Backend;

/// Those of `users` whose presence at `now_ms` says online.
async fn online(b: &Backend, users: &[UserId], now_ms: u64) -> Vec<UserId> {
    let presence = b.activity.presence(users, now_ms).await.unwrap();
    let mut ids: Vec<UserId> = presence.iter().filter(|p| p.online).map(|p| p.id).collect();
    ids.sort();
    ids
}

pub async fn leases_are_held_renewed_released_and_expired(b: Backend) {
    let (ada, bob, cy) = (
        user(&b, "ada").await,
        user(&b, "bob").await,
        user(&b, "cyd").await,
    );
    let ghost = UserId(cy.0 + 1000);
    let all = [ada, bob, cy, ghost];
    b.online
        .hold_online(1, &[ada, bob, ghost], 1_000)
        .await
        .unwrap();
    b.online.hold_online(2, &[ada], 2_000).await.unwrap();
    assert_eq!(
        online(&b, &all, 500).await,
        [ada, bob],
        "unknown users hold nothing"
    );
    assert_eq!(
        online(&b, &all, 1_000).await,
        [ada],
        "a lease ends at its time"
    );
    assert_eq!(online(&b, &[], 0).await, []);

    assert_eq!(
        b.online.expire_online(1_500).await.unwrap(),
        [bob],
        "ada still holds a lease elsewhere"
    );
    assert_eq!(
        b.online.expire_online(1_500).await.unwrap(),
        [],
        "reported once"
    );
    assert_eq!(online(&b, &all, 0).await, [ada]);

    b.online.hold_online(1, &[cy], 100).await.unwrap();
    b.online.hold_online(1, &[cy], 5_000).await.unwrap();
    assert_eq!(online(&b, &[cy], 3_000).await, [cy], "renewed");

    b.online.release_online(2, &[ada]).await.unwrap();
    b.online.release_online(2, &[]).await.unwrap();
    assert_eq!(online(&b, &all, 0).await, [cy]);
    assert_eq!(b.online.expire_online(1_000_000).await.unwrap(), [cy]);
    assert_eq!(online(&b, &all, 0).await, []);
}

pub async fn concurrent_sweeps_report_each_listener_offline_once(b: Backend) {
    let mut users = Vec::new();
    for i in 0..8 {
        users.push(user(&b, &format!("listener_{i}")).await);
    }
    for round in 0..10u64 {
        let expiry = 1_000 * (round + 1);
        // Every listener on two instances, both leases expired.
        b.online.hold_online(1, &users, expiry).await.unwrap();
        b.online.hold_online(2, &users, expiry).await.unwrap();
        let swept = race(4, |_| {
            let online = b.online.clone();
            async move { online.expire_online(expiry).await.unwrap() }
        })
        .await;
        let mut offline: Vec<UserId> = swept.concat();
        offline.sort();
        assert_eq!(offline, users, "round {round}: each listener once");
    }
}
