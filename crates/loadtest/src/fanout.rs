//! `fanout`: one socket per user, then P publishers report now-playing at
//! R reports/s in total for D seconds. Latency runs from just before a
//! report is sent to the receipt of its event on each friend's socket;
//! every expected delivery is accounted for.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use reqwest::StatusCode;
use tokio::sync::{mpsc, oneshot, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::cli::FanoutArgs;
use crate::publish::{self, Api, Ledger, Publisher};
use crate::receive::{self, Listener};
use crate::report::{self, latency_histogram, percentiles};
use crate::seed::username;
use crate::ws::Dialer;
use crate::{limits, login};

/// How long to wait for missing deliveries after the last report.
const DRAIN: Duration = Duration::from_secs(15);

pub async fn run(args: FanoutArgs) -> anyhow::Result<()> {
    let users = args.target.users as usize;
    let half = (args.friends / 2) as usize;
    let publishers = args.publishers as usize;
    if publishers == 0 || publishers > users || args.rate <= 0.0 || half == 0 || half * 2 >= users {
        bail!("need 0 < --publishers <= --users, --rate > 0, 0 < --friends < --users");
    }
    let nofile = limits::raise_nofile(users as u64)?;
    let cookies = login::sessions(&args.target).await?;
    let base = args.target.url.trim_end_matches('/').to_owned();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()?;
    let mut tracks = track_ids(&client, &base).await?;
    // The last track is where publishers park (paused) before the run.
    let parking = tracks.pop().context("no tracks")?;
    let api = Arc::new(Api {
        client,
        url: format!("{base}/api/now-playing"),
        origin: login::origin(&base),
        tracks,
    });

    // Publishers evenly spaced on the ring.
    let publisher_users: Arc<Vec<usize>> =
        Arc::new((0..publishers).map(|j| j * users / publishers).collect());
    let names: Vec<String> = publisher_users
        .iter()
        .map(|&u| username(u as u32 + 1))
        .collect();
    let ledger = Arc::new(Ledger::new(&names));
    println!(
        "fanout: {users} users × {} friends, {publishers} publishers, {} reports/s for {} s, nofile {nofile}",
        args.friends, args.rate, args.duration
    );

    // Park every publisher (paused, on a track not in the cycle), before
    // any socket opens, so the first report of the run starts a new listen.
    for &u in publisher_users.iter() {
        let status = api.report(&cookies[u], parking, true).await?;
        if status != StatusCode::NO_CONTENT {
            bail!(
                "parking report of {} answered {status}",
                username(u as u32 + 1)
            );
        }
    }

    let (deliveries, received) = mpsc::unbounded_channel();
    let matched = Arc::new(AtomicU64::new(0));
    let (stop, stopped) = oneshot::channel();
    let collector = tokio::spawn(receive::collect(received, matched.clone(), stopped));
    let connected =
        open_sockets(&args, &cookies, half, &publisher_users, &ledger, deliveries).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Publish.
    let server_cpu_before = servers_cpu_seconds(&args.server_pid)?;
    let own_cpu_before = report::own_cpu_seconds()?;
    let period = Duration::from_secs_f64(publishers as f64 / args.rate);
    let t0 = Instant::now() + Duration::from_millis(100);
    let until = t0 + Duration::from_secs(args.duration);
    let mut tasks = JoinSet::new();
    for (number, &u) in publisher_users.iter().enumerate() {
        let me = Publisher {
            number,
            cookie: cookies[u].clone(),
            start: t0 + Duration::from_secs_f64(number as f64 / args.rate),
            period,
            until,
        };
        tasks.spawn(publish::run(api.clone(), ledger.clone(), me));
    }
    let mut post_latency = latency_histogram()?;
    let (mut ok, mut failed, mut late, mut expected) = (0u64, 0u64, 0u64, 0u64);
    while let Some(done) = tasks.join_next().await {
        let done = done??;
        post_latency.add(&done.post_latency)?;
        ok += done.ok;
        failed += done.failed;
        late += done.late;
        let friends_online = friends_of(publisher_users[done.publisher], users, half)
            .filter(|&f| connected[f])
            .count() as u64;
        expected += done.ok * friends_online;
    }
    let publishing = t0.elapsed();

    // Drain: wait for the rest, as long as deliveries keep coming.
    let mut last = matched.load(Ordering::Relaxed);
    let mut quiet_since = Instant::now();
    while last < expected && quiet_since.elapsed() < DRAIN {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = matched.load(Ordering::Relaxed);
        if now != last {
            last = now;
            quiet_since = Instant::now();
        }
    }
    let server_cpu = servers_cpu_seconds(&args.server_pid)?
        .map(|after| after - server_cpu_before.unwrap_or(0.0));
    let own_cpu = report::own_cpu_seconds()? - own_cpu_before;
    let _ = stop.send(());
    let collected = collector.await??;
    let outcome = Outcome {
        ok,
        failed,
        late,
        expected,
        publishing,
        post_latency,
        collected,
        t0,
        server_cpu,
        own_cpu,
    };
    outcome.print(&args);
    if outcome.collected.latency.len() < expected || outcome.failed > 0 {
        bail!("not every report was delivered to every friend");
    }
    Ok(())
}

/// The user numbers of `user`'s friends on the ring.
fn friends_of(user: usize, users: usize, half: usize) -> impl Iterator<Item = usize> {
    (1..=half).flat_map(move |d| [(user + d) % users, (user + users - d) % users])
}

/// Ids of the catalog's first tracks (at least three: two to cycle, one to
/// park on).
async fn track_ids(client: &reqwest::Client, base: &str) -> anyhow::Result<Vec<i64>> {
    let page: serde_json::Value = client
        .get(format!("{base}/api/tracks?limit=8"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let ids: Vec<i64> = page["items"]
        .as_array()
        .context("GET /api/tracks: no items")?
        .iter()
        .filter_map(|t| t["id"].as_i64())
        .collect();
    if ids.len() < 3 {
        bail!("the catalog needs at least 3 tracks (chorus-load seed adds 8)");
    }
    Ok(ids)
}

/// Opens one socket per user (user i on socket i); which ones opened.
async fn open_sockets(
    args: &FanoutArgs,
    cookies: &[String],
    half: usize,
    publisher_users: &Arc<Vec<usize>>,
    ledger: &Arc<Ledger>,
    deliveries: mpsc::UnboundedSender<receive::Delivery>,
) -> anyhow::Result<Vec<bool>> {
    let users = cookies.len();
    let urls = if args.socket_url.is_empty() {
        vec![args.target.url.clone()]
    } else {
        args.socket_url.clone()
    };
    let mut dialers = Vec::with_capacity(urls.len());
    for url in &urls {
        dialers.push(Arc::new(Dialer::new(url, &args.dial).await?));
    }
    let permits = Arc::new(Semaphore::new(args.dial.connect_concurrency.max(1)));
    let (results, mut opened) = mpsc::unbounded_channel::<(usize, Result<(), String>)>();
    let started = Instant::now();
    for (user, cookie) in cookies.iter().enumerate() {
        let (dialer, permits, results, cookie) = (
            dialers[user % dialers.len()].clone(),
            permits.clone(),
            results.clone(),
            cookie.clone(),
        );
        let me = Listener {
            user,
            users,
            half_friends: half,
            publisher_users: publisher_users.clone(),
        };
        let (ledger, deliveries) = (ledger.clone(), deliveries.clone());
        tokio::spawn(async move {
            let permit = permits.acquire_owned().await;
            let socket = dialer.open(user as u32, &cookie).await;
            drop(permit);
            match socket {
                Ok(socket) => {
                    let _ = results.send((user, Ok(())));
                    receive::listen(socket, me, ledger, deliveries).await;
                }
                Err(e) => {
                    let _ = results.send((user, Err(format!("{e:#}"))));
                }
            }
        });
    }
    drop(results);
    let mut connected = vec![false; users];
    let (mut ok, mut failed) = (0usize, 0usize);
    while let Some((user, result)) = opened.recv().await {
        match result {
            Ok(()) => {
                connected[user] = true;
                ok += 1;
            }
            Err(e) => {
                if failed == 0 {
                    eprintln!("socket of {} failed: {e}", username(user as u32 + 1));
                }
                failed += 1;
            }
        }
        if ok + failed == users {
            break;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "opened {ok} sockets in {elapsed:.1} s ({:.0}/s), {failed} failed",
        ok as f64 / elapsed
    );
    Ok(connected)
}

/// What a run measured.
struct Outcome {
    ok: u64,
    failed: u64,
    late: u64,
    expected: u64,
    publishing: Duration,
    post_latency: hdrhistogram::Histogram<u64>,
    collected: receive::Collected,
    t0: Instant,
    server_cpu: Option<f64>,
    own_cpu: f64,
}

impl Outcome {
    fn print(&self, args: &FanoutArgs) {
        let c = &self.collected;
        let received = c.latency.len();
        let span = c
            .last_receipt
            .map_or(self.publishing, |last| {
                last.saturating_duration_since(self.t0)
            })
            .as_secs_f64();
        let reports_per_s = self.ok as f64 / self.publishing.as_secs_f64();
        let delivered_per_s = received as f64 / span;
        println!(
            "reports: {} ok, {} failed, {} late, {reports_per_s:.1}/s achieved ({} asked); POST {}",
            self.ok,
            self.failed,
            self.late,
            args.rate,
            percentiles(&self.post_latency)
        );
        println!(
            "deliveries: {received} of {} expected ({} missing), {delivered_per_s:.0} events/s delivered",
            self.expected,
            self.expected.saturating_sub(received)
        );
        println!(
            "fan-out latency (report sent → friend's socket): {}",
            percentiles(&c.latency)
        );
        println!(
            "other messages: {} mismatched, {} unexpected, {} from non-friends, {} presence, {} resync, {} other; {} sockets closed",
            c.mismatched, c.unexpected, c.strangers, c.presence, c.resync, c.other, c.closed
        );
        let server = self.server_cpu.map_or_else(
            || "unknown".to_owned(),
            |s| format!("{s:.1} s = {:.0} % of one core", 100.0 * s / span),
        );
        println!(
            "CPU over {span:.1} s: server {server}; load tool {:.1} s",
            self.own_cpu
        );
        let ms = |q: f64| c.latency.value_at_quantile(q) as f64 / 1000.0;
        println!(
            "RESULT fanout users={} friends={} publishers={} rate={} reports_ok={} \
             expected={received_expected} received={received} p50_ms={:.1} p90_ms={:.1} \
             p99_ms={:.1} max_ms={:.1} delivered_per_s={delivered_per_s:.0} \
             server_cpu_s={:.1} span_s={span:.1}",
            args.target.users,
            args.friends,
            args.publishers,
            args.rate,
            self.ok,
            ms(0.5),
            ms(0.9),
            ms(0.99),
            c.latency.max() as f64 / 1000.0,
            self.server_cpu.unwrap_or(f64::NAN),
            received_expected = self.expected,
        );
    }
}

/// The CPU seconds of these processes together (`None`: none given).
fn servers_cpu_seconds(pids: &[u32]) -> anyhow::Result<Option<f64>> {
    if pids.is_empty() {
        return Ok(None);
    }
    let mut total = 0.0;
    for &pid in pids {
        total += report::cpu_seconds(pid)?;
    }
    Ok(Some(total))
}
