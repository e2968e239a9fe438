//! Accounts: signing up, checking a password (log-in) and changing it.
//! Passwords are hashed with argon2 off the async runtime
//! (`passwords.rs`). Throttling, sessions and cookies are the server's:
//! they depend on the request.

use chorus_domain::{DisplayName, NewPassword, UserId, Username};
use chorus_storage::{StorageError, StoredUser};

use crate::{passwords, ServiceError, ServiceResult, Services};

impl Services {
    /// Creates an account; [`ServiceError::UsernameTaken`] when someone
    /// has the name (also when two sign-ups race for it).
    pub async fn sign_up(
        &self,
        username: &Username,
        display_name: &DisplayName,
        password: NewPassword,
    ) -> ServiceResult<StoredUser> {
        let hash = passwords::hash(password).await?;
        self.stores
            .users
            .create_user(username, display_name, &hash)
            .await
            .map_err(|e| match e {
                StorageError::Conflict(_) => ServiceError::UsernameTaken,
                other => other.into(),
            })
    }

    /// The account `username` names if `password` is its password. A
    /// username that is not valid, or names no one, takes as long to
    /// answer as a wrong password.
    pub async fn check_password(
        &self,
        username: &str,
        password: String,
    ) -> ServiceResult<Option<StoredUser>> {
        let user = match Username::parse(username.trim()) {
            Ok(username) => self.stores.users.user_by_username(&username).await?,
            Err(_) => None,
        };
        let hash = user.as_ref().map(|u| u.password_hash.clone());
        let valid = passwords::verify(password, hash).await?;
        Ok(user.filter(|_| valid))
    }

    /// Sets a new password once `current` is checked
    /// ([`ServiceError::WrongPassword`] when it is not the password): the
    /// account as it is after. Every session of the account ends (the
    /// caller signs this one in again), so its feed sockets are told.
    pub async fn change_password(
        &self,
        user: UserId,
        current: String,
        new_password: NewPassword,
    ) -> ServiceResult<StoredUser> {
        let account = self.account(user).await?;
        let valid = passwords::verify(current, Some(account.password_hash)).await?;
        if !valid {
            return Err(ServiceError::WrongPassword);
        }
        let hash = passwords::hash(new_password).await?;
        self.stores.users.set_password_hash(user, &hash).await?;
        let updated = self.account(user).await?;
        self.announcer.session_ended(user, None);
        Ok(updated)
    }

    /// The account `id`; [`ServiceError::NotFound`] when there is none.
    async fn account(&self, id: UserId) -> ServiceResult<StoredUser> {
        self.stores
            .users
            .user_by_id(id)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use chorus_realtime::Hint;

    use super::*;
    use crate::testing::{Data, World};

    fn names() -> (Username, DisplayName) {
        (
            Username::parse("ada").unwrap(),
            DisplayName::parse("Ada L.").unwrap(),
        )
    }

    fn password(p: &str) -> NewPassword {
        NewPassword::parse(p).unwrap()
    }

    /// A world where ada signed up with the password "correct horse".
    async fn ada_signed_up() -> (World, StoredUser) {
        let w = World::new(Data::default());
        let (name, display) = names();
        let user = w
            .services
            .sign_up(&name, &display, password("correct horse"))
            .await
            .unwrap();
        (w, user)
    }

    #[tokio::test]
    async fn a_sign_up_stores_an_argon2_hash_and_the_name_is_then_taken() {
        let (w, user) = ada_signed_up().await;
        let (name, display) = names();
        assert!(
            user.password_hash.starts_with("$argon2"),
            "{}",
            user.password_hash
        );
        assert!(!user.password_hash.contains("correct horse"));
        assert!(matches!(
            w.services
                .sign_up(&name, &display, password("another one"))
                .await,
            Err(ServiceError::UsernameTaken)
        ));
    }

    #[tokio::test]
    async fn only_the_right_password_finds_the_account() {
        let (w, user) = ada_signed_up().await;
        let found = w
            .services
            .check_password(" ada ", "correct horse".into())
            .await
            .unwrap();
        assert_eq!(
            found.map(|u| u.id),
            Some(user.id),
            "the username is trimmed"
        );
        for (username, guess) in [
            ("ada", "wrong horse"),
            ("bob", "correct horse"),
            ("not valid!", "x"),
        ] {
            let found = w
                .services
                .check_password(username, guess.into())
                .await
                .unwrap();
            assert!(found.is_none(), "{username} / {guess}");
        }
    }

    #[tokio::test]
    async fn a_password_changes_only_with_the_current_one_and_ends_every_session() {
        let (w, user) = ada_signed_up().await;
        assert!(matches!(
            w.services
                .change_password(user.id, "wrong".into(), password("new password"))
                .await,
            Err(ServiceError::WrongPassword)
        ));
        assert!(w.hints().is_empty(), "nothing ended");
        let updated = w
            .services
            .change_password(user.id, "correct horse".into(), password("new password"))
            .await
            .unwrap();
        assert_ne!(updated.password_hash, user.password_hash);
        assert!(w
            .services
            .check_password("ada", "new password".into())
            .await
            .unwrap()
            .is_some());
        assert!(w
            .services
            .check_password("ada", "correct horse".into())
            .await
            .unwrap()
            .is_none());
        assert_eq!(
            w.hints(),
            [Hint::SessionEnded {
                user: user.id,
                session: None
            }]
        );
    }
}
