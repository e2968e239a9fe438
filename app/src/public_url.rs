//! The site's public address (`--public-url`, e.g. `https://chorus.example`):
//! what absolute links to Chorus's pages start with — in the sitemap,
//! `robots.txt`, and pages' canonical links and previews
//! ([`crate::preview`]). Use [`PublicUrl::for_request`] where a response
//! needs one (server side only). Unset (development, tests), it is `http://` and the request's
//! `Host`: a CDN keeps such answers apart per host (Varnish hashes the
//! host with the URL), but an instance behind one should be told its
//! address.

use std::str::FromStr;

use http::uri::{Authority, Scheme};
use http::{HeaderMap, Uri};

/// `scheme://authority`, without a path or a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// The configured address, or else the one the request was sent to.
    /// `None` when neither is known (no valid `Host`).
    pub fn for_request(configured: Option<&PublicUrl>, headers: &HeaderMap) -> Option<Self> {
        if let Some(url) = configured {
            return Some(url.clone());
        }
        let host = headers.get(http::header::HOST)?.to_str().ok()?;
        let authority = Authority::from_str(host).ok()?;
        (authority.as_str() == host).then(|| Self(format!("http://{authority}")))
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

impl FromStr for PublicUrl {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let uri = Uri::from_str(raw.trim_end_matches('/'))
            .map_err(|e| format!("not a URL ({e}): {raw}"))?;
        let scheme = uri
            .scheme()
            .filter(|s| **s == Scheme::HTTP || **s == Scheme::HTTPS);
        let (Some(scheme), Some(authority)) = (scheme, uri.authority()) else {
            return Err(format!("expected http(s)://HOST[:PORT], got {raw}"));
        };
        if authority.as_str().contains('@')
            || !matches!(uri.path(), "" | "/")
            || uri.query().is_some()
        {
            return Err(format!(
                "expected only a scheme and a host (no user, path or query), got {raw}"
            ));
        }
        Ok(Self(format!("{scheme}://{authority}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_a_scheme_and_a_host_only() {
        let url: PublicUrl = "https://chorus.example/".parse().unwrap();
        assert_eq!(
            url.join("/sitemap.xml"),
            "https://chorus.example/sitemap.xml"
        );
        let url: PublicUrl = "http://127.0.0.1:3000".parse().unwrap();
        assert_eq!(url.join("/x"), "http://127.0.0.1:3000/x");
        for bad in [
            "chorus.example",
            "ftp://chorus.example",
            "https://chorus.example/app",
            "https://chorus.example?x=1",
            "https://user@chorus.example",
            "",
        ] {
            assert!(bad.parse::<PublicUrl>().is_err(), "{bad}");
        }
    }

    #[test]
    fn unset_it_is_the_requests_host_if_that_is_one() {
        let configured: PublicUrl = "https://chorus.example".parse().unwrap();
        let mut headers = HeaderMap::new();
        assert_eq!(PublicUrl::for_request(None, &headers), None);
        headers.insert(http::header::HOST, "localhost:3000".parse().unwrap());
        assert_eq!(
            PublicUrl::for_request(None, &headers),
            Some(PublicUrl("http://localhost:3000".into()))
        );
        assert_eq!(
            PublicUrl::for_request(Some(&configured), &headers),
            Some(configured)
        );
        headers.insert(http::header::HOST, "evil.example/path".parse().unwrap());
        assert_eq!(PublicUrl::for_request(None, &headers), None);
    }
}
