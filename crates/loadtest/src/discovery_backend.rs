//! The database the discovery benchmark runs on: a fresh SQLite file, or a
//! fresh PostgreSQL database created on the given server (and dropped at
//! the end unless kept). Opened through the stores, so the server's
//! migrations (and search backfill) run as they do in production.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use chorus_discovery::Discovery;
use chorus_storage::{CatalogStore, DiscoveryStore, SocialStore, UserStore};
use chorus_storage_postgres::{PgOptions, PostgresStore};
use chorus_storage_sqlite::SqliteStore;
use sqlx::Connection;

use crate::discovery_world::{Play, World};
use crate::{discovery_postgres, discovery_sqlite};

/// Tables whose rows the benchmark reports.
const TABLES: &[&str] = &[
    "artists",
    "albums",
    "tracks",
    "users",
    "friendships",
    "activity",
    "track_likes",
    "artist_likes",
    "search_documents",
    "daily_track_plays",
    "taste_plays",
];

enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

enum Place {
    /// The file, and the temporary folder holding it if the tool made one.
    Sqlite {
        url: String,
        temp: Option<tempfile::TempDir>,
    },
    /// The server's admin URL, the database's URL and name.
    Postgres {
        admin: String,
        url: String,
        name: String,
    },
}

/// What the benchmark calls.
pub struct Services {
    pub discovery: Discovery,
    pub social: Arc<dyn SocialStore>,
    pub store: Arc<dyn DiscoveryStore>,
}

pub struct Backend {
    store: Store,
    place: Place,
}

