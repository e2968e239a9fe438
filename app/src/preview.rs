//! How a public page looks when it is shared or crawled: its canonical
//! link, Open Graph and Twitter card tags (title, description, a square
//! cover, `music.song` / `music.album` / `music.playlist` / `profile`) and
//! schema.org JSON-LD (`MusicRecording`, `MusicAlbum`, `MusicGroup`,
//! `MusicPlaylist`, `ProfilePage`), and for
//! a track, album or playlist the oEmbed discovery link, all with absolute addresses
//! (`crate::public_url`).
//!
//! Call [`describe`] in a public page's component. The tags are made on
//! the server only: link previews and crawlers read the server's HTML, and
//! the browser's bundle carries none of this code. They are not Leptos
//! head tags either (those the browser hydrates, in order): the page hands
//! them to the server in the [`PREVIEW_HEADER`] response header, and the
//! server puts them in the head ahead of Leptos's own, where hydration
//! never looks (`server/src/http/page_head.rs`).

use chorus_domain::{AlbumDetail, ArtistDetail, PlaylistDetail, Profile, Track};

/// What a public page shows, as its preview describes it.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub enum Subject {
    Track(Track),
    Album(AlbumDetail),
    Artist(ArtistDetail),
    Listener(Profile),
    Playlist(PlaylistDetail),
}

/// A page's preview: what it shows, its title and its description (as in
/// its `<title>` and `<meta name="description">`).
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub struct Preview {
    pub subject: Subject,
    pub title: String,
    pub description: String,
}

/// The response header a page's preview tags travel in to the server,
/// percent-encoded (`application/x-www-form-urlencoded` bytes); the server
/// removes it.
pub const PREVIEW_HEADER: &str = "x-chorus-preview";

/// Gives the page being rendered the preview `preview` makes (called on
/// the server only: see the module doc).
pub fn describe(preview: impl FnOnce() -> Preview) {
    #[cfg(feature = "ssr")]
    server::describe(preview());
    #[cfg(not(feature = "ssr"))]
    drop(preview);
}

#[cfg(feature = "ssr")]
mod server {
    use chorus_domain::{cover_variant_url, CoverFormat, PublicPage, Track};
    use leptos::prelude::*;
    use serde_json::{json, Value};

    use super::{Preview, Subject};
    use crate::public_url::PublicUrl;

    /// The width of the cover a preview shows (a JPEG: every previewer
    /// reads it).
    const IMAGE_WIDTH: u32 = 768;
    /// What a preview shows without a cover: the app's icon.
    const NO_COVER: &str = "/icons/icon-512.png";

    /// Renders the tags and hands them to the server in the response's
    /// [`super::PREVIEW_HEADER`].
    pub fn describe(preview: Preview) {
        let (Some(base), Some(response)) =
            (base_url(), use_context::<leptos_axum::ResponseOptions>())
        else {
            return;
        };
        let html = tags(&preview, &base);
        let encoded: String = form_urlencoded::byte_serialize(html.as_bytes()).collect();
        if let Ok(value) = http::HeaderValue::from_str(&encoded) {
            response.insert_header(http::HeaderName::from_static(super::PREVIEW_HEADER), value);
        }
    }

    /// `<meta property="…" content="…">` (Open Graph's attribute, which
    /// the view macro does not know).
    fn og(property: &'static str, content: impl Into<String>) -> impl IntoView {
        leptos::html::meta()
            .attr("property", property)
            .content(content.into())
    }

    /// The head tags of `preview`, as HTML.
    fn tags(preview: &Preview, base: &PublicUrl) -> String {
        let card = Card::of(preview, base);
        let (title, description) = (preview.title.clone(), preview.description.clone());
        let oembed = card.embeddable.then(|| {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("url", &card.url)
                .append_pair("format", "json")
                .finish();
            let href = base.join(&format!("/api/oembed?{query}"));
            view! { <link rel="alternate" type="application/json+oembed" href=href title=title.clone()/> }
        });
        view! {
            <link rel="canonical" href=card.url.clone()/>
            {og("og:site_name", "Chorus")}
            {og("og:type", card.og_type)}
            {og("og:title", title.clone())}
            {og("og:description", description.clone())}
            {og("og:url", card.url)}
            {og("og:image", card.image.clone())}
            {og("og:image:alt", card.image_alt)}
            <meta name="twitter:card" content="summary"/>
            <meta name="twitter:title" content=title/>
            <meta name="twitter:description" content=description/>
            <meta name="twitter:image" content=card.image/>
            <script type="application/ld+json">{json_ld_text(&card.json_ld)}</script>
            {oembed}
        }
        .to_html()
    }

    /// The site's address: configured, or the one this request was sent to.
    fn base_url() -> Option<PublicUrl> {
        let configured = use_context::<crate::ServerContext>()?.public_url;
        let request = use_context::<http::request::Parts>()?;
        PublicUrl::for_request(configured.as_ref(), &request.headers)
    }

    /// A preview's parts, with absolute addresses.
    struct Card {
        url: String,
        og_type: &'static str,
        image: String,
        image_alt: String,
        json_ld: Value,
        /// A track, album or playlist: it has an embed page (oEmbed).
        embeddable: bool,
    }

