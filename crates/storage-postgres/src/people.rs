//! [`chorus_storage::UserStore`] and [`chorus_storage::SocialStore`] for
//! PostgreSQL: the SQL both backends share (`chorus_storage_rows::people`).
//! Two sign-ups racing for one username are settled by the unique index:
//! the second insert waits for the first and fails with a unique
//! violation, a conflict. Profiles are read from the replica, if any.

chorus_storage_rows::sql_people! {
    store: crate::PostgresStore,
    map_err: crate::error::map_err,
    id_in: "= ANY($1)",
    ids: |ids: &[i64]| ids.to_vec(),
    // The columns are `COLLATE "C"`, so `lower` folds ASCII letters only
    // and the order is by bytes: SQLite's `COLLATE NOCASE`.
    by_name: "ORDER BY lower(u.display_name), u.username",
    // Insertion order, for likes of one instant, as SQLite's rowid.
    insertion: "seq",
    put_document: crate::search_documents::put,
}
