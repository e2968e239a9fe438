//! Browser calls to the account API (`/api/auth/*`, `/api/me*`) and the
//! player's listening reports. Errors are the server's own messages, ready
//! to show.

use chorus_domain::api::{
    self, LoginBody, PasswordBody, PrivacyBody, PrivateSessionBody, SignupBody,
};
use chorus_domain::{ActivityPrivacy, ListenReport, Me};

use crate::json_api::{call, OFFLINE};
use crate::local_storage::local_storage;

/// Where the last answer of `/api/me` is kept, for a page opened offline.
const LAST_ME_KEY: &str = "chorus.me.v1";

/// Who is signed in (`None` when nobody is, or the server can't tell).
/// Only a browser holding the signed-in hint asks the server: an anonymous
/// visitor's page makes no request (and logs no 401). A hint the server
/// turns down (the session ended) is removed. Offline, the last answer
/// stands, so what the listener plays and likes offline is still theirs
/// (queued in the outbox).
pub async fn me() -> Option<Me> {
    if !signed_in_hint() {
        return None;
    }
    match call::<api::GetMe>(api::ME, &()).await {
        Ok(me) => {
            if let (Some(storage), Ok(json)) = (local_storage(), serde_json::to_string(&me)) {
                let _ = storage.set_item(LAST_ME_KEY, &json);
            }
            Some(me)
        }
        Err(error) if error == OFFLINE => local_storage()
            .and_then(|s| s.get_item(LAST_ME_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok()),
        Err(_) => {
            forget_signed_in_hint();
            None
        }
    }
}

/// The page's cookies (`document.cookie`), if it can read them.
fn cookies() -> Option<web_sys::HtmlDocument> {
    use wasm_bindgen::JsCast;
    web_sys::window()?.document()?.dyn_into().ok()
}

/// Whether this browser holds the signed-in hint cookie.
fn signed_in_hint() -> bool {
    let hint = format!("{}=1", api::SIGNED_IN_HINT_COOKIE);
    cookies()
        .and_then(|document| document.cookie().ok())
        .is_some_and(|cookies| cookies.split(';').any(|c| c.trim() == hint))
}

/// Removes the signed-in hint (the server turned it down) and the last
/// known account.
fn forget_signed_in_hint() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(LAST_ME_KEY);
    }
    if let Some(document) = cookies() {
        let expired = format!(
            "{}=; Path=/; Max-Age=0; SameSite=Lax",
            api::SIGNED_IN_HINT_COOKIE
        );
        let _ = document.set_cookie(&expired);
    }
}

pub async fn sign_up(username: &str, display_name: &str, password: &str) -> Result<Me, String> {
    let body = SignupBody {
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        password: password.to_owned(),
    };
    call::<api::SignUp>(api::SIGNUP, &body).await
}

pub async fn log_in(username: &str, password: &str) -> Result<Me, String> {
    let body = LoginBody {
        username: username.to_owned(),
        password: password.to_owned(),
    };
    call::<api::LogIn>(api::LOGIN, &body).await
}

pub async fn log_out() -> Result<(), String> {
    call::<api::LogOut>(api::LOGOUT, &()).await?;
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(LAST_ME_KEY);
    }
    Ok(())
}

pub async fn change_password(current: &str, new: &str) -> Result<(), String> {
    let body = PasswordBody {
        current_password: current.to_owned(),
        new_password: new.to_owned(),
    };
    call::<api::ChangePassword>(api::PASSWORD, &body).await
}

pub async fn set_privacy(privacy: ActivityPrivacy) -> Result<Me, String> {
    let body = PrivacyBody { activity: privacy };
    call::<api::SetPrivacy>(api::PRIVACY, &body).await
}

/// Starts or ends a private session (ghost mode).
pub async fn set_private_session(enabled: bool) -> Result<Me, String> {
    let body = PrivateSessionBody { enabled };
    call::<api::SetPrivateSession>(api::PRIVATE_SESSION, &body).await
}

/// Reports the listener's position in a track (`POST /api/now-playing`);
/// the player sends it through the outbox ([`crate::outbox`]).
pub async fn report(report: &ListenReport) -> Result<(), String> {
    call::<api::ReportListening>(api::NOW_PLAYING, report).await
}
