//! Varnish with the xkey module: `PURGE /` with the keys, space-separated,
//! in an `xkey-purge` header (what `deploy/varnish/chorus.vcl` accepts).

use std::time::Duration;

use async_trait::async_trait;
use chorus_domain::surrogate::header_value;
use chorus_domain::SurrogateKey;

use super::{Cdn, PurgeError};

/// Keys per purge request: a header well under Varnish's 8 KiB limit.
const KEYS_PER_REQUEST: usize = 200;
const TIMEOUT: Duration = Duration::from_secs(5);

pub struct Varnish {
    client: reqwest::Client,
    url: String,
}

impl Varnish {
    /// Varnish listening at `address` (`host:port`).
    pub fn new(address: &str) -> anyhow::Result<Self> {
        anyhow::ensure!(
            !address.is_empty() && !address.contains('/'),
            "expected varnish://HOST:PORT, got varnish://{address}"
        );
        Ok(Self {
            client: reqwest::Client::builder().timeout(TIMEOUT).build()?,
            url: format!("http://{address}/"),
        })
    }
}

#[async_trait]
impl Cdn for Varnish {
    async fn purge(&self, keys: &[SurrogateKey]) -> Result<(), PurgeError> {
        let purge = reqwest::Method::from_bytes(b"PURGE").map_err(|e| PurgeError(e.to_string()))?;
        for chunk in keys.chunks(KEYS_PER_REQUEST) {
            let response = self
                .client
                .request(purge.clone(), &self.url)
                .header("xkey-purge", header_value(chunk.iter().cloned()))
                .send()
                .await
                .map_err(|e| PurgeError(format!("purge request to {} failed: {e}", self.url)))?;
            if !response.status().is_success() {
                return Err(PurgeError(format!(
                    "{} refused the purge: {}",
                    self.url,
                    response.status()
                )));
            }
        }
        Ok(())
    }
}
