//! The storage conformance suite: one set of async test cases, written
//! against the storage traits only, that every backend must pass. Each
//! backend's `tests/conformance.rs` provides a factory of fresh, empty
//! backends and expands [`suite!`]:
//!
//! ```ignore
//! async fn backend() -> chorus_storage_conformance::Backend { /* fresh store */ }
//! chorus_storage_conformance::suite!(backend);
//! ```
//!
//! which makes one `#[tokio::test]` per case (multi-threaded, so the
//! concurrency cases really race), named `module::case` (e.g.
//! `activity::events_become_visible_in_id_order`), each on a backend of
//! its own. The calling crate needs `tokio` (with `macros` and
//! `rt-multi-thread`) among its dev-dependencies.
// A test suite: a panic is how a case reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use chorus_domain::{Clock, SystemClock, TestClock};
use chorus_storage::{
    ActivityStore, AttemptStore, CatalogStore, DeviceStore, DiscoveryStore, NotificationStore,
    OnlineStore, PlaylistStore, PurgeQueue, SitemapStore, SocialStore, UserStore,
};

pub mod cases;
pub mod support;
pub mod upgrade;
mod writes;

pub use writes::Writes;

/// A fresh, empty backend under test: its stores as the app holds them,
/// and whatever must live as long as they do (a temporary directory, a
/// database to drop afterwards).
pub struct Backend {
    pub catalog: Arc<dyn CatalogStore>,
    pub users: Arc<dyn UserStore>,
    pub social: Arc<dyn SocialStore>,
    pub activity: Arc<dyn ActivityStore>,
    pub online: Arc<dyn OnlineStore>,
    pub attempts: Arc<dyn AttemptStore>,
    pub discovery: Arc<dyn DiscoveryStore>,
    pub devices: Arc<dyn DeviceStore>,
    pub purges: Arc<dyn PurgeQueue>,
    pub sitemap: Arc<dyn SitemapStore>,
    pub playlists: Arc<dyn PlaylistStore>,
    pub notifications: Arc<dyn NotificationStore>,
    /// Reports, likes and private sessions, through the services.
    pub writes: Writes,
    /// Dropped after the stores (fields drop in order).
    pub guard: Box<dyn Any + Send>,
}

impl Backend {
    /// A backend whose one store implements every trait, made by `store`
    /// telling the time by the clock it is given: the suite's test clock,
    /// the one [`Writes`] moves.
    pub fn new<S>(store: impl FnOnce(Arc<dyn Clock>) -> S, guard: impl Any + Send) -> Self
    where
        S: CatalogStore
            + UserStore
            + SocialStore
            + ActivityStore
            + OnlineStore
            + AttemptStore
            + DiscoveryStore
            + DeviceStore
            + PurgeQueue
            + SitemapStore
            + PlaylistStore
            + NotificationStore
            + chorus_storage::Transactions
            + Clone
            + 'static,
    {
        let clock = Arc::new(TestClock::at(SystemClock.now()));
        let store = store(clock.clone());
        let writes = Writes::new(
            chorus_services::Stores {
                transactions: Arc::new(store.clone()),
                users: Arc::new(store.clone()),
                social: Arc::new(store.clone()),
            },
            clock,
        );
        Self {
            writes,
            catalog: Arc::new(store.clone()),
            users: Arc::new(store.clone()),
            social: Arc::new(store.clone()),
            activity: Arc::new(store.clone()),
            online: Arc::new(store.clone()),
            attempts: Arc::new(store.clone()),
            discovery: Arc::new(store.clone()),
            devices: Arc::new(store.clone()),
            purges: Arc::new(store.clone()),
            sitemap: Arc::new(store.clone()),
            playlists: Arc::new(store.clone()),
            notifications: Arc::new(store),
            guard: Box::new(guard),
        }
    }
}

/// Longest a case may run: a deadlock fails the case instead of hanging
/// the suite.
pub const CASE_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs one case on a backend from `backend` (used by [`suite!`]).
pub async fn run<B, C, F>(backend: B, case: C)
where
    B: Future<Output = Backend>,
    C: FnOnce(Backend) -> F,
    F: Future<Output = ()>,
{
    let backend = backend.await;
    tokio::time::timeout(CASE_TIMEOUT, case(backend))
        .await
        .expect("the case timed out (a deadlock?)");
}

/// Expands to one test per conformance case, each on a fresh backend from
/// `$factory` (an `async fn() -> Backend`).
#[macro_export]
macro_rules! suite {
    ($factory:path) => {
        async fn __conformance_backend() -> $crate::Backend {
            $factory().await
        }
        $crate::__cases!();
    };
}

