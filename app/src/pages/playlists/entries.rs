//! A playlist's tracks in order. Editors reorder them by dragging a row
//! onto another, or with each row's Move up and Move down buttons (the
//! keyboard's way), and remove them. A move names the entry to land
//! after, so the server places it between that one and the next without
//! renumbering the rest ([`after_for`]).

use chorus_domain::{format_duration, PlaylistEntry, PlaylistEntryId};
use leptos::prelude::*;

use super::detail::{Edit, Shown};
use crate::components::icon::{Icon, IconKind};
use crate::player::Player;

/// For the entry at `from` to end up at index `to`, the entry it goes
/// right after (`None`: the top). `ids` is the order now.
pub fn after_for(ids: &[PlaylistEntryId], from: usize, to: usize) -> Option<PlaylistEntryId> {
    if to == 0 {
        return None;
    }
    if from < to {
        ids.get(to).copied()
    } else {
        ids.get(to - 1).copied()
    }
}

#[component]
pub fn Entries(shown: Shown, entries: Vec<PlaylistEntry>, editable: bool) -> impl IntoView {
    if entries.is_empty() {
        return view! {
            <p class="empty">"No tracks yet. Add some from any track, album or the queue with Add to playlist."</p>
        }
        .into_any();
    }
    let player = Player::get();
    let playing = Memo::new(move |_| player.current_track().map(|t| t.id));
    let ids: Vec<PlaylistEntryId> = entries.iter().map(|e| e.entry_id).collect();
    let ids = StoredValue::new(ids);
    let tracks = StoredValue::new(entries.iter().map(|e| e.track.clone()).collect::<Vec<_>>());
    let last = entries.len() - 1;
    let dragging = RwSignal::new(None::<usize>);
    let move_to = move |from: usize, to: usize, title: &str, how: &str| {
        let all = ids.get_value();
        if from == to || from > last || to > last {
            return;
        }
        shown.apply(Edit::Move {
            entry: all[from],
            after: after_for(&all, from, to),
            said: format!("Moved {title} {how}"),
        });
    };
    let rows = entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let track = entry.track;
            let id = track.id;
            let title = track.title.clone();
            let (up_title, down_title, drop_title, remove_title) =
                (title.clone(), title.clone(), title.clone(), title.clone());
            let added_by = format!("added by {}", entry.added_by.display_name.as_str());
            let tools = editable.then(|| view! {
                <div class="entry-tools">
                <button type="button" class="ctl small" aria-label=format!("Move {title} up") disabled=index == 0
                    on:click=move |_| move_to(index, index - 1, &up_title, "up")>
                    <Icon kind=IconKind::Up/>
                </button>
                <button type="button" class="ctl small" aria-label=format!("Move {title} down") disabled=index == last
                    on:click=move |_| move_to(index, index + 1, &down_title, "down")>
                    <Icon kind=IconKind::Down/>
                </button>
                <button type="button" class="ctl small" aria-label=format!("Remove {title} from the playlist")
                    on:click=move |_| shown.apply(Edit::Remove {
                        entry: entry.entry_id,
                        said: format!("Removed {remove_title}"),
                    })>
                    <Icon kind=IconKind::Remove/>
                </button>
                </div>
            });
            view! {
                <li class="track-row" class:playing=move || playing.get() == Some(id)
                    class:dragging=move || dragging.get() == Some(index)
                    draggable=editable.then_some("true")
                    data-entry=entry.entry_id.to_string()
                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                        #[cfg(feature = "hydrate")]
                        if let Some(data) = ev.data_transfer() {
                            let _ = data.set_data("text/plain", &index.to_string());
                            data.set_effect_allowed("move");
                        }
                        #[cfg(not(feature = "hydrate"))]
                        let _ = ev;
                        dragging.set(Some(index));
                    }
                    on:dragend=move |_| dragging.set(None)
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        if dragging.get_untracked().is_some() {
                            ev.prevent_default();
                        }
                    }
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        if let Some(from) = dragging.get_untracked() {
                            dragging.set(None);
                            move_to(from, index, &drop_title, "by dragging");
                        }
                    }>
                    <span class="track-number" aria-hidden="true">{index + 1}</span>
                    <button type="button" class="ctl row-play" aria-label=format!("Play {}", track.title)
                        on:click=move |_| player.play_list(tracks.get_value(), index)>
                        <Icon kind=IconKind::Play/>
                    </button>
                    <div class="track-main">
                        <a class="track-title" href=format!("/tracks/{}", track.id)>{track.title.clone()}</a>
                        <span class="track-sub muted">
                            <a href=format!("/artists/{}", track.artist.id)>{track.artist.name.clone()}</a>
                            " · "
                            <a href=format!("/albums/{}", track.album.id)>{track.album.title.clone()}</a>
                        </span>
                        <span class="track-note muted">{added_by}</span>
                    </div>
                    <span class="track-time muted">{format_duration(track.duration_ms)}</span>
                    {tools}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="track-list playlist-entries" aria-label="Tracks">{rows}</ol> }.into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_names_the_entry_to_land_after() {
        let ids: Vec<PlaylistEntryId> = (1..=4).map(PlaylistEntryId).collect();
        assert_eq!(after_for(&ids, 2, 0), None, "to the top");
        assert_eq!(after_for(&ids, 2, 1), Some(PlaylistEntryId(1)), "up one");
        assert_eq!(after_for(&ids, 1, 2), Some(PlaylistEntryId(3)), "down one");
        assert_eq!(
            after_for(&ids, 0, 3),
            Some(PlaylistEntryId(4)),
            "to the end"
        );
        assert_eq!(after_for(&ids, 3, 1), Some(PlaylistEntryId(1)));
    }
}
