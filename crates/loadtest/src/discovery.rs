//! `discovery`: seeds a fresh database (SQLite, or PostgreSQL with
//! `--database-url`) with a synthetic catalog, listeners, friendships,
//! plays and likes (`discovery_world.rs`; setup, timed but not the
//! benchmark), reopens it so the store indexes the names for search, then
//! measures `chorus_discovery::Discovery` on it (`discovery_bench.rs`) and
//! prints the figures as markdown tables. See `scripts/bench-discovery.sh`.

use std::time::Instant;

use anyhow::bail;

use crate::cli::DiscoveryArgs;
use crate::discovery_backend::Backend;
use crate::discovery_measure::now_ms;
use crate::discovery_table::markdown;
use crate::discovery_world::{Sizes, World};

pub async fn run(args: DiscoveryArgs) -> anyhow::Result<()> {
    let sizes = Sizes {
        tracks: args.tracks,
        users: args.users,
        plays: args.plays,
        friends: args.friends,
    };
    if sizes.tracks == 0 || sizes.users == 0 || args.samples == 0 {
        bail!("--tracks, --users and --samples must be at least 1");
    }
    if !sizes.friends.is_multiple_of(2) || sizes.friends >= sizes.users {
        bail!("--friends must be even and less than --users");
    }
    let started = Instant::now();
    let world = World::generate(sizes, now_ms());
    println!(
        "world generated in {:.1} s: {} artists, {} albums, {} tracks, {} listeners",
        started.elapsed().as_secs_f64(),
        world.artists.len(),
        world.albums.len(),
        world.tracks.len(),
        world.listeners.len()
    );
    let mut backend = Backend::create(args.database_url.as_deref(), args.data_dir).await?;
    let outcome = seed_and_measure(&mut backend, &world, args.samples).await;
    backend.finish(args.keep).await?;
    let (label, figures) = outcome?;
    println!("{}", markdown(label, &figures));
    Ok(())
}

async fn seed_and_measure(
    backend: &mut Backend,
    world: &World,
    samples: usize,
) -> anyhow::Result<(&'static str, crate::discovery_table::Figures)> {
    let label = backend.label();
    println!("seeding {label} (setup, not measured):");
    let started = Instant::now();
    backend.seed(world).await?;
    println!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    backend.reopen().await?;
    println!(
        "reopened in {:.1} s (the store fills in search documents as it opens)",
        started.elapsed().as_secs_f64()
    );
    let counts = backend.counts().await?;
    let line: Vec<String> = counts.iter().map(|(t, n)| format!("{t} {n}")).collect();
    println!("rows: {}", line.join(", "));
    if counts
        .iter()
        .any(|(t, n)| *t == "search_documents" && *n == 0)
    {
        println!("warning: no search documents after reopening: search will find nothing");
    }
    println!("measuring {label}:");
    let figures = crate::discovery_bench::run(backend, world, samples).await?;
    Ok((label, figures))
}
