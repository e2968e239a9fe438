//! `idle`: opens S sockets spread over the users, keeps them open (reading,
//! so pings are answered), and measures the connection rate and the
//! server's RSS growth per socket.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use futures_util::StreamExt;
use tokio::sync::{mpsc, Semaphore};

use crate::cli::IdleArgs;
use crate::report::{mib, rss_bytes};
use crate::ws::{Dialer, Socket};
use crate::{limits, login};

pub async fn run(args: IdleArgs) -> anyhow::Result<()> {
    let sockets = args.sockets;
    let nofile = limits::raise_nofile(u64::from(sockets))?;
    let cookies = Arc::new(login::sessions(&args.target).await?);
    if cookies.is_empty() {
        bail!("--users must be at least 1");
    }
    let dialer = Arc::new(Dialer::new(&args.target.url, &args.dial).await?);
    println!(
        "idle: {sockets} sockets over {} users, {} handshakes in flight, {} source addresses, nofile {nofile}",
        cookies.len(),
        args.dial.connect_concurrency,
        args.dial.source_addresses
    );
    // Let the log-ins' work settle before the baseline.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss_before = rss_bytes(args.server_pid)?;

    let closed = Arc::new(AtomicU64::new(0));
    let permits = Arc::new(Semaphore::new(args.dial.connect_concurrency.max(1)));
    let (results, mut opened) = mpsc::unbounded_channel::<Result<(), String>>();
    let started = Instant::now();
    for index in 0..sockets {
        let (dialer, cookies, permits, results, closed) = (
            dialer.clone(),
            cookies.clone(),
            permits.clone(),
            results.clone(),
            closed.clone(),
        );
        tokio::spawn(async move {
            let permit = permits.acquire_owned().await;
            let cookie = &cookies[index as usize % cookies.len()];
            let socket = dialer.open(index, cookie).await;
            drop(permit);
            match socket {
                Ok(socket) => {
                    let _ = results.send(Ok(()));
                    hold(socket, &closed).await;
                }
                Err(e) => {
                    let _ = results.send(Err(format!("{e:#}")));
                }
            }
        });
    }
    drop(results);
    let (mut ok, mut failed) = (0u32, 0u32);
    let mut first_error = None;
    while let Some(result) = opened.recv().await {
        match result {
            Ok(()) => ok += 1,
            Err(e) => {
                failed += 1;
                first_error.get_or_insert(e);
            }
        }
        let done = ok + failed;
        if done % 5000 == 0 {
            eprintln!(
                "  {done} / {sockets} ({:.0}/s, server RSS {:.0} MiB)",
                f64::from(done) / started.elapsed().as_secs_f64(),
                mib(rss_bytes(args.server_pid).unwrap_or(0))
            );
        }
        if done == sockets {
            break;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let rate = f64::from(ok) / elapsed;
    if let Some(e) = &first_error {
        eprintln!("{failed} sockets failed; first error: {e}");
    }
    tokio::time::sleep(Duration::from_secs(args.settle)).await;
    let rss_after = rss_bytes(args.server_pid)?;
    let open = u64::from(ok).saturating_sub(closed.load(Ordering::Relaxed));
    let delta = rss_after.saturating_sub(rss_before);
    let per_socket = delta as f64 / open.max(1) as f64;
    println!(
        "opened {ok} sockets in {elapsed:.1} s = {rate:.0} sockets/s ({failed} failed); {open} still open after {} s",
        args.settle
    );
    println!(
        "server RSS {:.1} MiB before, {:.1} MiB after: +{:.1} MiB = {:.1} KiB per socket",
        mib(rss_before),
        mib(rss_after),
        mib(delta),
        per_socket / 1024.0
    );
    println!(
        "RESULT idle sockets={open} failed={failed} connect_per_s={rate:.0} rss_before_mib={:.1} \
         rss_after_mib={:.1} kib_per_socket={:.2}",
        mib(rss_before),
        mib(rss_after),
        per_socket / 1024.0
    );
    if failed > 0 || open < u64::from(sockets) {
        bail!(
            "{} of {sockets} sockets were not open at the end",
            u64::from(sockets) - open
        );
    }
    Ok(())
}

/// Reads until the socket ends (tungstenite answers pings while reading).
async fn hold(mut socket: Socket, closed: &AtomicU64) {
    while let Some(Ok(_)) = socket.next().await {}
    closed.fetch_add(1, Ordering::Relaxed);
}
