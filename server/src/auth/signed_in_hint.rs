//! The `chorus_signed_in` cookie: a hint the page's script can read that
//! this browser signed in, so that an anonymous visitor's pages never ask
//! `/api/me` (no request to the origin, no 401 in the console). It holds
//! no secret (its value is `1`) and grants nothing: the HttpOnly session
//! cookie decides who is signed in. Set by sign-up and log-in, removed by
//! log-out; a browser whose session has ended asks `/api/me` once, gets
//! 401 and removes the hint itself.

use http::HeaderValue;

/// The cookie's name, as `app::account` reads it.
pub const HINT_COOKIE: &str = chorus_domain::api::SIGNED_IN_HINT_COOKIE;

/// `Set-Cookie` after signing in: for a year, as long as a trusted device
/// is remembered.
pub fn set() -> HeaderValue {
    HeaderValue::from_static("chorus_signed_in=1; Path=/; Max-Age=31536000; SameSite=Lax")
}

/// `Set-Cookie` after signing out.
pub fn clear() -> HeaderValue {
    HeaderValue::from_static("chorus_signed_in=; Path=/; Max-Age=0; SameSite=Lax")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hint_is_named_as_the_browser_reads_it_and_lasts_a_year() {
        let set = super::set();
        let set = set.to_str().unwrap();
        assert!(set.starts_with(&format!("{}=1;", super::HINT_COOKIE)));
        assert!(set.contains(&format!("Max-Age={};", 365 * 24 * 3600)));
        assert!(!set.contains("HttpOnly"), "the page's script reads it");
        let clear = super::clear();
        assert!(clear
            .to_str()
            .unwrap()
            .starts_with(&format!("{}=;", super::HINT_COOKIE)));
    }
}
