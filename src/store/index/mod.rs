//! The library index in `.state/index/`: what the issue list needs of every
//! issue file (its summary) and what search needs (its text, in
//! [`corpus`]), so that opening a library of ten years of issues reads a
//! small file and a `stat` per issue instead of parsing every issue.
//!
//! The index is a cache, never a source of truth:
//! - every entry is checked against its file's size and modification time,
//!   and a file that changed (by git, by hand, by another jianbao) is read
//!   again; a file modified within [`RACY_WINDOW`] of being looked at is
//!   checked by its content next time, since a second change in the same
//!   clock tick would keep the same time;
//! - a missing, unreadable, corrupt (checksummed) or older-format index is
//!   rebuilt from the issue files without a word to the clerk;
//! - it is written atomically ([`atomic::write`]) and a failure to write it
//!   is only logged: the library works without it, only slower.
//!
//! It uses the real file system directly, not the library's [`super::fs::Fs`]:
//! it holds nothing of the clerk's, like the lock files.

pub mod corpus;

use super::atomic;
use super::fingerprint::{ContentHash, Fingerprint};
use crate::model::IssueSummary;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `.state/index`: the catalog and the search text.
pub const INDEX_DIR: &str = "index";
/// The catalog of issue files (summaries and fingerprints).
pub const CATALOG_FILE: &str = "catalog";

/// How close to the moment it was looked at a file may have been modified
/// and still be trusted by its size and time alone: coarse file system
/// clocks (FAT: 2 s, network shares) would keep the time of a second write
/// in the same tick.
pub const RACY_WINDOW: Duration = Duration::from_secs(2);

const CATALOG_MAGIC: &[u8; 8] = b"JBINDEX\x01";
/// Bumped when the catalog's content changes meaning: an older catalog is
/// then rebuilt, not misread.
const CATALOG_VERSION: u32 = 1;
const PROGRAM: &str = concat!("jianbao ", env!("CARGO_PKG_VERSION"));

/// The folder of the index of the library at `root`.
pub fn index_dir(root: &Path) -> PathBuf {
    super::state_dir(root).join(INDEX_DIR)
}

/// A file's size and modification time, to notice it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    /// Seconds and nanoseconds since the Unix epoch (negative: before it).
    pub secs: i64,
    pub nanos: u32,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        Some(Stamp::new(meta.len(), meta.modified().ok()?))
    }

    pub fn new(len: u64, modified: SystemTime) -> Stamp {
        let (secs, nanos) = match modified.duration_since(UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => {
                let d = e.duration();
                // Before 1970: floor to whole seconds below.
                let (s, n) = (d.as_secs() as i64, d.subsec_nanos());
                if n == 0 {
                    (-s, 0)
                } else {
                    (-s - 1, 1_000_000_000 - n)
                }
            }
        };
        Stamp { len, secs, nanos }
    }

    pub fn modified(&self) -> SystemTime {
        let nanos = Duration::from_nanos(u64::from(self.nanos));
        if self.secs >= 0 {
            UNIX_EPOCH + Duration::from_secs(self.secs as u64) + nanos
        } else {
            UNIX_EPOCH - Duration::from_secs(self.secs.unsigned_abs()) + nanos
        }
    }

    /// Whether a file with this stamp, looked at `seen`, may change again
    /// without its stamp changing (see [`RACY_WINDOW`]).
    fn racy(&self, seen: SystemTime) -> bool {
        self.modified() + RACY_WINDOW > seen
    }
}

/// One issue file as indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indexed {
    pub stamp: Stamp,
    /// SHA-256 of the file, hex: the version of the text, shared with the
    /// search text and the save-conflict check.
    pub hash: String,
    /// Check the content, not only the stamp, next time (see [`RACY_WINDOW`]).
    pub racy: bool,
    pub summary: IssueSummary,
}

impl Indexed {
    pub fn content_hash(&self) -> Option<ContentHash> {
        self.hash.parse().ok()
    }

    /// The fingerprint of the file this entry describes.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        Some(Fingerprint {
            len: self.stamp.len,
            modified: Some(self.stamp.modified()),
            hash: self.content_hash()?,
        })
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CatalogFile {
    version: u32,
    /// The jianbao that wrote it: another one may read files differently
    /// (a newer schema, stricter checks), so its catalog is not trusted.
    program: String,
    /// By file name in `issues/`.
    files: HashMap<String, Indexed>,
}

/// What the index knows of the issue files, as loaded at open and kept up
/// to date in memory; written back when it learned something.
#[derive(Debug, Default)]
pub struct Catalog {
    files: HashMap<String, Indexed>,
    dirty: bool,
}

