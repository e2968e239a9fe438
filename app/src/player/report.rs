//! Tells the server what the signed-in listener plays (browser only):
//! `POST /api/now-playing` on play, pause, seek, the end of a track, and
//! every few seconds while playing, so friends see it live and plays are
//! recorded. Each report carries the time it was made and goes through the
//! outbox, so what is played offline is sent, in order, when the network
//! returns. Nothing is sent for visitors who are not signed in.

use chorus_domain::ListenReport;
use leptos::prelude::*;

use super::Player;
use crate::outbox::Pending;

/// While playing, a report at least this often (the server counts listened
/// time between reports).
const HEARTBEAT_MS: f64 = 15_000.0;

/// Reports the current track's position now.
pub(crate) fn now(player: Player, paused: bool) {
    let signed_in = player.account.me.with_untracked(Option::is_some);
    let Some(track) = player.current_track().filter(|_| signed_in) else {
        return;
    };
    let now = js_sys::Date::now();
    player.last_report_ms.set_value(now);
    let position_ms = (player.position.get_untracked().max(0.0) * 1000.0) as u64;
    crate::outbox::browser::send(Pending::Listen {
        report: ListenReport {
            track_id: track.id,
            position_ms,
            paused,
            at_ms: Some(now as u64),
        },
    });
}

/// Reports if the last report is older than the heartbeat.
pub(crate) fn heartbeat(player: Player) {
    if js_sys::Date::now() - player.last_report_ms.get_value() >= HEARTBEAT_MS {
        now(player, false);
    }
}
