//! How a public page looks when it is shared or crawled: its canonical
//! link, Open Graph and Twitter card tags (title, description, a square
//! cover, `music.song` / `music.album` / `profile`) and schema.org JSON-LD
//! (`MusicRecording`, `MusicAlbum`, `MusicGroup`, `ProfilePage`), and for
//! a track or album the oEmbed discovery link, all with absolute addresses
//! (`crate::public_url`).
//!
//! Use [`tags`] in a public page's view, after its `<Title>` and
//! `<Meta name="description">`. The tags are made on the server only: link
//! previews and crawlers read the server's HTML, and the browser's bundle
//! carries none of this code. Two rules keep hydration whole without them:
//! in the page's body both sides render the same one placeholder (the
//! browser's `()`), and in the head these come after the page's own tags,
//! which the browser claims in order. In the browser they stay as the
//! server wrote them while the listener navigates.

use chorus_domain::{AlbumDetail, ArtistDetail, Profile, Track};
use leptos::prelude::*;

/// What a public page shows, as its preview describes it.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub enum Subject {
    Track(Track),
    Album(AlbumDetail),
    Artist(ArtistDetail),
    Listener(Profile),
}

/// A page's preview: what it shows, its title and its description (as in
/// its `<title>` and `<meta name="description">`).
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub struct Preview {
    pub subject: Subject,
    pub title: String,
    pub description: String,
}

/// The page's preview tags, from `preview` (called on the server only:
/// see the module doc).
pub fn tags(preview: impl FnOnce() -> Preview) -> AnyView {
    #[cfg(feature = "ssr")]
    return server::tags(preview()).into_any();
    #[cfg(not(feature = "ssr"))]
    {
        drop(preview);
        ().into_any()
    }
}

#[cfg(feature = "ssr")]
mod server {
    use chorus_domain::{cover_variant_url, CoverFormat, Track};
    use leptos::prelude::*;
    use leptos_meta::{Link, Meta, Script};
    use serde_json::{json, Value};

    use super::{Preview, Subject};
    use crate::public_url::PublicUrl;

    /// The width of the cover a preview shows (a JPEG: every previewer
    /// reads it).
    const IMAGE_WIDTH: u32 = 768;
    /// What a preview shows without a cover: the app's icon.
    const NO_COVER: &str = "/icons/icon-512.png";

    /// The tags, registered in the head. In the body a list writes one
    /// placeholder, whatever it holds: what the browser's `()` hydrates.
    pub fn tags(preview: Preview) -> Vec<AnyView> {
        let Some(base) = base_url() else {
            return Vec::new();
        };
        let card = Card::of(&preview, &base);
        let (title, description) = (preview.title, preview.description);
        let mut tags = vec![
            view! { <Link rel="canonical" href=card.url.clone()/> }.into_any(),
            view! { <Meta property="og:site_name" content="Chorus"/> }.into_any(),
            view! { <Meta property="og:type" content=card.og_type/> }.into_any(),
            view! { <Meta property="og:title" content=title.clone()/> }.into_any(),
            view! { <Meta property="og:description" content=description.clone()/> }.into_any(),
            view! { <Meta property="og:url" content=card.url.clone()/> }.into_any(),
            view! { <Meta property="og:image" content=card.image.clone()/> }.into_any(),
            view! { <Meta property="og:image:alt" content=card.image_alt/> }.into_any(),
            view! { <Meta name="twitter:card" content="summary"/> }.into_any(),
            view! { <Meta name="twitter:title" content=title.clone()/> }.into_any(),
            view! { <Meta name="twitter:description" content=description/> }.into_any(),
            view! { <Meta name="twitter:image" content=card.image/> }.into_any(),
            view! { <Script type_="application/ld+json">{json_ld_text(&card.json_ld)}</Script> }
                .into_any(),
        ];
        if card.embeddable {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("url", &card.url)
                .append_pair("format", "json")
                .finish();
            let href = base.join(&format!("/api/oembed?{query}"));
            tags.push(
                view! { <Link rel="alternate" type_="application/json+oembed" href=href title=title/> }
                    .into_any(),
            );
        }
        tags
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
        /// A track or album: it has an embed page (oEmbed).
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
                    "url": base.join(&format!("/artists/{}", id.id)),
                })
            };
            let recording = |track: &Track, position: Option<usize>| {
                let mut value = json!({
                    "@type": "MusicRecording",
                    "name": track.title,
                    "url": base.join(&format!("/tracks/{}", track.id)),
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
                    format!("/tracks/{}", track.id),
                    "music.song",
                    track.cover_url.clone(),
                    format!("Cover of {}", track.album.title),
                    {
                        let mut value = recording(track, None);
                        value["inAlbum"] = json!({
                            "@type": "MusicAlbum",
                            "name": track.album.title,
                            "url": base.join(&format!("/albums/{}", track.album.id)),
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
                        format!("/albums/{}", album.id),
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
                                "url": base.join(&format!("/albums/{}", a.id)),
                            })
                        })
                        .collect();
                    (
                        format!("/artists/{}", artist.id),
                        "profile",
                        artist.image_url.clone(),
                        format!("Image of {}", artist.name),
                        json!({ "@type": "MusicGroup", "name": artist.name, "album": albums }),
                    )
                }
                Subject::Listener(profile) => {
                    let path = format!("/users/{}", profile.user.username);
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
            let embeddable = matches!(preview.subject, Subject::Track(_) | Subject::Album(_));
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
