//! Session cookies for the seeded users: `POST /api/auth/login` once per
//! user (the server verifies the real argon2 hash: ~26 ms of its CPU per
//! log-in), kept in a cookie file so later runs skip it.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use reqwest::header::{ORIGIN, SET_COOKIE};
use reqwest::StatusCode;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::cli::{LoginArgs, Target};
use crate::seed::{username, PASSWORD};

/// Name of the server's session cookie.
const COOKIE_NAME: &str = "chorus_session";
/// Attempts per user when the server answers 429.
const ATTEMPTS: u32 = 5;

pub async fn run(args: LoginArgs) -> anyhow::Result<()> {
    let cookies = sessions(&args.target).await?;
    println!("{} users have a session", cookies.len());
    Ok(())
}

/// The `Cookie` header value of users 1..=N, index 0 = load00001.
pub async fn sessions(target: &Target) -> anyhow::Result<Vec<String>> {
    let mut known = match &target.cookies {
        Some(path) if path.exists() => read_file(path)?,
        _ => HashMap::new(),
    };
    let missing: Vec<u32> = (1..=target.users)
        .filter(|&i| !known.contains_key(&username(i)))
        .collect();
    if !missing.is_empty() {
        let fresh = log_in(target, &missing).await?;
        if let Some(path) = &target.cookies {
            append_file(path, &fresh)?;
        }
        known.extend(fresh);
    }
    (1..=target.users)
        .map(|i| {
            known
                .remove(&username(i))
                .with_context(|| format!("no session for {}", username(i)))
        })
        .collect()
}

async fn log_in(target: &Target, users: &[u32]) -> anyhow::Result<Vec<(String, String)>> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()?;
    let permits = Arc::new(Semaphore::new(target.login_concurrency.max(1)));
    let url = format!("{}/api/auth/login", target.url.trim_end_matches('/'));
    let origin = origin(&target.url);
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for &i in users {
        let (client, url, origin, permits) =
            (client.clone(), url.clone(), origin.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await?;
            let name = username(i);
            let cookie = log_in_one(&client, &url, &origin, &name).await?;
            anyhow::Ok((name, cookie))
        });
    }
    let mut fresh = Vec::with_capacity(users.len());
    while let Some(result) = tasks.join_next().await {
        fresh.push(result??);
        if fresh.len() % 1000 == 0 {
            eprintln!(
                "  {} / {} logged in ({:.0}/s)",
                fresh.len(),
                users.len(),
                fresh.len() as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "logged in {} users in {:.1} s ({:.0}/s)",
        fresh.len(),
        started.elapsed().as_secs_f64(),
        fresh.len() as f64 / started.elapsed().as_secs_f64()
    );
    Ok(fresh)
}

async fn log_in_one(
    client: &reqwest::Client,
    url: &str,
    origin: &str,
    name: &str,
) -> anyhow::Result<String> {
    let body = serde_json::json!({ "username": name, "password": PASSWORD });
    for _ in 0..ATTEMPTS {
        let response = client
            .post(url)
            .header(ORIGIN, origin)
            .json(&body)
            .send()
            .await?;
        match response.status() {
            StatusCode::OK => {
                return response
                    .headers()
                    .get_all(SET_COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .filter_map(|v| v.split(';').next())
                    .find(|v| v.starts_with(&format!("{COOKIE_NAME}=")))
                    .map(str::to_owned)
                    .with_context(|| format!("log-in of {name}: no {COOKIE_NAME} cookie"));
            }
            StatusCode::TOO_MANY_REQUESTS => {
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok()?.parse().ok())
                    .unwrap_or(1);
                tokio::time::sleep(Duration::from_secs(wait)).await;
            }
            status => bail!(
                "log-in of {name}: {status} {} (was the server started with raised \
                 --auth-per-ip-per-minute, and seeded?)",
                response.text().await.unwrap_or_default()
            ),
        }
    }
    bail!("log-in of {name}: still rate limited after {ATTEMPTS} attempts")
}

/// `scheme://host:port` of a base URL: the same-origin `Origin` header.
pub fn origin(url: &str) -> String {
    let url = url.trim_end_matches('/');
    match url.find("://") {
        Some(start) => match url[start + 3..].find('/') {
            Some(end) => url[..start + 3 + end].to_owned(),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

fn read_file(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(user, cookie)| (user.to_owned(), cookie.to_owned()))
        .collect())
}

fn append_file(path: &Path, fresh: &[(String, String)]) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut text = String::new();
    for (user, cookie) in fresh {
        text.push_str(user);
        text.push('\t');
        text.push_str(cookie);
        text.push('\n');
    }
    file.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_is_scheme_host_and_port() {
        assert_eq!(origin("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(origin("http://127.0.0.1:3000/"), "http://127.0.0.1:3000");
        assert_eq!(origin("http://127.0.0.1:3000/x/y"), "http://127.0.0.1:3000");
    }
}
