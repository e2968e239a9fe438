//! The sitemap: every public page once, in id order; artists without an
//! album of their own and listeners who keep their activity private are
//! not listed, nor are playlists that are not public.

use chorus_domain::{
    ActivityPrivacy, PlaylistDescription, PlaylistName, PlaylistVisibility, SitemapKind,
    SitemapPage, Timestamp,
};
use chorus_storage::{NewPlaylist, NewTrack};

use crate::support::{add, new_track, track, user};
use crate::Backend;

async fn keys(b: &Backend, kind: SitemapKind, number: u64) -> Vec<String> {
    b.sitemap
        .sitemap_keys(SitemapPage { kind, number })
        .await
        .unwrap()
}

pub async fn the_sitemap_lists_public_pages_once_in_id_order(b: Backend) {
    for kind in SitemapKind::ALL {
        assert_eq!(b.sitemap.sitemap_count(kind).await.unwrap(), 0, "{kind:?}");
        assert!(keys(&b, kind, 1).await.is_empty(), "{kind:?}");
    }
    let first = track(&b, 1).await;
    let second = track(&b, 2).await;
    // A guest on the album: an artist page, but no album of their own.
    let guest = add(
        &b,
        NewTrack {
            artist: "Guest".into(),
            ..new_track(3)
        },
    )
    .await;
    let solo = add(
        &b,
        NewTrack {
            artist: "Loner".into(),
            album_artist: "Loner".into(),
            album: "Solo".into(),
            ..new_track(4)
        },
    )
    .await;
    user(&b, "ada").await;
    let bob = user(&b, "bob").await;
    user(&b, "cyd").await;
    b.users
        .set_privacy(bob, ActivityPrivacy::Private)
        .await
        .unwrap();

    let track_of = |id: chorus_domain::TrackId| {
        let catalog = b.catalog.clone();
        async move { catalog.track(id).await.unwrap() }
    };
    let (first, solo) = (track_of(first).await, track_of(solo).await);
    let mut albums = vec![first.album.id.0, solo.album.id.0];
    albums.sort();
    let mut artists = vec![first.artist.id.0, solo.artist.id.0];
    artists.sort();
    let text = |ids: Vec<i64>| ids.iter().map(i64::to_string).collect::<Vec<_>>();

    let mut tracks = vec![first.id.0, second.0, guest.0, solo.id.0];
    tracks.sort();
    assert_eq!(keys(&b, SitemapKind::Tracks, 1).await, text(tracks));
    assert_eq!(keys(&b, SitemapKind::Albums, 1).await, text(albums));
    assert_eq!(
        keys(&b, SitemapKind::Artists, 1).await,
        text(artists),
        "not the guest, who has no album"
    );
    assert_eq!(
        keys(&b, SitemapKind::Listeners, 1).await,
        ["ada", "cyd"],
        "not bob, who is private"
    );
    let playlist = |visibility: PlaylistVisibility| NewPlaylist {
        name: PlaylistName::parse("Mix").unwrap(),
        description: PlaylistDescription::default(),
        visibility,
    };
    let mut public = Vec::new();
    for visibility in [
        PlaylistVisibility::Public,
        PlaylistVisibility::Friends,
        PlaylistVisibility::Private,
        PlaylistVisibility::Public,
    ] {
        let id = b
            .playlists
            .create_playlist(
                bob,
                &playlist(visibility),
                &[first.id],
                10,
                Timestamp::EPOCH,
            )
            .await
            .unwrap()
            .unwrap();
        if visibility == PlaylistVisibility::Public {
            public.push(id.0);
        }
    }
    assert_eq!(
        keys(&b, SitemapKind::Playlists, 1).await,
        text(public),
        "public ones only, whoever's"
    );
    let counts = [
        (SitemapKind::Playlists, 2),
        (SitemapKind::Tracks, 4),
        (SitemapKind::Albums, 2),
        (SitemapKind::Artists, 2),
        (SitemapKind::Listeners, 2),
    ];
    for (kind, count) in counts {
        assert_eq!(
            b.sitemap.sitemap_count(kind).await.unwrap(),
            count,
            "{kind:?}"
        );
        assert!(keys(&b, kind, 2).await.is_empty(), "{kind:?}: one sitemap");
    }

    // Back to sharing with friends: listed again.
    b.users
        .set_privacy(bob, ActivityPrivacy::Friends)
        .await
        .unwrap();
    assert_eq!(
        keys(&b, SitemapKind::Listeners, 1).await,
        ["ada", "bob", "cyd"]
    );
}
