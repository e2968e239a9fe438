//! The player bar, docked at the bottom of every page: now playing, transport
//! controls, seek bar with buffered ranges, times, volume, and the queue
//! toggle. Controls have stable accessible names (scripts rely on them):
//! "Play"/"Pause", "Previous track", "Next track", "Shuffle", "Repeat",
//! "Seek", "Volume", "Mute"/"Unmute", "Queue", and for the signed in "Like
//! <title>" and "Private session" (ghost mode: nothing you play or like
//! reaches your friends until you turn it off, or for 6 hours).

use chorus_domain::format_duration;
use leptos::prelude::*;

use super::queue::Repeat;
use super::queue_panel::QueuePanel;
use super::Player;
use crate::account::Account;
use crate::components::icon::{Icon, IconKind};
use crate::social::likes::{LikeButton, Likeable};

fn clock(seconds: f64) -> String {
    format_duration((seconds.max(0.0) * 1000.0) as u64)
}

/// A handler forwarding one media event of audio element `index` to the engine.
fn media_event<E>(player: Player, index: usize, kind: &'static str) -> impl Fn(E) + 'static {
    move |_| {
        #[cfg(feature = "hydrate")]
        super::engine::on_media_event(player, index, kind);
        #[cfg(not(feature = "hydrate"))]
        let _ = (player, index, kind);
    }
}

#[component]
pub fn PlayerBar() -> impl IntoView {
    let player = Player::get();

    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            super::engine::start(player);
            super::shortcuts::install(player);
        }
    });

    let audio = move |index: usize| {
        view! {
            <audio
                node_ref=player.audio[index]
                preload="none"
                data-active=move || (player.active.get() == index).to_string()
                on:timeupdate=media_event(player, index, "timeupdate")
                on:loadedmetadata=media_event(player, index, "loadedmetadata")
                on:durationchange=media_event(player, index, "durationchange")
                on:progress=media_event(player, index, "progress")
                on:playing=media_event(player, index, "playing")
                on:waiting=media_event(player, index, "waiting")
                on:pause=media_event(player, index, "pause")
                on:ended=media_event(player, index, "ended")
                on:seeked=media_event(player, index, "seeked")
                on:error=media_event(player, index, "error")
            ></audio>
        }
    };

    let track = Memo::new(move |_| player.current_track());
    let has_track = move || track.with(Option::is_some);
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
        <section class="player" aria-label="Player" data-state=move || if player.playing.get() { "playing" } else { "paused" }>
            {audio(0)}
            {audio(1)}
            <div class="now-playing">
                {move || match track.get() {
                    Some(t) => view! {
                        <img class="now-cover" src=t.cover_url.clone().unwrap_or_default() alt="" width="48" height="48"/>
                        <div class="now-text">
                            <a class="now-title" href=format!("/tracks/{}", t.id) data-testid="now-playing-title">{t.title.clone()}</a>
                            <a class="now-artist" href=format!("/artists/{}", t.artist.id)>{t.artist.name.clone()}</a>
                        </div>
                        <LikeButton what=Likeable::Track(t.id) name=t.title.clone() small=true/>
                    }.into_any(),
                    None => view! { <div class="now-text now-empty">"Pick something to play"</div> }.into_any(),
                }}
            </div>
            <div class="transport">
                <div class="buttons">
                    <button type="button" class="ctl" aria-label="Shuffle" title="Shuffle"
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
                    <button type="button" class="ctl" aria-label="Repeat"
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
                {move || player.error.get().map(|message| view! { <p class="player-error" role="alert">{message}</p> })}
            </div>
            <div class="extras">
                <button type="button" class="ctl" aria-label=move || if player.muted.get() { "Unmute" } else { "Mute" }
                    title="Mute (M)" on:click=move |_| player.toggle_mute()>
                    {move || if player.muted.get() || player.volume.get() == 0.0 {
                        view! { <Icon kind=IconKind::Muted/> }
                    } else {
                        view! { <Icon kind=IconKind::Volume/> }
                    }}
                </button>
                <input class="volume" type="range" aria-label="Volume" min="0" max="1" step="0.01"
                    prop:value=move || (if player.muted.get() { 0.0 } else { player.volume.get() }).to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            player.set_volume(v);
                        }
                    }/>
                <PrivateSessionToggle/>
                <button type="button" class="ctl" aria-label="Queue" aria-controls="queue-panel"
                    aria-expanded=move || player.queue_open.get().to_string()
                    on:click=move |_| player.queue_open.update(|o| *o = !*o)>
                    <Icon kind=IconKind::Queue/>
                </button>
            </div>
        </section>
        <QueuePanel/>
    }
}

/// Ghost mode: one click starts a private session (the server keeps it for
/// 6 hours), another ends it. Only for the signed in.
#[component]
fn PrivateSessionToggle() -> impl IntoView {
    let account = Account::get();
    let on = move || {
        account.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| me.private_session_until.is_some())
        })
    };
    let toggle = move |_| {
        let enable = !on();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if let Ok(me) = crate::account::client::set_private_session(enable).await {
                account.me.set(Some(me));
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = enable;
    };
    view! {
        {move || account.me.with(Option::is_some).then(|| view! {
            <button type="button" class="ctl ghost" aria-label="Private session"
                title=move || if on() { "Private session on: friends don't see what you play" } else { "Start a private session" }
                aria-pressed=move || on().to_string() on:click=toggle>
                <Icon kind=IconKind::Ghost/>
            </button>
        })}
    }
}
