//! The import's unit of work both SQL backends share
//! ([`chorus_storage::ImportUnit`]), written once: the same SQL on SQLite
//! and PostgreSQL. [`crate::sql_import_unit!`] implements it for a
//! backend's unit type, which it defines (its transaction in `tx`, the
//! time it writes at in `now`, a [`chorus_domain::Timestamp`]), given the
//! database, its error mapping and its search-document writers.

/// Defines `$unit` and implements [`chorus_storage::ImportUnit`] for it.
#[macro_export]
macro_rules! sql_import_unit {
    (
        unit: $unit:ident,
        database: $db:ty,
        map_err: $map_err:path,
        put_document: $put:path,
        remove_orphan_documents: $orphans:path $(,)?
    ) => {
        /// An import's transaction, and when its rows are imported.
        pub(crate) struct $unit {
            pub(crate) tx: sqlx::Transaction<'static, $db>,
            pub(crate) now: chorus_domain::Timestamp,
        }

        #[async_trait::async_trait]
        impl chorus_storage::ImportUnit for $unit {
            async fn track_with_audio(
                &mut self,
                hash: &chorus_domain::ContentHash,
            ) -> chorus_storage::StorageResult<Option<chorus_domain::TrackId>> {
                let id: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM tracks WHERE audio_hash = $1")
                        .bind(hash.as_str())
                        .fetch_optional(&mut *self.tx)
                        .await
                        .map_err($map_err)?;
                Ok(id.map(chorus_domain::TrackId))
            }

            async fn track_from(
                &mut self,
                source_path: &str,
            ) -> chorus_storage::StorageResult<Option<chorus_domain::TrackId>> {
                let id: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM tracks WHERE source_path = $1")
                        .bind(source_path)
                        .fetch_optional(&mut *self.tx)
                        .await
                        .map_err($map_err)?;
                Ok(id.map(chorus_domain::TrackId))
            }

            async fn artist(
                &mut self,
                name: &str,
                key: &str,
            ) -> chorus_storage::StorageResult<chorus_domain::ArtistId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO artists (name, name_key, created_ms) VALUES ($1, $2, $3) \
                     ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key \
                     RETURNING id",
                )
                .bind(name.trim())
                .bind(key)
                .bind(self.now.as_ms_i64())
                .fetch_one(&mut *self.tx)
                .await
                .map_err($map_err)?;
                Ok(chorus_domain::ArtistId(id))
            }

            async fn album(
                &mut self,
                artist: chorus_domain::ArtistId,
                title_key: &str,
                track: &chorus_storage::NewTrack,
            ) -> chorus_storage::StorageResult<chorus_domain::AlbumId> {
                let cover_hash = track.cover.as_ref().map(|c| c.hash.as_str().to_owned());
                let cover_kind = track.cover.as_ref().map(|c| c.kind.extension());
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO albums \
                     (artist_id, title, title_key, year, genre, cover_hash, cover_kind, created_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (artist_id, title_key) DO UPDATE SET \
                       year = COALESCE(albums.year, excluded.year), \
                       genre = COALESCE(albums.genre, excluded.genre), \
                       cover_kind = CASE WHEN albums.cover_hash IS NULL \
                                    THEN excluded.cover_kind ELSE albums.cover_kind END, \
                       cover_hash = COALESCE(albums.cover_hash, excluded.cover_hash) \
                     RETURNING id",
                )
                .bind(artist.0)
                .bind(track.album.trim())
                .bind(title_key)
                .bind(track.year.map(i64::from))
                .bind(&track.genre)
                .bind(cover_hash)
                .bind(cover_kind)
                .bind(self.now.as_ms_i64())
                .fetch_one(&mut *self.tx)
                .await
                .map_err($map_err)?;
                Ok(chorus_domain::AlbumId(id))
            }

            async fn put_track(
                &mut self,
                album: chorus_domain::AlbumId,
                artist: chorus_domain::ArtistId,
                t: &chorus_storage::NewTrack,
            ) -> chorus_storage::StorageResult<chorus_domain::TrackId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO tracks (album_id, artist_id, title, disc_number, track_number, \
                     year, genre, duration_ms, audio_hash, audio_kind, source_path, imported_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                     ON CONFLICT (source_path) DO UPDATE SET album_id = excluded.album_id, \
                       artist_id = excluded.artist_id, title = excluded.title, \
                       disc_number = excluded.disc_number, track_number = excluded.track_number, \
                       year = excluded.year, genre = excluded.genre, \
                       duration_ms = excluded.duration_ms, audio_hash = excluded.audio_hash, \
                       audio_kind = excluded.audio_kind, imported_ms = excluded.imported_ms \
                     RETURNING id",
                )
                .bind(album.0)
                .bind(artist.0)
                .bind(&t.title)
                .bind(i64::from(t.disc_number))
                .bind(t.track_number.map(i64::from))
                .bind(t.year.map(i64::from))
                .bind(&t.genre)
                .bind(i64::try_from(t.duration_ms).unwrap_or(i64::MAX))
                .bind(t.audio.hash.as_str())
                .bind(t.audio.kind.extension())
                .bind(&t.source_path)
                .bind(self.now.as_ms_i64())
                .fetch_one(&mut *self.tx)
                .await
                .map_err($map_err)?;
                Ok(chorus_domain::TrackId(id))
            }

            async fn put_search_document(
                &mut self,
                kind: &str,
                id: i64,
                text: &str,
            ) -> chorus_storage::StorageResult<()> {
                $put(&mut self.tx, kind, id, text).await
            }

            async fn remove_orphans(&mut self) -> chorus_storage::StorageResult<()> {
                sqlx::query(
                    "DELETE FROM albums WHERE NOT EXISTS \
                     (SELECT 1 FROM tracks t WHERE t.album_id = albums.id)",
                )
                .execute(&mut *self.tx)
                .await
                .map_err($map_err)?;
                sqlx::query(
                    "DELETE FROM artists \
                     WHERE NOT EXISTS (SELECT 1 FROM albums al WHERE al.artist_id = artists.id) \
                       AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.artist_id = artists.id)",
                )
                .execute(&mut *self.tx)
                .await
                .map_err($map_err)?;
                $orphans(&mut self.tx).await
            }

            async fn commit(self: Box<Self>) -> chorus_storage::StorageResult<()> {
                self.tx.commit().await.map_err($map_err)
            }
        }
    };
}
