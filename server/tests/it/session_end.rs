//! A session's end is the end of its feed sockets: log-out closes that
//! session's sockets, a password change every socket of the account, and
//! expiry the expired session's; each within a second, with close code
//! 4001, and nothing after it. Activity keeps a session alive; expired
//! sessions are deleted even after the database was unreachable.

use std::time::{Duration, Instant};

use chorus_server::auth::sessions::SessionSettings;
use chorus_server::live::SESSION_ENDED;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app_configured, spawn_app_with_music, TestApp};
use crate::listeners::{
    closed, expect_event, friends, listener, session_cookie, track_ids, Listener,
};

const PASSWORD: &str = "correct horse battery";

/// Another session of the same account (another device).
async fn log_in_again(app: &TestApp, username: &str) -> Listener {
    let response = app
        .client
        .post(app.url("/api/auth/login"))
        .json(&json!({"username": username, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    Listener {
        cookie: session_cookie(&response).expect("a session cookie"),
    }
}

#[tokio::test]
async fn logging_out_closes_that_sessions_sockets_within_a_second() {
    let app = spawn_app_with_music().await;
    let (laptop, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &laptop, "ada", &bob, "bob").await;
    let phone = log_in_again(&app, "ada").await;
    let mut laptop_socket = laptop.connect(&app).await;
    let mut phone_socket = phone.connect(&app).await;

    let started = Instant::now();
    let out = laptop.call(&app, Method::POST, "/api/auth/logout").await;
    assert_eq!(out.status(), 204);
    let (code, _) = closed(&mut laptop_socket, Duration::from_secs(1)).await;
    assert_eq!(code, SESSION_ENDED);
    assert!(started.elapsed() < Duration::from_secs(1));

    // The phone's session goes on, and its socket with it.
    let track = track_ids(&app, 1).await[0];
    bob.like(&app, track).await;
    assert_eq!(expect_event(&mut phone_socket).await["track"]["id"], track);
}

#[tokio::test]
async fn a_password_change_closes_every_socket_of_the_account() {
    let app = spawn_app_with_music().await;
    let laptop = listener(&app, "ada").await;
    let phone = log_in_again(&app, "ada").await;
    let mut laptop_socket = laptop.connect(&app).await;
    let mut phone_socket = phone.connect(&app).await;

    let change = laptop
        .send_json(
            &app,
            Method::PUT,
            "/api/me/password",
            json!({"current_password": PASSWORD, "new_password": "a brand new secret"}),
        )
        .await;
    assert_eq!(change.status(), 204);
    for socket in [&mut phone_socket, &mut laptop_socket] {
        let (code, _) = closed(socket, Duration::from_secs(1)).await;
        assert_eq!(code, SESSION_ENDED);
    }
    // The phone is signed out; the laptop reconnects with its new session id.
    assert_eq!(phone.call(&app, Method::GET, "/api/me").await.status(), 401);
    let renewed = Listener {
        cookie: change
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap())
            .find(|v| v.starts_with("chorus_session="))
            .map_or(laptop.cookie.clone(), |v| {
                v.split(';').next().unwrap().to_owned()
            }),
    };
    assert_eq!(renewed.me(&app).await["username"], "ada");
    let _again = renewed.connect(&app).await;
}

#[tokio::test]
async fn a_socket_closes_when_its_session_expires_and_activity_keeps_it_alive() {
    let idle = Duration::from_secs(3);
    let app = spawn_app_configured(|settings| {
        settings.sessions = SessionSettings {
            idle,
            ..SessionSettings::default()
        };
    })
    .await;
    let (idler, busy) = (listener(&app, "ada").await, listener(&app, "bob").await);
    let started = Instant::now();
    let mut idle_socket = idler.connect(&app).await;
    let mut busy_socket = busy.connect(&app).await;

    // Bob makes a request every half second for twice the idle time.
    let mut last_request = Instant::now();
    while started.elapsed() < idle * 2 {
        assert_eq!(busy.me(&app).await["username"], "bob");
        last_request = Instant::now();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // Ada made none: her socket closed when her session ended.
    let (code, _) = closed(&mut idle_socket, Duration::from_millis(100)).await;
    assert_eq!(code, SESSION_ENDED);
    assert_eq!(idler.call(&app, Method::GET, "/api/me").await.status(), 401);

    // Bob's lives on, and ends within a second of his session's end: the
    // idle time after his last request.
    let (code, _) = closed(&mut busy_socket, idle + Duration::from_secs(1)).await;
    assert_eq!(code, SESSION_ENDED);
    let lasted = last_request.elapsed();
    assert!(
        lasted >= idle - Duration::from_millis(200) && lasted <= idle + Duration::from_secs(1),
        "closed {lasted:?} after his last request"
    );
}

#[tokio::test]
async fn expired_sessions_are_deleted_after_the_database_was_unreachable() {
    let database = chorus_storage_postgres::testing::TempDatabase::create().await;
    let url = database.url().to_owned();
    let app = spawn_app_configured(|settings| {
        settings.database_url = Some(url.clone());
        settings.sessions = SessionSettings {
            idle: Duration::from_secs(60),
            clean_up_every: Duration::from_millis(200),
        };
    })
    .await;
    let admin = sqlx::PgPool::connect(&chorus_storage_postgres::testing::admin_url())
        .await
        .unwrap();
    let name = database.name().to_owned();
    // The database refuses connections and drops the open ones, as in a
    // restart: clean-up rounds fail meanwhile.
    sqlx::query(&format!(
        "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false"
    ))
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
        .bind(&name)
        .execute(&admin)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    sqlx::query(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"))
        .execute(&admin)
        .await
        .unwrap();

    // A session that expired: the clean-up, still running, deletes it.
    let direct = sqlx::PgPool::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO sessions (id, data, expiry_date) VALUES ('expired-one', '\\x80'::bytea, now() - interval '1 hour')",
    )
    .execute(&direct)
    .await
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id = 'expired-one'")
                .fetch_one(&direct)
                .await
                .unwrap();
        if left == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the clean-up stopped for good");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(app.get("/healthz").await.status(), 200, "serving again");
}
