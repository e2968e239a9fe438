//! Builds the catalog. [`Importer`] turns a folder of audio files into
//! artists, albums and tracks in a [`chorus_storage::CatalogStore`], copying
//! audio and cover art into the content-addressed [`MediaStore`];
//! [`demo::ensure_demo_catalog`] renders and imports the demo catalog.

pub mod demo;
mod error;
mod import;
mod media_store;
mod probe;

pub use error::{CatalogError, SkipReason};
pub use import::{FileOutcome, ImportProgress, ImportReport, Importer};
pub use media_store::MediaStore;
