//! Accounts and sessions: sign-up, log-in, log-out, `/api/me`, password
//! change, CSRF and rate limits.

use chorus_server::auth::rate_limit::AuthLimits;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, spawn_app_with_limits, TestApp, TEST_LIMITS};

const PASSWORD: &str = "correct horse battery";

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    body: Value,
) -> reqwest::Response {
    client.post(app.url(path)).json(&body).send().await.unwrap()
}

async fn sign_up(client: &reqwest::Client, app: &TestApp, username: &str) -> reqwest::Response {
    let body = json!({"username": username, "display_name": "Ada Lovelace", "password": PASSWORD});
    post(client, app, "/api/auth/signup", body).await
}

async fn log_in(
    client: &reqwest::Client,
    app: &TestApp,
    username: &str,
    password: &str,
) -> reqwest::Response {
    post(
        client,
        app,
        "/api/auth/login",
        json!({"username": username, "password": password}),
    )
    .await
}

async fn me(client: &reqwest::Client, app: &TestApp) -> reqwest::Response {
    client.get(app.url("/api/me")).send().await.unwrap()
}

/// The cookie named `name` that a response sets, if any.
fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with(&prefix))
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    set_cookie(response, "chorus_session")
}

#[tokio::test]
async fn signing_up_creates_the_account_and_a_session() {
    let app = spawn_app().await;
    let browser = app.browser();
    let response = sign_up(&browser, &app, "ada").await;
    assert_eq!(response.status(), 201);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    let cookie = session_cookie(&response).expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http here: {cookie}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["username"], "ada");
    assert_eq!(body["display_name"], "Ada Lovelace");
    assert_eq!(body["privacy"], "friends");
    assert!(body.get("password_hash").is_none());

    let response = me(&browser, &app).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    assert_eq!(response.json::<Value>().await.unwrap()["username"], "ada");
}

#[tokio::test]
async fn anonymous_visitors_get_no_session_and_no_cookie() {
    let app = spawn_app().await;
    for path in ["/", "/api/tracks", "/api/me", "/no/such/page"] {
        let response = app.get(path).await;
        assert!(session_cookie(&response).is_none(), "{path}");
    }
    let response = app.get("/api/me").await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"error": "sign in first"})
    );
}

#[tokio::test]
async fn bad_sign_ups_are_refused_with_a_reason_and_create_nothing() {
    let app = spawn_app().await;
    let client = app.browser();
    let cases = [
        (
            json!({"username": "Ada", "display_name": "A", "password": PASSWORD}),
            "usernames are 3 to 30",
        ),
        (
            json!({"username": "ab", "display_name": "A", "password": PASSWORD}),
            "usernames are 3 to 30",
        ),
        (
            json!({"username": "ada", "display_name": " ", "password": PASSWORD}),
            "display names",
        ),
        (
            json!({"username": "ada", "display_name": "A", "password": "short"}),
            "at least 10",
        ),
        (json!({"username": "ada", "display_name": "A"}), "password"),
    ];
    for (body, message) in cases {
        let response = post(&client, &app, "/api/auth/signup", body.clone()).await;
        assert_eq!(response.status(), 400, "{body}");
        let error = response.json::<Value>().await.unwrap()["error"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(error.contains(message), "{body}: {error}");
    }
    let response = client
        .post(app.url("/api/auth/signup"))
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    // None of them created "ada".
    assert_eq!(sign_up(&client, &app, "ada").await.status(), 201);
}

#[tokio::test]
async fn a_taken_username_is_a_conflict() {
    let app = spawn_app().await;
    assert_eq!(sign_up(&app.browser(), &app, "ada").await.status(), 201);
    let response = sign_up(&app.browser(), &app, "ada").await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"error": "that username is taken"})
    );
}

#[tokio::test]
async fn two_sign_ups_racing_for_one_username_one_wins() {
    let app = spawn_app().await;
    let (a, b) = (app.browser(), app.browser());
    let (x, y) = tokio::join!(sign_up(&a, &app, "race"), sign_up(&b, &app, "race"));
    let mut statuses = [x.status().as_u16(), y.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409]);
}

#[tokio::test]
async fn wrong_credentials_get_one_message_whatever_was_wrong() {
    let app = spawn_app().await;
    sign_up(&app.browser(), &app, "ada").await;
    let client = app.browser();
    for (username, password) in [
        ("ada", "wrong password!"),
        ("nobody", PASSWORD),
        ("NOT VALID", PASSWORD),
    ] {
        let response = log_in(&client, &app, username, password).await;
        assert_eq!(response.status(), 401, "{username}");
        assert!(session_cookie(&response).is_none());
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"error": "wrong username or password"})
        );
    }
    assert_eq!(me(&client, &app).await.status(), 401);
}

