//! Cover variants: a cover decoded, resized to the widths of
//! [`COVER_WIDTHS`] (never past its own) and encoded as WebP (lossy at
//! quality 80, or lossless where that is smaller: flat artwork) and as
//! JPEG into the media store. Use [`write_variants`] when a cover is
//! imported (every variant up front) and [`variant_file`] when a variant is
//! requested (made from the original on first request: libraries imported
//! before variants existed lose nothing). A cover that cannot be decoded is
//! logged and its original is used instead; it never fails an import.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use chorus_domain::{CoverFormat, CoverVariant, MediaFile, COVER_WIDTHS};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use crate::media_store::MediaStore;
use crate::CatalogError;

/// WebP quality (0–100, lossy).
pub const WEBP_QUALITY: f32 = 80.0;
/// WebP lossless effort (0–100): tried too, and kept when smaller.
const WEBP_LOSSLESS_EFFORT: f32 = 75.0;
/// JPEG quality (1–100).
pub const JPEG_QUALITY: u8 = 80;
/// The revision of the encoding: variants are stored, and tagged
/// (`ETag`), under it. Bump it when the encoding changes (quality,
/// filter, encoder): variants are then made again on request, under new
/// tags, while URLs stay the same.
pub const REVISION: u32 = 1;
/// Covers wider or taller than this are not decoded (a decompression bomb).
const MAX_SIDE: u32 = 12_000;
/// Memory the decoder may allocate for one cover.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Where a requested variant's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantFile {
    /// The variant, stored in the media store at this path.
    Variant(PathBuf),
    /// The cover could not be decoded: its original is all there is.
    Original(MediaFile),
}

/// The strong validator of a variant: its cover, width, format and
/// [`REVISION`] decide its bytes.
pub fn variant_tag(variant: &CoverVariant) -> String {
    format!(
        "{}-{}-r{REVISION}.{}",
        variant.cover,
        variant.width,
        variant.format.extension()
    )
}

/// The stored variant `variant`, made from its cover first if it is not
/// stored yet. [`CatalogError::NoSuchCover`] when the media store has no
/// cover with that hash. Blocking: decodes and encodes images.
pub fn variant_file(
    store: &MediaStore,
    variant: &CoverVariant,
) -> Result<VariantFile, CatalogError> {
    let path = store.variant_path(variant);
    if path.exists() {
        return Ok(VariantFile::Variant(path));
    }
    let cover = store
        .find_cover(&variant.cover)
        .ok_or(CatalogError::NoSuchCover)?;
    let original = store.path(&cover);
    let io = |source| CatalogError::Io {
        path: original.clone(),
        source,
    };
    let bytes = std::fs::read(&original).map_err(io)?;
    let rendered = guarded(|| {
        let image = decode(&bytes)?;
        encode(&resize(&image, variant.width), variant.format)
    });
    match rendered {
        Ok(encoded) => {
            store.put_variant(variant, &encoded).map_err(io)?;
            Ok(VariantFile::Variant(path))
        }
        Err(Unreadable(reason)) => {
            tracing::warn!(cover = %cover.file_name(), %reason, "unreadable cover: serving the original");
            Ok(VariantFile::Original(cover))
        }
    }
}

/// Stores every variant of `cover` (whose bytes are `bytes`) that is not
/// stored yet. An unreadable cover is logged and skipped; only a failure
/// to write the store is an error. Blocking: decodes and encodes images.
pub fn write_variants(store: &MediaStore, cover: &MediaFile, bytes: &[u8]) -> std::io::Result<()> {
    let missing: Vec<CoverVariant> = all_variants(cover)
        .filter(|v| !store.variant_path(v).exists())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let rendered = guarded(|| {
        let image = decode(bytes)?;
        let mut encoded = Vec::new();
        for width in COVER_WIDTHS {
            let resized = resize(&image, width);
            for format in CoverFormat::ALL {
                let variant = CoverVariant {
                    cover: cover.hash.clone(),
                    width,
                    format,
                };
                if missing.contains(&variant) {
                    encoded.push((variant, encode(&resized, format)?));
                }
            }
        }
        Ok(encoded)
    });
    match rendered {
        Ok(encoded) => {
            for (variant, bytes) in encoded {
                store.put_variant(&variant, &bytes)?;
            }
        }
        Err(Unreadable(reason)) => {
            tracing::warn!(cover = %cover.file_name(), %reason, "unreadable cover: pages will show the original");
        }
    }
    Ok(())
}

/// Every variant of `cover`: each width in each format.
pub fn all_variants(cover: &MediaFile) -> impl Iterator<Item = CoverVariant> + '_ {
    COVER_WIDTHS.into_iter().flat_map(move |width| {
        CoverFormat::ALL
            .into_iter()
            .map(move |format| CoverVariant {
                cover: cover.hash.clone(),
                width,
                format,
            })
    })
}

