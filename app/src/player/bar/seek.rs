//! The seek bar: elapsed time, a range input named "Seek" over the played
//! and buffered parts of the track, and the time remaining. The player bar
//! and the full-screen now-playing view show the same one.

use chorus_domain::format_duration;
use leptos::prelude::*;

use crate::player::Player;

fn clock(seconds: f64) -> String {
    format_duration((seconds.max(0.0) * 1000.0) as u64)
}

#[component]
pub fn SeekBar() -> impl IntoView {
    let player = Player::get();
    let has_track = move || player.queue.with(|q| q.current().is_some());
    let remaining = move || player.duration.get() - player.position.get();
    let buffered = move || {
        let duration = player.duration.get();
        player
            .buffered
            .get()
            .into_iter()
            .filter(|_| duration > 0.0)
            .map(|(start, end)| {
                let style = format!(
                    "left:{:.2}%;width:{:.2}%",
                    start / duration * 100.0,
                    (end - start) / duration * 100.0
                );
                view! { <span class="buffered" style=style></span> }
            })
            .collect_view()
    };
    let progress_style = move || {
        let d = player.duration.get();
        let pct = if d > 0.0 {
            player.position.get() / d * 100.0
        } else {
            0.0
        };
        format!("--progress:{pct:.2}%")
    };
    view! {
        <div class="seek">
            <span class="time" data-testid="elapsed">{move || clock(player.position.get())}</span>
            <div class="seekbar" style=progress_style>
                {buffered}
                <input type="range" aria-label="Seek" min="0" step="0.1"
                    max=move || player.duration.get().max(0.1).to_string()
                    prop:value=move || player.position.get().to_string()
                    disabled=move || !has_track()
                    aria-valuetext=move || format!("{} of {}", clock(player.position.get()), clock(player.duration.get()))
                    on:input=move |ev| {
                        if let Ok(t) = event_target_value(&ev).parse::<f64>() {
                            player.seek(t);
                        }
                    }/>
            </div>
            <span class="time" data-testid="remaining">{move || format!("-{}", clock(remaining()))}</span>
        </div>
    }
}
