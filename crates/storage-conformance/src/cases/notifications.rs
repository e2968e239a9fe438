//! Notifications: a friend request and its acceptance (written in the
//! friendship's unit of work), dedications naming a track, an album or a
//! playlist with their titles, newest first, unread counts and marking
//! read up to an id, what one sent since a time, and a notification going
//! with the playlist it names.

use chorus_domain::{
    DedicationMessage, NotificationKind, PlaylistDescription, PlaylistName, PlaylistVisibility,
    Sent, Timestamp, TrackId, UserId,
};
use chorus_storage::{NewNotification, NewPlaylist};

use crate::support::{friends, track, user};
use crate::Backend;

fn at(ms: u64) -> Timestamp {
    Timestamp::from_ms(1_800_000_000_000 + ms)
}

fn dedication(to: UserId, from: UserId, sent: Sent, message: &str) -> NewNotification {
    NewNotification {
        user: to,
        kind: NotificationKind::Dedication,
        from,
        subject: Some(sent),
        message: Some(DedicationMessage::parse(message).unwrap()),
    }
}

pub async fn notifications_list_newest_first_and_are_marked_read_up_to_one(b: Backend) {
    let ada = user(&b, "ada").await;
    let bob = user(&b, "bob").await;
    friends(&b, ada, bob).await;
    let one: TrackId = track(&b, 1).await;
    let album = b.catalog.track(one).await.unwrap().album.id;

    let n = &b.notifications;
    let first = n
        .notify(&dedication(bob, ada, Sent::Track(one), "for you"), at(10))
        .await
        .unwrap();
    let second = n
        .notify(&dedication(bob, ada, Sent::Album(album), ""), at(20))
        .await
        .unwrap();
    assert!(second > first);

    // Bob was asked (the friendship's unit), then the two dedications;
    // Ada was told Bob accepted.
    let bobs = n.notifications(bob, 50).await.unwrap();
    let kinds: Vec<_> = bobs.iter().map(|x| x.kind).collect();
    assert_eq!(
        kinds,
        [
            NotificationKind::Dedication,
            NotificationKind::Dedication,
            NotificationKind::FriendRequest
        ]
    );
    let newest = &bobs[0];
    assert_eq!(newest.id, second);
    assert_eq!(newest.from.username.as_str(), "ada");
    let subject = newest.subject.as_ref().unwrap();
    assert_eq!((subject.kind.as_str(), subject.id), ("album", album.0));
    assert!(!subject.title.is_empty());
    assert_eq!(newest.message.as_deref(), Some(""));
    assert_eq!(newest.at, at(20).to_rfc3339());
    let track_title = b.catalog.track(one).await.unwrap().title;
    assert_eq!(bobs[1].subject.as_ref().unwrap().title, track_title);
    assert_eq!(bobs[1].message.as_deref(), Some("for you"));
    assert!(bobs[2].subject.is_none() && bobs[2].message.is_none());
    assert_eq!(n.notifications(bob, 1).await.unwrap().len(), 1);
    let adas = n.notifications(ada, 50).await.unwrap();
    assert_eq!(adas.len(), 1);
    assert_eq!(adas[0].kind, NotificationKind::FriendAccepted);
    assert_eq!(adas[0].from.username.as_str(), "bob");

    // Read up to the first dedication: the newer one stays unread.
    assert_eq!(n.unread_notifications(bob).await.unwrap(), 3);
    assert_eq!(
        n.mark_notifications_read(bob, first, at(30)).await.unwrap(),
        2
    );
    assert_eq!(
        n.mark_notifications_read(bob, first, at(31)).await.unwrap(),
        0
    );
    assert_eq!(n.unread_notifications(bob).await.unwrap(), 1);
    let read: Vec<bool> = n
        .notifications(bob, 50)
        .await
        .unwrap()
        .iter()
        .map(|x| x.read)
        .collect();
    assert_eq!(read, [false, true, true]);
    // Marking is one's own: Ada's stays unread.
    assert_eq!(
        n.mark_notifications_read(ada, second, at(32))
            .await
            .unwrap(),
        1
    );
    assert_eq!(n.unread_notifications(bob).await.unwrap(), 1);

    // What Ada sent: both dedications from 10 on, one from 11 on.
    let sent = |since| n.sent_since(ada, NotificationKind::Dedication, since);
    assert_eq!(sent(at(10)).await.unwrap(), (2, Some(at(10))));
    assert_eq!(sent(at(11)).await.unwrap(), (1, Some(at(20))));
    assert_eq!(sent(at(21)).await.unwrap(), (0, None));
    assert_eq!(
        n.sent_since(bob, NotificationKind::Dedication, at(0))
            .await
            .unwrap(),
        (0, None)
    );
}

pub async fn a_notification_goes_with_the_playlist_it_names(b: Backend) {
    let ada = user(&b, "ada").await;
    let bob = user(&b, "bob").await;
    let mix = NewPlaylist {
        name: PlaylistName::parse("Road trip").unwrap(),
        description: PlaylistDescription::default(),
        visibility: PlaylistVisibility::Public,
    };
    let id = b
        .playlists
        .create_playlist(ada, &mix, &[], 10, at(0))
        .await
        .unwrap()
        .unwrap();
    let n = &b.notifications;
    let invite = NewNotification {
        user: bob,
        kind: NotificationKind::PlaylistInvite,
        from: ada,
        subject: Some(Sent::Playlist(id)),
        message: None,
    };
    n.notify(&invite, at(1)).await.unwrap();
    let listed = n.notifications(bob, 50).await.unwrap();
    let subject = listed[0].subject.as_ref().unwrap();
    assert_eq!(
        (subject.kind.as_str(), subject.id, subject.title.as_str()),
        ("playlist", id.0, "Road trip")
    );

    b.playlists.delete_playlist(id).await.unwrap();
    assert!(n.notifications(bob, 50).await.unwrap().is_empty());
    assert_eq!(n.unread_notifications(bob).await.unwrap(), 0);
}
