use jianbao::app::App;
use jianbao::app::config::Config;
use jianbao::app::keymap::Keymap;
use jianbao::app::safety::EncodingProblem;
use jianbao::cli::{self, Command, UserError};
use jianbao::i18n::{Lang, Msg};
use jianbao::store::{Library, StoreError};
use jianbao::term::{self, Exit};
use jianbao::ui::theme::Theme;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let (cli, lang) = cli::parse(std::env::args().collect());
    let (config, config_problem) = load_config();
    // --lang wins, then the config file, then LANG.
    let lang = match (cli.lang, config.lang) {
        (Some(l), _) | (None, Some(l)) => l,
        _ => lang,
    };
    match run(&cli, lang, config, config_problem) {
        Ok(code) => code,
        Err(UserError(msg)) => {
            eprintln!("{}{}", lang.t(Msg::ErrorPrefix), msg);
            ExitCode::from(1)
        }
    }
}

fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jianbao").map(|d| d.config_dir().join("config.ron"))
}

/// The user's config, and a message when it exists but cannot be used.
fn load_config() -> (Config, Option<String>) {
    let Some(path) = config_path() else {
        return (Config::default(), None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => match Config::parse(&text) {
            Ok(c) => (c, None),
            Err(e) => (Config::default(), Some(format!("{}:{e}", path.display()))),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => (Config::default(), None),
        Err(e) => (Config::default(), Some(format!("{}: {e}", path.display()))),
    }
}

fn run(
    cli: &cli::Cli,
    lang: Lang,
    config: Config,
    config_problem: Option<String>,
) -> Result<ExitCode, UserError> {
    let mut lib = cli::open_library(cli, lang)?;
    // After opening, so a mistaken --library folder gets no `.state/`; a
    // read-only library runs without a log.
    let log = jianbao::store::log::init(lib.root()).ok();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let io = |e: io::Error| UserError(e.to_string());
    let actor = cli::actor(config.name.clone());
    match &cli.command {
        None => return run_tui(lib, lang, config, config_problem, None, log.as_deref()),
        Some(Command::Open(a)) => {
            if !lib.contains(&a.id) {
                return Err(UserError(lib.why_missing(&a.id).message(lang)));
            }
            return run_tui(
                lib,
                lang,
                config,
                config_problem,
                Some(a.id),
                log.as_deref(),
            );
        }
        Some(Command::List(a)) => cli::run_list(&lib, lang, a.json, &mut out).map_err(io)?,
        Some(Command::New(a)) => cli::run_new(&mut lib, lang, a, &mut out)?,
        Some(Command::Export(a)) => cli::run_export(&lib, lang, a, &mut out)?,
        Some(Command::Import(a)) => cli::run_import(&mut lib, lang, a, &mut out)?,
        Some(Command::Search(a)) => {
            let style = cli::SearchStyle {
                color: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
                width: io::stdout()
                    .is_terminal()
                    .then(|| crossterm::terminal::size().ok())
                    .flatten()
                    .map(|(w, _)| w as usize),
            };
            cli::run_search(&mut lib, lang, a, style, &mut out)?
        }
        Some(Command::Status(a)) => cli::run_status(&mut lib, lang, a, &actor, &mut out)?,
        Some(Command::Show(a)) => cli::run_show(&lib, lang, a, &mut out)?,
        Some(Command::Stats(a)) => cli::run_stats(&lib, lang, a, &mut out)?,
        Some(Command::Sync) => cli::run_sync(&mut lib, lang, &actor, &mut out)?,
        Some(Command::Submit(a)) => cli::run_submit(&lib, lang, a, &actor, &mut out)?,
        Some(Command::Inbox(a)) => cli::run_inbox(&mut lib, lang, a, &actor, &mut out)?,
        Some(Command::Check) => {
            if !cli::run_check(&lib, lang, &mut out).map_err(io)? {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_tui(
    lib: Library,
    lang: Lang,
    config: Config,
    config_problem: Option<String>,
    open: Option<jianbao::model::IssueId>,
    log: Option<&Path>,
) -> Result<ExitCode, UserError> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(UserError(lang.t(Msg::NeedTerminal).to_string()));
    }
    let keymap = Keymap::with_overrides(config.keys);
    let today = chrono::Local::now().date_naive();
    let mut app = App::new(lib, lang, keymap, today);
    app.actor = cli::actor(config.name.clone());
    app.config_path = config_path();
    if let Some(w) = config.text_width {
        app.text_width = w;
    }
    #[cfg(unix)]
    let signals =
        term::signals::Signals::spawn(app.snapshot_slot()).map_err(|e| UserError(e.to_string()))?;
    if let Some(p) = config_problem {
        app.notice = Some(jianbao::app::Notice {
            text: lang.fmt(Msg::ConfigProblem, &[&p]),
            error: true,
        });
    }
    if let Some(setting) = term::encoding::locale_problem(|n| std::env::var(n).ok()) {
        app.encoding_problem(EncodingProblem::Locale(setting));
    }
    // Start on the newest issue, ready to work.
    let target = open.or_else(|| app.issue_ids().first().copied());
    app.start(target);
    let theme = if term::output::is_dumb(std::env::var("TERM").ok().as_deref()) {
        Theme::mono()
    } else {
        Theme::from_env(std::env::var("NO_COLOR").ok().as_deref())
    };
    let session = term::Session {
        #[cfg(unix)]
        signals,
        probe: std::env::var_os("JIANBAO_NO_PROBE").is_none(),
    };
    let mut terminal = term::setup().map_err(|e| UserError(e.to_string()))?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        term::run(&mut terminal, &mut app, &theme, &session)
    }));
    term::restore();
    // Whatever happened, the terminal is back; now the text. Messages may
    // meet a terminal that has gone: their errors are of no interest.
    let mut err = io::stderr();
    let (code, recovery) = match outcome {
        Ok(Ok(Exit::Quit)) => (ExitCode::SUCCESS, app.finish()),
        Ok(Ok(Exit::Signal(sig))) => {
            let _ = writeln!(err, "{}", lang.fmt(Msg::ExitSignal, &[&signal_name(sig)]));
            (
                ExitCode::from((128 + sig).clamp(0, 255) as u8),
                app.finish(),
            )
        }
        Ok(Ok(Exit::HangUp)) => {
            let _ = writeln!(err, "{}", lang.t(Msg::ExitHangUp));
            (ExitCode::from(129), app.finish())
        }
        Ok(Err(e)) => {
            tracing::error!("terminal error: {e}");
            let _ = writeln!(err, "{}", lang.fmt(Msg::ExitCrash, &[&e]));
            print_log(&mut err, lang, log);
            (ExitCode::from(1), app.finish())
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let _ = writeln!(err, "{}", lang.fmt(Msg::ExitCrash, &[&what]));
            print_log(&mut err, lang, log);
            (ExitCode::from(101), app.rescue())
        }
    };
    report_recovery(&mut err, lang, recovery);
    Ok(code)
}

fn signal_name(sig: i32) -> &'static str {
    #[cfg(unix)]
    {
        term::signals::name(sig)
    }
    #[cfg(not(unix))]
    {
        let _ = sig;
        "signal"
    }
}

fn print_log(err: &mut impl Write, lang: Lang, log: Option<&Path>) {
    let _ = match log {
        Some(path) => writeln!(err, "{}", lang.fmt(Msg::ExitLog, &[&path.display()])),
        None => writeln!(err, "{}", lang.t(Msg::ExitNoLog)),
    };
}

fn report_recovery(
    err: &mut impl Write,
    lang: Lang,
    recovery: Option<Result<PathBuf, StoreError>>,
) {
    let _ = match recovery {
        Some(Ok(path)) => writeln!(err, "{}", lang.fmt(Msg::ExitRecovery, &[&path.display()])),
        Some(Err(e)) => writeln!(
            err,
            "{}",
            lang.fmt(Msg::ExitRecoveryFailed, &[&e.message(lang)])
        ),
        None => Ok(()),
    };
}
