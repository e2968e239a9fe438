//! Writing search documents: the folded name (`chorus_domain::search::fold`)
//! of every artist, album, track, username, display name and public
//! playlist, which search
//! reads (`search.rs`; the FTS index follows by trigger). Written in the
//! transaction that writes the name (the catalog import, sign-up); the
//! documents of albums and artists an import removed go with them; and
//! [`backfill`] adds those missing when the store opens (a database from
//! before search, or names written by an older version).

use chorus_domain::search::fold;
use chorus_storage::StorageResult;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::error::map_err;

/// Rows per insert statement.
const CHUNK: usize = 1000;

/// Sets the document of `kind` (`artist`, `album`, `track`, `username`,
/// `display_name`, `playlist`) for row `id` to `name`, folded; rewrites it only when
/// the folded name changed.
pub(crate) async fn put(
    conn: &mut SqliteConnection,
    kind: &str,
    id: i64,
    name: &str,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO search_documents (kind, ref_id, folded_name) VALUES (?1, ?2, ?3) \
         ON CONFLICT (kind, ref_id) DO UPDATE SET folded_name = excluded.folded_name \
         WHERE folded_name <> excluded.folded_name",
    )
    .bind(kind)
    .bind(id)
    .bind(fold(name))
    .execute(conn)
    .await
    .map_err(map_err)?;
    Ok(())
}

/// Drops the documents of albums and artists that no longer exist.
pub(crate) async fn remove_orphans(conn: &mut SqliteConnection) -> StorageResult<()> {
    for (kind, table) in [("album", "albums"), ("artist", "artists")] {
        sqlx::query(&format!(
            "DELETE FROM search_documents WHERE kind = ?1 \
             AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.id = search_documents.ref_id)"
        ))
        .bind(kind)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}

/// Names without a document, as (kind, id, name): an anti-join per kind,
/// cheap when nothing is missing.
const MISSING: &str = "\
    SELECT 'artist' AS kind, x.id, x.name FROM artists x WHERE NOT EXISTS \
        (SELECT 1 FROM search_documents d WHERE d.kind = 'artist' AND d.ref_id = x.id) \
    UNION ALL SELECT 'album', x.id, x.title FROM albums x WHERE NOT EXISTS \
        (SELECT 1 FROM search_documents d WHERE d.kind = 'album' AND d.ref_id = x.id) \
    UNION ALL SELECT 'track', x.id, x.title FROM tracks x WHERE NOT EXISTS \
        (SELECT 1 FROM search_documents d WHERE d.kind = 'track' AND d.ref_id = x.id) \
    UNION ALL SELECT 'username', x.id, x.username FROM users x WHERE NOT EXISTS \
        (SELECT 1 FROM search_documents d WHERE d.kind = 'username' AND d.ref_id = x.id) \
    UNION ALL SELECT 'display_name', x.id, x.display_name FROM users x WHERE NOT EXISTS \
        (SELECT 1 FROM search_documents d WHERE d.kind = 'display_name' AND d.ref_id = x.id) \
    UNION ALL SELECT 'playlist', x.id, x.name FROM playlists x WHERE x.visibility = 'public' \
        AND NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.kind = 'playlist' AND d.ref_id = x.id)";

/// Adds the missing documents; returns how many.
pub(crate) async fn backfill(pool: &SqlitePool) -> StorageResult<usize> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(map_err)?;
    let missing: Vec<(String, i64, String)> = sqlx::query_as(MISSING)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?;
    for chunk in missing.chunks(CHUNK) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO search_documents (kind, ref_id, folded_name) ",
        );
        query.push_values(chunk, |mut row, (kind, id, name)| {
            row.push_bind(kind.as_str())
                .push_bind(*id)
                .push_bind(fold(name));
        });
        query.push(" ON CONFLICT (kind, ref_id) DO NOTHING");
        query.build().execute(&mut *tx).await.map_err(map_err)?;
    }
    tx.commit().await.map_err(map_err)?;
    Ok(missing.len())
}
