//! Trusted devices: each token is trusted for the account it was given
//! to, and forgotten once unused for long.

use crate::support::user;
use crate::Backend;

pub async fn devices_are_trusted_for_one_account_and_forgotten_when_unused(b: Backend) {
    let (ada, bob) = (user(&b, "ada").await, user(&b, "bob").await);
    let devices = &b.devices;
    assert_eq!(devices.device_owner("aaaa").await.unwrap(), None);
    devices.trust_device(ada, "aaaa", 1_000).await.unwrap();
    devices.trust_device(bob, "bbbb", 5_000).await.unwrap();
    assert_eq!(devices.device_owner("aaaa").await.unwrap(), Some(ada));
    assert_eq!(devices.device_owner("bbbb").await.unwrap(), Some(bob));

    // Used again later: kept past a clean-up of what is older.
    devices.trust_device(ada, "aaaa", 9_000).await.unwrap();
    assert_eq!(devices.forget_devices(6_000).await.unwrap(), 1);
    assert_eq!(devices.device_owner("aaaa").await.unwrap(), Some(ada));
    assert_eq!(devices.device_owner("bbbb").await.unwrap(), None);
}
