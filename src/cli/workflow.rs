//! `jianbao status`, `jianbao show` and `jianbao sync`: the office's
//! workflow from the command line.

use super::args::parse_id;
use super::{UserError, lock_briefly};
use crate::i18n::{Lang, Msg};
use crate::model::{Actor, Issue, IssueId, Overlong, Status};
use crate::store::git::FileState;
pub use crate::store::workflow::{actor, history_line};
use crate::store::workflow::{read_only_details, read_only_message};
use crate::store::{Library, StoreError, sync};
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: IssueId,
    #[arg(value_name = "STATUS", value_parser = super::search::parse_status)]
    pub to: Status,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: IssueId,
    #[arg(long)]
    pub history: bool,
    #[arg(long)]
    pub json: bool,
}

fn io(e: std::io::Error) -> UserError {
    UserError(e.to_string())
}

/// The refusal to change a signed or distributed issue, with how to reopen it.
pub fn refuse_read_only(lang: Lang, id: &IssueId, issue: &Issue) -> Option<UserError> {
    let why = issue.read_only()?;
    Some(UserError(format!(
        "{}{}",
        read_only_message(lang, id, &why),
        lang.fmt(Msg::ReopenHintCli, &[id])
    )))
}

/// A store error worded for the command line: a refusal to write over a
/// signed issue says how to reopen it; a missing reason how to give one.
pub fn store_error(lang: Lang, e: StoreError) -> UserError {
    let mut msg = e.message(lang);
    match &e {
        StoreError::ReadOnlyIssue { id, .. } => {
            // The English hints begin with the space after the full stop.
            msg.push_str(&lang.fmt(Msg::ReopenHintCli, &[id]));
        }
        StoreError::Move {
            error: crate::model::MoveError::NeedsNote { .. },
            ..
        } => msg.push_str(lang.t(Msg::StatusNoteHint)),
        _ => {}
    }
    UserError(msg)
}

/// `jianbao status ID STATUS [--note TEXT]`: prints `ID：old → new`, then
/// (on stderr) what was filled in and what git did.
pub fn run_status(
    lib: &mut Library,
    lang: Lang,
    args: &StatusArgs,
    actor: &Actor,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    if !lib.contains(&args.id) {
        return Err(UserError(lib.why_missing(&args.id).message(lang)));
    }
    // Not while an editor has it open: its save would undo the change.
    let _lock = lock_briefly(lib, &args.id).map_err(|e| store_error(lang, e))?;
    lib.reload(&args.id).map_err(|e| store_error(lang, e))?;
    let set = lib
        .set_status(&args.id, args.to, actor, args.note.as_deref(), lang)
        .map_err(|e| store_error(lang, e))?;
    let c = &set.changed.change;
    writeln!(
        out,
        "{}",
        lang.fmt(
            Msg::StatusChanged,
            &[&set.id, &lang.status(c.from), &lang.status(c.status)]
        )
    )
    .map_err(io)?;
    if let Some(name) = &set.changed.signer_filled {
        eprintln!("{}", lang.fmt(Msg::StatusSignerFilled, &[name]));
    }
    if set.changed.signer_missing {
        eprintln!("{}", lang.t(Msg::StatusSignerMissing));
    }
    if let Some(line) = set.commit.as_ref().and_then(|c| c.message(lang)) {
        eprintln!("{line}");
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct ShowJson<'a> {
    id: String,
    path: String,
    git: Option<FileState>,
    /// Articles over their section's limit: section and article indexes.
    overlong: Vec<OverlongJson>,
    issue: &'a Issue,
}

#[derive(serde::Serialize)]
struct OverlongJson {
    section: usize,
    article: usize,
    chars: usize,
    limit: u32,
}

impl From<&Overlong> for OverlongJson {
    fn from(o: &Overlong) -> Self {
        OverlongJson {
            section: o.section,
            article: o.article,
            chars: o.chars,
            limit: o.limit,
        }
    }
}

/// `jianbao show ID [--history] [--json]`.
pub fn run_show(
    lib: &Library,
    lang: Lang,
    args: &ShowArgs,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let id = args.id;
    let issue = lib.issue(&id).map_err(|e| store_error(lang, e))?;
    let overlong = issue.overlong(&lib.settings);
    let git = lib
        .git_states()
        .ok()
        .and_then(|g| g.issues.get(&id).copied());
    let path = lib
        .entry(&id)
        .map(|e| e.path.display().to_string())
        .unwrap_or_default();
    if args.json {
        let doc = ShowJson {
            id: id.to_string(),
            path,
            git,
            overlong: overlong.iter().map(OverlongJson::from).collect(),
            issue: &issue,
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(|e| UserError(e.to_string()))?;
        return writeln!(out).map_err(io);
    }
    let mut lines = vec![format!(
        "{id}  {}  {}  {}  {}",
        issue.bulletin,
        lang.issue_number(issue.number, issue.total, issue.supplement),
        issue.date,
        issue.issuer
    )];
    let marks = issue.marks.lines();
    if !marks.is_empty() {
        lines.push(lang.fmt(Msg::ShowMarks, &[&marks.join(" / ")]));
    }
    let mut status = lang.status(issue.status).to_string();
    if let Some(why) = issue.read_only() {
        let details = read_only_details(lang, &why);
        if !details.is_empty() {
            status = format!(
                "{status}（{}）",
                details.join(lang.t(Msg::ReadOnlySeparator))
            );
        }
    }
    lines.push(lang.fmt(Msg::ShowStatus, &[&status]));
    for (si, s) in issue.sections.iter().enumerate() {
        lines.push(lang.fmt(
            Msg::ShowSection,
            &[
                &crate::model::bare_title(&s.title),
                &lang.fmt(Msg::Articles, &[&s.articles.len()]),
                &lang.fmt(Msg::Chars, &[&s.char_count()]),
            ],
        ));
        for o in overlong.iter().filter(|o| o.section == si) {
            let title = s.articles[o.article].title_text();
            lines.push(format!(
                "  {}",
                lang.fmt(Msg::ShowOverlong, &[&title, &o.chars, &o.limit])
            ));
        }
    }
    lines.push(lang.fmt(
        Msg::ShowTotal,
        &[
            &lang.fmt(Msg::Articles, &[&issue.article_count()]),
            &lang.fmt(Msg::Chars, &[&issue.char_count()]),
        ],
    ));
    let staff = crate::export::layout::staff_text(&issue.closing);
    let copies = issue
        .closing
        .copies
        .map(crate::export::labels::copies)
        .unwrap_or_default();
    let closing = [staff, copies]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("　");
    if !closing.is_empty() {
        lines.push(lang.fmt(Msg::ShowClosing, &[&closing]));
    }
    if let Some(state) = git {
        lines.push(lang.fmt(Msg::ShowGit, &[&state.label(lang)]));
    }
    if args.history {
        lines.push(lang.t(Msg::ShowHistory).to_string());
        if issue.history.is_empty() {
            lines.push(format!("  {}", lang.t(Msg::ShowHistoryEmpty)));
        }
        for c in &issue.history {
            lines.push(format!("  {}", history_line(lang, c)));
        }
    }
    for l in lines {
        writeln!(out, "{l}").map_err(io)?;
    }
    Ok(())
}

/// `jianbao sync`: what it did, a line each, on stdout.
pub fn run_sync(
    lib: &mut Library,
    lang: Lang,
    actor: &Actor,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let report = sync::sync(lib, actor, lang).map_err(|e| UserError(e.message(lang)))?;
    for l in report.lines(lang) {
        writeln!(out, "{l}").map_err(io)?;
    }
    Ok(())
}
