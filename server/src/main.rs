//! The `chorus` binary. See `chorus --help`.

use clap::Parser;
use tracing_subscriber::EnvFilter;

use chorus_server::cli::Cli;
use chorus_server::commands;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| {
            EnvFilter::new(
                "info,symphonia_core=warn,symphonia_format_ogg=warn,symphonia_bundle_mp3=warn",
            )
        }))
        .with_writer(std::io::stderr)
        .init();
    match commands::run(Cli::parse()).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
