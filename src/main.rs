use jianbao::cli::{self, Command, UserError};
use jianbao::i18n::{Lang, Msg};
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let (cli, lang) = cli::parse(std::env::args().collect());
    match run(&cli, lang) {
        Ok(code) => code,
        Err(UserError(msg)) => {
            eprintln!("{}{}", lang.t(Msg::ErrorPrefix), msg);
            ExitCode::from(1)
        }
    }
}

fn run(cli: &cli::Cli, lang: Lang) -> Result<ExitCode, UserError> {
    let mut lib = cli::open_library(cli, lang)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let io = |e: io::Error| UserError(e.to_string());
    match &cli.command {
        None | Some(Command::Open(_)) => {
            // The TUI is not built yet: show where the library is and what it holds.
            writeln!(
                out,
                "{}",
                lang.fmt(Msg::LibraryAt, &[&lib.root().display()])
            )
            .map_err(io)?;
            if let Some(Command::Open(a)) = &cli.command
                && lib.get(&a.id).is_none()
            {
                return Err(UserError(lang.fmt(Msg::NoSuchIssue, &[&a.id])));
            }
            cli::run_list(&lib, lang, false, &mut out).map_err(io)?;
        }
        Some(Command::List(a)) => cli::run_list(&lib, lang, a.json, &mut out).map_err(io)?,
        Some(Command::New(a)) => cli::run_new(&mut lib, lang, a, &mut out)?,
        Some(Command::Import(a)) => cli::run_import(&mut lib, lang, a, &mut out)?,
        Some(Command::Check) => {
            if !cli::run_check(&lib, lang, &mut out).map_err(io)? {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
