//! Who sees a playlist, as a label and as a choice.

use chorus_domain::PlaylistVisibility;
use leptos::prelude::*;

const ALL: [PlaylistVisibility; 3] = [
    PlaylistVisibility::Public,
    PlaylistVisibility::Friends,
    PlaylistVisibility::Private,
];

/// "Public", "Friends", "Private (you and collaborators)".
pub fn visibility_label(visibility: PlaylistVisibility) -> &'static str {
    match visibility {
        PlaylistVisibility::Public => "Public",
        PlaylistVisibility::Friends => "Friends",
        PlaylistVisibility::Private => "Private",
    }
}

fn choice_label(visibility: PlaylistVisibility) -> &'static str {
    match visibility {
        PlaylistVisibility::Public => "Public: anyone",
        PlaylistVisibility::Friends => "Friends: yours and collaborators",
        PlaylistVisibility::Private => "Private: you and collaborators",
    }
}

/// A labelled select of who sees the playlist, bound to `value`.
#[component]
pub fn VisibilitySelect(id: &'static str, value: RwSignal<PlaylistVisibility>) -> impl IntoView {
    let options = ALL
        .into_iter()
        .map(|v| {
            view! {
                <option value=v.as_str() selected=move || value.get() == v>{choice_label(v)}</option>
            }
        })
        .collect_view();
    view! {
        <label for=id class="visually-hidden">"Who sees it"</label>
        <select id=id name="visibility" on:change=move |ev| {
            if let Some(v) = PlaylistVisibility::parse(&event_target_value(&ev)) {
                value.set(v);
            }
        }>{options}</select>
    }
}
