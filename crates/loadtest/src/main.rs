//! `chorus-load`: the load tool of the live feed (`GET /ws/feed`).
//!
//! - `seed` writes N users and a ring-lattice friend graph straight into a
//!   `chorus` data folder (setup, not measured);
//! - `catalog` adds a synthetic catalog and lists every public page URL
//!   (the offload benchmark, `scripts/bench-offload.sh`);
//! - `login` logs the users in once and keeps their session cookies in a file;
//! - `idle` opens S sockets and measures the server's memory per idle socket
//!   and the connection rate;
//! - `fanout` opens one socket per user, has some users publish now-playing
//!   reports and measures how long their friends wait for the events;
//! - `discovery` seeds a fresh database with plays and likes and times the
//!   discovery service on it (`scripts/bench-discovery.sh`).
//!
//! See `scripts/bench-live.sh` and the "Live feed" section of
//! `docs/benchmarks.md`.

mod catalog;
mod cli;
mod discovery;
mod discovery_backend;
mod discovery_bench;
mod discovery_measure;
mod discovery_names;
mod discovery_postgres;
mod discovery_queries;
mod discovery_rng;
mod discovery_sqlite;
mod discovery_table;
mod discovery_world;
mod fanout;
mod idle;
mod limits;
mod login;
mod publish;
mod receive;
mod report;
mod seed;
mod seed_postgres;
mod ws;

use clap::Parser;

fn main() -> anyhow::Result<()> {
    let cli = cli::Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command {
            cli::Command::Seed(args) => seed::run(args).await,
            cli::Command::Catalog(args) => catalog::run(args).await,
            cli::Command::Login(args) => login::run(args).await,
            cli::Command::Idle(args) => idle::run(args).await,
            cli::Command::Fanout(args) => fanout::run(args).await,
            cli::Command::Discovery(args) => discovery::run(args).await,
        }
    })
}
