//! Starting the server: open the stores, write the demo catalog if the
//! catalog is empty, build the router and bind the listener. Tests call
//! [`Application::build`] with port 0 and a fresh data folder.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use chorus_catalog::{demo, Importer, MediaStore};
use chorus_storage::CatalogStore;
use chorus_storage_sqlite::SqliteStore;
use tokio::net::TcpListener;

use crate::progress;
use crate::router::router;
use crate::settings::Settings;
use crate::state::AppState;

/// Opens the catalog database and the media store named by `settings`.
pub async fn open_stores(
    settings: &Settings,
) -> anyhow::Result<(Arc<dyn CatalogStore>, MediaStore)> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create data folder {}", settings.data_dir.display()))?;
    let url = settings.database_url();
    let store = SqliteStore::open(&url)
        .await
        .with_context(|| format!("cannot open database {url}"))?;
    Ok((Arc::new(store), MediaStore::new(settings.media_dir())))
}

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let (catalog, media) = open_stores(&settings).await?;
        if settings.demo_if_empty {
            let importer = Importer::new(catalog.clone(), media.clone());
            let written = demo::ensure_demo_catalog(
                catalog.as_ref(),
                &importer,
                &settings.data_dir,
                progress::rendered,
                progress::imported,
            )
            .await?;
            if let Some(report) = written {
                progress::summary(&report);
            }
        }
        let listener = TcpListener::bind(settings.addr)
            .await
            .with_context(|| format!("cannot listen on {}", settings.addr))?;
        let state = AppState {
            catalog,
            media,
            leptos: settings.site,
        };
        Ok(Self {
            listener,
            router: router(state),
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}
