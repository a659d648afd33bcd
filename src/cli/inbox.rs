//! `jianbao submit FILE` and `jianbao inbox [adopt|return|decline|unit|show]`:
//! the inbox (信息报送) from the command line.

use super::UserError;
use super::args::parse_id;
use crate::i18n::{Lang, Msg};
use crate::inbox::flags::{Flag, flag_text, flags, leads};
use crate::inbox::{self, Submit};
use crate::model::inbox::{SubState, UnitFrom};
use crate::model::{Actor, ArticleKind, Issue, IssueId};
use crate::store::Library;
use crate::store::inbox::{Entry, Listing, sub_state};
use chrono::Local;
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Args)]
pub struct SubmitArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct InboxArgs {
    #[command(subcommand)]
    pub action: Option<InboxAction>,
    #[arg(long)]
    pub json: bool,
    #[arg(long)]
    pub pending: bool,
}

#[derive(Debug, Subcommand)]
pub enum InboxAction {
    Show {
        #[arg(value_name = "SUB")]
        sub: String,
    },
    Adopt {
        #[arg(value_name = "SUB")]
        sub: String,
        #[arg(long, value_name = "ID", value_parser = parse_id)]
        into: IssueId,
        #[arg(long, value_name = "NAME")]
        section: Option<String>,
        #[arg(long)]
        brief: bool,
    },
    Return {
        #[arg(value_name = "SUB")]
        sub: String,
        #[arg(long, value_name = "TEXT")]
        note: String,
    },
    Decline {
        #[arg(value_name = "SUB")]
        sub: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    Unit {
        #[arg(value_name = "SUB")]
        sub: String,
        #[arg(value_name = "NAME")]
        unit: String,
    },
}

fn io(e: std::io::Error) -> UserError {
    UserError(e.to_string())
}

/// `jianbao submit FILE`: copies the file into the inbox with its record;
/// prints `收文 7：FILE（UNIT）`.
pub fn run_submit(
    lib: &Library,
    lang: Lang,
    args: &SubmitArgs,
    actor: &Actor,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let how = Submit {
        unit: args.unit.clone(),
        note: args.note.clone(),
        submitter: Some(actor.who()),
    };
    let (entry, reading) = inbox::submit(lib, &args.file, &how, crate::store::workflow::now())
        .map_err(|e| UserError(e.message(lang)))?;
    let r = &entry.record;
    writeln!(
        out,
        "{}",
        lang.fmt(
            Msg::InboxSubmitted,
            &[&r.id, &r.file, &unit_text(lang, &r.unit, r.unit_from)]
        )
    )
    .map_err(io)?;
    eprintln!(
        "{}",
        lang.fmt(
            Msg::InboxSubmittedText,
            &[&r.title, &r.chars, &reading.articles.len()]
        )
    );
    Ok(())
}

/// The unit and how it was found: `扶沟县文明办（据来源行）`.
pub fn unit_text(lang: Lang, unit: &str, from: UnitFrom) -> String {
    if unit.trim().is_empty() {
        return lang.t(Msg::InboxUnitUnknown).to_string();
    }
    let how = match from {
        UnitFrom::Given => return unit.to_string(),
        UnitFrom::SourceLine => Msg::InboxFromSource,
        UnitFrom::Signature => Msg::InboxFromSignature,
        UnitFrom::Author => Msg::InboxFromAuthor,
        UnitFrom::FileName => Msg::InboxFromName,
        UnitFrom::Unknown => return unit.to_string(),
    };
    format!("{unit}{}", lang.t(how))
}

/// What `e` duplicates: articles of the issues, other submissions.
fn duplicates(lib: &Library, listing: &Listing, e: &Entry) -> Vec<Flag> {
    let issues = all_issues(lib);
    let refs: Vec<(IssueId, &Issue)> = issues.iter().map(|(id, i)| (*id, i)).collect();
    let mut all = flags(listing, &refs, &leads(listing));
    all.remove(&e.record.id)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| !matches!(f, Flag::AdoptedTwice(_)))
        .collect()
}

