//! `catalog`: a synthetic catalog for the offload benchmark — A artists,
//! N albums spread over them, T tracks per album (rows only, no audio:
//! pages show them, nobody streams them) — and the list of every public
//! page URL (home, each artist, album, track, and the profile of each
//! seeded user), in a random order so that popularity rank is unrelated to
//! id. One transaction, generated in SQL.

use std::io::Write;
use std::time::Instant;

use anyhow::{bail, Context};
use chorus_storage_sqlite::SqliteStore;

use crate::cli::CatalogArgs;

pub async fn run(args: CatalogArgs) -> anyhow::Result<()> {
    let CatalogArgs {
        data_dir,
        artists,
        albums,
        tracks_per_album,
        urls,
    } = args;
    if artists == 0 || albums < artists || tracks_per_album == 0 {
        bail!("need 1 ≤ --artists ≤ --albums and --tracks-per-album ≥ 1");
    }
    let url = format!("sqlite://{}/chorus.db", data_dir.display());
    let store = SqliteStore::open(&url)
        .await
        .with_context(|| format!("cannot open {url}"))?;
    let started = Instant::now();
    let mut tx = store.pool().begin().await?;
    sqlx::query(
        "INSERT INTO artists (name, name_key) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         SELECT printf('Bench Artist %04d', i), printf('bench artist %04d', i) FROM n",
    )
    .bind(i64::from(artists))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO albums (artist_id, title, title_key, year, genre) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         SELECT ar.id, printf('Bench Album %05d', n.i), printf('bench album %05d', n.i), \
                1960 + n.i % 60, 'Bench' \
         FROM n JOIN artists ar ON ar.name_key = printf('bench artist %04d', 1 + n.i % ?2)",
    )
    .bind(i64::from(albums))
    .bind(i64::from(artists))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO tracks (album_id, artist_id, title, track_number, duration_ms, \
                             audio_hash, audio_kind, source_path) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         SELECT al.id, al.artist_id, printf('Bench Track %d', n.i), n.i, 180000 + n.i * 1000, \
                printf('b%063x', al.id * 1000 + n.i), 'ogg', \
                printf('bench:album-%d/track-%d', al.id, n.i) \
         FROM albums al JOIN n WHERE al.title_key GLOB 'bench album *'",
    )
    .bind(i64::from(tracks_per_album))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;

    let ids = |sql: &'static str| {
        let pool = store.pool().clone();
        async move {
            let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&pool).await?;
            anyhow::Ok(rows.into_iter().map(|(path,)| path))
        }
    };
    let mut paths = vec!["/".to_owned()];
    paths.extend(ids("SELECT '/artists/' || id FROM artists").await?);
    paths.extend(ids("SELECT '/albums/' || id FROM albums").await?);
    paths.extend(ids("SELECT '/tracks/' || id FROM tracks").await?);
    paths.extend(ids("SELECT '/users/' || username FROM users").await?);
    shuffle(&mut paths);
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(&urls).with_context(|| format!("cannot write {}", urls.display()))?,
    );
    for path in &paths {
        writeln!(file, "{path}")?;
    }
    file.flush()?;
    println!(
        "catalog: {artists} artists, {albums} albums, {} tracks in {:.1} s; {} public page URLs in {}",
        u64::from(albums) * u64::from(tracks_per_album),
        started.elapsed().as_secs_f64(),
        paths.len(),
        urls.display()
    );
    store.pool().close().await;
    Ok(())
}

/// Fisher–Yates with a fixed seed (xorshift): the same order every run.
fn shuffle(paths: &mut [String]) {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..paths.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
        paths.swap(i, j);
    }
}
