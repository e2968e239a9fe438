//! Catalog queries: the SQL backends' shared reads
//! (`chorus_storage_rows::catalog_reads`), an id list being JSON here.

chorus_storage_rows::sql_catalog_reads! {
    pool: sqlx::SqlitePool,
    map_err: crate::error::map_err,
    id_in: "IN (SELECT value FROM json_each($1))",
    ids: |ids: &[i64]| crate::id_list::id_list(ids.iter().copied()),
}
