//! [`Transactions`] for PostgreSQL. The unit's SQL is shared with SQLite
//! (`chorus_storage_rows::unit`); what differs is here.
//!
//! Units of one listener must not both start from the same state (two
//! reports would record the same pause, or the same play), so
//! `lock_listener` locks the listener's `users` row: units of one listener
//! queue there, as SQLite's write lock queues every unit, and each reads
//! what its predecessor wrote. The user row rather than the `listening`
//! row, which does not exist before the first report. `FOR NO KEY
//! UPDATE`, not `FOR UPDATE`: it must not block the foreign-key checks of
//! other transactions' events about this listener (see `record.rs`).
//! Two likes of one thing at once: the second insert waits for the first
//! (the primary key), then inserts nothing, as when SQLite runs them one
//! after the other. Events are recorded under the order lock and the
//! commit waits for the disk after it (`record.rs`).

use async_trait::async_trait;
use chorus_domain::Timestamp;
use chorus_storage::{ImportUnit, StorageResult, Transactions, UnitOfWork};
use sqlx::{PgPool, Postgres, Transaction};

use crate::catalog::import::PostgresImport;
use crate::error::map_err;
use crate::locks::{lock, IMPORT};
use crate::record::{before_insert, commit};
use crate::PostgresStore;

pub(crate) struct PostgresUnit {
    tx: Transaction<'static, Postgres>,
    pool: PgPool,
    now: Timestamp,
    /// Whether an event was recorded (its commit then waits for the disk).
    recorded: bool,
}

#[async_trait]
impl Transactions for PostgresStore {
    async fn begin(&self, now: Timestamp) -> StorageResult<Box<dyn UnitOfWork>> {
        let tx = self.pool.begin().await.map_err(map_err)?;
        Ok(Box::new(PostgresUnit {
            tx,
            pool: self.pool.clone(),
            now,
            recorded: false,
        }))
    }

    async fn begin_import(&self) -> StorageResult<Box<dyn ImportUnit>> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        lock(&mut tx, IMPORT).await?;
        Ok(Box::new(PostgresImport {
            tx,
            now: self.clock.now(),
        }))
    }
}

impl PostgresUnit {
    const LOCK_LISTENER: &'static str =
        "SELECT privacy, private_until_ms FROM users WHERE id = $1 FOR NO KEY UPDATE";

    async fn before_record(&mut self) -> StorageResult<()> {
        self.recorded = true;
        before_insert(&mut self.tx).await
    }

    async fn finish(self) -> StorageResult<()> {
        commit(self.tx, &self.pool, self.recorded).await
    }
}

chorus_storage_rows::sql_unit_of_work!(PostgresUnit, map_err);
