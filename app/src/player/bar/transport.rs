//! The transport buttons: Shuffle, Previous track, Play/Pause, Next track,
//! Repeat. The player bar and the full-screen now-playing view show the
//! same ones (their accessible names are a contract: see `bar.rs`).

use leptos::prelude::*;

use crate::components::icon::{Icon, IconKind};
use crate::player::queue::Repeat;
use crate::player::Player;

#[component]
pub fn TransportButtons() -> impl IntoView {
    let player = Player::get();
    let has_track = move || player.queue.with(|q| q.current().is_some());
    view! {
        <div class="buttons">
            <button type="button" class="ctl shuffle" aria-label="Shuffle" title="Shuffle"
                aria-pressed=move || player.queue.with(|q| q.is_shuffled()).to_string()
                on:click=move |_| player.toggle_shuffle()>
                <Icon kind=IconKind::Shuffle/>
            </button>
            <button type="button" class="ctl" aria-label="Previous track" title="Previous (Shift+←)"
                disabled=move || !has_track() on:click=move |_| player.previous()>
                <Icon kind=IconKind::Previous/>
            </button>
            <button type="button" class="ctl play" disabled=move || !has_track()
                aria-label=move || if player.playing.get() { "Pause" } else { "Play" }
                title="Play/pause (Space)" on:click=move |_| player.toggle()>
                {move || if player.playing.get() {
                    view! { <Icon kind=IconKind::Pause/> }
                } else {
                    view! { <Icon kind=IconKind::Play/> }
                }}
            </button>
            <button type="button" class="ctl" aria-label="Next track" title="Next (Shift+→)"
                disabled=move || !has_track() on:click=move |_| player.next()>
                <Icon kind=IconKind::Next/>
            </button>
            <button type="button" class="ctl repeat" aria-label="Repeat"
                title=move || match player.repeat() { Repeat::Off => "Repeat: off", Repeat::All => "Repeat: all", Repeat::One => "Repeat: one" }
                data-mode=move || match player.repeat() { Repeat::Off => "off", Repeat::All => "all", Repeat::One => "one" }
                aria-pressed=move || (player.repeat() != Repeat::Off).to_string()
                on:click=move |_| player.cycle_repeat()>
                {move || if player.repeat() == Repeat::One {
                    view! { <Icon kind=IconKind::RepeatOne/> }
                } else {
                    view! { <Icon kind=IconKind::Repeat/> }
                }}
            </button>
        </div>
    }
}
