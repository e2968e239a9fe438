//! Command-line arguments of `chorus-load`.

use std::net::Ipv4Addr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Load tool of Chorus' live feed: seeds a synthetic friend graph, opens
/// many authenticated `/ws/feed` sockets and measures memory, connection
/// rate and fan-out latency.
#[derive(Debug, Parser)]
#[command(name = "chorus-load")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create users load00001… and a ring-lattice friend graph in a data
    /// folder (run it while no server uses the folder).
    Seed(SeedArgs),
    /// Add a synthetic catalog (artists, albums, tracks without audio) to a
    /// data folder and list every public page URL, in random order.
    Catalog(CatalogArgs),
    /// Log the users in and keep their session cookies in a file.
    Login(LoginArgs),
    /// Open idle sockets; print connection rate and server RSS per socket.
    Idle(IdleArgs),
    /// One socket per user; publishers report now-playing; print fan-out
    /// latency and delivered events per second.
    Fanout(FanoutArgs),
    /// Seed a fresh database with a synthetic catalog, listeners, plays
    /// and likes, then time discovery: chart refreshes, search,
    /// compatibility, recommendations, listeners like you, charts.
    Discovery(DiscoveryArgs),
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The `chorus` data folder (its chorus.db is created or migrated).
    #[arg(long)]
    pub data_dir: PathBuf,
    /// Users to create: load00001 … (at most 99,999).
    #[arg(long)]
    pub users: u32,
    /// Friends per user (even): the K nearest others on the ring.
    #[arg(long)]
    pub friends: u32,
    /// Seed this PostgreSQL database (`postgres://…`) instead of the data
    /// folder's SQLite one.
    #[arg(long)]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// The `chorus` data folder (after `seed`, so users have profiles).
    #[arg(long)]
    pub data_dir: PathBuf,
    #[arg(long, default_value_t = 200)]
    pub artists: u32,
    #[arg(long, default_value_t = 1000)]
    pub albums: u32,
    #[arg(long, default_value_t = 10)]
    pub tracks_per_album: u32,
    /// Where to write the public page URLs (paths), one per line.
    #[arg(long)]
    pub urls: PathBuf,
}

/// The server and its seeded users.
#[derive(Debug, Args, Clone)]
pub struct Target {
    /// Base URL of the server.
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    pub url: String,
    /// Seeded users to use (load00001 … loadN).
    #[arg(long)]
    pub users: u32,
    /// Session cookies: read if the file exists, users missing from it are
    /// logged in and appended.
    #[arg(long)]
    pub cookies: Option<PathBuf>,
    /// Log-ins in flight at once (each costs the server an argon2 hash).
    #[arg(long, default_value_t = 8)]
    pub login_concurrency: usize,
}

/// How sockets are opened.
#[derive(Debug, Args, Clone)]
pub struct Dial {
    /// WebSocket handshakes in flight at once.
    #[arg(long, default_value_t = 128)]
    pub connect_concurrency: usize,
    /// Loopback source addresses to spread client sockets over (127.0.0.2,
    /// 127.0.0.3, …): one address has only ~28k ephemeral ports.
    #[arg(long, default_value_t = 4)]
    pub source_addresses: u8,
    /// First source address.
    #[arg(long, default_value = "127.0.0.2")]
    pub first_source: Ipv4Addr,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, Args)]
pub struct IdleArgs {
    #[command(flatten)]
    pub target: Target,
    #[command(flatten)]
    pub dial: Dial,
    /// Sockets to open, spread round-robin over the users.
    #[arg(long)]
    pub sockets: u32,
    /// The server's process id, for its RSS (/proc/PID/status).
    #[arg(long)]
    pub server_pid: u32,
    /// Seconds to wait after the last socket opened before reading RSS.
    #[arg(long, default_value_t = 5)]
    pub settle: u64,
}

#[derive(Debug, Args)]
pub struct FanoutArgs {
    #[command(flatten)]
    pub target: Target,
    #[command(flatten)]
    pub dial: Dial,
    /// Friends per user in the seeded graph (as given to `seed`).
    #[arg(long)]
    pub friends: u32,
    /// Users that publish, evenly spaced over the ring.
    #[arg(long, default_value_t = 100)]
    pub publishers: u32,
    /// Now-playing reports per second, all publishers together.
    #[arg(long, default_value_t = 20.0)]
    pub rate: f64,
    /// Seconds of publishing.
    #[arg(long, default_value_t = 30)]
    pub duration: u64,
    /// Servers' process ids (repeat for several instances): their CPU
    /// time during the run is reported, summed.
    #[arg(long)]
    pub server_pid: Vec<u32>,
    /// Instances to open the sockets to, round-robin over users (repeat
    /// the flag; default: `--url`). Publishers report to `--url`, so with
    /// two instances half the deliveries cross the bus.
    #[arg(long)]
    pub socket_url: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DiscoveryArgs {
    /// A PostgreSQL server (`postgres://…`, a user that may CREATE
    /// DATABASE): a fresh database chorus_bench_discovery_<pid> is created
    /// on it and dropped at the end. Without it: a fresh SQLite file.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Folder of the SQLite file (default: a temporary folder).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Keep the database (and a temporary folder) at the end.
    #[arg(long)]
    pub keep: bool,
    /// Tracks: 20 per artist, 10 per album.
    #[arg(long, default_value_t = 100_000)]
    pub tracks: usize,
    /// Listeners: bench00001 …
    #[arg(long, default_value_t = 10_000)]
    pub users: usize,
    /// `played` events over the last 60 days, spread evenly over listeners.
    #[arg(long, default_value_t = 1_000_000)]
    pub plays: usize,
    /// Friends per listener (even): the nearest ones on a ring.
    #[arg(long, default_value_t = 200)]
    pub friends: usize,
    /// Timed calls of each kind (after 20 warm-up calls).
    #[arg(long, default_value_t = 500)]
    pub samples: usize,
}
