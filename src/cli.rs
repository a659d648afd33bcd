//! The command line: its arguments (`args.rs`, help in the user's language) and
//! the non-interactive commands (`list`, `new`, `check`, `export`, `import`, …).

use crate::export::{self, ExportError, Format};
use crate::i18n::{Lang, Msg};
use crate::model::IssueId;
use crate::store::lock::LockStatus;
use crate::store::recovery::Recovery;
use crate::store::{Library, StoreError, default_library_dir};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

mod args;
mod inbox;
mod search;
mod stats;
mod workflow;
pub use args::*;
pub use inbox::{InboxAction, InboxArgs, SubmitArgs, run_inbox, run_submit};
pub use search::{SearchArgs, Style as SearchStyle, run_search};
pub use stats::{StatsArgs, StatsFormat, run_stats};
pub use workflow::{ShowArgs, StatusArgs, actor, history_line, run_show, run_status, run_sync};

/// A failure to report to the user with exit code 1.
#[derive(Debug)]
pub struct UserError(pub String);

/// `--library`, else `JIANBAO_LIBRARY` (set and not empty), else the
/// platform data directory.
pub fn library_dir(cli: &Cli, lang: Lang) -> Result<PathBuf, UserError> {
    cli.library
        .clone()
        .or_else(|| {
            std::env::var_os("JIANBAO_LIBRARY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(default_library_dir)
        .ok_or_else(|| UserError(lang.t(Msg::NoLibraryDir).to_string()))
}

/// Opens the library for the command: the editor, `new` and `import` create
/// one where there is none; commands that only read do not.
pub fn open_library(cli: &Cli, lang: Lang) -> Result<Library, UserError> {
    let dir = library_dir(cli, lang)?;
    let creates = match &cli.command {
        None | Some(Command::Open(_) | Command::New(_)) => true,
        Some(Command::Import(a)) => !a.dry_run,
        Some(_) => false,
    };
    let opened = if creates {
        Library::open(&dir)
    } else {
        Library::open_existing(&dir)
    };
    opened.map_err(|e| UserError(e.message(lang)))
}

/// One line of `jianbao list`.
#[derive(Debug, serde::Serialize)]
pub struct ListRow {
    pub id: String,
    pub bulletin: String,
    pub number: u32,
    pub total: Option<u32>,
    pub supplement: bool,
    pub date: NaiveDate,
    pub status: crate::model::Status,
    pub articles: usize,
    pub chars: usize,
    /// The file's state in git, when the library is in a work tree.
    pub git: Option<crate::store::git::FileState>,
    /// Another issue prints the same 总第N期.
    pub total_clash: bool,
    /// Every change of status, oldest first (read only for `--json`).
    pub history: Vec<crate::model::StatusChange>,
}

#[derive(Debug, serde::Serialize)]
struct ListJson<'a> {
    library: String,
    issues: &'a [ListRow],
    problems: Vec<String>,
    git: Option<GitJson>,
    /// Why the git features are off, when they are.
    git_off: Option<String>,
}

#[derive(Debug, serde::Serialize)]
struct GitJson {
    branch: Option<String>,
    upstream: Option<String>,
    ahead: u32,
    behind: u32,
}

/// The list's rows, newest first; with `history`, each issue is read for
/// its changes of status.
pub fn list_rows(
    lib: &Library,
    git: Option<&crate::store::git::GitStates>,
    history: bool,
) -> Vec<ListRow> {
    let clashing: std::collections::HashSet<IssueId> = lib
        .total_clashes()
        .into_iter()
        .flat_map(|c| c.ids)
        .collect();
    lib.newest_first()
        .map(|(id, e)| {
            let i = &e.summary;
            ListRow {
                id: id.to_string(),
                bulletin: i.bulletin.clone(),
                number: i.number,
                total: i.total,
                supplement: i.supplement,
                date: i.date,
                status: i.status,
                articles: i.articles,
                chars: i.chars,
                git: git.and_then(|g| g.issues.get(id).copied()),
                total_clash: clashing.contains(id),
                history: if history {
                    lib.issue(id).map(|i| i.history.clone()).unwrap_or_default()
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// `jianbao list`: newest first, then the files that failed to load; in a
/// git work tree each issue's state (when not as committed) and the branch.
pub fn run_list(lib: &Library, lang: Lang, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let git = lib.git_states();
    let rows = list_rows(lib, git.as_ref().ok(), json);
    if json {
        let doc = ListJson {
            library: lib.root().display().to_string(),
            issues: &rows,
            problems: lib.problems.iter().map(|p| p.message(lang)).collect(),
            git: git.as_ref().ok().map(|g| GitJson {
                branch: g.repo.branch.clone(),
                upstream: g.repo.upstream.clone(),
                ahead: g.repo.ahead,
                behind: g.repo.behind,
            }),
            git_off: git.as_ref().err().map(|off| off.message(lang)),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "{}", lang.t(Msg::ListEmpty))?;
    }
    for r in &rows {
        let mut line = format!(
            "{}  {}  {}  {}  {}  {}",
            r.id,
            lang.issue_number(r.number, r.total, r.supplement),
            r.date,
            lang.status(r.status),
            lang.fmt(Msg::Articles, &[&r.articles]),
            lang.fmt(Msg::Chars, &[&r.chars]),
        );
        if let Some(state) = r
            .git
            .filter(|s| *s != crate::store::git::FileState::Unchanged)
        {
            line.push_str("  ");
            line.push_str(state.label(lang));
        }
        if r.total_clash
            && let Some(t) = r.total
        {
            line.push_str("  ");
            line.push_str(&lang.fmt(Msg::ListTotalClash, &[&t]));
        }
        writeln!(out, "{line}")?;
    }
    if !lib.problems.is_empty() {
        writeln!(out, "\n{}", lang.t(Msg::ListProblems))?;
        for p in &lib.problems {
            writeln!(out, "  {}", p.message(lang))?;
        }
    }
    if let Ok(g) = &git
        && let Some(branch) = &g.repo.branch
        && g.repo.upstream.is_some()
    {
        writeln!(
            out,
            "{}",
            lang.fmt(Msg::GitBranch, &[branch, &g.repo.ahead, &g.repo.behind])
        )?;
    }
    Ok(())
}

/// `jianbao new`: prints the new id.
pub fn run_new(
    lib: &mut Library,
    lang: Lang,
    args: &NewArgs,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let created = lib
        .create_next(args.from.as_ref(), date, args.supplement)
        .map_err(|e| UserError(e.message(lang)))?;
    let id = created.id;
    if let Some(taken) = created.taken {
        eprintln!("{}", lang.fmt(Msg::NumberTaken, &[&taken, &id]));
    }
    let issue = lib.summary(&id).expect("just created");
    let number = lang.issue_number(issue.number, issue.total, issue.supplement);
    writeln!(out, "{id}").map_err(|e| UserError(e.to_string()))?;
    eprintln!("{}", lang.fmt(Msg::NewCreated, &[&id, &number]));
    Ok(())
}

/// `jianbao check`: every problem, and whether there were any; then, for
/// information only (they do not fail the check: they are the safety net
/// working, not damage), unsaved text in recovery files and edit locks.
pub fn run_check(lib: &Library, lang: Lang, out: &mut dyn Write) -> std::io::Result<bool> {
    for p in &lib.problems {
        writeln!(out, "{}", p.message(lang))?;
    }
    // The index vouches for files unchanged since they last loaded; check
    // reads every one all the same, and reports articles over their
    // section's length limit (for information: an editor's call).
    let mut unloadable: Vec<String> = Vec::new();
    let mut overlong: Vec<String> = Vec::new();
    for (id, e) in lib.entries() {
        match lib.issue(id) {
            Ok(issue) => {
                for o in issue.overlong(&lib.settings) {
                    let s = &issue.sections[o.section];
                    overlong.push(lang.fmt(
                        Msg::CheckOverlong,
                        &[
                            &e.path.display(),
                            id,
                            &crate::model::bare_title(&s.title),
                            &s.articles[o.article].title_text(),
                            &o.chars,
                            &o.limit,
                        ],
                    ));
                }
            }
            Err(e) => unloadable.push(e.message(lang)),
        }
    }
    for m in &unloadable {
        writeln!(out, "{m}")?;
    }
    // Each 总第N期 is printed once.
    let clashes = lib.total_clashes();
    for c in &clashes {
        let ids: Vec<String> = c.ids.iter().map(|i| i.to_string()).collect();
        writeln!(
            out,
            "{}",
            lang.fmt(
                Msg::TotalClash,
                &[&c.total, &ids.join(lang.t(Msg::ListSeparator))]
            )
        )?;
    }
    // Unreadable recovery files may hold the only copy of unsaved text.
    let unreadable = Recovery::unreadable(lib).unwrap_or_else(|e| {
        vec![crate::store::Problem {
            path: lib.state_dir().join(crate::store::recovery::RECOVERY_DIR),
            kind: crate::store::ProblemKind::Io(e.message(lang)),
        }]
    });
    for p in &unreadable {
        writeln!(
            out,
            "{}",
            lang.fmt(Msg::CheckRecoveryUnreadable, &[&p.message(lang)])
        )?;
    }
    let problems = lib.problems.len() + unloadable.len() + unreadable.len() + clashes.len();
    let ok = problems == 0;
    if ok {
        writeln!(out, "{}", lang.fmt(Msg::CheckOk, &[&lib.len()]))?;
    } else {
        writeln!(
            out,
            "{}",
            lang.fmt(Msg::CheckFailed, &[&lib.len(), &problems])
        )?;
    }
    for line in &overlong {
        writeln!(out, "{line}")?;
    }
    match Recovery::pending(lib) {
        Ok(pending) => {
            for r in pending {
                let line = lang.fmt(
                    Msg::CheckRecovery,
                    &[&r.id, &r.written_local(), &r.user, &r.host],
                );
                writeln!(out, "{line}")?;
            }
        }
        Err(e) => writeln!(out, "{}", e.message(lang))?,
    }
    for temp in lib.stale_temps() {
        writeln!(out, "{}", lang.fmt(Msg::CheckStaleTemp, &[&temp.display()]))?;
    }
    match lib.locks() {
        Ok(locks) => {
            for status in locks {
                let (msg, info) = match &status {
                    LockStatus::Held(i) => (Msg::CheckLockHeld, i),
                    LockStatus::Stale(i) => (Msg::CheckLockStale, i),
                    LockStatus::Free => continue,
                };
                let line = lang.fmt(
                    msg,
                    &[
                        &info.id,
                        &info.user,
                        &info.host,
                        &info.pid,
                        &info.since_local(),
                    ],
                );
                writeln!(out, "{line}")?;
            }
        }
        Err(e) => writeln!(out, "{}", e.message(lang))?,
    }
    Ok(ok)
}

/// `jianbao export`: writes the file and prints its path.
pub fn run_export(
    lib: &Library,
    lang: Lang,
    args: &ExportArgs,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    let issue = lib
        .issue(&args.id)
        .map_err(|e| UserError(e.message(lang)))?;
    // An -o file whose extension names no format (z.rtf) is a mistake to
    // point out, not a Word file to write under that name.
    if args.format.is_none()
        && let Some(ext) = args
            .output
            .as_deref()
            .filter(|p| !p.is_dir() && *p != std::path::Path::new("-"))
            .and_then(|p| p.extension())
        && Format::parse(&ext.to_string_lossy()).is_none()
    {
        return Err(UserError(
            lang.fmt(Msg::BadFormat, &[&ext.to_string_lossy()]),
        ));
    }
    // --wrap asks for plain text when nothing else names a format.
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .or(args.wrap.map(|_| Format::Text))
        .unwrap_or(Format::Docx);
    let fail = |e: ExportError| {
        let mut msg = e.message(lang);
        if matches!(e, ExportError::Exists(_)) {
            msg = format!("{msg}{}", lang.t(Msg::ExportForceHint));
        }
        UserError(msg)
    };
    let to_stdout = args.output.as_deref() == Some(std::path::Path::new("-"));
    let path = match &args.output {
        Some(_) if to_stdout => PathBuf::from("-"),
        Some(p) if p.is_dir() => p.join(export::file_name(&args.id, format)),
        Some(p) => p.clone(),
        None => {
            export::create_exports_dir(lib.root()).map_err(fail)?;
            export::default_path(lib.root(), &args.id, format)
        }
    };
    let mut settings = lib.settings.export.clone();
    if args.no_contents {
        settings.contents = false;
    }
    if args.wrap.is_some() {
        if format != Format::Text {
            return Err(UserError(
                lang.fmt(Msg::WrapNeedsText, &[&format.extension()]),
            ));
        }
        settings.text_wrap = args.wrap;
    }
    let rendered = export::render_in(&issue, format, &settings, Some(lib.root())).map_err(fail)?;
    if to_stdout {
        out.write_all(&rendered.bytes)
            .and_then(|()| out.flush())
            .map_err(|e| UserError(e.to_string()))?;
    } else {
        export::write(&path, &rendered.bytes, args.force).map_err(fail)?;
        writeln!(out, "{}", path.display()).map_err(|e| UserError(e.to_string()))?;
    }
    eprintln!(
        "{}",
        lang.fmt(Msg::ExportDone, &[&args.id, &format.name(lang)])
    );
    if let Some(note) = rendered.font_note(lang) {
        eprintln!("{note}");
    }
    Ok(())
}

/// Takes the edit lock of `id`, waiting up to two seconds while another
/// command (an import `--into` started at the same moment) holds it; an
/// editor's lock is reported after that.
fn lock_briefly(lib: &Library, id: &IssueId) -> Result<crate::store::lock::IssueLock, StoreError> {
    lib.lock_briefly(id)
}

/// `jianbao import`: reads FILE (text, Word or PDF, told apart by content),
/// creates an issue (or adds the articles to `--into`), prints the id on
/// stdout and the summary on stderr. With `--dry-run` it prints the
/// structure it would create and writes nothing.
pub fn run_import(
    lib: &mut Library,
    lang: Lang,
    args: &ImportArgs,
    out: &mut dyn Write,
) -> Result<(), UserError> {
    use crate::import::{self, preview};
    let name = args.file.display().to_string();
    let fail = |m: Msg, rest: &[&dyn std::fmt::Display]| {
        let mut all: Vec<&dyn std::fmt::Display> = vec![&name];
        all.extend_from_slice(rest);
        UserError(lang.fmt(m, &all))
    };
    let size = std::fs::metadata(&args.file)
        .map_err(|e| fail(Msg::ImportRead, &[&e]))?
        .len();
    if size > crate::import::MAX_FILE_MB * 1024 * 1024 {
        return Err(fail(
            Msg::ImportTooLarge,
            &[&(size / 1024 / 1024), &crate::import::MAX_FILE_MB],
        ));
    }
    let bytes = std::fs::read(&args.file).map_err(|e| fail(Msg::ImportRead, &[&e]))?;
    let opts = import::Options {
        default_section: lib
            .settings
            .sections
            .first()
            .cloned()
            .unwrap_or_else(|| crate::model::Settings::default().sections[0].clone()),
        fallback_title: args
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone()),
    };
    let (imported, source) = import::read(&bytes, args.encoding, &opts)
        .map_err(|e| UserError(import::summary::error(lang, &name, &e)))?;
    // Only the clerk's own bulletin is completed from the settings.
    let fill = if args.fill || args.no_fill {
        args.fill
    } else {
        import::is_own(&imported.masthead, &lib.settings)
    };
    let today = chrono::Local::now().date_naive();
    let plan_new = |lib: &Library| {
        let existing: Vec<(IssueId, Option<u32>)> = lib
            .entries()
            .map(|(id, e)| (*id, e.summary.total))
            .collect();
        preview::plan_new(
            &name,
            source.clone(),
            imported.clone(),
            &existing,
            &lib.settings,
            today,
            fill,
            &opts.fallback_title,
        )
    };
    let plan_into = |issue: crate::model::Issue| {
        preview::plan_into(
            &name,
            source.clone(),
            imported.clone(),
            issue,
            args.section.as_deref(),
            &opts.fallback_title,
        )
    };
    let exists = |id: IssueId| UserError(lang.fmt(Msg::ImportExists, &[&id]));
    if let Some(id) = args.into {
        if !lib.contains(&id) {
            return Err(UserError(lib.why_missing(&id).message(lang)));
        }
        if imported.articles().next().is_none() {
            return Err(fail(Msg::ImportNoArticles, &[]));
        }
        // A signed issue takes no more articles until it is reopened.
        let target = lib.issue(&id).map_err(|e| UserError(e.message(lang)))?;
        if let Some(refusal) = workflow::refuse_read_only(lang, &id, &target) {
            return Err(refusal);
        }
    }
    if args.dry_run {
        let plan = match args.into {
            Some(id) => plan_into(
                lib.issue(&id)
                    .map_err(|e| UserError(e.message(lang)))?
                    .into_owned(),
            ),
            None => plan_new(lib).map_err(|import::BuildError::Exists(id)| exists(id))?,
        };
        for l in plan.preview(lang) {
            writeln!(out, "{l}").map_err(|e| UserError(e.to_string()))?;
        }
        return Ok(());
    }
    let mut taken = None;
    let (id, plan) = match args.into {
        Some(id) => {
            // An issue open in an editor is not written behind its back;
            // another import holds the lock only a moment.
            let _lock = lock_briefly(lib, &id).map_err(|e| UserError(e.message(lang)))?;
            // What others saved before we had the lock is kept.
            lib.reload(&id).map_err(|e| UserError(e.message(lang)))?;
            let plan = plan_into(
                lib.load(&id)
                    .map_err(|e| UserError(e.message(lang)))?
                    .clone(),
            );
            lib.save(&id, plan.issue.clone())
                .map_err(|e| workflow::store_error(lang, e))?;
            (id, plan)
        }
        None => {
            // Numbered and created in one step, exclusively: an import that
            // loses the race for a number to another process takes the next.
            let mut made = None;
            let created = lib
                .create_with(|lib| {
                    let plan = plan_new(lib)
                        .map_err(|import::BuildError::Exists(id)| StoreError::Exists(id))?;
                    let issue = plan.issue.clone();
                    made = Some(plan);
                    Ok(issue)
                })
                .map_err(|e| match e {
                    StoreError::Exists(id) => exists(id),
                    e => UserError(e.message(lang)),
                })?;
            taken = created.taken;
            (created.id, made.expect("planned before creating"))
        }
    };
    writeln!(out, "{id}").map_err(|e| UserError(e.to_string()))?;
    if let Some(taken) = taken {
        eprintln!("{}", lang.fmt(Msg::NumberTaken, &[&taken, &id]));
    }
    for l in plan.summary(lang) {
        eprintln!("{l}");
    }
    Ok(())
}