impl Backend {
    /// Creates the fresh database and opens it (migrations run).
    pub async fn create(
        database_url: Option<&str>,
        data_dir: Option<PathBuf>,
    ) -> anyhow::Result<Self> {
        if let Some(admin) = database_url {
            if !admin.starts_with("postgres") {
                bail!("--database-url must be a postgres:// URL (SQLite: --data-dir)");
            }
            let name = format!("chorus_bench_discovery_{}", std::process::id());
            let mut conn = sqlx::PgConnection::connect(admin)
                .await
                .context("cannot connect to PostgreSQL")?;
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await?;
            conn.close().await?;
            let url = database_url_of(admin, &name);
            println!("PostgreSQL database {name} created");
            let store = PostgresStore::connect(&url, seeding_options()).await?;
            let place = Place::Postgres {
                admin: admin.to_owned(),
                url,
                name,
            };
            return Ok(Self {
                store: Store::Postgres(store),
                place,
            });
        }
        let (dir, temp) = match data_dir {
            Some(dir) => {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                (dir, None)
            }
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("chorus-bench-discovery")
                    .tempdir()?;
                (temp.path().to_owned(), Some(temp))
            }
        };
        let file = dir.join("chorus.db");
        if file.exists() {
            bail!(
                "{} exists: the benchmark needs a fresh database",
                file.display()
            );
        }
        let url = format!("sqlite://{}", file.display());
        println!("SQLite database {}", file.display());
        let store = SqliteStore::open(&url).await?;
        Ok(Self {
            store: Store::Sqlite(store),
            place: Place::Sqlite { url, temp },
        })
    }

    pub fn label(&self) -> &'static str {
        match self.store {
            Store::Sqlite(_) => "SQLite",
            Store::Postgres(_) => "PostgreSQL",
        }
    }

    pub async fn seed(&self, world: &World) -> anyhow::Result<()> {
        match &self.store {
            Store::Sqlite(s) => discovery_sqlite::seed(s.pool(), world).await,
            Store::Postgres(s) => discovery_postgres::seed(s.pool(), world).await,
        }
    }

    /// Closes and opens the store again, as a server restart would (the
    /// store fills in missing search documents when it opens).
    pub async fn reopen(&mut self) -> anyhow::Result<()> {
        match (&self.store, &self.place) {
            (Store::Sqlite(s), Place::Sqlite { url, .. }) => {
                s.pool().close().await;
                self.store = Store::Sqlite(SqliteStore::open(url).await?);
            }
            (Store::Postgres(s), Place::Postgres { url, .. }) => {
                s.pool().close().await;
                self.store =
                    Store::Postgres(PostgresStore::connect(url, PgOptions::default()).await?);
            }
            _ => bail!("store and database disagree"),
        }
        Ok(())
    }

    /// Rows per table of [`TABLES`].
    pub async fn counts(&self) -> anyhow::Result<Vec<(&'static str, i64)>> {
        let mut counts = Vec::new();
        for table in TABLES {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let (n,): (i64,) = match &self.store {
                Store::Sqlite(s) => sqlx::query_as(&sql).fetch_one(s.pool()).await?,
                Store::Postgres(s) => sqlx::query_as(&sql).fetch_one(s.pool()).await?,
            };
            counts.push((*table, n));
        }
        Ok(counts)
    }

    /// After the first roll-up filled its tables: on PostgreSQL, `VACUUM
    /// ANALYZE`, as autovacuum soon does in production (until then the
    /// planner plans for the empty tables it saw, and index-only scans
    /// visit the heap: bulk-inserted pages are not yet all-visible); on
    /// SQLite nothing, as the server never analyses its database. Says
    /// what it did.
    pub async fn settle(&self) -> anyhow::Result<String> {
        match &self.store {
            Store::Sqlite(_) => Ok("SQLite: no ANALYZE (the server never runs it)".to_owned()),
            Store::Postgres(s) => {
                let (autovacuum,): (String,) = sqlx::query_as("SHOW autovacuum")
                    .fetch_one(s.pool())
                    .await?;
                let started = std::time::Instant::now();
                sqlx::query("VACUUM ANALYZE").execute(s.pool()).await?;
                Ok(format!(
                    "PostgreSQL: VACUUM ANALYZE after the first refresh ({:.1} s), as autovacuum \
                     would do (autovacuum is {autovacuum} on this server)",
                    started.elapsed().as_secs_f64()
                ))
            }
        }
    }

    /// Records `plays` directly, in one transaction.
    pub async fn insert_plays(&self, plays: &[Play]) -> anyhow::Result<()> {
        match &self.store {
            Store::Sqlite(s) => {
                let mut tx = s.pool().begin().await?;
                discovery_sqlite::plays(&mut tx, plays).await?;
                tx.commit().await?;
            }
            Store::Postgres(s) => {
                let mut tx = s.pool().begin().await?;
                discovery_postgres::plays(&mut tx, plays).await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// The discovery service over this store, and the store's own social
    /// and discovery sides (for the breakdown rows).
    pub fn services(&self) -> Services {
        fn of<S>(store: &S) -> Services
        where
            S: Clone
                + CatalogStore
                + DiscoveryStore
                + SocialStore
                + UserStore
                + chorus_storage::PlaylistStore
                + 'static,
        {
            let s = Arc::new(store.clone());
            Services {
                discovery: Discovery::new(s.clone(), s.clone(), s.clone(), s.clone(), s.clone()),
                social: s.clone(),
                store: s,
            }
        }
        match &self.store {
            Store::Sqlite(s) => of(s),
            Store::Postgres(s) => of(s),
        }
    }

    /// Closes the store; drops the database (or removes the temporary
    /// folder) unless `keep`.
    pub async fn finish(self, keep: bool) -> anyhow::Result<()> {
        match self.store {
            Store::Sqlite(s) => s.pool().close().await,
            Store::Postgres(s) => s.pool().close().await,
        }
        match self.place {
            Place::Sqlite { url, temp } => {
                if let (true, Some(temp)) = (keep, temp) {
                    let dir = temp.keep();
                    println!("kept {}", dir.display());
                } else if keep {
                    println!("kept {url}");
                }
            }
            Place::Postgres { admin, url, name } => {
                if keep {
                    println!("kept {url}");
                } else {
                    let mut conn = sqlx::PgConnection::connect(&admin).await?;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await?;
                    conn.close().await?;
                    println!("PostgreSQL database {name} dropped");
                }
            }
        }
        Ok(())
    }
}

/// Seeding runs long statements: no statement timeout.
fn seeding_options() -> PgOptions {
    PgOptions {
        statement_timeout: None,
        acquire_timeout: Duration::from_secs(60),
        ..PgOptions::default()
    }
}

/// `admin` (`postgres://user@host:port/db?options`) with its database
/// replaced by `name`.
fn database_url_of(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin, String::new()),
    };
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[host_start..].find('/') {
        Some(slash) => &base[..host_start + slash],
        None => base,
    };
    format!("{server}/{name}{query}")
}

#[cfg(test)]
mod tests {
    use super::database_url_of;

    #[test]
    fn the_database_of_a_url_is_replaced() {
        assert_eq!(
            database_url_of("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            database_url_of("postgres://u@h?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
