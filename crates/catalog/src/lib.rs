//! Builds the catalog. [`Importer`] turns a folder of audio files into
//! artists, albums and tracks in a [`chorus_storage::CatalogStore`], copying
//! audio and cover art into the content-addressed [`MediaStore`];
//! [`covers`] makes the smaller WebP and JPEG renditions of covers that
//! pages load; [`demo::ensure_demo_catalog`] renders and imports the demo catalog.
//! [`probe`] reads one file (kind, tags, cover, length) streaming from a
//! [`Source`], and tells why it cannot be imported when it cannot.

mod container;
pub mod covers;
pub mod demo;
mod demux;
mod error;
mod import;
mod media_store;
mod mp4;
mod ogg;
mod probe;
mod source;

pub use error::{CatalogError, SkipReason};
pub use import::{FileOutcome, ImportProgress, ImportReport, Importer, Prober};
pub use media_store::MediaStore;
pub use probe::{catch_crash, probe, probe_guarded, ProbedAudio, Tags};
pub use source::Source;
