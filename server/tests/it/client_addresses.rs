//! Client addresses behind the CDN: through real Varnish, each visitor has
//! a per-address budget of their own, and the logs name the visitor, not
//! Varnish. Without trusted proxies, a forged `X-Forwarded-For` counts for
//! nothing.

use std::net::IpAddr;

use chorus_server::auth::rate_limit::AuthLimits;
use serde_json::{json, Value};

use crate::helpers::{spawn_app_configured, TEST_LIMITS};
use crate::process::Instance;
use crate::varnish::{free_port, Varnish};

/// A client sending from `source` (any 127.x address reaches loopback).
fn client_from(source: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(source.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn sign_up(client: &reqwest::Client, url: String, username: &str) -> u16 {
    let body = json!({"username": username, "display_name": username, "password": "correct horse battery"});
    client
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_varnish_one_visitor_spending_its_budget_leaves_others_theirs() {
    // The binary as operators run it behind Varnish, logging JSON.
    let data_dir = tempfile::tempdir().unwrap();
    let site = Instance::spawn(&[
        ("CHORUS_DATA_DIR", data_dir.path().display().to_string()),
        ("CHORUS_TRUSTED_PROXIES", "127.0.0.1/32".to_owned()),
        ("CHORUS_AUTH_PER_IP_PER_MINUTE", "3".to_owned()),
        ("CHORUS_LOG_FORMAT", "json".to_owned()),
    ])
    .await;
    let varnish = Varnish::start(free_port(), site.port());
    let signup = || varnish.url("/api/auth/signup");
    let (two, three) = (client_from("127.0.0.2"), client_from("127.0.0.3"));
    for n in 0..3 {
        assert_eq!(sign_up(&two, signup(), &format!("two_{n}")).await, 201);
    }
    assert_eq!(
        sign_up(&two, signup(), "two_3").await,
        429,
        "127.0.0.2 spent its budget"
    );
    // Varnish's own address is the peer of both: only the forwarded
    // address tells them apart.
    for n in 0..3 {
        assert_eq!(
            sign_up(&three, signup(), &format!("three_{n}")).await,
            201,
            "127.0.0.3 is not limited by 127.0.0.2"
        );
    }
    assert_eq!(sign_up(&three, signup(), "three_3").await, 429);

    // A forged hop in front of the real one changes nothing: Varnish
    // appends the address it saw, and that is the one believed.
    let forged = two
        .post(signup())
        .header("x-forwarded-for", "198.51.100.9")
        .json(&json!({"username": "forger", "display_name": "F", "password": "correct horse battery"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 429, "still 127.0.0.2");

    let refused: Vec<String> = site
        .log()
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["fields"]["message"] == "per-address limit reached")
        .map(|line| {
            let spans = line["spans"].as_array().unwrap();
            let request = spans.iter().find(|s| s["name"] == "request").unwrap();
            request["client"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        refused,
        ["127.0.0.2", "127.0.0.3", "127.0.0.2"],
        "logged by client"
    );
}

#[tokio::test]
async fn without_trusted_proxies_a_forwarded_address_is_ignored() {
    let app = spawn_app_configured(|settings| {
        settings.auth_limits = AuthLimits {
            per_ip_per_minute: 2,
            ..TEST_LIMITS
        };
    })
    .await;
    let client = reqwest::Client::new();
    for (n, claimed) in ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
        .iter()
        .enumerate()
    {
        let status = client
            .post(app.url("/api/auth/signup"))
            .header("x-forwarded-for", *claimed)
            .json(&json!({"username": format!("user_{n}"), "display_name": "U", "password": "correct horse battery"}))
            .send()
            .await
            .unwrap()
            .status();
        let expected = if n < 2 { 201 } else { 429 };
        assert_eq!(status, expected, "claiming {claimed} is no new address");
    }
}

#[tokio::test]
async fn a_trusted_proxy_forwarding_ipv6_clients_keys_them_by_slash_64() {
    let app = spawn_app_configured(|settings| {
        settings.auth_limits = AuthLimits {
            per_ip_per_minute: 2,
            ..TEST_LIMITS
        };
        settings.trusted_proxies = "127.0.0.0/8".parse().unwrap();
    })
    .await;
    let client = reqwest::Client::new();
    let from = |address: &str, n: usize| {
        client
            .post(app.url("/api/auth/signup"))
            .header("x-forwarded-for", address)
            .json(&json!({"username": format!("v6_{n}"), "display_name": "V", "password": "correct horse battery"}))
            .send()
    };
    assert_eq!(from("2001:db8:1:1::1", 0).await.unwrap().status(), 201);
    assert_eq!(from("2001:db8:1:1::2", 1).await.unwrap().status(), 201);
    assert_eq!(
        from("2001:db8:1:1:ffff::3", 2).await.unwrap().status(),
        429,
        "another address of the same /64"
    );
    assert_eq!(
        from("2001:db8:1:2::1", 3).await.unwrap().status(),
        201,
        "the next /64 is another client"
    );
}