/// Every issue of the library, for the flags (a broken one is left out).
fn all_issues(lib: &Library) -> Vec<(IssueId, Issue)> {
    lib.entries()
        .filter_map(|(id, _)| lib.issue(id).ok().map(|i| (*id, i.into_owned())))
        .collect()
}

#[derive(serde::Serialize)]
struct JsonRow<'a> {
    #[serde(flatten)]
    record: &'a crate::model::inbox::Submission,
    decided: bool,
    missing: bool,
    adopted_into: Option<IssueId>,
    flags: &'a [Flag],
}

/// `jianbao inbox`: a line a submission (收文号, date, unit, title, 字数,
/// state), oldest first; then flags and problems.
pub fn run_inbox(
    lib: &mut Library,
    lang: Lang,
    args: &InboxArgs,
    actor: &Actor,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let listing = inbox::scan(lib, lang).map_err(|e| UserError(e.message(lang)))?;
    if let Some(action) = &args.action {
        return run_action(lib, lang, &listing, action, actor, out);
    }
    let issues = all_issues(lib);
    let refs: Vec<(IssueId, &Issue)> = issues.iter().map(|(id, i)| (*id, i)).collect();
    let flagged = flags(&listing, &refs, &leads(&listing));
    let shown: Vec<&Entry> = listing
        .entries
        .iter()
        .filter(|e| !args.pending || !e.record.state.is_final())
        .collect();
    if args.json {
        let rows: Vec<JsonRow> = shown
            .iter()
            .map(|e| JsonRow {
                record: &e.record,
                decided: e.decided,
                missing: e.missing,
                adopted_into: e.record.adopted_into(),
                flags: flagged.get(&e.record.id).map_or(&[], |f| f.as_slice()),
            })
            .collect();
        let problems: Vec<String> = listing.problems.iter().map(|p| p.message(lang)).collect();
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({ "submissions": rows, "problems": problems }),
        )
        .map_err(|e| UserError(e.to_string()))?;
        return writeln!(out).map_err(io);
    }
    if shown.is_empty() {
        writeln!(out, "{}", lang.t(Msg::InboxEmpty)).map_err(io)?;
    }
    for e in &shown {
        writeln!(out, "{}", line(lang, e)).map_err(io)?;
        for f in flagged.get(&e.record.id).into_iter().flatten() {
            writeln!(out, "    ! {}", flag_text(lang, f)).map_err(io)?;
        }
    }
    for p in &listing.problems {
        eprintln!("{}", p.message(lang));
    }
    Ok(())
}

/// `  7  2023-11-20  扶沟县文明办  扶沟县白潭镇倡导文明新风  300字  已采用 2023-025`.
pub fn line(lang: Lang, e: &Entry) -> String {
    let r = &e.record;
    let date = r.received.with_timezone(&Local).format("%Y-%m-%d");
    let unit = if r.unit.trim().is_empty() {
        lang.t(Msg::InboxUnitUnknown).to_string()
    } else {
        r.unit.clone()
    };
    let title = if r.title.is_empty() {
        &r.file
    } else {
        &r.title
    };
    let mut state = sub_state(lang, r.state).to_string();
    if let Some(id) = r.adopted_into().filter(|_| r.state == SubState::Adopted) {
        state = format!("{state} {id}");
    }
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
    format!(
        "{:>4}  {date}  {}  {}  {}  {state}",
        r.id,
        pad(&unit, 14),
        pad(title, 30),
        lang.fmt(Msg::Chars, &[&r.chars]),
    )
}

