use jianbao::app::config::Config;
use jianbao::app::keymap::Keymap;
use jianbao::app::{App, Command as AppCommand};
use jianbao::cli::{self, Command, UserError};
use jianbao::i18n::{Lang, Msg};
use jianbao::store::Library;
use jianbao::term;
use jianbao::ui::theme::Theme;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
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
    let _ = jianbao::store::log::init(lib.root());
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let io = |e: io::Error| UserError(e.to_string());
    match &cli.command {
        None => run_tui(lib, lang, config, config_problem, None)?,
        Some(Command::Open(a)) => {
            if lib.get(&a.id).is_none() {
                return Err(UserError(lang.fmt(Msg::NoSuchIssue, &[&a.id])));
            }
            run_tui(lib, lang, config, config_problem, Some(a.id))?
        }
        Some(Command::List(a)) => cli::run_list(&lib, lang, a.json, &mut out).map_err(io)?,
        Some(Command::New(a)) => cli::run_new(&mut lib, lang, a, &mut out)?,
        Some(Command::Export(a)) => cli::run_export(&lib, lang, a, &mut out)?,
        Some(Command::Import(a)) => cli::run_import(&mut lib, lang, a, &mut out)?,
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
) -> Result<(), UserError> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(UserError(lang.t(Msg::NeedTerminal).to_string()));
    }
    let keymap = Keymap::with_overrides(config.keys);
    let today = chrono::Local::now().date_naive();
    let mut app = App::new(lib, lang, keymap, today);
    if let Some(p) = config_problem {
        app.notice = Some(jianbao::app::Notice {
            text: lang.fmt(Msg::ConfigProblem, &[&p]),
            error: true,
        });
    }
    match open {
        Some(id) => app.open_issue(id),
        None => {
            // Start on the newest issue, ready to work.
            if !app.issue_ids().is_empty() {
                app.run(AppCommand::Open);
            }
        }
    }
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let mut terminal = term::setup().map_err(|e| UserError(e.to_string()))?;
    let result = term::run(&mut terminal, &mut app, &theme);
    term::restore();
    result.map_err(|e| UserError(e.to_string()))
}
