//! Trusted devices: a browser that signed in to an account (or created it)
//! gets a random token in the `chorus_device` cookie, remembered for the
//! account (only its SHA-256 is stored). Password checks from a trusted
//! device spend that device's own budget rather than the username's (see
//! [`super::rate_limit`]), so a stranger hammering an account from
//! anywhere cannot lock its owner out of the browsers they use.
//!
//! The cookie is `HttpOnly`, `SameSite=Strict`, scoped to `/api/`, kept a
//! year, and carries nothing about the account: a token names an account
//! only through the store. Devices unused for a year are forgotten.

use std::sync::{Arc, Weak};
use std::time::Duration;

use chorus_domain::{Clock, UserId};
use chorus_storage::DeviceStore;
use http::header::COOKIE;
use http::{HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

use crate::http::error::ApiError;

/// The cookie's name.
pub const DEVICE_COOKIE: &str = "chorus_device";
/// How long a device stays trusted without signing in again.
const KEEP: Duration = Duration::from_secs(365 * 24 * 60 * 60);
/// How often forgotten devices are deleted.
const CLEAN_UP_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Recognises and trusts devices. Cheap to clone.
#[derive(Clone)]
pub struct Devices {
    store: Arc<dyn DeviceStore>,
    secure_cookies: bool,
    clock: Arc<dyn Clock>,
}

impl Devices {
    /// Devices kept in `store`; unused ones are deleted by a task that ends
    /// with the last clone.
    pub fn new(store: Arc<dyn DeviceStore>, secure_cookies: bool, clock: Arc<dyn Clock>) -> Self {
        tokio::spawn(forget_unused(Arc::downgrade(&store), clock.clone()));
        Self {
            store,
            secure_cookies,
            clock,
        }
    }

    /// The hash of the request's device token, when that device is
    /// trusted for `user`.
    pub async fn recognise(
        &self,
        headers: &HeaderMap,
        user: UserId,
    ) -> Result<Option<String>, ApiError> {
        let Some(hash) = device_token(headers).map(|token| hash(&token)) else {
            return Ok(None);
        };
        let owner = self.store.device_owner(&hash).await?;
        Ok((owner == Some(user)).then_some(hash))
    }

    /// Trusts the request's device for `user`, who just proved their
    /// password: its token is used again if it holds one, else a new one
    /// is made. The `Set-Cookie` value to send (always, so the cookie's
    /// year starts over).
    pub async fn trust(&self, headers: &HeaderMap, user: UserId) -> Result<HeaderValue, ApiError> {
        let token = match device_token(headers) {
            Some(token) if self.store.device_owner(&hash(&token)).await? == Some(user) => token,
            _ => new_token(),
        };
        self.store
            .trust_device(user, &hash(&token), self.clock.now().as_ms())
            .await?;
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        HeaderValue::try_from(format!(
            "{DEVICE_COOKIE}={token}; Path=/api/; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
            KEEP.as_secs()
        ))
        .map_err(|e| ApiError::Internal(format!("device cookie: {e}")))
    }
}

/// The device token the request carries, if it looks like one of ours.
fn device_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == DEVICE_COOKIE)
        .map(|(_, token)| token.to_owned())
        .filter(|token| token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// 256 random bits, hex.
fn new_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

async fn forget_unused(store: Weak<dyn DeviceStore>, clock: Arc<dyn Clock>) {
    let mut every = tokio::time::interval(CLEAN_UP_EVERY);
    loop {
        every.tick().await;
        let Some(store) = store.upgrade() else {
            return;
        };
        let before = clock
            .now()
            .as_ms()
            .saturating_sub(u64::try_from(KEEP.as_millis()).unwrap_or(0));
        if let Err(e) = store.forget_devices(before).await {
            tracing::warn!(error = %e, "unused trusted devices not forgotten");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_tokens_are_read_from_the_cookie() {
        let token = new_token();
        assert_eq!(token.len(), 64);
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            format!("chorus_session=x; {DEVICE_COOKIE}={token}")
                .parse()
                .unwrap(),
        );
        assert_eq!(device_token(&headers), Some(token));
        headers.insert(COOKIE, format!("{DEVICE_COOKIE}=short").parse().unwrap());
        assert_eq!(device_token(&headers), None);
        assert_ne!(new_token(), new_token());
    }
}