/// What the catalog says of a file found on disk.
#[derive(Debug)]
pub enum Lookup<'a> {
    /// Same size and time, long enough ago: the entry holds.
    Valid(&'a Indexed),
    /// Same size and time, but too recent to trust without the content.
    Racy(&'a Indexed),
    Unknown,
}

impl Catalog {
    /// The catalog of the library at `root`; empty when there is none or it
    /// cannot be used (then every file is read and the catalog rebuilt).
    pub fn load(root: &Path) -> Catalog {
        let path = index_dir(root).join(CATALOG_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                if e.kind() != io::ErrorKind::NotFound {
                    tracing::warn!(path = %path.display(), "index unreadable, rebuilding: {e}");
                }
                return Catalog::default();
            }
        };
        let parsed = unframe(CATALOG_MAGIC, CATALOG_VERSION, &bytes)
            .and_then(|payload| serde_json::from_slice::<CatalogFile>(payload).ok())
            .filter(|c| c.version == CATALOG_VERSION && c.program == PROGRAM);
        match parsed {
            Some(c) => Catalog {
                files: c.files,
                dirty: false,
            },
            None => {
                tracing::warn!(path = %path.display(), "index corrupt or of another version, rebuilding");
                Catalog {
                    files: HashMap::new(),
                    dirty: true,
                }
            }
        }
    }

    /// The entry for the file `name` whose metadata is `meta` now.
    pub fn lookup(&self, name: &str, meta: &Metadata) -> Lookup<'_> {
        let (Some(entry), Some(stamp)) = (self.files.get(name), Stamp::of(meta)) else {
            return Lookup::Unknown;
        };
        if entry.stamp != stamp {
            Lookup::Unknown
        } else if entry.racy || stamp.racy(SystemTime::now()) {
            Lookup::Racy(entry)
        } else {
            Lookup::Valid(entry)
        }
    }

    pub fn get(&self, name: &str) -> Option<&Indexed> {
        self.files.get(name)
    }

    /// Records what a file held when it was read: `stamp` taken before or
    /// with the read, `hash` of the bytes read.
    pub fn record(&mut self, name: &str, stamp: Stamp, hash: ContentHash, summary: IssueSummary) {
        let racy = stamp.racy(SystemTime::now());
        let entry = Indexed {
            stamp,
            hash: hash.to_string(),
            racy,
            summary,
        };
        if self.files.get(name) != Some(&entry) {
            self.files.insert(name.to_string(), entry);
            self.dirty = true;
        }
    }

    /// A racy entry whose content was checked and found the same: trusted
    /// by its stamp from now on, once old enough.
    pub fn confirm(&mut self, name: &str) {
        let now = SystemTime::now();
        if let Some(e) = self.files.get_mut(name)
            && e.racy
            && !e.stamp.racy(now)
        {
            e.racy = false;
            self.dirty = true;
        }
    }

    pub fn forget(&mut self, name: &str) {
        if self.files.remove(name).is_some() {
            self.dirty = true;
        }
    }

    /// Drops entries of files no longer in `issues/`.
    pub fn retain_names(&mut self, names: &HashSet<String>) {
        let before = self.files.len();
        self.files.retain(|n, _| names.contains(n));
        self.dirty |= self.files.len() != before;
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Writes the catalog if it changed since loaded; a failure (read-only
    /// library, full disk) is logged and leaves it to be rebuilt next time.
    pub fn save_if_dirty(&mut self, root: &Path) {
        if !self.dirty {
            return;
        }
        let file = CatalogFile {
            version: CATALOG_VERSION,
            program: PROGRAM.to_string(),
            files: std::mem::take(&mut self.files),
        };
        let json = serde_json::to_vec(&file).expect("the catalog serialises");
        self.files = file.files;
        match write_index_file(
            root,
            CATALOG_FILE,
            &frame(CATALOG_MAGIC, CATALOG_VERSION, &json),
        ) {
            Ok(()) => self.dirty = false,
            Err(e) => tracing::warn!(root = %root.display(), "index not written: {e}"),
        }
    }
}

/// Writes `.state/index/name` atomically, creating the folder (0700, with
/// `.state/.gitignore`).
pub(crate) fn write_index_file(root: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let dir = super::create_state_dir(&super::fs::RealFs, root, INDEX_DIR)?;
    atomic::write(&dir.join(name), bytes)
}

/// `magic`, version, CRC-32 of the payload, its length, then the payload:
/// a torn, truncated or bit-flipped index file is told from a good one.
pub(crate) fn frame(magic: &[u8; 8], version: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + HEADER);
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

const HEADER: usize = 8 + 4 + 4 + 8;

/// The payload of a [`frame`]d file, if it is whole and of this version.
pub(crate) fn unframe<'a>(magic: &[u8; 8], version: u32, bytes: &'a [u8]) -> Option<&'a [u8]> {
    if bytes.len() < HEADER || &bytes[..8] != magic {
        return None;
    }
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let len = u64::from_le_bytes(bytes[16..24].try_into().expect("8 bytes"));
    let payload = &bytes[HEADER..];
    (word(8) == version && len == payload.len() as u64 && word(12) == crc32fast::hash(payload))
        .then_some(payload)
}

#[cfg(test)]
mod tests;
