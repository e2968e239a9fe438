//! Chorus on other sites: `/embed/tracks/{id}`, `/embed/albums/{id}` and
//! `/embed/playlists/{id}` (public playlists only), small player pages made
//! to be framed anywhere (the only pages that may be:
//! `Content-Security-Policy: frame-ancestors *`), and the oEmbed endpoint
//! (`GET /api/oembed?url=…`) that gives a site the `<iframe>` for a track,
//! album or public playlist link. An embed page is plain HTML with the
//! browser's own `<audio>` controls and a few lines of script to move
//! through a list: no WASM, no hydration. It is public and CDN-cached under
//! the same surrogate keys as the page it embeds.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chorus_domain::{
    cover_variant_url, format_duration, AlbumDetail, AlbumId, ArtistRef, CoverFormat, PlaylistId,
    PublicPage, SurrogateKey, Track, TrackId,
};
use chorus_storage::StorageError;
use http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::{Deserialize, Serialize};

use crate::http::cache::{public_json, CachePolicy};
use crate::http::error::ApiError;
use crate::http::markup::escape;
use crate::http::public_page::public_response;
use crate::http::query::ApiQuery;
use crate::routes::in_api;
use crate::state::AppState;

/// Who may frame an embed page: anyone.
const FRAMED_BY_ANYONE: &str = "frame-ancestors *";
const HTML: &str = "text/html; charset=utf-8";
/// An embed's size: as wide as the site likes up to this, this high for a
/// track; an album adds a row per track up to [`ALBUM_MAX_HEIGHT`].
const WIDTH: u32 = 480;
const TRACK_HEIGHT: u32 = 152;
const ROW_HEIGHT: u32 = 36;
const ALBUM_MAX_HEIGHT: u32 = 400;

/// `GET /embed/tracks/{id}`: one track's player.
pub async fn track(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<TrackId>() else {
        return missing();
    };
    match state.catalog.track(id).await {
        Ok(track) => {
            let heading = Heading {
                title: &track.title,
                page: PublicPage::Track(track.id).to_string(),
                by: Byline::artist(&track.artist),
                cover: track.cover_url.as_deref(),
                cover_alt: format!("Cover of {}", track.album.title),
            };
            let keys = [
                SurrogateKey::track(track.id),
                SurrogateKey::album(track.album.id),
                SurrogateKey::artist(track.artist.id),
            ];
            embed_page(&heading, std::slice::from_ref(&track), keys)
        }
        Err(error) => failed(error),
    }
}

/// `GET /embed/albums/{id}`: an album's player, its tracks in order.
pub async fn album(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<AlbumId>() else {
        return missing();
    };
    match state.catalog.album(id).await {
        Ok(AlbumDetail { album, tracks }) => {
            let heading = Heading {
                title: &album.title,
                page: PublicPage::Album(album.id).to_string(),
                by: Byline::artist(&album.artist),
                cover: album.cover_url.as_deref(),
                cover_alt: format!("Cover of {}", album.title),
            };
            let keys = [
                SurrogateKey::album(album.id),
                SurrogateKey::artist(album.artist.id),
            ];
            embed_page(&heading, &tracks, keys)
        }
        Err(error) => failed(error),
    }
}

