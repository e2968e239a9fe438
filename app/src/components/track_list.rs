//! A list of track rows. Each row plays the whole list from itself, and can
//! queue its track next or last, or like it. Accessible names: "Play <title>",
//! "Play <title> next", "Add <title> to queue", "Like <title>". A row can
//! carry a note (a chart's play count, why a track is recommended).

use chorus_domain::{format_duration, Track};
use leptos::prelude::*;

use crate::components::icon::{Icon, IconKind};
use crate::player::Player;
use crate::playlists::add_link::AddToPlaylistLink;
use crate::social::likes::{LikeButton, Likeable};

#[component]
pub fn TrackList(
    tracks: Vec<Track>,
    /// Show each track's album (lists that mix albums).
    #[prop(default = false)]
    show_album: bool,
    /// Number rows by track number (album pages) instead of position.
    #[prop(default = false)]
    album_numbers: bool,
    /// A line under each row's credits, by position (rows past its end
    /// have none).
    #[prop(optional)]
    notes: Vec<String>,
) -> impl IntoView {
    let player = Player::get();
    let playing_id = Memo::new(move |_| player.current_track().map(|t| t.id));
    let all = StoredValue::new(tracks.clone());

    let rows = tracks
        .into_iter()
        .enumerate()
        .map(|(index, track)| {
            let id = track.id;
            let number = if album_numbers { track.track_number.map_or(index + 1, |n| n as usize) } else { index + 1 };
            let title = track.title.clone();
            let (for_next, for_last) = (track.clone(), track.clone());
            let note = notes.get(index).cloned();
            view! {
                <li class="track-row" class:playing=move || playing_id.get() == Some(id)>
                    <span class="track-number" aria-hidden="true">{number}</span>
                    <button type="button" class="ctl row-play" aria-label=format!("Play {title}")
                        on:click=move |_| player.play_list(all.get_value(), index)>
                        <Icon kind=IconKind::Play/>
                    </button>
                    <div class="track-main">
                        <a class="track-title" href=format!("/tracks/{}", track.id)>{track.title.clone()}</a>
                        <span class="track-sub muted">
                            <a href=format!("/artists/{}", track.artist.id)>{track.artist.name.clone()}</a>
                            {show_album.then(|| view! {
                                " · "
                                <a href=format!("/albums/{}", track.album.id)>{track.album.title.clone()}</a>
                            })}
                        </span>
                        {note.map(|note| view! { <span class="track-note muted">{note}</span> })}
                    </div>
                    <LikeButton what=Likeable::Track(id) name=title.clone() small=true/>
                    <span class="track-time muted">{format_duration(track.duration_ms)}</span>
                    <button type="button" class="ctl small" aria-label=format!("Play {title} next") title="Play next"
                        on:click=move |_| player.add_next(for_next.clone())>
                        <Icon kind=IconKind::PlayNext/>
                    </button>
                    <button type="button" class="ctl small" aria-label=format!("Add {title} to queue") title="Add to queue"
                        on:click=move |_| player.add_last(for_last.clone())>
                        <Icon kind=IconKind::AddToQueue/>
                    </button>
                    <AddToPlaylistLink tracks=vec![id] label=format!("Add {title} to a playlist")/>
                </li>
            }
        })
        .collect_view();

    view! { <ol class="track-list">{rows}</ol> }
}
