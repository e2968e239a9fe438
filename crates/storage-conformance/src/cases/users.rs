//! Accounts: creation, look-ups, changes, and sign-ups racing for names.

use chorus_domain::{rfc3339_from_ms, ActivityPrivacy, DisplayName, UserId, Username};
use chorus_storage::StorageError;

use crate::support::{is_rfc3339_millis, race};
use crate::Backend;

pub async fn created_and_found_by_name_and_id(b: Backend) {
    let ada = Username::parse("ada").unwrap();
    let display = DisplayName::parse("Ada Lovelace").unwrap();
    let now = b.writes.now_ms();
    let created = b.users.create_user(&ada, &display, "phc$1").await.unwrap();

    assert_eq!(created.me.username, ada);
    assert_eq!(created.me.display_name, display);
    assert_eq!(created.me.privacy, ActivityPrivacy::Friends, "the default");
    assert_eq!(created.me.private_session_until, None);
    assert_eq!(created.password_hash, "phc$1");
    let at = &created.me.created_at;
    assert!(is_rfc3339_millis(at), "{at}");
    assert_eq!(
        *at,
        rfc3339_from_ms(u64::try_from(now).unwrap()),
        "created at the clock's now, in UTC"
    );

    assert_eq!(
        b.users.user_by_username(&ada).await.unwrap().as_ref(),
        Some(&created)
    );
    assert_eq!(
        b.users.user_by_id(created.id).await.unwrap().as_ref(),
        Some(&created)
    );
    let nobody = Username::parse("nobody").unwrap();
    assert_eq!(b.users.user_by_username(&nobody).await.unwrap(), None);
    assert_eq!(
        b.users
            .user_by_id(UserId(created.id.0 + 1000))
            .await
            .unwrap(),
        None
    );

    let bob = Username::parse("bob").unwrap();
    let other = b.users.create_user(&bob, &display, "phc$2").await.unwrap();
    assert_ne!(other.id, created.id);
    assert_eq!(
        b.users
            .user_by_id(other.id)
            .await
            .unwrap()
            .map(|u| u.me.username),
        Some(bob),
        "display names need not be unique"
    );
}

pub async fn password_and_privacy_changes_are_stored(b: Backend) {
    let name = Username::parse("ada").unwrap();
    let display = DisplayName::parse("Ada").unwrap();
    let ada = b.users.create_user(&name, &display, "old").await.unwrap();

    b.users.set_password_hash(ada.id, "new").await.unwrap();
    let stored = b.users.user_by_username(&name).await.unwrap().unwrap();
    assert_eq!(stored.password_hash, "new");
    assert_eq!(stored.me, ada.me, "nothing else changed");

    b.users
        .set_privacy(ada.id, ActivityPrivacy::Private)
        .await
        .unwrap();
    let stored = b.users.user_by_id(ada.id).await.unwrap().unwrap();
    assert_eq!(stored.me.privacy, ActivityPrivacy::Private);
    assert_eq!(stored.password_hash, "new");
    b.users
        .set_privacy(ada.id, ActivityPrivacy::Friends)
        .await
        .unwrap();
    let stored = b.users.user_by_id(ada.id).await.unwrap().unwrap();
    assert_eq!(stored.me.privacy, ActivityPrivacy::Friends);

    let ghost = UserId(ada.id.0 + 1000);
    assert!(matches!(
        b.users.set_password_hash(ghost, "x").await,
        Err(StorageError::NotFound)
    ));
    assert!(matches!(
        b.users.set_privacy(ghost, ActivityPrivacy::Private).await,
        Err(StorageError::NotFound)
    ));
}

pub async fn one_username_signed_up_twice_at_once_is_taken_once(b: Backend) {
    let name = Username::parse("taken").unwrap();
    let display = DisplayName::parse("First").unwrap();
    b.users.create_user(&name, &display, "h").await.unwrap();
    let again = b.users.create_user(&name, &display, "h").await;
    assert!(matches!(again, Err(StorageError::Conflict(_))), "{again:?}");

    for round in 0..10 {
        let name = Username::parse(&format!("racer_{round}")).unwrap();
        let results = race(2, |i| {
            let users = b.users.clone();
            let name = name.clone();
            async move {
                let display = DisplayName::parse(&format!("Racer {i}")).unwrap();
                users.create_user(&name, &display, "h").await
            }
        })
        .await;
        let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        let conflicts = results
            .iter()
            .filter(|r| matches!(r, Err(StorageError::Conflict(_))))
            .count();
        assert_eq!((winners.len(), conflicts), (1, 1), "{results:?}");
        let stored = b.users.user_by_username(&name).await.unwrap().unwrap();
        assert_eq!(
            &stored, winners[0],
            "the winner's account is the one stored"
        );
    }
}

pub async fn many_sign_ups_at_once_all_succeed(b: Backend) {
    let per_task = 10;
    let results = race(8, |task| {
        let users = b.users.clone();
        async move {
            let mut ids = Vec::new();
            for i in 0..per_task {
                let name = Username::parse(&format!("user_{task}_{i}")).unwrap();
                let display = DisplayName::parse("Someone").unwrap();
                ids.push((name.clone(), users.create_user(&name, &display, "h").await));
            }
            ids
        }
    })
    .await;
    let mut ids = Vec::new();
    for (name, created) in results.into_iter().flatten() {
        let created = created.unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = b.users.user_by_username(&name).await.unwrap().unwrap();
        assert_eq!(found.id, created.id);
        ids.push(created.id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8 * per_task, "distinct ids");
}
