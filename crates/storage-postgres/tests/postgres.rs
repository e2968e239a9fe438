//! What only the PostgreSQL backend has: concurrent start-ups against one
//! database, the read replica's share of the reads, and per-connection
//! settings.
// Test code: a panic is how it reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chorus_domain::{DisplayName, Username};
use chorus_storage::{
    ActivityStore, CatalogStore, PageRequest, SocialStore, StorageError, UserStore,
};
use chorus_storage_conformance::support::new_track;
use chorus_storage_postgres::{PgOptions, PostgresStore};

use chorus_storage_postgres::testing::TempDatabase;

fn options() -> PgOptions {
    PgOptions {
        max_connections: 4,
        ..PgOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn instances_starting_at_once_migrate_the_database_once() {
    let database = TempDatabase::create().await;
    let starts: Vec<_> = (0..6)
        .map(|_| {
            let url = database.url().to_owned();
            tokio::spawn(async move { PostgresStore::connect(&url, options()).await })
        })
        .collect();
    let mut stores = Vec::new();
    for start in starts {
        stores.push(start.await.unwrap().expect("every instance starts"));
    }
    let (applied, failed): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT success) FROM _sqlx_migrations",
    )
    .fetch_one(stores[0].pool())
    .await
    .unwrap();
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .count();
    assert_eq!((applied, failed), (i64::try_from(files).unwrap(), 0));
    // Every instance works on the one schema.
    for (i, store) in stores.iter().enumerate() {
        let name = Username::parse(&format!("instance_{i}")).unwrap();
        let display = DisplayName::parse("Instance").unwrap();
        store.create_user(&name, &display, "h").await.unwrap();
    }
    // And a later start finds nothing to do.
    PostgresStore::connect(database.url(), options())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalog_and_profile_reads_go_to_the_replica_and_the_rest_to_the_primary() {
    let primary = TempDatabase::create().await;
    // A stand-in replica: a database of its own, so whatever a read finds
    // tells where it was read. It has the schema and none of the data.
    let replica = TempDatabase::create().await;
    let replica_store = PostgresStore::connect(replica.url(), options())
        .await
        .unwrap();
    let store = PostgresStore::connect(
        primary.url(),
        PgOptions {
            read_replica_url: Some(replica.url().to_owned()),
            ..options()
        },
    )
    .await
    .unwrap();
    assert!(store.replica_pool().is_some());

    let imported = chorus_services::import_track(&store, new_track(1))
        .await
        .unwrap();
    let chorus_storage::ImportOutcome::Added(track) = imported else {
        panic!("{imported:?}");
    };
    let ada = Username::parse("ada").unwrap();
    let display = DisplayName::parse("Ada").unwrap();
    let user = store.create_user(&ada, &display, "h").await.unwrap().id;

    // From the replica: it has none of it yet.
    assert_eq!(store.track_count().await.unwrap(), 0);
    let tracks = store.list_tracks(PageRequest::default()).await.unwrap();
    assert!(tracks.items.is_empty());
    assert!(store
        .list_albums(PageRequest::default())
        .await
        .unwrap()
        .items
        .is_empty());
    assert!(store
        .list_artists(PageRequest::default())
        .await
        .unwrap()
        .items
        .is_empty());
    assert!(matches!(
        store.track(track).await,
        Err(StorageError::NotFound)
    ));
    assert_eq!(store.profile(&ada).await.unwrap(), None);

    // From the primary: the importer's look-up, accounts, social state.
    assert_eq!(
        store
            .track_by_audio(&new_track(1).audio.hash)
            .await
            .unwrap(),
        Some(track)
    );
    assert!(store.user_by_username(&ada).await.unwrap().is_some());
    let writes =
        chorus_storage_conformance::Backend::new(|clock| store.clone().with_clock(clock), ())
            .writes;
    let like = writes.set_track_like(user, track, true).await.unwrap();
    assert!(like.is_some());
    assert_eq!(store.liked_ids(user).await.unwrap().tracks, [track]);
    assert_eq!(store.latest_activity_id().await.unwrap(), like.unwrap().id);
    assert_eq!(store.shared_after(0, 10).await.unwrap().len(), 1);

    // Once the replica has it (replication, here by hand), reads see it.
    chorus_services::import_track(&replica_store, new_track(1))
        .await
        .unwrap();
    assert_eq!(store.track_count().await.unwrap(), 1);

    let unreplicated = PostgresStore::connect(primary.url(), options())
        .await
        .unwrap();
    assert!(unreplicated.replica_pool().is_none());
    assert_eq!(unreplicated.track_count().await.unwrap(), 1, "the primary");
}

#[tokio::test]
async fn every_pooled_connection_has_the_statement_timeout() {
    let database = TempDatabase::create().await;
    let store = PostgresStore::connect(
        database.url(),
        PgOptions {
            statement_timeout: Some(Duration::from_millis(300)),
            read_replica_url: Some(database.url().to_owned()),
            ..options()
        },
    )
    .await
    .unwrap();
    for pool in [store.pool(), store.replica_pool().unwrap()] {
        let timeout: String = sqlx::query_scalar("SHOW statement_timeout")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(timeout, "300ms");
        let slow = sqlx::query("SELECT pg_sleep(2)").execute(pool).await;
        assert!(slow.is_err(), "cancelled");
    }

    let unlimited = PostgresStore::connect(
        database.url(),
        PgOptions {
            statement_timeout: None,
            ..options()
        },
    )
    .await
    .unwrap();
    let timeout: String = sqlx::query_scalar("SHOW statement_timeout")
        .fetch_one(unlimited.pool())
        .await
        .unwrap();
    assert_eq!(timeout, "0", "the server's default");
}

#[test]
fn default_options_are_a_small_pool_with_timeouts() {
    let options = PgOptions::default();
    assert_eq!(options.max_connections, 16);
    assert_eq!(options.min_connections, 0);
    assert_eq!(options.statement_timeout, Some(Duration::from_secs(5)));
    assert_eq!(options.read_replica_url, None);
}

#[tokio::test]
async fn a_bad_url_is_a_backend_error() {
    let started = std::time::Instant::now();
    let options = PgOptions {
        acquire_timeout: Duration::from_secs(1),
        ..options()
    };
    let error = PostgresStore::connect("postgres://nobody@127.0.0.1:1/none", options)
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "gave up in time"
    );
    assert!(matches!(error, StorageError::Backend(_)), "{error:?}");
}

#[test]
fn database_urls_keep_credentials_host_and_options() {
    assert_eq!(
        chorus_storage_postgres::testing::database_url(
            "postgres://postgres@127.0.0.1:5432/postgres",
            "t1"
        ),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        chorus_storage_postgres::testing::database_url(
            "postgres://u:p@db/admin?sslmode=disable",
            "t2"
        ),
        "postgres://u:p@db/t2?sslmode=disable"
    );
    assert_eq!(
        chorus_storage_postgres::testing::database_url("postgres://db", "t3"),
        "postgres://db/t3"
    );
}
