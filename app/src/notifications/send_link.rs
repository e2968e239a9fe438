//! The "Send to a friend" link: to `/send?track=3&title=…` (or `album=`,
//! `playlist=`), the page that sends it to a friend with a few words. The
//! title is only shown to the sender; the server names what it sent.

use chorus_domain::api::encode_component;
use chorus_domain::Sent;
use leptos::prelude::*;

/// Where `sent` (titled `title`) is sent to a friend.
pub fn send_path(sent: Sent, title: &str) -> String {
    format!(
        "/send?{}={}&title={}",
        sent.kind(),
        sent.id(),
        encode_component(title)
    )
}

/// A button-styled link sending `sent` to a friend.
#[component]
pub fn SendLink(sent: Sent, title: String) -> impl IntoView {
    view! { <a class="button" href=send_path(sent, &title)>"Send to a friend"</a> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_domain::{AlbumId, TrackId};

    #[test]
    fn the_send_page_gets_what_and_its_title() {
        assert_eq!(
            send_path(Sent::Track(TrackId(3)), "Tidal Glass"),
            "/send?track=3&title=Tidal%20Glass"
        );
        assert_eq!(
            send_path(Sent::Album(AlbumId(1)), "A&B"),
            "/send?album=1&title=A%26B"
        );
    }
}
