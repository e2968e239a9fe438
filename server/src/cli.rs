//! The `chorus` command line. Every flag has an environment variable, so the
//! same binary is configured by flags locally and by env in deployments.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Chorus: a social music service. Play music and see, live, what your
/// friends play.
#[derive(Debug, Parser)]
#[command(name = "chorus", version)]
pub struct Cli {
    #[command(flatten)]
    pub storage: StorageArgs,
    #[command(flatten)]
    pub cdn: CdnArgs,
    /// Log format; filter with RUST_LOG (default `info`).
    #[arg(
        long,
        env = "CHORUS_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

/// Where Chorus keeps its data.
#[derive(Debug, Args)]
pub struct StorageArgs {
    /// Folder holding the SQLite database and the media store (audio, covers).
    #[arg(long, env = "CHORUS_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// Database URL; overrides the SQLite database in the data folder
    /// (default: sqlite://<data-dir>/chorus.db).
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// A read replica of the PostgreSQL database, for catalog and profile
    /// reads (which tolerate a moment of replication lag).
    #[arg(long, env = "DATABASE_REPLICA_URL", global = true)]
    pub database_replica_url: Option<String>,
    /// Most connections this instance opens to PostgreSQL.
    #[arg(
        long,
        env = "CHORUS_DB_MAX_CONNECTIONS",
        default_value_t = 16,
        global = true
    )]
    pub db_max_connections: u32,
    /// Milliseconds a PostgreSQL statement may run before it is cancelled.
    #[arg(
        long,
        env = "CHORUS_DB_STATEMENT_TIMEOUT_MS",
        default_value_t = 5000,
        global = true
    )]
    pub db_statement_timeout_ms: u64,
    /// Mark the session cookie `Secure`: set when the site is served over https.
    #[arg(long, env = "CHORUS_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,
}

impl StorageArgs {
    pub fn pool(&self) -> chorus_storage_postgres::PgOptions {
        chorus_storage_postgres::PgOptions {
            max_connections: self.db_max_connections,
            statement_timeout: Some(std::time::Duration::from_millis(
                self.db_statement_timeout_ms,
            )),
            read_replica_url: self.database_replica_url.clone(),
            ..Default::default()
        }
    }
}

/// How the process logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line (for log collectors in production).
    Json,
}

/// The CDN in front of the public pages.
#[derive(Debug, Args)]
pub struct CdnArgs {
    /// The CDN to purge when what a public page shows changes: `none`, or
    /// `varnish://HOST:PORT` (Varnish with xkey; deploy/varnish/chorus.vcl).
    #[arg(long, env = "CHORUS_CDN", default_value = "none", global = true)]
    pub cdn: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site, the JSON API and audio streams. Writes the demo
    /// catalog first when the catalog is empty.
    Serve(ServeArgs),
    /// Import audio files (Ogg Vorbis/Opus, MP3, FLAC, M4A, WAV) from folders,
    /// recursively. Re-importing unchanged files changes nothing; files that
    /// cannot be read are reported and skipped.
    Import {
        /// Folders (or single files) to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write the demo catalog: synthesized albums with cover art.
    Demo,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CHORUS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Do not write the demo catalog when the catalog is empty.
    #[arg(long, env = "CHORUS_NO_DEMO")]
    pub no_demo: bool,
    /// Sign-up and log-in requests allowed per minute from one IP address.
    #[arg(long, env = "CHORUS_AUTH_PER_IP_PER_MINUTE", default_value_t = 30)]
    pub auth_per_ip_per_minute: u32,
    /// Log-in attempts allowed per minute for one username.
    #[arg(
        long,
        env = "CHORUS_LOGIN_PER_USERNAME_PER_MINUTE",
        default_value_t = 10
    )]
    pub login_per_username_per_minute: u32,
    /// Seconds the CDN may keep a public page (its s-maxage); purges keep
    /// it current meanwhile.
    #[arg(long, env = "CHORUS_PAGE_TTL", default_value_t = 86_400)]
    pub page_ttl: u32,
    /// The bus carrying live hints between instances: `nats://HOST:PORT`.
    /// Unset: in-process (one instance).
    #[arg(long, env = "CHORUS_BUS_URL")]
    pub bus_url: Option<String>,
    /// Seconds a drain (on SIGTERM or Ctrl-C) may take: feed sockets are
    /// closed with 1001 and in-flight requests finish, then the process
    /// exits even if some have not.
    #[arg(long, env = "CHORUS_SHUTDOWN_TIMEOUT", default_value_t = 15)]
    pub shutdown_timeout: u64,
    /// Seconds an online lease lasts: a crashed instance's listeners go
    /// offline within 4/3 of it (leases are renewed and swept every third).
    #[arg(long, env = "CHORUS_ONLINE_TTL", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(3..))]
    pub online_ttl: u64,
    /// Seconds between recomputations of the global charts (each rolls up
    /// the plays since the last one; the `/charts` page is purged when they
    /// change).
    #[arg(long, env = "CHORUS_CHARTS_EVERY", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub charts_every: u64,
    /// The proxies in front of this instance (CDN, load balancer), as
    /// `CIDR[,CIDR…]`: when the peer is one of them, the client is the
    /// rightmost `X-Forwarded-For` address that is not. Default: none (the
    /// peer is the client). Every per-IP limit and log line uses the client.
    #[arg(long, env = "CHORUS_TRUSTED_PROXIES", default_value = "none")]
    pub trusted_proxies: crate::http::client_addr::TrustedProxies,
    /// Connections open at once, feed sockets included; at the cap the
    /// instance stops accepting until one closes.
    #[arg(long, env = "CHORUS_MAX_CONNECTIONS", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,
    /// Seconds a request head may take to arrive (a stalled one is closed),
    /// which is also how long a kept-alive connection may wait idle for its
    /// next request.
    #[arg(long, env = "CHORUS_HEADER_READ_TIMEOUT", default_value_t = 15,
          value_parser = clap::value_parser!(u64).range(1..=30))]
    pub header_read_timeout: u64,
    /// Seconds a request may take, body included, before it is answered
    /// 503 (every route but audio streams and the feed socket).
    #[arg(long, env = "CHORUS_REQUEST_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout: u64,
    /// The site's public address, `http(s)://HOST[:PORT]` (what the CDN
    /// serves it at): absolute links (`robots.txt`, the sitemap) start
    /// with it. Unset: the address each request was sent to (`Host`).
    #[arg(long, env = "CHORUS_PUBLIC_URL")]
    pub public_url: Option<app::public_url::PublicUrl>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
