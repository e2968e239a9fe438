//! Opening the database: connection options, the primary pool (and a
//! replica pool for lag-tolerant reads), migrations.

use std::str::FromStr;
use std::sync::Arc;

use chorus_domain::{Clock, SystemClock};
use chorus_storage::StorageResult;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

use crate::error::{map_err, migrate_err};
use crate::search_documents;
use crate::PgOptions;

/// The PostgreSQL-backed store. Cheap to clone (it is connection pools).
#[derive(Clone, Debug)]
pub struct PostgresStore {
    /// Every write, and every read that must see them at once.
    pub(crate) pool: PgPool,
    /// Catalog and profile reads, when a replica is configured.
    pub(crate) replica: Option<PgPool>,
    /// The time rows are written at and "private now" is read at.
    pub(crate) clock: Arc<dyn Clock>,
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://user:pass@host/db`),
    /// brings its schema up to date, opens the pools, and fills in missing
    /// search documents (`search_documents.rs`).
    ///
    /// Several instances may start at once against one database: the
    /// migrator holds PostgreSQL's session advisory lock (sqlx's, keyed by
    /// the database name) while it checks and applies migrations, so one
    /// applies them and the others wait, then find nothing to do. It runs
    /// on a connection of its own, without the statement timeout (waiting
    /// for that lock, or a long migration, must not time out), closed
    /// afterwards so the lock can never stay behind in the pool.
    pub async fn connect(url: &str, options: PgOptions) -> StorageResult<Self> {
        let primary = PgConnectOptions::from_str(url).map_err(map_err)?;
        migrate(&primary, &options).await?;
        let pool = open_pool(primary, &options).await?;
        let added = search_documents::backfill(&pool).await?;
        if added > 0 {
            tracing::info!(added, "search documents filled in");
        }
        let replica = match &options.read_replica_url {
            Some(url) => {
                let replica = PgConnectOptions::from_str(url).map_err(map_err)?;
                Some(open_pool(replica, &options).await?)
            }
            None => None,
        };
        Ok(Self {
            pool,
            replica,
            clock: Arc::new(SystemClock),
        })
    }

    /// The store telling the time by `clock` (the one the services and the
    /// server read) instead of the system's.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Self { clock, ..self }
    }

    /// The primary's pool, for components that keep their own tables in
    /// the same database (the session store).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The read replica's pool, if one is configured.
    pub fn replica_pool(&self) -> Option<&PgPool> {
        self.replica.as_ref()
    }

    /// Where reads that tolerate replica lag go: the replica if any.
    pub(crate) fn read_pool(&self) -> &PgPool {
        self.replica.as_ref().unwrap_or(&self.pool)
    }
}

async fn migrate(connect: &PgConnectOptions, options: &PgOptions) -> StorageResult<()> {
    // A pool of one connection rather than a bare connection: the
    // migrator's future is `Send` on a pool (not on `&mut PgConnection`),
    // so `connect` can run in a spawned task.
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(options.acquire_timeout)
        .connect_with(connect.clone())
        .await
        .map_err(map_err)?;
    let mut migrator = sqlx::migrate!("./migrations");
    // The default, but the safety of concurrent start-ups rests on it.
    migrator.set_locking(true);
    let outcome = migrator.run(&pool).await.map_err(migrate_err);
    // Closing ends the session, and with it the migration lock even when a
    // migration failed half-way.
    pool.close().await;
    outcome
}

async fn open_pool(connect: PgConnectOptions, options: &PgOptions) -> StorageResult<PgPool> {
    let connect = match options.statement_timeout {
        Some(timeout) => connect.options([("statement_timeout", timeout.as_millis().to_string())]),
        None => connect,
    };
    PgPoolOptions::new()
        .max_connections(options.max_connections)
        .min_connections(options.min_connections)
        .acquire_timeout(options.acquire_timeout)
        .connect_with(connect)
        .await
        .map_err(map_err)
}
