//! One event of friend activity as a line: who did what, when ("Ada played
//! Night Drive · 2 min ago"), with links to the person and the music.

use chorus_domain::{ActivityKind, FeedItem};
use leptos::prelude::*;

use super::time_ago::time_ago;
use crate::live::Live;

fn verb(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::NowPlaying => "is playing",
        ActivityKind::Paused => "paused",
        ActivityKind::Played => "played",
        ActivityKind::LikedTrack | ActivityKind::LikedArtist => "liked",
        ActivityKind::Friended => "is now friends with",
        ActivityKind::CreatedPlaylist => "made the playlist",
        ActivityKind::AddedToPlaylist => "added tracks to",
    }
}

/// Whether an event is worth a line (pauses are not news).
pub fn is_shown(item: &FeedItem) -> bool {
    item.kind != ActivityKind::Paused
}

#[component]
pub fn ActivityItem(item: FeedItem) -> impl IntoView {
    let live = Live::get();
    let at = item.at.clone();
    let what = match (&item.playlist, &item.track, &item.artist, &item.friend) {
        (Some(playlist), ..) => view! {
            <a href=format!("/playlists/{}", playlist.id)>{playlist.name.clone()}</a>
        }
        .into_any(),
        (None, Some(track), _, _) => view! {
            <a href=format!("/tracks/{}", track.id)>{track.title.clone()}</a>
            <span class="muted">" · "{track.artist.name.clone()}</span>
        }
        .into_any(),
        (None, None, Some(artist), _) => {
            view! { <a href=format!("/artists/{}", artist.id)>{artist.name.clone()}</a> }.into_any()
        }
        (None, None, None, Some(friend)) => view! {
            <a href=format!("/users/{}", friend.username)>{friend.display_name.as_str().to_owned()}</a>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        <li class="activity-item" data-kind=item.kind.as_str() data-id=item.id>
            <a class="who" href=format!("/users/{}", item.user.username)>{item.user.display_name.as_str().to_owned()}</a>
            " " {verb(item.kind)} " " {what}
            <time class="muted" datetime=item.at.clone()>" "{move || time_ago(&at, live.clock_ms.get())}</time>
        </li>
    }
}
