//! The `chorus` binary. See `chorus --help`.

use clap::Parser;
use tracing_subscriber::EnvFilter;

use chorus_server::cli::{Cli, LogFormat};
use chorus_server::commands;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new(
            "info,symphonia_core=warn,symphonia_format_ogg=warn,symphonia_bundle_mp3=warn",
        )
    });
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().with_current_span(true).init(),
    }
    let format = cli.log_format;
    match commands::run(cli).await {
        Ok(code) => code,
        Err(err) => {
            match format {
                LogFormat::Text => eprintln!("error: {err:#}"),
                LogFormat::Json => tracing::error!("{err:#}"),
            }
            std::process::ExitCode::FAILURE
        }
    }
}