/// One test of [`suite!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __test {
    ($module:ident: $($case:ident),* $(,)?) => {
        mod $module {
            $(
                #[::tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    $crate::run(
                        super::__conformance_backend(),
                        $crate::cases::$module::$case,
                    )
                    .await;
                }
            )*
        }
    };
}

/// Every case, by module: the one list [`suite!`] expands (a case missing
/// here is not run; a name here without its function does not compile).
#[doc(hidden)]
#[macro_export]
macro_rules! __cases {
    () => {
        $crate::__test!(attempts:
            attempts_count_per_key_and_window,
            concurrent_attempts_are_each_counted_once,
        );
        $crate::__test!(playlists:
            playlists_keep_their_details_entries_and_order,
            a_move_lands_between_its_new_neighbours,
            adding_past_the_limit_or_an_unknown_track_adds_nothing,
            two_editors_at_once_keep_each_others_changes,
        );
        $crate::__test!(notifications:
            notifications_list_newest_first_and_are_marked_read_up_to_one,
            a_notification_goes_with_the_playlist_it_names,
        );
        $crate::__test!(sitemap:
            the_sitemap_lists_public_pages_once_in_id_order,
        );
        $crate::__test!(devices:
            devices_are_trusted_for_one_account_and_forgotten_when_unused,
        );
        $crate::__test!(purges:
            queued_purges_are_claimed_once_and_kept_until_confirmed,
            a_purge_queued_again_while_being_sent_is_not_lost,
            failed_purges_wait_for_their_retry,
            concurrent_claims_hand_out_each_purge_once,
        );
        $crate::__test!(users:
            created_and_found_by_name_and_id,
            password_and_privacy_changes_are_stored,
            one_username_signed_up_twice_at_once_is_taken_once,
            many_sign_ups_at_once_all_succeed,
        );
        $crate::__test!(catalog:
            imports_add_update_and_leave_unchanged,
            concurrent_imports_of_one_file_add_it_once,
            a_track_that_moves_leaves_no_empty_album_or_artist,
            albums_artists_and_tracks_in_detail,
            listings_walk_every_item_once_newest_first,
            cursors_are_text_and_garbled_ones_are_refused,
            batch_reads_keep_the_order_asked_and_skip_unknown_ids,
        );
        $crate::__test!(social:
            a_request_accepted_makes_friends_with_an_event_each,
            listeners_asking_each_other_at_once_end_up_friends,
            unfriending_ends_friendships_and_requests,
            friends_of_lists_each_listeners_friends_now,
            friend_lists_sort_by_display_name_ignoring_ascii_case,
            likes_are_idempotent_and_listed_newest_first,
            albums_are_liked_newest_first_and_make_no_event,
            friend_suggestions_rank_by_shared_friends_then_username,
            profiles_list_liked_artists_unless_private,
        );
        $crate::__test!(activity:
            reports_record_now_playing_pauses_and_one_play,
            feeds_show_friends_visible_events_only,
            plays_show_to_the_listener_and_friends_only,
            feed_pages_walk_back_with_before,
            latest_activity_id_is_the_newest_event,
            one_listeners_concurrent_reports_apply_one_at_a_time,
            events_become_visible_in_id_order,
        );
        $crate::__test!(privacy:
            a_private_session_shows_until_it_ends_and_hides_what_happens_in_it,
            presence_reads_friends_only_and_private_ones_play_nothing,
            shared_events_are_those_friends_may_see_in_order_with_whose_they_are,
            presence_without_a_viewer_reads_each_listener_as_friends_see_them,
            profiles_leave_out_artists_liked_in_private,
        );
        $crate::__test!(online:
            leases_are_held_renewed_released_and_expired,
            concurrent_sweeps_report_each_listener_offline_once,
        );
        $crate::__test!(discovery:
            roll_ups_count_each_public_play_once,
            concurrent_roll_ups_count_every_play_once,
            taste_is_public_likes_and_plays_never_private_ones,
            listeners_sharing_artists_are_public_ones_most_shared_first,
            tracks_liked_with_seeds_leave_out_the_viewers_and_private_likes,
            artists_liked_with_seeds_leave_out_the_viewers_and_private_likes,
            friends_track_activity_is_public_and_new_to_the_viewer,
        );
        $crate::__test!(charts:
            global_charts_count_their_period_and_keep_the_last,
            friends_charts_count_friends_public_plays_only,
        );
        $crate::__test!(search:
            search_finds_word_prefixes_ignoring_case_and_accents,
            search_keeps_exact_names_first_and_groups_by_kind,
            search_finds_listeners_by_username_or_display_name,
            search_finds_a_track_renamed_by_a_reimport_under_its_new_name,
            search_finds_public_playlists_by_their_name_as_it_is_now,
        );
    };
}
