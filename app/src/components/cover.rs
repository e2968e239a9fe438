//! Album art: a `<picture>` of the cover's variants — WebP for browsers
//! that take it, JPEG for the others — from which the browser picks the
//! width it needs by `sizes`, with width and height set so nothing shifts
//! as it loads; a gradient placeholder for albums without a cover. Use it
//! for every cover a page shows: the largest one of a page (its hero)
//! with `priority`, every other one loads lazily.

use chorus_domain::{cover_srcset, cover_variant_url, CoverFormat};
use leptos::prelude::*;

/// `sizes` of a cover in a card grid (`.card-grid`: two columns on a
/// phone, about 170–240 px wide from 640 px).
pub const CARD_SIZES: &str = "(min-width: 640px) 240px, 45vw";
/// `sizes` of a page's hero cover (`.hero .cover`: at most 240 px wide,
/// 220 px from 640 px).
pub const HERO_SIZES: &str = "(min-width: 640px) 220px, 240px";
/// The JPEG width given as `src` to browsers without `srcset`.
const FALLBACK_WIDTH: u32 = 384;

#[component]
pub fn Cover(
    url: Option<String>,
    alt: String,
    /// Width and height attributes (the box's aspect ratio, in CSS px).
    #[prop(default = 300)]
    size: u32,
    /// The largest cover of its page: fetched first (`fetchpriority`),
    /// never lazily.
    #[prop(optional)]
    priority: bool,
    /// How wide the cover is drawn, for the browser's pick from `srcset`.
    #[prop(default = CARD_SIZES)]
    sizes: &'static str,
) -> impl IntoView {
    let loading = (!priority).then_some("lazy");
    let fetchpriority = priority.then_some("high");
    let decoding = (!priority).then_some("async");
    let Some(url) = url else {
        return view! { <div class="cover cover-placeholder" role="img" aria-label=alt></div> }
            .into_any();
    };
    let variants = (
        cover_srcset(&url, CoverFormat::Webp),
        cover_srcset(&url, CoverFormat::Jpeg),
        cover_variant_url(&url, FALLBACK_WIDTH, CoverFormat::Jpeg),
    );
    match variants {
        (Some(webp), Some(jpeg), Some(src)) => view! {
            <picture class="cover-picture">
                <source type="image/webp" srcset=webp sizes=sizes/>
                <img class="cover" src=src srcset=jpeg sizes=sizes alt=alt width=size height=size
                    loading=loading fetchpriority=fetchpriority decoding=decoding/>
            </picture>
        }
        .into_any(),
        // Not a media cover (no variants): the image as it is.
        _ => view! {
            <img class="cover" src=url alt=alt width=size height=size
                loading=loading fetchpriority=fetchpriority decoding=decoding/>
        }
        .into_any(),
    }
}
