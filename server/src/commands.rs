//! What each subcommand does.

use std::process::ExitCode;

use chorus_catalog::{demo, Importer};

use crate::auth::rate_limit::AuthLimits;
use crate::cli::{Cli, Command, ServeArgs, StorageArgs};
use crate::progress;
use crate::settings::{site_options, Settings};
use crate::startup::{open_stores, Application};

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => serve(cli.storage, args).await,
        Command::Import { paths } => import(cli.storage, paths).await,
        Command::Demo => write_demo(cli.storage).await,
    }
}

fn settings(
    storage: StorageArgs,
    addr: std::net::SocketAddr,
    demo_if_empty: bool,
    auth_limits: AuthLimits,
) -> anyhow::Result<Settings> {
    Ok(Settings {
        addr,
        data_dir: storage.data_dir,
        database_url: storage.database_url,
        demo_if_empty,
        site: site_options(addr)?,
        secure_cookies: storage.secure_cookies,
        auth_limits,
    })
}

/// Settings for the commands that do not serve.
fn offline_settings(storage: StorageArgs) -> anyhow::Result<Settings> {
    settings(
        storage,
        ([127, 0, 0, 1], 0).into(),
        false,
        AuthLimits::default(),
    )
}

async fn serve(storage: StorageArgs, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let limits = AuthLimits {
        per_ip_per_minute: args.auth_per_ip_per_minute,
        per_username_per_minute: args.login_per_username_per_minute,
    };
    let app = Application::build(settings(storage, args.addr, !args.no_demo, limits)?).await?;
    let addr = app.local_addr()?;
    eprintln!("Chorus is playing at http://{addr}");
    app.run_until(shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

async fn import(storage: StorageArgs, paths: Vec<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    let settings = offline_settings(storage)?;
    let stores = open_stores(&settings).await?;
    let importer = Importer::new(stores.catalog, stores.media);
    let mut failed = false;
    for path in paths {
        let report = importer.import_dir(&path, progress::imported).await?;
        progress::summary(&report);
        failed |= !report.skipped.is_empty();
    }
    // Skipped files are reported; the exit status tells scripts about them.
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

async fn write_demo(storage: StorageArgs) -> anyhow::Result<ExitCode> {
    let settings = offline_settings(storage)?;
    let stores = open_stores(&settings).await?;
    let importer = Importer::new(stores.catalog, stores.media);
    let report = demo::write_demo_catalog(
        &importer,
        &settings.data_dir,
        progress::rendered,
        progress::imported,
    )
    .await?;
    progress::summary(&report);
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    eprintln!("shutting down");
}
