//! Accounts over JSON: sign up, log in, log out, who am I, change password,
//! activity privacy, private session. Every answer here is personal: never
//! stored by caches.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::{ActivityPrivacy, DisplayName, NewPassword, Username};
use serde::Deserialize;

use crate::auth::{passwords, signed_in, AuthSession, Credentials, SessionUser};
use crate::http::cache::personal;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;

/// One message for a wrong username and a wrong password alike.
const BAD_CREDENTIALS: &str = "wrong username or password";

/// How long a private session lasts.
const PRIVATE_SESSION: std::time::Duration = std::time::Duration::from_secs(6 * 60 * 60);

#[derive(Deserialize)]
pub struct SignupBody {
    username: String,
    display_name: String,
    password: String,
}

/// `POST /api/auth/signup` → 201 with the account and a session cookie.
pub async fn signup(
    State(state): State<AppState>,
    mut auth: AuthSession,
    ApiJson(body): ApiJson<SignupBody>,
) -> Result<Response, ApiError> {
    let username = Username::parse(body.username.trim())?;
    let display_name = DisplayName::parse(&body.display_name)?;
    let password = NewPassword::parse(&body.password)?;
    let hash = passwords::hash(password).await?;
    let user = state
        .users
        .create_user(&username, &display_name, &hash)
        .await
        .map_err(|e| match e {
            chorus_storage::StorageError::Conflict(_) => {
                ApiError::Conflict("that username is taken")
            }
            other => other.into(),
        })?;
    let user = SessionUser::from(user);
    auth.login(&user).await?;
    Ok(personal(StatusCode::CREATED, Json(user.me)))
}

#[derive(Deserialize)]
pub struct LoginBody {
    username: String,
    password: String,
}

/// `POST /api/auth/login` → 200 with the account and a fresh session id.
pub async fn login(
    State(state): State<AppState>,
    mut auth: AuthSession,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    state.login_limiter.check(&body.username).await?;
    let credentials = Credentials {
        username: body.username,
        password: body.password,
    };
    let user = auth
        .authenticate(credentials)
        .await?
        .ok_or(ApiError::Unauthorized(BAD_CREDENTIALS))?;
    // A new session id at every log-in (axum-login only rotates it when the
    // session had no user yet).
    auth.session.cycle_id().await?;
    auth.login(&user).await?;
    Ok(personal(StatusCode::OK, Json(user.me)))
}

/// `POST /api/auth/logout` → 204; the session is deleted.
pub async fn logout(mut auth: AuthSession) -> Result<Response, ApiError> {
    auth.logout().await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

/// `GET /api/me` → 200 with the account, or 401.
pub async fn me(auth: AuthSession) -> Result<Response, ApiError> {
    Ok(personal(StatusCode::OK, Json(signed_in(&auth)?.me.clone())))
}

#[derive(Deserialize)]
pub struct PasswordBody {
    current_password: String,
    new_password: String,
}

/// `PUT /api/me/password` → 204. Other sessions of the account end.
pub async fn change_password(
    State(state): State<AppState>,
    mut auth: AuthSession,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<Response, ApiError> {
    let user = signed_in(&auth)?.clone();
    let new_password = NewPassword::parse(&body.new_password)?;
    let credentials = Credentials {
        username: user.me.username.to_string(),
        password: body.current_password,
    };
    if auth.authenticate(credentials).await?.is_none() {
        return Err(ApiError::Unauthorized("the current password is wrong"));
    }
    let hash = passwords::hash(new_password).await?;
    state.users.set_password_hash(user.id, &hash).await?;
    let updated = state
        .users
        .user_by_id(user.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    auth.session.cycle_id().await?;
    auth.login(&SessionUser::from(updated)).await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

#[derive(Deserialize)]
pub struct PrivacyBody {
    activity: ActivityPrivacy,
}

/// `PUT /api/me/privacy {"activity": "friends"|"private"}` → 200 with the account.
pub async fn set_privacy(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(body): ApiJson<PrivacyBody>,
) -> Result<Response, ApiError> {
    let user = signed_in(&auth)?;
    state.users.set_privacy(user.id, body.activity).await?;
    state.announce_presence([user.id]);
    state
        .purger
        .purge([chorus_domain::SurrogateKey::user(&user.me.username)]);
    account(&state, user.id).await
}

#[derive(Deserialize)]
pub struct PrivateSessionBody {
    enabled: bool,
}

/// `PUT /api/me/private-session {"enabled": bool}` → 200 with the account,
/// `private_session_until` set to six hours from now, or null.
pub async fn set_private_session(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(body): ApiJson<PrivateSessionBody>,
) -> Result<Response, ApiError> {
    let user = signed_in(&auth)?;
    let length = body.enabled.then_some(PRIVATE_SESSION);
    state.users.set_private_session(user.id, length).await?;
    state.announce_presence([user.id]);
    account(&state, user.id).await
}

/// The account as it is now, as a personal 200.
async fn account(state: &AppState, id: chorus_domain::UserId) -> Result<Response, ApiError> {
    let updated = state
        .users
        .user_by_id(id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(personal(StatusCode::OK, Json(updated.me)))
}