#[tokio::test]
async fn logging_in_rotates_the_session_id() {
    let app = spawn_app().await;
    let browser = app.browser();
    let first = session_cookie(&sign_up(&browser, &app, "ada").await).unwrap();
    let response = log_in(&browser, &app, "ada", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let second = session_cookie(&response).expect("a new session cookie at log-in");
    let id = |c: &str| c.split(';').next().unwrap().to_owned();
    assert_ne!(id(&first), id(&second));
    assert_eq!(me(&browser, &app).await.status(), 200);
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let app = spawn_app().await;
    let browser = app.browser();
    sign_up(&browser, &app, "ada").await;
    let response = browser
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(me(&browser, &app).await.status(), 401);
}

/// The `chorus_signed_in` cookie of a response, if it sets one.
fn signed_in_hint(response: &reqwest::Response) -> Option<String> {
    set_cookie(response, "chorus_signed_in")
}

#[tokio::test]
async fn signing_in_and_out_sets_and_removes_the_hint_the_page_reads() {
    let app = spawn_app().await;
    let browser = app.browser();
    for response in [
        sign_up(&browser, &app, "ada").await,
        log_in(&browser, &app, "ada", PASSWORD).await,
    ] {
        let hint = signed_in_hint(&response).expect("a signed-in hint");
        assert!(hint.starts_with("chorus_signed_in=1;"), "{hint}");
        assert!(
            !hint.contains("HttpOnly"),
            "the page's script reads it: {hint}"
        );
        assert!(hint.contains("Path=/;"), "{hint}");
    }
    let response = browser
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    let hint = signed_in_hint(&response).expect("the hint removed");
    assert!(hint.contains("Max-Age=0"), "{hint}");
    let anonymous = app.get("/").await;
    assert_eq!(signed_in_hint(&anonymous), None, "never on a public page");
}

#[tokio::test]
async fn changing_the_password_signs_out_other_sessions() {
    let app = spawn_app().await;
    let (laptop, phone) = (app.browser(), app.browser());
    sign_up(&laptop, &app, "ada").await;
    log_in(&phone, &app, "ada", PASSWORD).await;

    let change = |current: &str, new: &str| {
        laptop
            .put(app.url("/api/me/password"))
            .json(&json!({"current_password": current, "new_password": new}))
            .send()
    };
    assert_eq!(
        change("not my password", "a brand new secret")
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(change(PASSWORD, "short").await.unwrap().status(), 400);
    assert_eq!(
        change(PASSWORD, "a brand new secret")
            .await
            .unwrap()
            .status(),
        204
    );

    assert_eq!(
        me(&laptop, &app).await.status(),
        200,
        "this session goes on"
    );
    assert_eq!(
        me(&phone, &app).await.status(),
        401,
        "the other session ended"
    );
    assert_eq!(
        log_in(&app.browser(), &app, "ada", PASSWORD).await.status(),
        401
    );
    assert_eq!(
        log_in(&app.browser(), &app, "ada", "a brand new secret")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn privacy_can_be_set_and_is_validated() {
    let app = spawn_app().await;
    let browser = app.browser();
    sign_up(&browser, &app, "ada").await;
    let set = |value: Value| browser.put(app.url("/api/me/privacy")).json(&value).send();
    let response = set(json!({"activity": "private"})).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.unwrap()["privacy"],
        "private"
    );
    assert_eq!(
        set(json!({"activity": "everyone"})).await.unwrap().status(),
        400
    );
    assert_eq!(
        me(&browser, &app).await.json::<Value>().await.unwrap()["privacy"],
        "private"
    );
    let anonymous = app
        .client
        .put(app.url("/api/me/privacy"))
        .json(&json!({"activity": "friends"}))
        .send();
    assert_eq!(anonymous.await.unwrap().status(), 401);
}

#[tokio::test]
async fn cross_origin_state_changes_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let client = app.browser();
    let body = json!({"username": "mallory", "display_name": "M", "password": PASSWORD});
    let response = client
        .post(app.url("/api/auth/signup"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"error": "cross-origin request refused"})
    );
    assert_eq!(
        log_in(&client, &app, "mallory", PASSWORD).await.status(),
        401,
        "no account was created"
    );

    // Same-origin requests pass.
    let same = client
        .post(app.url("/api/auth/signup"))
        .header("origin", app.address.as_str())
        .header("sec-fetch-site", "same-origin")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), 201);
}

