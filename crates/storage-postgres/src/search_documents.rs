//! Writing search documents: the folded name (`chorus_domain::search::fold`)
//! of every artist, album, track, username, display name and public
//! playlist, which search
//! reads (`search.rs`; the text-search vector is a generated column).
//! Written in the transaction that writes the name (the catalog import,
//! sign-up); the documents of albums and artists an import removed go with
//! them; and [`backfill`] adds those missing when the store connects (a
//! database from before search). Instances connecting at once may
//! backfill together: the second insert of a document does nothing.

use chorus_domain::search::fold;
use chorus_storage::StorageResult;
use sqlx::{PgConnection, PgPool};

use crate::error::map_err;

/// Sets the document of `kind` (`artist`, `album`, `track`, `username`,
/// `display_name`, `playlist`) for row `id` to `name`, folded; rewrites it only when
/// the folded name changed.
pub(crate) async fn put(
    conn: &mut PgConnection,
    kind: &str,
    id: i64,
    name: &str,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO search_documents (kind, ref_id, folded_name) VALUES ($1, $2, $3) \
         ON CONFLICT (kind, ref_id) DO UPDATE SET folded_name = EXCLUDED.folded_name \
         WHERE search_documents.folded_name <> EXCLUDED.folded_name",
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
pub(crate) async fn remove_orphans(conn: &mut PgConnection) -> StorageResult<()> {
    for (kind, table) in [("album", "albums"), ("artist", "artists")] {
        sqlx::query(&format!(
            "DELETE FROM search_documents WHERE kind = $1 \
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

/// Rows per insert statement (each well within the statement timeout).
const CHUNK: usize = 5000;

/// Adds the missing documents, the rows of each statement as arrays;
/// returns how many were missing.
pub(crate) async fn backfill(pool: &PgPool) -> StorageResult<usize> {
    let missing: Vec<(String, i64, String)> = sqlx::query_as(MISSING)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    for chunk in missing.chunks(CHUNK) {
        let (mut kinds, mut ids, mut names) = (Vec::new(), Vec::new(), Vec::new());
        for (kind, id, name) in chunk {
            kinds.push(kind.as_str());
            ids.push(*id);
            names.push(fold(name));
        }
        sqlx::query(
            "INSERT INTO search_documents (kind, ref_id, folded_name) \
             SELECT * FROM UNNEST($1::TEXT[], $2::BIGINT[], $3::TEXT[]) \
             ON CONFLICT (kind, ref_id) DO NOTHING",
        )
        .bind(kinds)
        .bind(ids)
        .bind(names)
        .execute(pool)
        .await
        .map_err(map_err)?;
    }
    Ok(missing.len())
}
