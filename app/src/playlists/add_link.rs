//! The "Add to playlist" link: to `/playlists/add?tracks=…`, the picker
//! page, which adds the tracks to the playlist chosen there (or a new one)
//! and comes back. A link, so the main module gains no playlist code.

use chorus_domain::TrackId;
use leptos::prelude::*;

use crate::components::icon::{Icon, IconKind};

/// Where `tracks` are added to a playlist of one's choice.
pub fn picker_path(tracks: &[TrackId]) -> String {
    let ids: Vec<String> = tracks.iter().map(ToString::to_string).collect();
    format!("/playlists/add?tracks={}", ids.join(","))
}

/// A small icon link adding `tracks` to a playlist; `label` is its
/// accessible name (e.g. "Add Tidal Glass to a playlist").
#[component]
pub fn AddToPlaylistLink(
    tracks: Vec<TrackId>,
    label: String,
    #[prop(default = "ctl small")] class: &'static str,
) -> impl IntoView {
    view! {
        <a class=class href=picker_path(&tracks) aria-label=label title="Add to playlist">
            <Icon kind=IconKind::PlaylistAdd/>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picker_gets_the_tracks_in_order() {
        assert_eq!(
            picker_path(&[TrackId(3), TrackId(1)]),
            "/playlists/add?tracks=3,1"
        );
    }
}
