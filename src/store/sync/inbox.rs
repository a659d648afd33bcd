//! Inbox records changed on both sides: two offices decided on one
//! submission (adopted it twice, say), or both gave a file dropped by hand
//! its record. git cannot merge two records line by line, so the rebase
//! takes the local side of their conflicts and afterwards each submission
//! gets one record merged from both versions ([`Submission::merge`]: every
//! decision kept), beside its file, in `decided/` when either side decided
//! it for good.

use super::both::show;
use super::queries::changed;
use super::{SyncError, failed};
use crate::i18n::{Lang, Msg};
use crate::model::inbox::{MergeNotes, Submission};
use crate::model::{Actor, IssueId};
use crate::store::git::Git;
use crate::store::inbox::{DECIDED_DIR, INBOX_DIR, record_name};
use crate::store::{Library, atomic, codec, io_err};
use std::collections::{BTreeMap, BTreeSet};

/// A record changed on both sides: the submission's file name and each
/// side's version.
pub(super) struct Clash {
    name: String,
    ours: Submission,
    theirs: Submission,
}

/// A submission whose records were merged, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMerged {
    /// Its 收文号 and file, as merged.
    pub id: u32,
    pub file: String,
    /// Decisions in the merged record.
    pub decisions: usize,
    /// The unit kept.
    pub unit: String,
    /// The issues of its adoptions, when it was adopted more than once.
    pub adopted_twice: Vec<Option<IssueId>>,
    pub notes: MergeNotes,
}

/// The submission a record path (relative to the top) belongs to: `NAME`
/// for `inbox/NAME.ron` and `inbox/decided/NAME.ron` of the library.
pub(super) fn record_of(git: &Git, rel: &str) -> Option<String> {
    let inside = git
        .library_rel(rel)?
        .strip_prefix(INBOX_DIR)?
        .strip_prefix('/')?;
    let inside = inside
        .strip_prefix(DECIDED_DIR)
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or(inside);
    let name = inside.strip_suffix(".ron")?;
    (!name.is_empty() && !name.contains('/')).then(|| name.to_string())
}

/// The record of `name` at `rev` (see [`file_at`]); `None` when there is
/// none or it cannot be read.
fn record_at(git: &Git, prefix_rel: &str, rev: &str, name: &str) -> Option<Submission> {
    file_at(git, prefix_rel, rev, &record_name(name))
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| codec::decode_submission(&text).ok())
}

/// The bytes of the file `name` at `rev`: in `decided/` if there, else
/// in `inbox/`.
fn file_at(git: &Git, prefix_rel: &str, rev: &str, name: &str) -> Option<Vec<u8>> {
    [
        format!("{prefix_rel}{INBOX_DIR}/{DECIDED_DIR}/{name}"),
        format!("{prefix_rel}{INBOX_DIR}/{name}"),
    ]
    .iter()
    .find_map(|rel| show(git, rev, rel))
}

/// The library's folder relative to the top (`""` or ending in `/`).
fn prefix(git: &Git) -> String {
    git.git(&["rev-parse", "--show-prefix"])
        .map(|p| p.trim().to_string())
        .unwrap_or_default()
}

/// The records changed on both sides since `base` that differ and that
/// both sides can read: these are merged after the rebase. One that
/// cannot be read is left to git (a conflict in it undoes the sync).
pub(super) fn clashes(git: &Git, base: Option<&str>, up: &str) -> Result<Vec<Clash>, SyncError> {
    let changed = |tip: &str| -> Result<BTreeSet<String>, SyncError> {
        let files = changed(git, base, tip, INBOX_DIR)?;
        Ok(files.iter().filter_map(|r| record_of(git, r)).collect())
    };
    let ours = changed("HEAD")?;
    let theirs = changed(up)?;
    let prefix = prefix(git);
    Ok(ours
        .intersection(&theirs)
        .filter_map(|name| {
            let ours = record_at(git, &prefix, "HEAD", name)?;
            let theirs = record_at(git, &prefix, up, name)?;
            // Of one submission: one 收文号 or time received, or (a file
            // dropped by hand, recorded in both offices under their own
            // numbers) the same file. Anything else is left to git.
            let same = ours.id == theirs.id
                || ours.received == theirs.received
                || matches!(
                    (file_at(git, &prefix, "HEAD", name), file_at(git, &prefix, up, name)),
                    (Some(a), Some(b)) if a == b
                );
            (same && ours != theirs).then(|| Clash {
                name: name.clone(),
                ours,
                theirs,
            })
        })
        .collect())
}

