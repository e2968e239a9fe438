//! Opening the database: connection options, pool, migrations.

use std::str::FromStr;
use std::time::Duration;

use chorus_storage::{StorageError, StorageResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::error::map_err;

/// The SQLite-backed store. Cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url`
    /// (`sqlite://path/to/chorus.db`) and brings its schema up to date.
    pub async fn open(url: &str) -> StorageResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(map_err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(map_err)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StorageError::Backend(Box::new(e)))?;
        Ok(Self { pool })
    }

    /// The connection pool, for components that keep their own tables in
    /// the same database (the session store).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
