//! Fingerprints of loaded files, to notice changes made behind our back
//! (another editor, git, a hand edit).

use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

/// SHA-256 of a file's bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    pub fn of(bytes: &[u8]) -> Self {
        ContentHash(Sha256::digest(bytes).into())
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({self})")
    }
}

impl FromStr for ContentHash {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        if s.len() != 64 || !s.is_ascii() {
            return Err(());
        }
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| ())?;
        }
        Ok(ContentHash(out))
    }
}

/// What identifies the version of a file we loaded, to notice changes made
/// behind our back. The hash decides: a same-size edit within the same
/// second (coarse mtimes) is caught, a `touch` is not a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: ContentHash,
}

impl Fingerprint {
    pub(crate) fn new(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: ContentHash::of(bytes),
        }
    }
}

/// How a loaded issue's file differs on disk now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    Modified,
    Deleted,
}
