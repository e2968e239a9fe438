//! Rebuilds the crate when a migration is added: `sqlx::migrate!` embeds
//! the migrations at compile time but, on stable Rust, only notices edits
//! to the files it already knows.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
