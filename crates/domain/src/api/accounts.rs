//! Accounts: sign up, log in, log out, who am I, the password, activity
//! privacy and the private session.

use serde::{Deserialize, Serialize};

use super::endpoint;
use crate::{ActivityPrivacy, Me};

pub const SIGNUP: &str = "/api/auth/signup";
pub const LOGIN: &str = "/api/auth/login";
pub const LOGOUT: &str = "/api/auth/logout";
pub const ME: &str = "/api/me";

/// The cookie (not HttpOnly, no secret) that tells the page's script this
/// browser signed in: without it, the browser does not ask [`ME`].
pub const SIGNED_IN_HINT_COOKIE: &str = "chorus_signed_in";
pub const PASSWORD: &str = "/api/me/password";
pub const PRIVACY: &str = "/api/me/privacy";
pub const PRIVATE_SESSION: &str = "/api/me/private-session";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupBody {
    /// 3–30 of lowercase letters, digits and `_` (surrounding spaces are
    /// trimmed); unique.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[a-z0-9_]{3,30}$"))]
    pub username: String,
    /// 1–50 characters after trimming, no control characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 50))]
    pub display_name: String,
    /// 10–1024 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 1024))]
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordBody {
    pub current_password: String,
    /// 10–1024 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 1024))]
    pub new_password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyBody {
    pub activity: ActivityPrivacy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivateSessionBody {
    pub enabled: bool,
}

endpoint!(
    /// Signs up and in: 201 with the account.
    SignUp: Post SIGNUP, SignupBody => Me
);
endpoint!(
    /// Signs in: the account.
    LogIn: Post LOGIN, LoginBody => Me
);
endpoint!(
    /// Signs out: 204.
    LogOut: Post LOGOUT, () => ()
);
endpoint!(
    /// The signed-in account (401 when signed out).
    GetMe: Get ME, () => Me
);
endpoint!(
    /// Changes the password: 204.
    ChangePassword: Put PASSWORD, PasswordBody => ()
);
endpoint!(
    /// Who sees the listener's activity: the account.
    SetPrivacy: Put PRIVACY, PrivacyBody => Me
);
endpoint!(
    /// Starts or ends a private session: the account.
    SetPrivateSession: Put PRIVATE_SESSION, PrivateSessionBody => Me
);
