//! Throw-away PostgreSQL databases for tests: each test gets a database of
//! its own, created on the server at `CHORUS_TEST_PG_URL` (an admin URL,
//! default `postgres://postgres@127.0.0.1:5432/postgres`) and dropped when
//! its [`TempDatabase`] is dropped.
//!
//! Databases of a run that crashed before dropping them are named
//! `chorus_test_*`; remove them with
//! `psql -At -c "SELECT 'DROP DATABASE ' || quote_ident(datname) || ' WITH (FORCE);' FROM pg_database WHERE datname LIKE 'chorus\_test\_%'" | psql`.

// Test support: failing loudly is its job.
#![allow(clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::{Connection, PgConnection};

/// The admin URL of the test server.
pub fn admin_url() -> String {
    std::env::var("CHORUS_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists until this is dropped.
pub struct TempDatabase {
    admin: String,
    name: String,
    url: String,
}

impl TempDatabase {
    /// Creates a fresh, empty database with a name no other test (in this
    /// process or another) uses: process id, time and a counter.
    pub async fn create() -> Self {
        Self::create_with("", &[]).await
    }

    /// Creates a fresh database with `options` appended to its `CREATE
    /// DATABASE` and `settings` (name, value) as its defaults (`ALTER
    /// DATABASE … SET`).
    pub async fn create_with(options: &str, settings: &[(&str, &str)]) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_nanos();
        let name = format!(
            "chorus_test_{}_{}_{}",
            std::process::id(),
            nanos % 1_000_000_000_000,
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let admin = admin_url();
        let mut conn = PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {admin}: {e}"));
        sqlx::query(&format!("CREATE DATABASE \"{name}\" {options}"))
            .execute(&mut conn)
            .await
            .expect("CREATE DATABASE");
        for (setting, value) in settings {
            sqlx::query(&format!(
                "ALTER DATABASE \"{name}\" SET {setting} = '{value}'"
            ))
            .execute(&mut conn)
            .await
            .expect("ALTER DATABASE");
        }
        conn.close().await.ok();
        let url = database_url(&admin, &name);
        Self { admin, name, url }
    }

    /// The URL of this database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// `admin` with its database replaced by `name` (query string kept).
pub fn database_url(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    let mut url = format!("{}/{name}", &base[..host_end]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

impl Drop for TempDatabase {
    /// Drops the database, best effort. Drop cannot await, and may run on
    /// a runtime's worker: a thread of its own, with a small runtime of its
    /// own, connects and drops it (`WITH (FORCE)` ends the pools'
    /// connections still open).
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let mut conn = PgConnection::connect(&admin)
                    .await
                    .map_err(|e| e.to_string())?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&mut conn)
                    .await
                    .map_err(|e| e.to_string())?;
                conn.close().await.ok();
                Ok::<_, String>(())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("could not drop test database {}: {e}", self.name),
            Err(_) => eprintln!("could not drop test database {}: panicked", self.name),
        }
    }
}