fn run_action(
    lib: &mut Library,
    lang: Lang,
    listing: &Listing,
    action: &InboxAction,
    actor: &Actor,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let find = |key: &str| inbox::find(listing, key, lang).map_err(UserError);
    let now = crate::store::workflow::now();
    let fail = |e: crate::store::inbox::InboxError| UserError(e.message(lang));
    match action {
        InboxAction::Show { sub } => {
            let e = find(sub)?;
            for l in show_lines(lang, e) {
                writeln!(out, "{l}").map_err(io)?;
            }
        }
        InboxAction::Adopt {
            sub,
            into,
            section,
            brief,
        } => {
            let e = find(sub)?;
            // A duplicate is adopted all the same, with a warning first.
            for f in duplicates(lib, listing, e) {
                eprintln!(
                    "{}",
                    lang.fmt(Msg::InboxDuplicateWarn, &[&flag_text(lang, &f)])
                );
            }
            let kind = if *brief {
                ArticleKind::Brief
            } else {
                ArticleKind::Feature
            };
            let done =
                inbox::adopt(lib, e, *into, section.as_deref(), kind, actor, now).map_err(|e| {
                    match e {
                        inbox::Fail::Inbox(crate::store::inbox::InboxError::Store(s)) => {
                            super::workflow::store_error(lang, s)
                        }
                        e => UserError(e.message(lang)),
                    }
                })?;
            writeln!(
                out,
                "{}",
                lang.fmt(
                    Msg::InboxAdoptedLine,
                    &[
                        &e.record.id,
                        &done.id,
                        &done.section,
                        &done.titles.join(lang.t(Msg::ListSeparator))
                    ]
                )
            )
            .map_err(io)?;
        }
        InboxAction::Return { sub, note } => {
            let e = find(sub)?;
            inbox::decide(lib, e, SubState::Returned, note, actor, now).map_err(fail)?;
            writeln!(
                out,
                "{}",
                lang.fmt(Msg::InboxReturnedLine, &[&e.record.id, note])
            )
            .map_err(io)?;
        }
        InboxAction::Decline { sub, reason } => {
            let e = find(sub)?;
            inbox::decide(lib, e, SubState::Declined, reason, actor, now).map_err(fail)?;
            writeln!(
                out,
                "{}",
                lang.fmt(Msg::InboxDeclinedLine, &[&e.record.id, reason])
            )
            .map_err(io)?;
        }
        InboxAction::Unit { sub, unit } => {
            let e = find(sub)?;
            inbox::set_unit(lib, e, unit).map_err(fail)?;
            writeln!(
                out,
                "{}",
                lang.fmt(Msg::InboxUnitLine, &[&e.record.id, unit])
            )
            .map_err(io)?;
        }
    }
    Ok(())
}

/// A submission in full: its record, its history, and its text as it
/// would be imported (or why it cannot be).
pub fn show_lines(lang: Lang, e: &Entry) -> Vec<String> {
    let r = &e.record;
    let mut out = vec![line(lang, e)];
    out.push(lang.fmt(Msg::InboxShowFile, &[&e.file_path().display()]));
    out.push(lang.fmt(
        Msg::InboxShowUnit,
        &[&unit_text(lang, &r.unit, r.unit_from)],
    ));
    if let Some(s) = &r.submitter {
        out.push(lang.fmt(Msg::InboxShowSubmitter, &[s]));
    }
    if let Some(n) = &r.note {
        out.push(lang.fmt(Msg::InboxShowNote, &[n]));
    }
    for d in &r.history {
        let when = d.time.with_timezone(&Local).format("%Y-%m-%d %H:%M");
        let mut l = format!("{when}  {}  {}", sub_state(lang, d.state), d.who());
        if let Some(id) = d.issue {
            l.push_str(&format!("  → {id}"));
        }
        if let Some(n) = &d.note {
            l.push_str(&format!("：{n}"));
        }
        out.push(l);
    }
    out.push(String::new());
    match inbox::read_entry(e) {
        Ok(reading) => out.extend(reading.preview_lines(&r.unit)),
        Err(err) => out.push(err.message(lang)),
    }
    out
}