/// Why a cover yields no variant (a problem of the image, not the store).
struct Unreadable(String);

impl From<image::ImageError> for Unreadable {
    fn from(e: image::ImageError) -> Self {
        Self(e.to_string())
    }
}

/// Runs image work, turning a panic of a decoder into [`Unreadable`].
fn guarded<T>(work: impl FnOnce() -> Result<T, Unreadable>) -> Result<T, Unreadable> {
    catch_unwind(AssertUnwindSafe(work))
        .unwrap_or_else(|_| Err(Unreadable("the decoder crashed".into())))
}

/// Decodes a cover (JPEG, PNG or WebP, by its bytes) upright, within
/// limits.
fn decode(bytes: &[u8]) -> Result<DynamicImage, Unreadable> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Unreadable(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// `image` scaled to `width` (at most its own), keeping its aspect ratio.
fn resize(image: &DynamicImage, width: u32) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    if width >= w {
        return image.clone();
    }
    let height = (u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w);
    let height = u32::try_from(height).unwrap_or(h).max(1);
    image.resize_exact(width, height, FilterType::Lanczos3)
}

fn encode(image: &DynamicImage, format: CoverFormat) -> Result<Vec<u8>, Unreadable> {
    match format {
        CoverFormat::Webp => {
            let (w, h) = (image.width(), image.height());
            let pixels;
            let encoder = if image.color().has_alpha() {
                pixels = image.to_rgba8().into_raw();
                webp::Encoder::from_rgba(&pixels, w, h)
            } else {
                pixels = image.to_rgb8().into_raw();
                webp::Encoder::from_rgb(&pixels, w, h)
            };
            let failed = |e| Unreadable(format!("WebP encoding failed: {e:?}"));
            let lossy = encoder.encode_simple(false, WEBP_QUALITY).map_err(failed)?;
            // Flat artwork (few colours, hard edges) is often smaller
            // lossless, and then exact too: keep the smaller.
            let lossless = encoder
                .encode_simple(true, WEBP_LOSSLESS_EFFORT)
                .map_err(failed)?;
            Ok(if lossless.len() < lossy.len() {
                lossless.to_vec()
            } else {
                lossy.to_vec()
            })
        }
        CoverFormat::Jpeg => {
            let mut out = Vec::new();
            let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
            rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))?;
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media_store::hash_bytes;
    use chorus_domain::MediaKind;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    fn stored(store: &MediaStore, bytes: &[u8]) -> MediaFile {
        store.put(hash_bytes(bytes), MediaKind::Png, bytes).unwrap()
    }

    #[test]
    fn every_width_in_both_formats_never_upscaled() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path());
        let bytes = png(500, 250);
        let cover = stored(&store, &bytes);
        write_variants(&store, &cover, &bytes).unwrap();
        for variant in all_variants(&cover) {
            let data = std::fs::read(store.variant_path(&variant)).unwrap();
            let format = image::guess_format(&data).unwrap();
            let expected = match variant.format {
                CoverFormat::Webp => image::ImageFormat::WebP,
                CoverFormat::Jpeg => image::ImageFormat::Jpeg,
            };
            assert_eq!(format, expected, "{variant:?}");
            let decoded = image::load_from_memory(&data).unwrap();
            let width = variant.width.min(500);
            assert_eq!(
                (decoded.width(), decoded.height()),
                (width, width / 2),
                "{variant:?}"
            );
        }
    }

    #[test]
    fn a_missing_variant_is_made_on_request_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path());
        let bytes = png(300, 300);
        let cover = stored(&store, &bytes);
        let variant = CoverVariant::of_url(&cover.url(), 192, CoverFormat::Webp).unwrap();
        let Ok(VariantFile::Variant(path)) = variant_file(&store, &variant) else {
            panic!("no variant");
        };
        let decoded = image::load_from_memory(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(decoded.width(), 192);
        assert_eq!(
            variant_file(&store, &variant).unwrap(),
            VariantFile::Variant(path)
        );
    }

    #[test]
    fn an_unreadable_cover_falls_back_to_its_original() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path());
        let bytes = b"\x89PNG\r\n\x1a\nnot really a png".to_vec();
        let cover = stored(&store, &bytes);
        write_variants(&store, &cover, &bytes).unwrap();
        assert!(all_variants(&cover).all(|v| !store.variant_path(&v).exists()));
        let variant = CoverVariant::of_url(&cover.url(), 96, CoverFormat::Jpeg).unwrap();
        assert_eq!(
            variant_file(&store, &variant).unwrap(),
            VariantFile::Original(cover)
        );
    }

    #[test]
    fn an_unknown_cover_has_no_variant() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path());
        let variant = CoverVariant {
            cover: hash_bytes(b"nothing stored"),
            width: 96,
            format: CoverFormat::Webp,
        };
        assert!(matches!(
            variant_file(&store, &variant),
            Err(CatalogError::NoSuchCover)
        ));
    }
}
