//! Accounts over JSON: sign up, log in, log out, who am I, change password,
//! activity privacy, private session. Every answer here is personal: never
//! stored by caches.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use chorus_domain::api::{
    self, LoginBody, PasswordBody, PrivacyBody, PrivateSessionBody, SignupBody,
};
use chorus_domain::{DisplayName, Me, NewPassword, UserId, Username};

use crate::auth::rate_limit::LoginKey;
use crate::auth::sessions::fingerprint;
use crate::auth::{signed_in, signed_in_hint, AuthSession, Credentials, SessionUser};
use crate::http::cache::personal;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::json::ApiJson;
use crate::routes::in_api;
use crate::state::AppState;

/// One message for a wrong username and a wrong password alike.
const BAD_CREDENTIALS: &str = "wrong username or password";

/// `POST /api/auth/signup` → 201 with the account, a session cookie and
/// a trusted-device cookie.
///
/// Rate limited per client IP together with log-in.
#[utoipa::path(
    post,
    path = in_api(api::SIGNUP),
    summary = "Sign up (and sign in)",
    tag = "accounts",
    request_body = SignupBody,
    responses(
        (status = 201, description = "Signed up and signed in: the account, and a new `chorus_session` cookie", body = Me,
            headers(("Set-Cookie" = String, description = "`chorus_session=...; HttpOnly; SameSite=Lax; Path=/`, and `chorus_device=...; HttpOnly; SameSite=Strict; Path=/api/` (this browser becomes a trusted device of the account), and `chorus_signed_in=1; Path=/; SameSite=Lax` (no secret: tells the page's script to ask `/api/me`)"))),
        (status = 400, description = "A field breaks its rule (the message says which), or the body is not the JSON asked for", body = ErrorBody),
        (status = 409, description = "That username is taken", body = ErrorBody),
        (status = 429, description = "Too many sign-ups and log-ins from this IP address", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn signup(
    State(state): State<AppState>,
    mut auth: AuthSession,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignupBody>,
) -> Result<Response, ApiError> {
    let username = Username::parse(body.username.trim())?;
    let display_name = DisplayName::parse(&body.display_name)?;
    let password = NewPassword::parse(&body.password)?;
    let user = state
        .services
        .sign_up(&username, &display_name, password)
        .await?;
    let user = SessionUser::from(user);
    auth.login(&user).await?;
    let device = state.devices.trust(&headers, user.id).await?;
    let mut response = personal(StatusCode::CREATED, Json(user.me));
    response.headers_mut().append(SET_COOKIE, device);
    response
        .headers_mut()
        .append(SET_COOKIE, signed_in_hint::set());
    Ok(response)
}

/// `POST /api/auth/login` → 200 with the account, a fresh session id and
/// the device trusted for the account. Rate limited per client address
/// (with sign-up) and per account ([`password_check_key`]).
#[utoipa::path(
    post,
    path = in_api(api::LOGIN),
    summary = "Log in",
    tag = "accounts",
    request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in: the account, and a new session id in the `chorus_session` cookie", body = Me,
            headers(("Set-Cookie" = String, description = "`chorus_session=...; HttpOnly; SameSite=Lax; Path=/`, and `chorus_device=...; HttpOnly; SameSite=Strict; Path=/api/` (this browser becomes a trusted device of the account), and `chorus_signed_in=1; Path=/; SameSite=Lax` (no secret: tells the page's script to ask `/api/me`)"))),
        (status = 400, description = "The body is not the JSON asked for", body = ErrorBody),
        (status = 401, description = "`wrong username or password`, either way", body = ErrorBody),
        (status = 429, description = "Too many attempts from this client address, or for this account (from a device the account never signed in on: one budget for all of them; from a trusted device: its own)", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    mut auth: AuthSession,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    let owner = match Username::parse(body.username.trim()) {
        Ok(username) => state.users.user_by_username(&username).await?.map(|u| u.id),
        Err(_) => None,
    };
    let key = password_check_key(&state, &headers, &body.username, owner).await?;
    state.login_limiter.check(&key).await?;
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
    let device = state.devices.trust(&headers, user.id).await?;
    let mut response = personal(StatusCode::OK, Json(user.me));
    response.headers_mut().append(SET_COOKIE, device);
    response
        .headers_mut()
        .append(SET_COOKIE, signed_in_hint::set());
    Ok(response)
}

/// Whose budget a password check for `username` (the account `owner`, if
/// it exists) spends: the device's own when the request comes from a
/// device trusted for that account, else the username's, shared by every
/// other client (see `crate::auth::rate_limit`).
async fn password_check_key(
    state: &AppState,
    headers: &HeaderMap,
    username: &str,
    owner: Option<UserId>,
) -> Result<LoginKey, ApiError> {
    let device = match owner {
        Some(owner) => state.devices.recognise(headers, owner).await?,
        None => None,
    };
    Ok(device.map_or_else(|| LoginKey::Username(username.to_owned()), LoginKey::Device))
}

/// `POST /api/auth/logout` → 204; the session is deleted, and its feed
/// sockets close on every instance.
#[utoipa::path(
    post,
    path = in_api(api::LOGOUT),
    summary = "Log out",
    tag = "accounts",
    security((), ("session" = [])),
    responses((status = 204, description = "Signed out (also when no one was signed in); this session's feed sockets close with 4001",
        headers(("Set-Cookie" = String, description = "`chorus_signed_in=; Max-Age=0`: the hint removed")))),
)]
pub async fn logout(
    State(state): State<AppState>,
    mut auth: AuthSession,
) -> Result<Response, ApiError> {
    let ended = auth
        .user
        .as_ref()
        .map(|user| user.id)
        .zip(auth.session.id());
    auth.logout().await?;
    if let Some((user, session)) = ended {
        state
            .services
            .announcer()
            .session_ended(user, Some(fingerprint(&session)));
    }
    let mut response = personal(StatusCode::NO_CONTENT, ());
    response
        .headers_mut()
        .append(SET_COOKIE, signed_in_hint::clear());
    Ok(response)
}

