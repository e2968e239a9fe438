//! Inline SVG icons (no icon font to download; they inherit `currentColor`).

use leptos::prelude::*;

/// The icons the UI uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    Play,
    Pause,
    Next,
    Previous,
    Shuffle,
    Repeat,
    RepeatOne,
    Volume,
    Muted,
    Queue,
    PlayNext,
    AddToQueue,
    PlaylistAdd,
    Up,
    Down,
    Remove,
    Close,
    Like,
    Liked,
    Ghost,
    Search,
}

fn path(kind: IconKind) -> &'static str {
    match kind {
        IconKind::Play => "M8 5.14v13.72a1 1 0 0 0 1.5.86l11-6.86a1 1 0 0 0 0-1.72l-11-6.86A1 1 0 0 0 8 5.14z",
        IconKind::Pause => "M7 5h3.5v14H7zM13.5 5H17v14h-3.5z",
        IconKind::Next => "M5 6.5v11a1 1 0 0 0 1.5.86L15 13v4.5h2.5v-11H15V11L6.5 5.64A1 1 0 0 0 5 6.5z",
        IconKind::Previous => "M19 6.5v11a1 1 0 0 1-1.5.86L9 13v4.5H6.5v-11H9V11l8.5-5.36A1 1 0 0 1 19 6.5z",
        IconKind::Shuffle => "M4 7h3.6l8 10H20v-2l3 3-3 3v-2h-5.4l-8-10H4zM4 17h3.6l2.2-2.75 1.25 1.6L8.6 19H4zM14.6 7H20V5l3 3-3 3V9h-4.4l-2.2 2.75-1.25-1.6z",
        IconKind::Repeat => "M7 7h10v3l4-4-4-4v3H5v6h2zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2z",
        IconKind::RepeatOne => "M7 7h10v3l4-4-4-4v3H5v6h2zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2zM11 9.5h2V15h-1.5v-3.5H11z",
        IconKind::Volume => "M4 9v6h4l5 5V4L8 9zm12.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z",
        IconKind::Muted => "M4 9v6h4l5 5V4L8 9zm12.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z",
        IconKind::Queue => "M3 6h13v2H3zm0 5h13v2H3zm0 5h8v2H3zm12 0v-4l6 3-6 3z",
        IconKind::PlayNext => "M3 6h11v2H3zm0 5h11v2H3zm0 5h7v2H3zm13-5v3h-3v2h3v3h2v-3h3v-2h-3v-3z",
        IconKind::AddToQueue => "M3 6h18v2H3zm0 5h11v2H3zm0 5h7v2H3zm14-5v4h-4v2h4v4h2v-4h4v-2h-4v-4z",
        IconKind::PlaylistAdd => "M3 5h12v2H3zm0 4h12v2H3zm0 4h8v2H3zm15-2v3h-3v2h3v3h2v-3h3v-2h-3v-3zM3 17h8v2H3z",
        IconKind::Up => "M12 6l-7 7 1.4 1.4L12 8.8l5.6 5.6L19 13z",
        IconKind::Down => "M12 18l7-7-1.4-1.4-5.6 5.6-5.6-5.6L5 11z",
        IconKind::Remove => "M6 11h12v2H6z",
        IconKind::Like => "M12 20.6l-1.3-1.2C5.8 15 3 12.4 3 9.2 3 6.6 5 4.6 7.6 4.6c1.5 0 2.9.7 3.8 1.8l.6.7.6-.7a5 5 0 0 1 3.8-1.8C19 4.6 21 6.6 21 9.2c0 3.2-2.8 5.8-7.7 10.2zM7.6 6.6C6.1 6.6 5 7.7 5 9.2c0 2.3 2.4 4.5 7 8.7 4.6-4.2 7-6.4 7-8.7 0-1.5-1.1-2.6-2.6-2.6-1.1 0-2.2.7-2.6 1.7h-3.6c-.4-1-1.5-1.7-2.6-1.7z",
        IconKind::Liked => "M12 20.6l-1.3-1.2C5.8 15 3 12.4 3 9.2 3 6.6 5 4.6 7.6 4.6c1.5 0 2.9.7 3.8 1.8l.6.7.6-.7a5 5 0 0 1 3.8-1.8C19 4.6 21 6.6 21 9.2c0 3.2-2.8 5.8-7.7 10.2z",
        IconKind::Ghost => "M12 3a7 7 0 0 0-7 7v10.5l2.3-1.7 2.4 1.7 2.3-1.7 2.3 1.7 2.4-1.7 2.3 1.7V10a7 7 0 0 0-7-7zm-2.5 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm5 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z",
        IconKind::Search => "M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z",
        IconKind::Close => "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z",
    }
}

/// An icon; decorative (the button around it carries the accessible name).
#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path(kind) fill="currentColor"></path>
        </svg>
    }
}