    impl Card {
        fn of(preview: &Preview, base: &PublicUrl) -> Self {
            let image = |cover: &Option<String>| {
                let path = cover
                    .as_deref()
                    .and_then(|url| cover_variant_url(url, IMAGE_WIDTH, CoverFormat::Jpeg));
                base.join(path.as_deref().unwrap_or(NO_COVER))
            };
            let artist = |id: &chorus_domain::ArtistRef| {
                json!({
                    "@type": "MusicGroup",
                    "name": id.name,
                    "url": base.join(&PublicPage::Artist(id.id).to_string()),
                })
            };
            let recording = |track: &Track, position: Option<usize>| {
                let mut value = json!({
                    "@type": "MusicRecording",
                    "name": track.title,
                    "url": base.join(&PublicPage::Track(track.id).to_string()),
                    "duration": iso_duration(track.duration_ms),
                    "byArtist": artist(&track.artist),
                });
                if let Some(position) = position {
                    value["position"] = json!(position + 1);
                }
                value
            };
            let (path, og_type, cover, image_alt, mut json_ld) = match &preview.subject {
                Subject::Track(track) => (
                    PublicPage::Track(track.id).to_string(),
                    "music.song",
                    track.cover_url.clone(),
                    format!("Cover of {}", track.album.title),
                    {
                        let mut value = recording(track, None);
                        value["inAlbum"] = json!({
                            "@type": "MusicAlbum",
                            "name": track.album.title,
                            "url": base.join(&PublicPage::Album(track.album.id).to_string()),
                        });
                        value
                    },
                ),
                Subject::Album(detail) => {
                    let album = &detail.album;
                    let mut value = json!({
                        "@type": "MusicAlbum",
                        "name": album.title,
                        "byArtist": artist(&album.artist),
                        "numTracks": album.track_count,
                        "duration": iso_duration(album.duration_ms),
                        "track": detail.tracks.iter().enumerate()
                            .map(|(i, t)| recording(t, Some(i))).collect::<Vec<_>>(),
                    });
                    if let Some(year) = album.year {
                        value["datePublished"] = json!(year.to_string());
                    }
                    if let Some(genre) = &album.genre {
                        value["genre"] = json!(genre);
                    }
                    (
                        PublicPage::Album(album.id).to_string(),
                        "music.album",
                        album.cover_url.clone(),
                        format!("Cover of {}", album.title),
                        value,
                    )
                }
                Subject::Artist(detail) => {
                    let artist = &detail.artist;
                    let albums: Vec<Value> = detail
                        .albums
                        .iter()
                        .map(|a| {
                            json!({
                                "@type": "MusicAlbum",
                                "name": a.title,
                                "url": base.join(&PublicPage::Album(a.id).to_string()),
                            })
                        })
                        .collect();
                    (
                        PublicPage::Artist(artist.id).to_string(),
                        "profile",
                        artist.image_url.clone(),
                        format!("Image of {}", artist.name),
                        json!({ "@type": "MusicGroup", "name": artist.name, "album": albums }),
                    )
                }
                Subject::Playlist(detail) => {
                    let playlist = &detail.playlist;
                    let owner = PublicPage::Listener(playlist.owner.username.clone()).to_string();
                    let tracks: Vec<Value> = detail
                        .entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| recording(&e.track, Some(i)))
                        .collect();
                    let first_cover = detail
                        .entries
                        .iter()
                        .find_map(|e| e.track.cover_url.clone());
                    (
                        PublicPage::Playlist(playlist.id).to_string(),
                        "music.playlist",
                        first_cover,
                        format!("Cover of a track on {}", playlist.name.as_str()),
                        json!({
                            "@type": "MusicPlaylist",
                            "name": playlist.name.as_str(),
                            "numTracks": playlist.track_count,
                            "creator": {
                                "@type": "Person",
                                "name": playlist.owner.display_name.as_str(),
                                "url": base.join(&owner),
                            },
                            "track": tracks,
                        }),
                    )
                }
                Subject::Listener(profile) => {
                    let path = PublicPage::Listener(profile.user.username.clone()).to_string();
                    let person = json!({
                        "@type": "Person",
                        "name": profile.user.display_name.as_str(),
                        "alternateName": format!("@{}", profile.user.username),
                        "url": base.join(&path),
                    });
                    (
                        path,
                        "profile",
                        None,
                        "Chorus".to_owned(),
                        json!({ "@type": "ProfilePage", "mainEntity": person }),
                    )
                }
            };
            let url = base.join(&path);
            let image = image(&cover);
            json_ld["@context"] = json!("https://schema.org");
            json_ld["url"] = json!(url);
            if cover.is_some() {
                json_ld["image"] = json!(image);
            }
            let embeddable = matches!(
                preview.subject,
                Subject::Track(_) | Subject::Album(_) | Subject::Playlist(_)
            );
            Self {
                url,
                og_type,
                image,
                image_alt,
                json_ld,
                embeddable,
            }
        }
    }

    /// ISO 8601 duration (`PT3M5S`) of a length in milliseconds.
    fn iso_duration(ms: u64) -> String {
        let seconds = ms / 1000;
        match (seconds / 3600, seconds / 60 % 60, seconds % 60) {
            (0, minutes, seconds) => format!("PT{minutes}M{seconds}S"),
            (hours, minutes, seconds) => format!("PT{hours}H{minutes}M{seconds}S"),
        }
    }

    /// JSON-LD as the text of a `<script>` element, which HTML does not
    /// escape: no `<` (no `</script>` inside), nor `>` and `&`.
    fn json_ld_text(value: &Value) -> String {
        value
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn durations_are_iso_8601() {
            assert_eq!(iso_duration(185_400), "PT3M5S");
            assert_eq!(iso_duration(3_723_000), "PT1H2M3S");
            assert_eq!(iso_duration(999), "PT0M0S");
        }

        #[test]
        fn json_ld_cannot_close_its_script() {
            let text = json_ld_text(&json!({ "name": "</script><b>&" }));
            assert!(
                !text.contains('<') && !text.contains('>') && !text.contains('&'),
                "{text}"
            );
            let back: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back["name"], "</script><b>&");
        }
    }
}