/// `GET /embed/playlists/{id}`: a public playlist's player, its tracks in
/// order (any other playlist: 404).
pub async fn playlist(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<PlaylistId>() else {
        return missing();
    };
    match state.playlists.detail(id, None).await {
        Ok(detail) => {
            let p = &detail.playlist;
            let tracks: Vec<Track> = detail.entries.iter().map(|e| e.track.clone()).collect();
            let cover = tracks.iter().find_map(|t| t.cover_url.as_deref());
            let heading = Heading {
                title: p.name.as_str(),
                page: PublicPage::Playlist(p.id).to_string(),
                by: Byline {
                    name: p.owner.display_name.as_str(),
                    page: PublicPage::Listener(p.owner.username.clone()).to_string(),
                },
                cover,
                cover_alt: format!("Cover of a track on {}", p.name.as_str()),
            };
            embed_page(&heading, &tracks, detail.surrogate_keys())
        }
        Err(chorus_services::ServiceError::NotFound) => missing(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// What an embed shows above its player.
struct Heading<'a> {
    title: &'a str,
    /// The embedded page's path (`/albums/6`).
    page: String,
    by: Byline<'a>,
    cover: Option<&'a str>,
    cover_alt: String,
}

/// Whose it is: the artist, or the playlist's owner; and their page.
struct Byline<'a> {
    name: &'a str,
    page: String,
}

impl<'a> Byline<'a> {
    fn artist(artist: &'a ArtistRef) -> Self {
        Self {
            name: &artist.name,
            page: PublicPage::Artist(artist.id).to_string(),
        }
    }
}

/// The embed page of `tracks`, public under `keys` (those of the page it
/// embeds), framed by anyone.
fn embed_page(
    heading: &Heading,
    tracks: &[Track],
    keys: impl IntoIterator<Item = SurrogateKey>,
) -> Response {
    framed(public_response(HTML, document(heading, tracks), keys))
}

/// The embed page: heading, the player (the first track loaded), and for
/// more than one track the list, each a button that plays it.
fn document(heading: &Heading, tracks: &[Track]) -> String {
    let cover = heading
        .cover
        .and_then(|url| cover_variant_url(url, 192, CoverFormat::Jpeg))
        .map(|src| {
            format!(
                r#"<img class="cover" src="{}" width="96" height="96" alt="{}">"#,
                escape(&src),
                escape(&heading.cover_alt)
            )
        })
        .unwrap_or_default();
    let first = tracks
        .first()
        .map(|t| t.stream_url.as_str())
        .unwrap_or_default();
    let list = if tracks.len() > 1 {
        let rows: String = tracks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    r#"<li><button type="button" data-src="{}"{}><span>{}. {}</span><span class="time">{}</span></button></li>"#,
                    escape(&t.stream_url),
                    if i == 0 { r#" aria-current="true""# } else { "" },
                    i + 1,
                    escape(&t.title),
                    format_duration(t.duration_ms)
                )
            })
            .collect();
        format!(r#"<ol class="tracks">{rows}</ol><script>{ALBUM_SCRIPT}</script>"#)
    } else {
        String::new()
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Chorus</title><meta name="robots" content="noindex"><link rel="canonical" href="{page}">
<style>{STYLE}</style></head>
<body><main class="embed"><header>{cover}<div class="info">
<a class="title" href="{page}" target="_blank" rel="noopener">{title}</a>
<a class="artist" href="{artist_page}" target="_blank" rel="noopener">{artist}</a>
<audio controls preload="none" src="{first}" aria-label="Play {title}"></audio>
</div><a class="brand" href="/" target="_blank" rel="noopener" aria-label="Listen on Chorus">Chorus</a></header>{list}</main></body></html>
"#,
        title = escape(heading.title),
        page = escape(&heading.page),
        artist_page = escape(&heading.by.page),
        artist = escape(heading.by.name),
        first = escape(first),
    )
}

/// The album list's buttons play their track; the next one follows.
const ALBUM_SCRIPT: &str = "const a=document.querySelector('audio'),b=[...document.querySelectorAll('.tracks button')];\
function p(i){b.forEach((x,j)=>x.toggleAttribute('aria-current',i===j));a.src=b[i].dataset.src;a.play()}\
b.forEach((x,i)=>x.onclick=()=>p(i));\
a.onended=()=>{const i=b.findIndex(x=>x.hasAttribute('aria-current'));if(i+1<b.length)p(i+1)}";

const STYLE: &str = "*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,sans-serif;background:#16161d;color:#f2f2f5}\
.embed{padding:12px}header{display:flex;gap:12px;align-items:center}.cover{border-radius:6px;flex:none}\
.info{flex:1;min-width:0;display:flex;flex-direction:column;gap:2px}a{color:inherit}\
.title{font-weight:600;font-size:16px;text-decoration:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
.artist{color:#b9b9c6;text-decoration:none}audio{width:100%;margin-top:6px;height:40px}\
.brand{align-self:flex-start;color:#a78bfa;font-weight:700;text-decoration:none;padding:4px}\
.tracks{list-style:none;margin:8px 0 0;padding:0}.tracks button{all:unset;box-sizing:border-box;display:flex;\
justify-content:space-between;width:100%;min-height:36px;padding:8px;border-radius:4px;cursor:pointer}\
.tracks button:hover,.tracks button:focus-visible{background:#2a2a36}.tracks button[aria-current]{color:#a78bfa}\
.time{color:#b9b9c6}";

/// Any site may frame the response.
fn framed(mut response: Response) -> Response {
    response.headers_mut().insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(FRAMED_BY_ANYONE),
    );
    response
}

fn failed(error: StorageError) -> Response {
    match error {
        StorageError::NotFound => missing(),
        other => ApiError::from(other).into_response(),
    }
}

/// 404, as a page the frame can show.
fn missing() -> Response {
    let body = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found · Chorus</title><style>{STYLE}</style></head><body><main class="embed"><p>This music is not on Chorus (any more).</p></main></body></html>"#
    );
    let mut response = (StatusCode::NOT_FOUND, [(CONTENT_TYPE, HTML)], body).into_response();
    CachePolicy::NoStore.apply(response.headers_mut());
    framed(response)
}

/// `GET /api/oembed` parameters (oEmbed 1.0).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OembedParams {
    /// A track, album or public playlist page of this site (its host is
    /// not checked: only its path).
    #[param(required = true)]
    url: Option<String>,
    /// Only `json` is served (any other: 501).
    #[param(pattern = "^json$")]
    format: Option<String>,
    /// The widest the embed may be, in CSS pixels.
    #[param(minimum = 1)]
    maxwidth: Option<u32>,
    /// The tallest the embed may be, in CSS pixels.
    #[param(minimum = 1)]
    maxheight: Option<u32>,
}

/// An oEmbed 1.0 `rich` response: the `<iframe>` of the embed page.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Oembed {
    /// Always `rich`.
    r#type: &'static str,
    /// Always `1.0`.
    version: &'static str,
    title: String,
    author_name: String,
    author_url: String,
    provider_name: &'static str,
    provider_url: String,
    /// The `<iframe>` to put in the site's page.
    html: String,
    width: u32,
    height: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_height: Option<u32>,
}

