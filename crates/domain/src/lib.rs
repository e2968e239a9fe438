//! Chorus's domain: the types every layer speaks (ids, artists, albums,
//! tracks, media references) and the rules that hold for them whatever the
//! storage or transport. Pure Rust, no I/O, compiles to WebAssembly so the
//! browser player shares it with the server.

pub mod account;
pub mod activity;
pub mod api;
pub mod catalog;
pub mod charts;
pub mod clock;
pub mod cover;
pub mod duration;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod ids;
pub mod library;
pub mod media;
pub mod notification;
pub mod page_link;
pub mod playlist;
pub mod presence;
pub mod privacy;
pub mod profile;
pub mod recommendation;
pub mod search;
pub mod sitemap;
pub mod social;
pub mod surrogate;
pub mod taste;
pub mod time;

pub use account::{
    AccountError, ActivityPrivacy, DisplayName, Me, NewPassword, PublicUser, UserId, Username,
};
pub use activity::{
    counts_as_play, ActivityKind, FeedItem, FeedPage, ListenReport, ListeningState, MAX_REPORT_AGE,
};
pub use catalog::{
    AlbumDetail, AlbumRef, AlbumSummary, ArtistDetail, ArtistRef, ArtistSummary, Track,
};
pub use charts::{Chart, ChartArtist, ChartPeriod, ChartScope, ChartTrack};
pub use clock::{Clock, SystemClock, TestClock};
pub use cover::{cover_srcset, cover_variant_url, CoverFormat, CoverVariant, COVER_WIDTHS};
pub use duration::format_duration;
pub use ids::{
    AlbumId, ArtistId, IdParseError, NotificationId, PlaylistEntryId, PlaylistId, TrackId,
};
pub use library::{Library, MAX_LIKED_SONGS};
pub use media::{ContentHash, ContentHashError, MediaFile, MediaKind};
pub use notification::{
    BadDedicationMessage, DedicationMessage, Notification, NotificationKind, NotificationList,
    Sent, SentRef, DEDICATIONS_PER_WINDOW, DEDICATION_WINDOW_MS, MAX_DEDICATION_MESSAGE,
    NOTIFICATIONS_LISTED,
};
pub use page_link::PublicPage;
pub use playlist::{
    PlaylistDescription, PlaylistDetail, PlaylistEntry, PlaylistError, PlaylistName, PlaylistRef,
    PlaylistRole, PlaylistSummary, PlaylistVisibility, MAX_PLAYLIST_TRACKS,
    PLAYLIST_ADDITIONS_BATCH_MS,
};
pub use presence::{NowPlaying, Presence, NOW_PLAYING_STALE_MS};
pub use privacy::Privacy;
pub use profile::{FriendSuggestion, LikedIds, Profile};
pub use recommendation::{Reason, Recommendation, Recommendations, Recommended};
pub use search::{SearchQuery, SearchQueryError, SearchResults};
pub use sitemap::{SitemapKind, SitemapPage, URLS_PER_SITEMAP};
pub use social::{FriendList, Friendship};
pub use surrogate::SurrogateKey;
pub use taste::{Compatibility, CompatibilityBasis, ListenerLikeYou, TasteSignal, TasteSource};
pub use time::{rfc3339_from_ms, Timestamp};
