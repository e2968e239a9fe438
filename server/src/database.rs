//! Which database backs this instance, chosen by its URL: SQLite (the
//! embedded default, one instance) or PostgreSQL (`postgres://…`, shared by
//! any number of instances). Everything above sees only the storage traits;
//! this is the one place that knows both engines (for the session table and
//! the pool figures on `/metrics`).

use std::sync::Arc;

use anyhow::Context;
use chorus_domain::Clock;
use chorus_storage::{
    ActivityStore, AttemptStore, CatalogStore, DeviceStore, DiscoveryStore, NotificationStore,
    OnlineStore, PlaylistStore, PurgeQueue, SitemapStore, SocialStore, Transactions, UserStore,
};
use chorus_storage_postgres::{PgOptions, PostgresStore};
use chorus_storage_sqlite::SqliteStore;

/// Every storage trait: what each backend implements.
pub trait AllStores:
    CatalogStore
    + UserStore
    + SocialStore
    + ActivityStore
    + OnlineStore
    + AttemptStore
    + DiscoveryStore
    + DeviceStore
    + PurgeQueue
    + SitemapStore
    + PlaylistStore
    + NotificationStore
    + Transactions
{
}

impl<T> AllStores for T where
    T: CatalogStore
        + UserStore
        + SocialStore
        + ActivityStore
        + OnlineStore
        + AttemptStore
        + DiscoveryStore
        + DeviceStore
        + PurgeQueue
        + SitemapStore
        + PlaylistStore
        + NotificationStore
        + Transactions
{
}

#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// How busy the connection pool is.
#[derive(Debug, Clone, Copy)]
pub struct PoolUsage {
    pub open: u32,
    pub idle: usize,
    pub max: u32,
}

impl Database {
    /// Opens the database at `url` and brings its schema up to date;
    /// `pool` applies to PostgreSQL only. Its stores tell the time by `clock`.
    pub async fn open(url: &str, pool: &PgOptions, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let store = PostgresStore::connect(url, pool.clone())
                .await
                .with_context(|| format!("cannot open database {}", redact(url)))?;
            Ok(Self::Postgres(store.with_clock(clock)))
        } else if url.starts_with("sqlite:") {
            let store = SqliteStore::open(url)
                .await
                .with_context(|| format!("cannot open database {url}"))?;
            Ok(Self::Sqlite(store.with_clock(clock)))
        } else {
            anyhow::bail!(
                "unsupported database URL {}: use sqlite://PATH or postgres://…",
                redact(url)
            )
        }
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// Every store of this database, as one value (it converts into each
    /// store trait it implements).
    pub fn stores(&self) -> Arc<dyn AllStores> {
        match self {
            Self::Sqlite(s) => Arc::new(s.clone()),
            Self::Postgres(s) => Arc::new(s.clone()),
        }
    }

    /// The primary pool's usage now.
    pub fn pool_usage(&self) -> PoolUsage {
        match self {
            Self::Sqlite(s) => usage(s.pool()),
            Self::Postgres(s) => usage(s.pool()),
        }
    }
}

fn usage<DB: sqlx::Database>(pool: &sqlx::Pool<DB>) -> PoolUsage {
    PoolUsage {
        open: pool.size(),
        idle: pool.num_idle(),
        max: pool.options().get_max_connections(),
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            super::redact("postgres://chorus:s3cret@db:5432/chorus"),
            "postgres://chorus:***@db:5432/chorus"
        );
        assert_eq!(
            super::redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
    }
}