/// `GET /api/oembed?url=…&format=json&maxwidth=&maxheight=`.
#[utoipa::path(
    get,
    path = in_api("/api/oembed"),
    summary = "An embeddable player for a track, album or playlist link (oEmbed)",
    description = "oEmbed 1.0: for the link of a track, album or public playlist page, a `rich` response whose `html` is an `<iframe>` of `/embed/tracks/{id}`, `/embed/albums/{id}` or `/embed/playlists/{id}`, no wider than `maxwidth` and no taller than `maxheight`.",
    tag = "pages",
    params(OembedParams),
    responses(
        (status = 200, description = "The embed", body = Oembed),
        (status = 400, description = "No `url`, or a malformed parameter", body = crate::http::error::ErrorBody),
        (status = 404, description = "The link is not a track, album or public playlist of this site", body = crate::http::error::ErrorBody),
        (status = 501, description = "A format other than `json`", body = crate::http::error::ErrorBody),
    )
)]
pub async fn oembed(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<OembedParams>,
) -> Result<Response, ApiError> {
    if params.format.as_deref().is_some_and(|f| f != "json") {
        return Err(ApiError::NotImplemented("only the json format is served"));
    }
    let url = params
        .url
        .ok_or_else(|| ApiError::BadRequest("`url` names the page to embed".into()))?;
    let base = state.public_url_for(&headers)?;
    let artist = |a: ArtistRef| (a.name, PublicPage::Artist(a.id).to_string());
    let (embed, title, (author_name, author_path), cover, rows) = match PublicPage::from_link(&url)
    {
        Some(PublicPage::Track(id)) => {
            let track = state.catalog.track(id).await?;
            (
                format!("/embed/tracks/{id}"),
                track.title,
                artist(track.artist),
                track.cover_url,
                0,
            )
        }
        Some(PublicPage::Album(id)) => {
            let detail = state.catalog.album(id).await?;
            let rows = u32::try_from(detail.tracks.len()).unwrap_or(u32::MAX);
            let album = detail.album;
            (
                format!("/embed/albums/{id}"),
                album.title,
                artist(album.artist),
                album.cover_url,
                rows,
            )
        }
        Some(PublicPage::Playlist(id)) => {
            let detail = state.playlists.detail(id, None).await?;
            let rows = u32::try_from(detail.entries.len()).unwrap_or(u32::MAX);
            let cover = detail
                .entries
                .iter()
                .find_map(|e| e.track.cover_url.clone());
            let owner = detail.playlist.owner;
            (
                format!("/embed/playlists/{id}"),
                String::from(detail.playlist.name),
                (
                    owner.display_name.as_str().to_owned(),
                    PublicPage::Listener(owner.username).to_string(),
                ),
                cover,
                rows,
            )
        }
        _ => return Err(ApiError::NotFound),
    };
    let width = params.maxwidth.map_or(WIDTH, |max| max.min(WIDTH));
    let natural = match rows {
        0 => TRACK_HEIGHT,
        n => (TRACK_HEIGHT + n.saturating_mul(ROW_HEIGHT)).min(ALBUM_MAX_HEIGHT),
    };
    let height = params.maxheight.map_or(natural, |max| natural.min(max));
    let src = base.join(&embed);
    let html = format!(
        r#"<iframe src="{}" width="{width}" height="{height}" title="{} on Chorus" style="border:0;border-radius:8px" allow="autoplay; encrypted-media" loading="lazy"></iframe>"#,
        escape(&src),
        escape(&title)
    );
    let thumbnail = cover
        .as_deref()
        .and_then(|url| cover_variant_url(url, 384, CoverFormat::Jpeg))
        .map(|path| base.join(&path));
    Ok(public_json(Oembed {
        r#type: "rich",
        version: "1.0",
        title,
        author_url: base.join(&author_path),
        author_name,
        provider_name: "Chorus",
        provider_url: base.join("/"),
        html,
        width,
        height,
        thumbnail_width: thumbnail.as_ref().map(|_| 384),
        thumbnail_height: thumbnail.as_ref().map(|_| 384),
        thumbnail_url: thumbnail,
    }))
}
