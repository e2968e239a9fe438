//! [`chorus_storage::PlaylistStore`] for SQLite: the SQL both backends
//! share (`chorus_storage_rows::playlists`). `BEGIN IMMEDIATE` takes the
//! write lock up front, which holds the playlist too.

chorus_storage_rows::sql_playlist_store! {
    store: crate::SqliteStore,
    database: sqlx::Sqlite,
    map_err: crate::error::map_err,
    begin: "BEGIN IMMEDIATE",
    hold: "",
    id_in: "IN (SELECT value FROM json_each($1))",
    ids: |ids: &[i64]| crate::id_list::id_list(ids.iter().copied()),
    put_document: crate::search_documents::put,
}
