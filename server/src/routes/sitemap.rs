//! For search engines: `/robots.txt`, and the sitemap — `/sitemap.xml`,
//! the index; `/sitemaps/site.xml`, the pages that are always there (home,
//! charts); and `/sitemaps/{kind}-{n}.xml`, each listing at most 50,000
//! public pages of one kind ([`chorus_domain::sitemap`]). All three are
//! public and CDN-cached under the surrogate key `sitemap`, purged when
//! pages are added or dropped (an import, a listener's privacy change).
//! Their addresses are absolute, from the site's public URL
//! (`AppState::public_url_for`).

use axum::extract::{Path, State};
use axum::response::Response;
use chorus_domain::{SitemapKind, SitemapPage, SurrogateKey};
use http::HeaderMap;

use crate::http::error::ApiError;
use crate::http::markup::escape;
use crate::http::public_page::public_response;
use crate::state::AppState;

/// What crawlers may not fetch: personal pages, the API and server
/// functions. Public pages, covers and the bundle (to render pages) they
/// may.
const DISALLOWED: [&str; 12] = [
    "/api/",
    "/_fn/",
    "/feed",
    "/friends",
    "/settings",
    "/downloads",
    "/login",
    "/signup",
    "/search",
    "/share",
    "/sw.js",
    "/playlists/add",
];

/// The pages that are always there, in their own sitemap (so the index
/// always lists one, as its schema requires).
const SITE_PAGES: [&str; 2] = ["/", "/charts"];
const SITE_SITEMAP: &str = "site.xml";

/// `GET /robots.txt`.
pub async fn robots(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let base = state.public_url_for(&headers)?;
    let mut text = String::from("User-agent: *\n");
    for path in DISALLOWED {
        text.push_str(&format!("Disallow: {path}\n"));
    }
    text.push_str(&format!(
        "Allow: /\n\nSitemap: {}\n",
        base.join("/sitemap.xml")
    ));
    Ok(cached("text/plain; charset=utf-8", text))
}

/// `GET /sitemap.xml`: the index of every kind's sitemaps.
pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let base = state.public_url_for(&headers)?;
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        "\n"
    ));
    let mut list = |file: &str| {
        let loc = base.join(&format!("/sitemaps/{file}"));
        xml.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(&loc)
        ));
    };
    list(SITE_SITEMAP);
    for kind in SitemapKind::ALL {
        let count = state.sitemap.sitemap_count(kind).await?;
        for number in 1..=SitemapPage::count_for(count) {
            let page = SitemapPage { kind, number };
            let loc = base.join(&format!("/sitemaps/{}", page.file_name()));
            xml.push_str(&format!(
                "  <sitemap><loc>{}</loc></sitemap>\n",
                escape(&loc)
            ));
        }
    }
    xml.push_str("</sitemapindex>\n");
    Ok(cached(XML, xml))
}

/// `GET /sitemaps/{file}`: `site.xml`, or one kind's sitemap; 404 for any
/// other name or past the last.
pub async fn sitemap(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let base = state.public_url_for(&headers)?;
    let paths: Vec<String> = if file == SITE_SITEMAP {
        SITE_PAGES.iter().map(|path| (*path).to_owned()).collect()
    } else {
        let page = SitemapPage::parse_file_name(&file).ok_or(ApiError::NotFound)?;
        let keys = state.sitemap.sitemap_keys(page).await?;
        keys.iter().map(|key| page.kind.page_path(key)).collect()
    };
    if paths.is_empty() {
        return Err(ApiError::NotFound);
    }
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        "\n"
    ));
    for path in paths {
        let loc = base.join(&path);
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&loc)));
    }
    xml.push_str("</urlset>\n");
    Ok(cached(XML, xml))
}

const XML: &str = "application/xml; charset=utf-8";

/// A public answer, named by the `sitemap` surrogate key.
fn cached(content_type: &'static str, body: String) -> Response {
    public_response(content_type, body, [SurrogateKey::sitemap()])
}
