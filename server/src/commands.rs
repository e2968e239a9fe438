//! What each subcommand does.

use std::process::ExitCode;

use chorus_catalog::{demo, FileOutcome, Importer};
use chorus_storage::ImportOutcome;

use crate::auth::rate_limit::AuthLimits;
use crate::cli::{CdnArgs, Cli, Command, ServeArgs, StorageArgs};
use crate::progress;
use crate::settings::{site_options, Settings};
use crate::startup::{open_stores, Application};

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => serve(cli.storage, cli.cdn, args).await,
        Command::Import { paths } => import(cli.storage, cli.cdn, paths).await,
        Command::Demo => write_demo(cli.storage, cli.cdn).await,
    }
}

fn settings(
    storage: StorageArgs,
    cdn: CdnArgs,
    addr: std::net::SocketAddr,
    demo_if_empty: bool,
    auth_limits: AuthLimits,
) -> anyhow::Result<Settings> {
    Ok(Settings {
        addr,
        pool: storage.pool(),
        data_dir: storage.data_dir,
        database_url: storage.database_url,
        demo_if_empty,
        site: site_options(addr)?,
        secure_cookies: storage.secure_cookies,
        auth_limits,
        cdn: cdn.cdn,
        page_ttl: crate::settings::DEFAULT_PAGE_TTL,
        bus_url: None,
        shutdown_timeout: std::time::Duration::from_secs(15),
        online_lease: crate::live::DEFAULT_LEASE,
        charts_every: crate::charts::DEFAULT_CHARTS_EVERY,
        trusted_proxies: crate::http::client_addr::TrustedProxies::none(),
        connections: crate::http::connections::ConnectionLimits::default(),
        request_timeout: crate::http::timeout::DEFAULT_REQUEST_TIMEOUT,
        sessions: crate::auth::sessions::SessionSettings::default(),
        public_url: None,
    })
}

/// Settings for the commands that do not serve.
fn offline_settings(storage: StorageArgs, cdn: CdnArgs) -> anyhow::Result<Settings> {
    settings(
        storage,
        cdn,
        ([127, 0, 0, 1], 0).into(),
        false,
        AuthLimits::default(),
    )
}

async fn serve(storage: StorageArgs, cdn: CdnArgs, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let limits = AuthLimits {
        per_ip_per_minute: args.auth_per_ip_per_minute,
        per_username_per_minute: args.login_per_username_per_minute,
    };
    let mut settings = settings(storage, cdn, args.addr, !args.no_demo, limits)?;
    settings.page_ttl = args.page_ttl;
    settings.bus_url = args.bus_url;
    settings.shutdown_timeout = std::time::Duration::from_secs(args.shutdown_timeout);
    settings.online_lease = std::time::Duration::from_secs(args.online_ttl);
    settings.charts_every = std::time::Duration::from_secs(args.charts_every);
    settings.trusted_proxies = args.trusted_proxies;
    settings.connections = crate::http::connections::ConnectionLimits {
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        header_read_timeout: std::time::Duration::from_secs(args.header_read_timeout),
    };
    settings.request_timeout = std::time::Duration::from_secs(args.request_timeout);
    settings.public_url = args.public_url;
    let app = Application::build(settings).await?;
    let addr = app.local_addr()?;
    eprintln!("Chorus is playing at http://{addr}");
    app.run_until(shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

async fn import(
    storage: StorageArgs,
    cdn: CdnArgs,
    paths: Vec<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let settings = offline_settings(storage, cdn)?;
    let cdn = crate::cdn::from_url(&settings.cdn)?;
    let stores = open_stores(&settings).await?;
    let importer = Importer::new(
        stores.catalog.clone(),
        stores.transactions.clone(),
        stores.media,
    );
    let mut failed = false;
    let mut changed = Vec::new();
    for path in paths {
        let report = importer
            .import_dir(&path, |step| {
                if let FileOutcome::Imported(
                    ImportOutcome::Added(id) | ImportOutcome::Updated(id),
                ) = step.outcome
                {
                    changed.push(*id);
                }
                progress::imported(step);
            })
            .await?;
        progress::summary(&report);
        failed |= !report.skipped.is_empty();
    }
    if let Some(cdn) = cdn {
        let keys = crate::cdn::catalog_keys(stores.catalog.as_ref(), &changed).await?;
        let purger =
            crate::cdn::Purger::new(cdn, stores.database.stores(), false, stores.clock.clone());
        purger.purge(keys).await;
        if !purger.flush(IMPORT_PURGE_WAIT).await {
            eprintln!(
                "warning: the CDN did not confirm every purge yet; they stay queued, and a \
                 running `chorus serve` sends them (changed pages are stale until then)"
            );
        }
    }
    // Skipped files are reported; the exit status tells scripts about them.
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// How long `chorus import` tries to reach the CDN with its purges.
const IMPORT_PURGE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

async fn write_demo(storage: StorageArgs, cdn: CdnArgs) -> anyhow::Result<ExitCode> {
    let settings = offline_settings(storage, cdn)?;
    let stores = open_stores(&settings).await?;
    let importer = Importer::new(stores.catalog, stores.transactions, stores.media);
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
