//! Tells the server what the signed-in listener plays (browser only):
//! `POST /api/now-playing` on play, pause, seek, the end of a track, and
//! every few seconds while playing, so friends see it live and plays are
//! recorded. Nothing is sent for visitors who are not signed in.

use leptos::prelude::*;

use super::Player;

/// While playing, a report at least this often (the server counts listened
/// time between reports).
const HEARTBEAT_MS: f64 = 15_000.0;

/// Reports the current track's position now.
pub(crate) fn now(player: Player, paused: bool) {
    let signed_in = player.account.me.with_untracked(Option::is_some);
    let Some(track) = player.current_track().filter(|_| signed_in) else {
        return;
    };
    player.last_report_ms.set_value(js_sys::Date::now());
    let position_ms = (player.position.get_untracked().max(0.0) * 1000.0) as u64;
    leptos::task::spawn_local(async move {
        // A failed report only costs that report; the next one catches up.
        let _ = crate::account::client::report_listening(track.id, position_ms, paused).await;
    });
}

/// Reports if the last report is older than the heartbeat.
pub(crate) fn heartbeat(player: Player) {
    if js_sys::Date::now() - player.last_report_ms.get_value() >= HEARTBEAT_MS {
        now(player, false);
    }
}
