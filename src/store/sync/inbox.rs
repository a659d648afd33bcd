//! Inbox records changed on both sides: two offices decided on one
//! submission (adopted it twice, say), or both gave a file dropped by hand
//! its record. git cannot merge two records line by line, so the rebase
//! takes the local side of their conflicts and afterwards each submission
//! gets one record merged from both versions ([`Submission::merge`]: every
//! decision kept), beside its file, in `decided/` when either side decided
//! it for good.
//!
//! Or two submissions under one name: each office received its own file
//! called 来稿.docx. The rebase takes the other side's, and afterwards this
//! office's file and record are written again under a free name
//! (`来稿 (2).docx`): both kept.

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
    /// Two submissions, not one: this office's file, renamed after the
    /// rebase.
    twin: Option<Vec<u8>>,
}

/// Which side of a conflict in the inbox the rebase takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Take {
    /// This office's: the records are merged afterwards.
    Local,
    /// The other office's: this office's submission is renamed afterwards.
    Upstream,
}

/// A submission of this office renamed because the other office received
/// another under its name, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub id: u32,
    pub from: String,
    pub to: String,
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
    rel.ends_with(".ron")
        .then(|| submission_of(git, rel))
        .flatten()
}

/// The record of `name` at `rev` (see [`file_at`]); `None` when there is
/// none or it cannot be read.
fn record_at(git: &Git, prefix_rel: &str, rev: &str, name: &str) -> Option<Submission> {
    file_at(git, prefix_rel, rev, &record_name(name))
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| codec::decode_submission(&text).ok())
}

/// The submission a path in the inbox (relative to the top) belongs to:
/// `NAME` for `inbox/NAME`, `inbox/decided/NAME` and their records.
fn submission_of(git: &Git, rel: &str) -> Option<String> {
    let inside = git
        .library_rel(rel)?
        .strip_prefix(INBOX_DIR)?
        .strip_prefix('/')?;
    let inside = inside
        .strip_prefix(DECIDED_DIR)
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or(inside);
    let name = inside.strip_suffix(".ron").unwrap_or(inside);
    (!name.is_empty() && !name.contains('/')).then(|| name.to_string())
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
            // Of one submission: the same file (it never changes once
            // received; a file dropped by hand is recorded in both offices
            // under their own numbers). Without both files, one 收文号 or
            // time received. Two offices number their own submissions
            // alike: a 收文号 alone does not make two files one.
            let (mine, other) = (
                file_at(git, &prefix, "HEAD", name),
                file_at(git, &prefix, up, name),
            );
            let same = match (&mine, &other) {
                (Some(a), Some(b)) => a == b,
                _ => ours.id == theirs.id || ours.received == theirs.received,
            };
            if same {
                return (ours != theirs).then(|| Clash {
                    name: name.clone(),
                    ours,
                    theirs,
                    twin: None,
                });
            }
            // Two submissions, each with its file.
            Some(Clash {
                name: name.clone(),
                ours,
                theirs,
                twin: Some(mine?),
            })
        })
        .collect())
}

/// Whether git's conflict in `rel` is one set right after the rebase, and
/// which side the rebase takes meanwhile.
pub(super) fn settled_later(git: &Git, rel: &str, clashes: &[Clash]) -> Option<Take> {
    let name = submission_of(git, rel)?;
    let c = clashes.iter().find(|c| c.name == name)?;
    match c.twin {
        Some(_) => Some(Take::Upstream),
        // Only the records of one submission are merged.
        None => record_of(git, rel).map(|_| Take::Local),
    }
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
    let clashes: Vec<Clash> = clashes.into_iter().filter(|c| c.twin.is_none()).collect();
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
    commit_inbox(git, actor, lang, Msg::SyncCommitInbox, &what)?;
    Ok(merged)
}

/// After the rebase: each of this office's submissions that had the name
/// of another office's is written again under a free name, the other's
/// left as it came (the rebase took it). Then commits that.
pub(super) fn rename_twins(
    lib: &Library,
    git: &Git,
    actor: &Actor,
    lang: Lang,
    up: &str,
    clashes: &[Clash],
) -> Result<Vec<Renamed>, SyncError> {
    let fs = lib.fs();
    let prefix = prefix(git);
    let (inbox, decided) = (lib.inbox_dir(), lib.decided_dir());
    let mut renamed = Vec::new();
    for c in clashes {
        let Some(bytes) = &c.twin else { continue };
        // The name as the other office has it, in both folders: what this
        // office had there goes (it is written again below).
        for (dir, sub) in [(&inbox, ""), (&decided, "decided/")] {
            for file in [c.name.clone(), record_name(&c.name)] {
                let path = dir.join(&file);
                match show(git, up, &format!("{prefix}{INBOX_DIR}/{sub}{file}")) {
                    Some(theirs) => {
                        fs.create_dir_all(dir).map_err(io_err(dir))?;
                        atomic::write_with(fs.as_ref(), &path, &theirs).map_err(io_err(&path))?;
                    }
                    None if fs.metadata(&path).is_ok() => {
                        fs.remove_file(&path).map_err(io_err(&path))?;
                    }
                    None => {}
                }
            }
        }
        let dir = if c.ours.state.is_final() {
            &decided
        } else {
            &inbox
        };
        fs.create_dir_all(dir).map_err(io_err(dir))?;
        let to = lib.write_new_file(dir, &c.name, bytes)?;
        let mut record = c.ours.clone();
        record.file = to.clone();
        record.original = record.original.or_else(|| Some(c.name.clone()));
        let path = dir.join(record_name(&to));
        let text = codec::encode_submission(&record);
        atomic::create_new_with(fs.as_ref(), &path, text.as_bytes()).map_err(io_err(&path))?;
        tracing::warn!(id = record.id, from = %c.name, to = %to, "inbox: another office's submission had this name; ours renamed");
        renamed.push(Renamed {
            id: record.id,
            from: c.name.clone(),
            to,
        });
    }
    if renamed.is_empty() {
        return Ok(renamed);
    }
    let what: Vec<String> = renamed
        .iter()
        .map(|r| format!("{}（{} → {}）", r.id, r.from, r.to))
        .collect();
    commit_inbox(git, actor, lang, Msg::SyncCommitInboxRenamed, &what)?;
    Ok(renamed)
}

/// Commits the inbox with `message` naming the submissions of `what`.
fn commit_inbox(
    git: &Git,
    actor: &Actor,
    lang: Lang,
    message: Msg,
    what: &[String],
) -> Result<(), SyncError> {
    let message = lang.fmt(message, &[&what.join(lang.t(Msg::ListSeparator))]);
    git.commit(&[INBOX_DIR], &message, actor)
        .map(drop)
        .map_err(failed("commit"))
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

/// What to tell the clerk of renamed submissions, a line each.
pub(super) fn renamed_lines(lang: Lang, renamed: &[Renamed]) -> Vec<String> {
    renamed
        .iter()
        .map(|r| lang.fmt(Msg::SyncInboxRenamed, &[&r.id, &r.from, &r.to]))
        .collect()
}
