//! The import's unit of work on PostgreSQL. Imports queue on the import
//! advisory lock, as SQLite's write lock queues them, so each sees the
//! previous one's catalog (see `locks.rs`). Its SQL is shared with SQLite
//! (`chorus_storage_rows::import_unit`).

chorus_storage_rows::sql_import_unit! {
    unit: PostgresImport,
    database: sqlx::Postgres,
    map_err: crate::error::map_err,
    put_document: crate::search_documents::put,
    remove_orphan_documents: crate::search_documents::remove_orphans,
}