#[tokio::test]
async fn log_in_attempts_are_limited_per_username() {
    let limits = AuthLimits {
        per_username_per_minute: 3,
        ..TEST_LIMITS
    };
    let app = spawn_app_with_limits(limits).await;
    sign_up(&app.browser(), &app, "ada").await;
    for _ in 0..3 {
        assert_eq!(
            log_in(&app.browser(), &app, "ada", "wrong password!")
                .await
                .status(),
            401
        );
    }
    // Even the right password waits now: the limit protects the account.
    let response = log_in(&app.browser(), &app, "ada", PASSWORD).await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = header(&response, "retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert!(response.json::<Value>().await.unwrap()["error"]
        .as_str()
        .unwrap()
        .starts_with("too many attempts"));
    // Another username is not affected.
    sign_up(&app.browser(), &app, "bob").await;
    assert_eq!(
        log_in(&app.browser(), &app, "bob", PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn sign_ups_are_limited_per_ip() {
    let limits = AuthLimits {
        per_ip_per_minute: 2,
        ..TEST_LIMITS
    };
    let app = spawn_app_with_limits(limits).await;
    assert_eq!(sign_up(&app.browser(), &app, "one").await.status(), 201);
    assert_eq!(sign_up(&app.browser(), &app, "two").await.status(), 201);
    let response = sign_up(&app.browser(), &app, "three").await;
    assert_eq!(response.status(), 429);
    assert!(!header(&response, "retry-after").is_empty());
    // Reading is not limited.
    assert_eq!(app.get("/api/tracks").await.status(), 200);
}

/// A client sending from `source` (any 127.x address reaches loopback),
/// keeping its cookies like one browser.
fn browser_at(source: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .local_address(source.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_strangers_failed_guesses_do_not_lock_the_owner_out() {
    let limits = AuthLimits {
        per_username_per_minute: 3,
        ..TEST_LIMITS
    };
    let app = spawn_app_with_limits(limits).await;
    // The owner's browser, on its own address, signed up: a trusted device.
    let owner = browser_at("127.0.0.3");
    assert_eq!(sign_up(&owner, &app, "ada").await.status(), 201);
    assert_eq!(
        owner
            .post(app.url("/api/auth/logout"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );

    // A stranger guesses from elsewhere until the username's budget is gone.
    let stranger = browser_at("127.0.0.2");
    for _ in 0..3 {
        let guess = log_in(&stranger, &app, "ada", "hunter2 hunter2").await;
        assert_eq!(guess.status(), 401);
    }
    assert_eq!(
        log_in(&stranger, &app, "ada", "hunter3 hunter3")
            .await
            .status(),
        429,
        "at most 3 guesses a minute for this username"
    );
    assert_eq!(
        log_in(&browser_at("127.0.0.4"), &app, "ada", PASSWORD)
            .await
            .status(),
        429,
        "every client without a trusted device shares the username's budget"
    );

    // The owner, from their own browser, is not locked out.
    let back = log_in(&owner, &app, "ada", PASSWORD).await;
    assert_eq!(back.status(), 200);
    assert_eq!(me(&owner, &app).await.status(), 200);

    // Their device has a budget of its own (the log-in above spent one).
    for _ in 0..2 {
        assert_eq!(
            log_in(&owner, &app, "ada", "typo typo typo").await.status(),
            401
        );
    }
    assert_eq!(log_in(&owner, &app, "ada", PASSWORD).await.status(), 429);
}

#[tokio::test]
async fn a_device_is_trusted_only_for_the_account_it_signed_in_to() {
    let limits = AuthLimits {
        per_username_per_minute: 2,
        ..TEST_LIMITS
    };
    let app = spawn_app_with_limits(limits).await;
    sign_up(&app.browser(), &app, "ada").await;
    // Mallory's browser is trusted for Mallory's account, not Ada's.
    let mallory = app.browser();
    sign_up(&mallory, &app, "mallory").await;
    for _ in 0..2 {
        assert_eq!(
            log_in(&mallory, &app, "ada", "guess guess guess")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        log_in(&app.browser(), &app, "ada", PASSWORD).await.status(),
        429,
        "Mallory's guesses spent Ada's username budget"
    );
    let cookies = session_cookie(&log_in(&mallory, &app, "mallory", PASSWORD).await);
    assert!(cookies.is_some(), "her own account still lets her in");
}

#[tokio::test]
async fn current_password_checks_are_throttled_like_log_ins() {
    let limits = AuthLimits {
        per_username_per_minute: 3,
        ..TEST_LIMITS
    };
    let app = spawn_app_with_limits(limits).await;
    let browser = app.browser();
    sign_up(&browser, &app, "ada").await;
    let change = |current: &str| {
        browser
            .put(app.url("/api/me/password"))
            .json(&json!({"current_password": current, "new_password": "a brand new secret"}))
            .send()
    };
    for _ in 0..3 {
        assert_eq!(change("not it, not it").await.unwrap().status(), 401);
    }
    let refused = change(PASSWORD).await.unwrap();
    assert_eq!(refused.status(), 429, "a stolen session cannot guess on");
    assert!(!header(&refused, "retry-after").is_empty());
}

#[tokio::test]
async fn signing_up_and_logging_in_trust_the_device_with_a_strict_cookie() {
    let app = spawn_app().await;
    let response = sign_up(&app.browser(), &app, "ada").await;
    assert_eq!(response.status(), 201);
    let device = set_cookie(&response, "chorus_device").expect("a device cookie");
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/",
        "Max-Age=31536000",
    ] {
        assert!(device.contains(attribute), "{device} has {attribute}");
    }
    assert!(
        !device.contains("ada"),
        "the token says nothing of the account"
    );
}
