//! The full-screen now-playing view (phones, mostly): a large cover, title
//! and artist, the seek bar and large transport buttons. A modal `<dialog>`
//! (named "Now playing"), rendered only while open, so its copies of the
//! bar's controls never make a locator of the bar's ambiguous; outside the
//! bar's "Player" region besides. Escape, the Close button and following a
//! link close it; the browser then gives the focus back to the bar's button.

use leptos::html;
use leptos::prelude::*;

use super::seek::SeekBar;
use super::transport::TransportButtons;
use crate::components::icon::{Icon, IconKind};
use crate::player::Player;
use crate::social::likes::{LikeButton, Likeable};

#[component]
pub fn NowPlayingView(open: RwSignal<bool>) -> impl IntoView {
    let player = Player::get();
    let dialog = NodeRef::<html::Dialog>::new();
    // Modal once in the document: the rest of the page goes inert and the
    // focus moves to the first control (Close).
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    // Closing through the element lets the browser restore the focus.
    let close = move || match dialog.get_untracked() {
        Some(dialog) => dialog.close(),
        None => open.set(false),
    };
    let track = Memo::new(move |_| player.current_track());
    view! {
        <dialog node_ref=dialog class="now-view" aria-label="Now playing"
            on:close=move |_| open.set(false)>
            <div class="now-view-head">
                <button type="button" class="ctl" aria-label="Close" title="Close (Esc)" on:click=move |_| close()>
                    <Icon kind=IconKind::Down/>
                </button>
                <p class="kicker">"Now playing"</p>
            </div>
            {move || match track.get() {
                Some(t) => view! {
                    <img class="now-view-cover" src=t.cover_url.clone().unwrap_or_default() alt="" width="600" height="600"/>
                    <div class="now-view-meta">
                        <div class="now-view-text">
                            <a class="now-view-title" href=format!("/tracks/{}", t.id) on:click=move |_| close()>{t.title.clone()}</a>
                            <a class="now-view-artist muted" href=format!("/artists/{}", t.artist.id) on:click=move |_| close()>{t.artist.name.clone()}</a>
                        </div>
                        <LikeButton what=Likeable::Track(t.id) name=t.title.clone()/>
                    </div>
                }
                .into_any(),
                None => view! { <p class="now-view-empty muted">"Nothing is playing."</p> }.into_any(),
            }}
            <SeekBar/>
            <TransportButtons/>
        </dialog>
    }
}
