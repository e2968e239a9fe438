//! The queue panel: what plays now and next, editable (play from here, move
//! up/down, remove, clear).

use leptos::prelude::*;

use super::Player;
use crate::components::icon::{Icon, IconKind};
use crate::playlists::add_link::picker_path;

#[component]
pub fn QueuePanel() -> impl IntoView {
    let player = Player::get();
    let entries = move || {
        player.queue.with(|q| {
            let current = q.current_index();
            q.entries()
                .iter()
                .enumerate()
                .map(|(i, e)| (i, e.key, e.track.clone(), Some(i) == current))
                .collect::<Vec<_>>()
        })
    };
    let count = move || player.queue.with(|q| q.entries().len());
    let ids = move || {
        player
            .queue
            .with(|q| q.entries().iter().map(|e| e.track.id).collect::<Vec<_>>())
    };

    view! {
        <aside id="queue-panel" class="queue-panel" aria-label="Play queue" hidden=move || !player.queue_open.get()>
            <header class="queue-head">
                <h2>"Queue"</h2>
                <span class="muted">{move || format!("{} tracks", count())}</span>
                <a class="link-button" href=move || picker_path(&ids()) hidden=move || count() == 0
                    on:click=move |_| player.queue_open.set(false)>"Save as playlist"</a>
                <button type="button" class="link-button" aria-label="Clear queue" disabled=move || count() == 0
                    on:click=move |_| player.queue.update(|q| q.clear())>"Clear"</button>
                <button type="button" class="ctl" aria-label="Close queue" on:click=move |_| player.queue_open.set(false)>
                    <Icon kind=IconKind::Close/>
                </button>
            </header>
            <ol class="queue-list">
                <For each=entries key=|(i, key, _, current)| (*i, *key, *current) children=move |(i, _, track, current)| {
                    let title = track.title.clone();
                    let last = move || i + 1 >= count();
                    view! {
                        <li class="queue-item" class:current=current aria-current=current.then_some("true")>
                            <button type="button" class="queue-play" aria-label=format!("Play {title} from the queue")
                                on:click=move |_| player.jump(i)>
                                <span class="queue-title">{track.title.clone()}</span>
                                <span class="queue-artist muted">{track.artist.name.clone()}</span>
                            </button>
                            <button type="button" class="ctl small" aria-label=format!("Move {title} up") disabled=i == 0
                                on:click=move |_| player.queue.update(|q| q.move_entry(i, i.saturating_sub(1)))>
                                <Icon kind=IconKind::Up/>
                            </button>
                            <button type="button" class="ctl small" aria-label=format!("Move {title} down") disabled=last
                                on:click=move |_| player.queue.update(|q| q.move_entry(i, i + 1))>
                                <Icon kind=IconKind::Down/>
                            </button>
                            <button type="button" class="ctl small" aria-label=format!("Remove {title} from the queue")
                                on:click=move |_| player.queue.update(|q| q.remove(i))>
                                <Icon kind=IconKind::Remove/>
                            </button>
                        </li>
                    }
                }/>
            </ol>
            <p class="muted empty" hidden=move || count() != 0>"The queue is empty. Press play on any track."</p>
        </aside>
    }
}
