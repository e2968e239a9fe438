//! The import's unit of work on SQLite: a `BEGIN IMMEDIATE` transaction
//! takes the write lock up front, so concurrent imports queue on
//! `busy_timeout` instead of failing when a read upgrades to a write. Its
//! SQL is shared with PostgreSQL (`chorus_storage_rows::import_unit`).

chorus_storage_rows::sql_import_unit! {
    unit: SqliteImport,
    database: sqlx::Sqlite,
    map_err: crate::error::map_err,
    put_document: crate::search_documents::put,
    remove_orphan_documents: crate::search_documents::remove_orphans,
}
