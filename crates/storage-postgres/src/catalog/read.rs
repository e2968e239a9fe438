//! Catalog queries: the SQL backends' shared reads
//! (`chorus_storage_rows::catalog_reads`), an id list being an array here.

chorus_storage_rows::sql_catalog_reads! {
    pool: sqlx::PgPool,
    map_err: crate::error::map_err,
    id_in: "= ANY($1)",
    ids: |ids: &[i64]| ids.to_vec(),
}
