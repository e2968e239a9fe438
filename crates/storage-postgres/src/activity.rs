//! [`chorus_storage::ActivityStore`] for PostgreSQL: the SQL both backends
//! share (`chorus_storage_rows::activity`), every read on the primary (a
//! live feed must see an event as soon as it is announced). How events
//! are written, and why they appear in id order, is in `record.rs`.

chorus_storage_rows::sql_activity! {
    store: crate::PostgresStore,
    pool: sqlx::PgPool,
    map_err: crate::error::map_err,
    id_in: "= ANY($1)",
    ids: |ids: &[i64]| ids.to_vec(),
}
