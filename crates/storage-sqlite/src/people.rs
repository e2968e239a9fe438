//! [`chorus_storage::UserStore`] and [`chorus_storage::SocialStore`] for
//! SQLite: the SQL both backends share (`chorus_storage_rows::people`).
//! A sign-up writes the listener's search documents (username, display
//! name) with the account, in one transaction that takes the write lock
//! with its first statement (the insert: no read to upgrade).

chorus_storage_rows::sql_people! {
    store: crate::SqliteStore,
    map_err: crate::error::map_err,
    id_in: "IN (SELECT value FROM json_each($1))",
    ids: |ids: &[i64]| crate::id_list::id_list(ids.iter().copied()),
    by_name: "ORDER BY u.display_name COLLATE NOCASE, u.username",
    insertion: "rowid",
    put_document: crate::search_documents::put,
}
