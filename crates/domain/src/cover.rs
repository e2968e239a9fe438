//! Cover variants: the smaller, re-encoded renditions of a cover image that
//! pages load instead of the original. Use it wherever a page or the server
//! needs a variant's URL (a `srcset`), or parses one back from a request;
//! the pixels are made by the catalog (`chorus_catalog::covers`).
//!
//! A variant is named by its cover's content hash, a width and a format:
//! `/media/{hash}/{width}.{ext}`. It is derived purely from the cover's URL,
//! so the API's `cover_url` stays what it was and every URL is immutable
//! like the cover itself. A width larger than the original names a variant
//! at the original's width: covers are never upscaled.

use crate::media::{ContentHash, MediaFile, MediaKind, MEDIA_PREFIX};

/// The widths, in pixels, a cover is rendered at (ascending).
pub const COVER_WIDTHS: [u32; 4] = [96, 192, 384, 768];

/// The formats a variant is encoded in: WebP for browsers that take it,
/// JPEG as the fallback for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoverFormat {
    Webp,
    Jpeg,
}

impl CoverFormat {
    pub const ALL: [CoverFormat; 2] = [Self::Webp, Self::Jpeg];

    /// The media kind it is served as (extension, `Content-Type`).
    pub fn kind(self) -> MediaKind {
        match self {
            Self::Webp => MediaKind::Webp,
            Self::Jpeg => MediaKind::Jpeg,
        }
    }

    pub fn extension(self) -> &'static str {
        self.kind().extension()
    }

    pub fn mime(self) -> &'static str {
        self.kind().mime()
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.extension() == ext)
    }
}

/// One rendition of a cover: which cover, how wide, in which format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CoverVariant {
    /// The content hash of the original cover.
    pub cover: ContentHash,
    /// One of [`COVER_WIDTHS`].
    pub width: u32,
    pub format: CoverFormat,
}

impl CoverVariant {
    /// The variant of the cover at `cover_url` (a `/media/<hash>.<ext>`
    /// image URL), or `None` for any other URL or a width not in
    /// [`COVER_WIDTHS`].
    pub fn of_url(cover_url: &str, width: u32, format: CoverFormat) -> Option<Self> {
        let name = cover_url.strip_prefix(MEDIA_PREFIX)?.strip_prefix('/')?;
        let file = MediaFile::parse_file_name(name)?;
        if file.kind.is_audio() || !COVER_WIDTHS.contains(&width) {
            return None;
        }
        Some(Self {
            cover: file.hash,
            width,
            format,
        })
    }

    /// The last URL segment: `<width>.<ext>`.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.width, self.format.extension())
    }

    /// The public, immutable URL: `/media/<hash>/<width>.<ext>`.
    pub fn url(&self) -> String {
        format!("{MEDIA_PREFIX}/{}/{}", self.cover, self.file_name())
    }

    /// Parses the two segments of a variant URL back, refusing anything
    /// that [`CoverVariant::url`] does not produce (another width, a
    /// leading zero, another extension, a malformed hash).
    pub fn parse(hash: &str, file_name: &str) -> Option<Self> {
        let cover = ContentHash::parse(hash).ok()?;
        let (width, ext) = file_name.split_once('.')?;
        let format = CoverFormat::from_extension(ext)?;
        let width = COVER_WIDTHS.into_iter().find(|w| w.to_string() == width)?;
        Some(Self {
            cover,
            width,
            format,
        })
    }
}

/// The URL of the variant of the cover at `cover_url` at `width` in
/// `format`; `None` when `cover_url` is not a media cover URL or `width`
/// is not one of [`COVER_WIDTHS`].
pub fn cover_variant_url(cover_url: &str, width: u32, format: CoverFormat) -> Option<String> {
    CoverVariant::of_url(cover_url, width, format).map(|v| v.url())
}

/// A `srcset` of every width of the cover at `cover_url` in `format`
/// (`/media/<hash>/96.webp 96w, …`); `None` as for [`cover_variant_url`].
pub fn cover_srcset(cover_url: &str, format: CoverFormat) -> Option<String> {
    let candidates: Option<Vec<String>> = COVER_WIDTHS
        .into_iter()
        .map(|w| cover_variant_url(cover_url, w, format).map(|url| format!("{url} {w}w")))
        .collect();
    Some(candidates?.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    #[test]
    fn a_variant_url_is_derived_from_the_cover_url() {
        let cover = format!("/media/{HASH}.png");
        assert_eq!(
            cover_variant_url(&cover, 384, CoverFormat::Webp),
            Some(format!("/media/{HASH}/384.webp"))
        );
        assert_eq!(
            cover_variant_url(&format!("/media/{HASH}.jpg"), 96, CoverFormat::Jpeg),
            Some(format!("/media/{HASH}/96.jpg"))
        );
    }

    #[test]
    fn only_cover_urls_and_known_widths_have_variants() {
        let cover = format!("/media/{HASH}.webp");
        assert_eq!(cover_variant_url(&cover, 500, CoverFormat::Webp), None);
        assert_eq!(cover_variant_url(&cover, 0, CoverFormat::Webp), None);
        for not_a_cover in [
            format!("/media/{HASH}.ogg"),
            format!("https://cdn.example/media/{HASH}.jpg"),
            format!("/media/{HASH}"),
            format!("/mediax/{HASH}.jpg"),
            "/media/abc.jpg".to_owned(),
            String::new(),
        ] {
            assert_eq!(
                cover_variant_url(&not_a_cover, 96, CoverFormat::Jpeg),
                None,
                "{not_a_cover}"
            );
        }
    }

    #[test]
    fn a_srcset_lists_every_width_in_order() {
        let srcset = cover_srcset(&format!("/media/{HASH}.jpg"), CoverFormat::Webp);
        assert_eq!(
            srcset,
            Some(format!(
                "/media/{HASH}/96.webp 96w, /media/{HASH}/192.webp 192w, \
                 /media/{HASH}/384.webp 384w, /media/{HASH}/768.webp 768w"
            ))
        );
        assert_eq!(cover_srcset("/elsewhere.jpg", CoverFormat::Jpeg), None);
    }

    #[test]
    fn variant_names_round_trip_and_nothing_else_parses() {
        for width in COVER_WIDTHS {
            for format in CoverFormat::ALL {
                let variant = CoverVariant {
                    cover: ContentHash::parse(HASH).unwrap(),
                    width,
                    format,
                };
                assert_eq!(
                    CoverVariant::parse(HASH, &variant.file_name()),
                    Some(variant.clone())
                );
                assert_eq!(
                    variant.url(),
                    format!("/media/{HASH}/{}", variant.file_name())
                );
            }
        }
        for (hash, name) in [
            (HASH, "096.webp"),
            (HASH, "+96.webp"),
            (HASH, "97.webp"),
            (HASH, "96.png"),
            (HASH, "96.webp.webp"),
            (HASH, "96"),
            (HASH, "../96.jpg"),
            (&HASH[1..], "96.jpg"),
            ("../../etc", "96.jpg"),
        ] {
            assert_eq!(CoverVariant::parse(hash, name), None, "{hash}/{name}");
        }
    }
}
