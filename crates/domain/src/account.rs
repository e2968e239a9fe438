//! Accounts: validated usernames, display names and passwords, and the user
//! as other people see them. Parse at the edge (`Username::parse`), then pass
//! the validated types around.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies a user account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

/// Why a sign-up field was refused; the message is shown to the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("usernames are 3 to 30 characters: lowercase letters, digits and _")]
    BadUsername,
    #[error("display names are 1 to 50 characters")]
    BadDisplayName,
    #[error("passwords need at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("passwords can have at most {MAX_PASSWORD_CHARS} characters")]
    PasswordTooLong,
}

/// Minimum password length, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Maximum password length: bounds the hashing cost of one request.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A username: 3–30 of `[a-z0-9_]`. Unique, part of profile URLs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let ok = (3..=30).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(AccountError::BadUsername)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Username {
    type Error = AccountError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Username> for String {
    fn from(u: Username) -> Self {
        u.0
    }
}

/// The name shown for a user: 1–50 characters, trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let name = raw.trim();
        let count = name.chars().count();
        if (1..=50).contains(&count) && !name.chars().any(char::is_control) {
            Ok(Self(name.to_owned()))
        } else {
            Err(AccountError::BadDisplayName)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = AccountError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<DisplayName> for String {
    fn from(d: DisplayName) -> Self {
        d.0
    }
}

/// A new password that meets the length rules. Its `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        match raw.chars().count() {
            n if n < MIN_PASSWORD_CHARS => Err(AccountError::PasswordTooShort),
            n if n > MAX_PASSWORD_CHARS => Err(AccountError::PasswordTooLong),
            _ => Ok(Self(raw.to_owned())),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(<hidden>)")
    }
}

/// Who may see a listener's activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ActivityPrivacy {
    /// Friends see what they play and like.
    #[default]
    Friends,
    /// Nobody does.
    Private,
}

impl ActivityPrivacy {
    /// Its name in JSON and in the databases.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityPrivacy::Friends => "friends",
            ActivityPrivacy::Private => "private",
        }
    }

    /// The setting named `name` ([`Self::as_str`]).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "friends" => Some(ActivityPrivacy::Friends),
            "private" => Some(ActivityPrivacy::Private),
            _ => None,
        }
    }
}

/// A user as shown to others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicUser {
    pub username: Username,
    pub display_name: DisplayName,
}

/// The signed-in user's own account (`GET /api/me`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub username: Username,
    pub display_name: DisplayName,
    pub privacy: ActivityPrivacy,
    /// RFC 3339 time of sign-up.
    pub created_at: String,
    /// While set (RFC 3339 end time), a private session is on: whatever
    /// the listener does is private, as if `privacy` were `private`.
    #[serde(default)]
    pub private_session_until: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_the_rules() {
        for ok in ["abc", "dj_kool_99", &"a".repeat(30)] {
            assert!(Username::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ab",
            "Abc",
            "with space",
            "émile",
            "a-b",
            &"a".repeat(31),
            "",
        ] {
            assert_eq!(
                Username::parse(bad),
                Err(AccountError::BadUsername),
                "{bad}"
            );
        }
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(
            DisplayName::parse("  Ada L.  ").map(|d| d.as_str().to_owned()),
            Ok("Ada L.".into())
        );
        assert!(DisplayName::parse("Émile Zola 🎵").is_ok());
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(51)).is_err());
        assert!(DisplayName::parse("bell\u{7}").is_err());
    }

    #[test]
    fn passwords_need_ten_characters_and_hide_in_debug() {
        assert_eq!(
            NewPassword::parse("short"),
            Err(AccountError::PasswordTooShort)
        );
        assert!(NewPassword::parse("ten chars!").is_ok());
        assert!(NewPassword::parse(&"x".repeat(1025)).is_err());
        let p = NewPassword::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }

    #[test]
    fn privacy_serializes_as_the_api_names() {
        assert_eq!(
            serde_json::to_string(&ActivityPrivacy::Private).unwrap(),
            "\"private\""
        );
    }
}
