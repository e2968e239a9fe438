//! The player bar, docked at the bottom of every page: now playing, transport
//! controls, seek bar with buffered ranges, times, volume, the queue toggle
//! and the friend activity sheet's toggle. Controls have stable accessible
//! names (scripts rely on them): "Play"/"Pause", "Previous track", "Next
//! track", "Shuffle", "Repeat", "Seek", "Volume", "Mute"/"Unmute", "Queue",
//! "Friend activity", "Open now playing" (the cover: the full-screen view),
//! and for the signed in "Like <title>" and "Private session" (ghost mode:
//! nothing you play or like reaches your friends until you turn it off, or
//! for 6 hours). The full-screen view and the sheet render only while open,
//! outside the "Player" region, so they never duplicate a name inside it.

mod friends_sheet;
mod now_view;
mod seek;
mod transport;

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::queue_panel::QueuePanel;
use super::Player;
use crate::account::Account;
use crate::components::icon::{Icon, IconKind};
use crate::playlists::add_link::AddToPlaylistLink;
use crate::social::likes::{LikeButton, Likeable};
use friends_sheet::{FriendsIcon, FriendsSheet};
use now_view::NowPlayingView;
use seek::SeekBar;
use transport::TransportButtons;

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
    let now_open = RwSignal::new(false);
    let friends_open = RwSignal::new(false);
    let friends_button = NodeRef::<html::Button>::new();
    // A new page closes the sheets (links inside close them too).
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        now_open.set(false);
        friends_open.set(false);
    });

    view! {
        <section class="player" aria-label="Player" data-state=move || if player.playing.get() { "playing" } else { "paused" }>
            {audio(0)}
            {audio(1)}
            <div class="now-playing">
                {move || match track.get() {
                    Some(t) => view! {
                        <button type="button" class="now-open" aria-label="Open now playing" aria-haspopup="dialog"
                            aria-expanded=move || now_open.get().to_string()
                            on:click=move |_| {
                                player.queue_open.set(false);
                                friends_open.set(false);
                                now_open.set(true);
                            }>
                            <img class="now-cover" src=t.cover_url.clone().unwrap_or_default() alt="" width="48" height="48"/>
                        </button>
                        <div class="now-text">
                            <a class="now-title" href=format!("/tracks/{}", t.id) data-testid="now-playing-title">{t.title.clone()}</a>
                            <a class="now-artist" href=format!("/artists/{}", t.artist.id)>{t.artist.name.clone()}</a>
                        </div>
                        <LikeButton what=Likeable::Track(t.id) name=t.title.clone() small=true/>
                        <AddToPlaylistLink tracks=vec![t.id] label=format!("Add {} to a playlist", t.title)/>
                    }.into_any(),
                    None => view! { <div class="now-text now-empty">"Pick something to play"</div> }.into_any(),
                }}
            </div>
            <div class="transport">
                <TransportButtons/>
                <SeekBar/>
                {move || player.error.get().map(|message| view! { <p class="player-error" role="alert">{message}</p> })}
            </div>
            <div class="extras">
                <button type="button" class="ctl mute" aria-label=move || if player.muted.get() { "Unmute" } else { "Mute" }
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
                <button type="button" class="ctl queue-toggle" aria-label="Queue" aria-controls="queue-panel"
                    aria-expanded=move || player.queue_open.get().to_string()
                    on:click=move |_| {
                        friends_open.set(false);
                        player.queue_open.update(|o| *o = !*o);
                    }>
                    <Icon kind=IconKind::Queue/>
                </button>
                <button node_ref=friends_button type="button" class="ctl friends-toggle" aria-label="Friend activity"
                    title="Friend activity" aria-haspopup="dialog" aria-expanded=move || friends_open.get().to_string()
                    on:click=move |_| {
                        player.queue_open.set(false);
                        friends_open.update(|o| *o = !*o);
                    }>
                    <FriendsIcon/>
                </button>
            </div>
        </section>
        <QueuePanel/>
        {move || friends_open.get().then(|| view! { <FriendsSheet open=friends_open opener=friends_button/> })}
        {move || now_open.get().then(|| view! { <NowPlayingView open=now_open/> })}
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
