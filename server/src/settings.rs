//! Resolved settings of a running server, built from the command line (or
//! directly by tests).

use std::net::SocketAddr;
use std::path::PathBuf;

use leptos::config::LeptosOptions;

/// A day: purges keep pages current, so the CDN may keep them long.
pub const DEFAULT_PAGE_TTL: u32 = 86_400;

/// Everything `serve` needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    /// `None`: the SQLite database in `data_dir`.
    pub database_url: Option<String>,
    /// Write the demo catalog at start-up when the catalog is empty.
    pub demo_if_empty: bool,
    /// Where the built site (WASM, CSS, public files) is.
    pub site: LeptosOptions,
    /// Mark the session cookie `Secure` (when served over https).
    pub secure_cookies: bool,
    pub auth_limits: crate::auth::rate_limit::AuthLimits,
    /// The CDN to purge: `none` or `varnish://HOST:PORT`.
    pub cdn: String,
    /// How long the CDN may keep a public page (its `s-maxage`, seconds).
    pub page_ttl: u32,
    /// PostgreSQL pool settings (unused with SQLite).
    pub pool: chorus_storage_postgres::PgOptions,
    /// The cross-instance bus (`nats://HOST:PORT`); `None`: in-process.
    pub bus_url: Option<String>,
    /// Longest a drain may take on SIGTERM before the process exits anyway.
    pub shutdown_timeout: std::time::Duration,
    /// How long an online lease lasts unless its instance renews it.
    pub online_lease: std::time::Duration,
    /// How often the global charts are recomputed.
    pub charts_every: std::time::Duration,
    /// The proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: crate::http::client_addr::TrustedProxies,
    /// Connection cap and header-read (and idle keep-alive) timeout.
    pub connections: crate::http::connections::ConnectionLimits,
    /// Longest a request may take (not audio streams or the feed socket).
    pub request_timeout: std::time::Duration,
    /// Sessions and their expiry.
    pub sessions: crate::auth::sessions::SessionSettings,
    /// The site's public address (absolute links: the sitemap); `None`:
    /// the address each request was sent to.
    pub public_url: Option<app::public_url::PublicUrl>,
}

impl Settings {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("chorus.db").display()))
    }

    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
}

/// The site options cargo-leptos baked into this build (its `LEPTOS_*`
/// variables, overridable at run time), with defaults that find the built
/// site from the checkout root (`target/site`). Hashed bundle names are on
/// when cargo-leptos left its `hash.txt` beside the binary (or
/// `LEPTOS_HASH_FILES` says).
pub fn site_options(addr: SocketAddr) -> anyhow::Result<LeptosOptions> {
    let mut options = leptos::config::get_configuration(None)?.leptos_options;
    if options.output_name.is_empty() {
        options.output_name = "chorus".into();
    }
    options.site_addr = addr;
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = hash_file_beside_binary(&options.hash_file);
    }
    Ok(options)
}

/// Whether cargo-leptos wrote the bundle's hashes (`hash-files`) next to
/// this binary: then the bundle's names carry them.
fn hash_file_beside_binary(name: &str) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name).is_file()))
        .unwrap_or(false)
}
