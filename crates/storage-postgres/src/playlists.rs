//! [`chorus_storage::PlaylistStore`] for PostgreSQL: the SQL both
//! backends share (`chorus_storage_rows::playlists`). An edit holds the
//! playlist's row `FOR UPDATE`, so edits of one playlist take turns while
//! edits of others go on.

chorus_storage_rows::sql_playlist_store! {
    store: crate::PostgresStore,
    database: sqlx::Postgres,
    map_err: crate::error::map_err,
    begin: "BEGIN",
    hold: " FOR UPDATE",
    id_in: "= ANY($1)",
    ids: |ids: &[i64]| ids.to_vec(),
    put_document: crate::search_documents::put,
}
