//! The import's unit of work on PostgreSQL. Imports queue on the import
//! advisory lock, as SQLite's write lock queues them, so each sees the
//! previous one's catalog (see `locks.rs`). Its SQL is shared with SQLite
//! (`chorus_storage_rows::import_unit`).

use sqlx::{Postgres, Transaction};

pub(crate) struct PostgresImport {
    pub(crate) tx: Transaction<'static, Postgres>,
}

chorus_storage_rows::sql_import_unit! {
    unit: PostgresImport,
    map_err: crate::error::map_err,
    put_document: crate::search_documents::put,
    remove_orphan_documents: crate::search_documents::remove_orphans,
    now: "clock_timestamp()",
}
