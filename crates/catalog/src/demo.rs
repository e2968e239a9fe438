//! The demo catalog: rendered by `chorus-demo` into a scratch folder inside
//! the data directory, imported like any other music, then the scratch folder
//! is removed. Rendering is deterministic, so importing it twice adds nothing.

use std::path::Path;

use chorus_storage::CatalogStore;

use crate::{CatalogError, ImportProgress, ImportReport, Importer};

/// Scratch folder (inside the data directory) the demo is rendered into.
const RENDER_DIR: &str = "demo-render";

/// Renders and imports the demo catalog. `rendered(done, total)` is called as
/// tracks are rendered, `imported` as they are imported.
pub async fn write_demo_catalog(
    importer: &Importer,
    data_dir: &Path,
    mut rendered: impl FnMut(usize, usize) + Send + 'static,
    imported: impl FnMut(ImportProgress<'_>),
) -> Result<ImportReport, CatalogError> {
    let dir = data_dir.join(RENDER_DIR);
    let render_dir = dir.clone();
    tokio::task::spawn_blocking(move || {
        chorus_demo::write_catalog(&render_dir, |done, total, _| rendered(done, total))
    })
    .await
    .map_err(|e| CatalogError::Task(e.to_string()))??;
    let report = importer.import_dir(&dir, imported).await?;
    std::fs::remove_dir_all(&dir).map_err(|source| CatalogError::Io { path: dir, source })?;
    Ok(report)
}

/// Writes the demo catalog when the catalog is empty; returns whether it did.
pub async fn ensure_demo_catalog(
    store: &dyn CatalogStore,
    importer: &Importer,
    data_dir: &Path,
    rendered: impl FnMut(usize, usize) + Send + 'static,
    imported: impl FnMut(ImportProgress<'_>),
) -> Result<Option<ImportReport>, CatalogError> {
    if store.track_count().await? > 0 {
        return Ok(None);
    }
    write_demo_catalog(importer, data_dir, rendered, imported)
        .await
        .map(Some)
}
