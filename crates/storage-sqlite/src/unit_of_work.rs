//! [`Transactions`] for SQLite: each unit is a `BEGIN IMMEDIATE`
//! transaction, so it holds the database's write lock from its start and
//! units run one after the other (what `lock_listener` asks for). The
//! unit's SQL is shared with PostgreSQL (`chorus_storage_rows::unit`).

use async_trait::async_trait;
use chorus_domain::Timestamp;
use chorus_storage::{ImportUnit, StorageResult, Transactions, UnitOfWork};
use sqlx::{Sqlite, Transaction};

use crate::catalog::import::SqliteImport;
use crate::error::map_err;
use crate::SqliteStore;

pub(crate) struct SqliteUnit {
    tx: Transaction<'static, Sqlite>,
    now: Timestamp,
}

#[async_trait]
impl Transactions for SqliteStore {
    async fn begin(&self, now: Timestamp) -> StorageResult<Box<dyn UnitOfWork>> {
        let tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(map_err)?;
        Ok(Box::new(SqliteUnit { tx, now }))
    }

    async fn begin_import(&self) -> StorageResult<Box<dyn ImportUnit>> {
        let tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(map_err)?;
        Ok(Box::new(SqliteImport {
            tx,
            now: self.clock.now(),
        }))
    }
}

impl SqliteUnit {
    /// The write lock is the unit's already.
    const LOCK_LISTENER: &'static str = "SELECT privacy, private_until_ms FROM users WHERE id = $1";

    async fn before_record(&mut self) -> StorageResult<()> {
        Ok(())
    }

    async fn finish(self) -> StorageResult<()> {
        self.tx.commit().await.map_err(map_err)
    }
}

chorus_storage_rows::sql_unit_of_work!(SqliteUnit, map_err);