/// Whether git's conflict in `rel` is one the merge after the rebase sets
/// right.
pub(super) fn merged_later(git: &Git, rel: &str, clashes: &[Clash]) -> bool {
    record_of(git, rel).is_some_and(|n| clashes.iter().any(|c| c.name == n))
}

/// After the rebase: one merged record per clash, beside its file, in
/// `decided/` when adopted or declined (the file moved there too); the
/// other copy of the record removed. Then commits that.
pub(super) fn merge_records(
    lib: &Library,
    git: &Git,
    actor: &Actor,
    lang: Lang,
    clashes: Vec<Clash>,
) -> Result<Vec<RecordMerged>, SyncError> {
    if clashes.is_empty() {
        return Ok(Vec::new());
    }
    let fs = lib.fs();
    let (inbox, decided) = (lib.inbox_dir(), lib.decided_dir());
    let mut merged = Vec::new();
    for c in clashes {
        let (mut record, notes) = Submission::merge(&c.ours, &c.theirs);
        record.file = c.name.clone();
        let (dir, other) = if record.state.is_final() {
            (&decided, &inbox)
        } else {
            (&inbox, &decided)
        };
        fs.create_dir_all(dir).map_err(io_err(dir))?;
        let (file, stray) = (dir.join(&c.name), other.join(&c.name));
        if fs.metadata(&file).is_err() && fs.metadata(&stray).is_ok() {
            atomic::move_new_with(fs.as_ref(), &stray, &file).map_err(io_err(&stray))?;
        }
        let path = dir.join(record_name(&c.name));
        let text = codec::encode_submission(&record);
        atomic::write_with(fs.as_ref(), &path, text.as_bytes()).map_err(io_err(&path))?;
        let spare = other.join(record_name(&c.name));
        if fs.metadata(&spare).is_ok() {
            fs.remove_file(&spare).map_err(io_err(&spare))?;
        }
        let adoptions = record.adoptions();
        tracing::warn!(id = record.id, file = %c.name, adoptions = adoptions.len(), "inbox record changed on both sides: merged");
        merged.push(RecordMerged {
            id: record.id,
            file: c.name,
            decisions: record.history.len(),
            unit: record.unit.clone(),
            adopted_twice: if adoptions.len() > 1 {
                adoptions
            } else {
                Vec::new()
            },
            notes,
        });
    }
    let what: Vec<String> = merged
        .iter()
        .map(|m| format!("{}（{}）", m.id, m.file))
        .collect();
    let message = lang.fmt(
        Msg::SyncCommitInbox,
        &[&what.join(lang.t(Msg::ListSeparator))],
    );
    git.commit(&[INBOX_DIR], &message, actor)
        .map_err(failed("commit"))?;
    Ok(merged)
}

/// What to tell the clerk of merged records, a line each.
pub(super) fn lines(lang: Lang, merged: &[RecordMerged]) -> Vec<String> {
    let mut out = Vec::new();
    for m in merged {
        out.push(lang.fmt(Msg::SyncInboxMerged, &[&m.id, &m.file, &m.decisions]));
        if !m.adopted_twice.is_empty() {
            // The issues in order, once each; an adoption without one is
            // counted all the same.
            let issues: BTreeMap<String, ()> = m
                .adopted_twice
                .iter()
                .map(|i| (i.map_or_else(|| "?".to_string(), |i| i.to_string()), ()))
                .collect();
            let issues: Vec<String> = issues.into_keys().collect();
            out.push(lang.fmt(
                Msg::SyncInboxTwice,
                &[
                    &m.id,
                    &m.adopted_twice.len(),
                    &issues.join(lang.t(Msg::ListSeparator)),
                ],
            ));
        }
        if let Some(other) = &m.notes.other_id {
            out.push(lang.fmt(Msg::SyncInboxNumber, &[&m.id, &m.file, other]));
        }
        if let Some(unit) = &m.notes.other_unit {
            out.push(lang.fmt(Msg::SyncInboxUnit, &[&m.id, &m.unit, unit]));
        }
    }
    out
}
