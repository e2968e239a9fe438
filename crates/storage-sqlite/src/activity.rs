//! [`chorus_storage::ActivityStore`] for SQLite: the SQL both backends
//! share (`chorus_storage_rows::activity`).

chorus_storage_rows::sql_activity! {
    store: crate::SqliteStore,
    pool: sqlx::SqlitePool,
    map_err: crate::error::map_err,
    id_in: "IN (SELECT value FROM json_each($1))",
    ids: |ids: &[i64]| crate::id_list::id_list(ids.iter().copied()),
}