/// `GET /api/me` → 200 with the account, or 401.
#[utoipa::path(
    get,
    path = in_api(api::ME),
    summary = "The signed-in account",
    tag = "accounts",
    security(("session" = [])),
    responses(
        (status = 200, description = "The signed-in account", body = Me),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn me(auth: AuthSession) -> Result<Response, ApiError> {
    Ok(personal(StatusCode::OK, Json(signed_in(&auth)?.me.clone())))
}

/// `PUT /api/me/password` → 204. Other sessions of the account end, and
/// every feed socket of the account closes (this session's reconnects).
/// The current password's check is throttled like a log-in.
#[utoipa::path(
    put,
    path = in_api(api::PASSWORD),
    summary = "Change the password",
    description = "Needs the current password. This session gets a new id; every other session of the account ends.",
    tag = "accounts",
    security(("session" = [])),
    request_body = PasswordBody,
    responses(
        (status = 204, description = "Changed; this session gets a new id, every other session of the account ends",
            headers(("Set-Cookie" = String, description = "The new session id"))),
        (status = 400, description = "The new password breaks the length rule, or the body is not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in, or `the current password is wrong`", body = ErrorBody),
        (status = 429, description = "Too many current-password checks for this account", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    mut auth: AuthSession,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<Response, ApiError> {
    let user = signed_in(&auth)?.clone();
    let new_password = NewPassword::parse(&body.new_password)?;
    let key =
        password_check_key(&state, &headers, user.me.username.as_str(), Some(user.id)).await?;
    state.login_limiter.check(&key).await?;
    let updated = state
        .services
        .change_password(user.id, body.current_password, new_password)
        .await?;
    auth.session.cycle_id().await?;
    auth.login(&SessionUser::from(updated)).await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

/// `PUT /api/me/privacy {"activity": "friends"|"private"}` → 200 with the account.
#[utoipa::path(
    put,
    path = in_api(api::PRIVACY),
    summary = "Who sees the listener's activity",
    tag = "accounts",
    security(("session" = [])),
    request_body = PrivacyBody,
    responses(
        (status = 200, description = "The account, with its new privacy", body = Me),
        (status = 400, description = "The body is not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn set_privacy(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(body): ApiJson<PrivacyBody>,
) -> Result<Response, ApiError> {
    let user = signed_in(&auth)?;
    state
        .services
        .set_privacy(user.id, &user.me.username, body.activity)
        .await?;
    account(&state, user.id).await
}

/// `PUT /api/me/private-session {"enabled": bool}` → 200 with the account,
/// `private_session_until` set to six hours from now, or null.
///
/// During a private session all activity is private and friends see the
/// listener offline (docs/realtime.md).
#[utoipa::path(
    put,
    path = in_api(api::PRIVATE_SESSION),
    summary = "Start or end a private session (six hours)",
    tag = "accounts",
    security(("session" = [])),
    request_body = PrivateSessionBody,
    responses(
        (status = 200, description = "The account; `private_session_until` is the RFC 3339 end of the private session, or null", body = Me),
        (status = 400, description = "The body is not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn set_private_session(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(body): ApiJson<PrivateSessionBody>,
) -> Result<Response, ApiError> {
    let user = signed_in(&auth)?;
    state
        .services
        .set_private_session(user.id, body.enabled)
        .await?;
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
