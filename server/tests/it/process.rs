//! `chorus serve` as a real process, for what only a process shows: several
//! instances on one database (the cluster tests), a crash (SIGKILL) or a
//! drain (SIGTERM).

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::helpers::Site;

/// How long an instance may take to start or stop.
pub const STARTS: Duration = Duration::from_secs(30);

/// A `chorus serve` process.
pub struct Instance {
    pub address: String,
    client: reqwest::Client,
    pub child: Child,
    /// Everything it logged, for failure messages.
    log: Arc<Mutex<Vec<String>>>,
}

impl Site for Instance {
    fn address(&self) -> &str {
        &self.address
    }
    fn http(&self) -> &reqwest::Client {
        &self.client
    }
}

impl Instance {
    /// Starts `chorus serve` on a free port (unless `env` sets
    /// `CHORUS_ADDR`) with generous auth limits, a 5 s drain and `env`
    /// (which wins), and waits for the line saying where it listens.
    pub async fn spawn(env: &[(&str, String)]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_chorus"));
        command
            .args(["serve", "--no-demo"])
            .env_remove("DATABASE_URL")
            .env("CHORUS_ADDR", "127.0.0.1:0")
            .env("CHORUS_AUTH_PER_IP_PER_MINUTE", "10000")
            .env("CHORUS_SHUTDOWN_TIMEOUT", "5")
            .env("RUST_LOG", "info");
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("chorus starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let log = Arc::new(Mutex::new(Vec::new()));
        let address = tokio::time::timeout(STARTS, async {
            while let Some(line) = lines.next_line().await.unwrap() {
                log.lock().unwrap().push(line.clone());
                if let Some(address) = line.strip_prefix("Chorus is playing at ") {
                    return address.trim().to_owned();
                }
            }
            panic!("chorus exited: {:#?}", log.lock().unwrap());
        })
        .await
        .expect("chorus listens");
        let kept = Arc::clone(&log);
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                kept.lock().unwrap().push(line);
            }
        });
        Self {
            address,
            client: reqwest::Client::new(),
            child,
            log,
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.address.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Sends SIGTERM and waits for the process to exit; its exit status
    /// and how long the drain took.
    pub async fn terminate(&mut self) -> (std::process::ExitStatus, Duration) {
        let pid = self.child.id().expect("running").to_string();
        let started = std::time::Instant::now();
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert!(status.success());
        let exited = tokio::time::timeout(STARTS, self.child.wait())
            .await
            .expect("exits within the bound")
            .unwrap();
        (exited, started.elapsed())
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }
}
