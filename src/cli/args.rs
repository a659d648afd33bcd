//! The command line's arguments: the commands and their options, parsed
//! with help texts in the user's language.

use super::{InboxArgs, SearchArgs, ShowArgs, StatsArgs, StatusArgs, SubmitArgs};
use crate::export::Format;
use crate::i18n::{Lang, Msg};
use crate::model::IssueId;
use chrono::NaiveDate;
use clap::{Arg, ArgAction, ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "jianbao", version, disable_help_subcommand = true)]
pub struct Cli {
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,
    #[arg(long, global = true, value_name = "zh|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Open(OpenArgs),
    List(ListArgs),
    New(NewArgs),
    Check,
    Export(ExportArgs),
    Import(ImportArgs),
    Search(SearchArgs),
    Status(StatusArgs),
    Show(ShowArgs),
    Stats(StatsArgs),
    Sync,
    Submit(SubmitArgs),
    Inbox(InboxArgs),
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: IssueId,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[arg(long, value_name = "ID", value_parser = parse_id)]
    pub from: Option<IssueId>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    #[arg(long)]
    pub supplement: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: IssueId,
    #[arg(short, long, value_name = "docx|pdf|html|md|txt", value_parser = parse_format)]
    pub format: Option<Format>,
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub no_contents: bool,
    #[arg(long, value_name = "N", value_parser = parse_wrap)]
    pub wrap: Option<u32>,
}

fn parse_wrap(s: &str) -> Result<u32, String> {
    let range = crate::model::PrintSettings::TEXT_WRAP;
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| detect_lang_from_env().fmt(Msg::BadWrap, &[&s, range.start(), range.end()]))
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| detect_lang_from_env().fmt(Msg::BadFormat, &[&s]))
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    #[arg(long, value_name = "ID", value_parser = parse_id)]
    pub into: Option<IssueId>,
    #[arg(long, value_name = "NAME", requires = "into")]
    pub section: Option<String>,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, conflicts_with_all = ["no_fill", "into"])]
    pub fill: bool,
    #[arg(long, conflicts_with = "into")]
    pub no_fill: bool,
}

fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    crate::import::decode::encoding_for_label(s)
        .ok_or_else(|| detect_lang_from_env().fmt(Msg::ImportUnknownEncoding, &[&s]))
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| detect_lang_from_env().fmt(Msg::BadLang, &[&s]))
}

pub(super) fn parse_id(s: &str) -> Result<IssueId, String> {
    s.parse()
        .map_err(|_| detect_lang_from_env().fmt(Msg::BadIssueId, &[&s]))
}

pub(super) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| detect_lang_from_env().fmt(Msg::BadDate, &[&s]))
}

/// The language from `LC_ALL`, `LC_MESSAGES` or `LANG` (first one set).
pub fn detect_lang_from_env() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map(|v| Lang::from_locale(&v))
        .unwrap_or(Lang::En)
}

/// `--lang` as given on the command line, found before clap parses so the
/// help text itself can be in that language.
fn lang_from_args(args: &[String]) -> Option<Lang> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--lang" {
            return it.next().and_then(|v| Lang::parse(v));
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::parse(v);
        }
    }
    None
}

/// A subcommand's name, its description and its arguments' help.
type SubcommandHelp = (&'static str, Msg, &'static [(&'static str, Msg)]);

/// The clap command with every help text taken from the message table.
pub fn command(lang: Lang) -> clap::Command {
    let t = |m| lang.t(m);
    let template = format!(
        "{{about}}\n\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t(Msg::CliUsageHeading)
    );
    let options = t(Msg::CliOptionsHeading);
    let localize = |c: clap::Command| c.help_template(&template).next_help_heading(options);
    // clap adds its own --help/--version when the command is built, too late
    // to translate them: declare them here instead.
    let mut cmd = localize(Cli::command())
        .about(t(Msg::CliAbout))
        .subcommand_help_heading(t(Msg::CliCommandsHeading))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help)
                .help(t(Msg::CliHelp))
                .help_heading(options),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(Msg::CliVersion))
                .help_heading(options),
        )
        .mut_arg("library", |a| {
            a.help(t(Msg::CliLibrary)).help_heading(options)
        })
        .mut_arg("lang", |a| a.help(t(Msg::CliLang)).help_heading(options));
    let subs: [SubcommandHelp; 13] = [
        ("open", Msg::CliOpen, &[("id", Msg::CliOpenId)]),
        ("list", Msg::CliList, &[("json", Msg::CliListJson)]),
        (
            "new",
            Msg::CliNew,
            &[
                ("from", Msg::CliNewFrom),
                ("date", Msg::CliNewDate),
                ("supplement", Msg::CliNewSupplement),
            ],
        ),
        ("check", Msg::CliCheck, &[]),
        (
            "export",
            Msg::CliExport,
            &[
                ("id", Msg::CliExportId),
                ("format", Msg::CliExportFormat),
                ("output", Msg::CliExportOutput),
                ("force", Msg::CliExportForce),
                ("no_contents", Msg::CliExportNoContents),
                ("wrap", Msg::CliExportWrap),
            ],
        ),
        (
            "import",
            Msg::CliImport,
            &[
                ("file", Msg::CliImportFile),
                ("encoding", Msg::CliImportEncoding),
                ("into", Msg::CliImportInto),
                ("section", Msg::CliImportSection),
                ("dry_run", Msg::CliImportDryRun),
                ("fill", Msg::CliImportFill),
                ("no_fill", Msg::CliImportNoFill),
            ],
        ),
        (
            "search",
            Msg::CliSearch,
            &[
                ("words", Msg::CliSearchWords),
                ("json", Msg::CliListJson),
                ("year", Msg::CliSearchYear),
                ("section", Msg::CliSearchSection),
                ("status", Msg::CliSearchStatus),
            ],
        ),
        (
            "status",
            Msg::CliStatus,
            &[
                ("id", Msg::CliStatusId),
                ("to", Msg::CliStatusTo),
                ("note", Msg::CliStatusNote),
            ],
        ),
        (
            "show",
            Msg::CliShow,
            &[
                ("id", Msg::CliStatusId),
                ("history", Msg::CliShowHistory),
                ("json", Msg::CliListJson),
            ],
        ),
        (
            "stats",
            Msg::CliStats,
            &[
                ("by", Msg::CliStatsBy),
                ("year", Msg::CliStatsYear),
                ("quarter", Msg::CliStatsQuarter),
                ("from", Msg::CliStatsFrom),
                ("to", Msg::CliStatsTo),
                ("format", Msg::CliStatsFormat),
                ("signed", Msg::CliStatsSigned),
            ],
        ),
        ("sync", Msg::CliSync, &[]),
        (
            "submit",
            Msg::CliSubmit,
            &[
                ("file", Msg::CliSubmitFile),
                ("unit", Msg::CliSubmitUnit),
                ("note", Msg::CliSubmitNote),
            ],
        ),
        (
            "inbox",
            Msg::CliInbox,
            &[
                ("json", Msg::CliListJson),
                ("pending", Msg::CliInboxPending),
            ],
        ),
    ];
    // A subcommand's description and its arguments' help, each under its
    // heading.
    let describe = |c: clap::Command, about: Msg, args: &[(&str, Msg)]| {
        let mut c = localize(c).about(t(about));
        for (id, help) in args {
            let positional = c
                .get_arguments()
                .any(|a| a.get_id() == id && a.is_positional());
            let heading = if positional {
                t(Msg::CliArgumentsHeading)
            } else {
                options
            };
            c = c.mut_arg(*id, |a| a.help(t(*help)).help_heading(heading));
        }
        c
    };
    for (name, about, args) in subs {
        cmd = cmd.mut_subcommand(name, |c| describe(c, about, args));
    }
    let inbox_actions: [SubcommandHelp; 5] = [
        ("show", Msg::CliInboxShow, &[("sub", Msg::CliInboxSub)]),
        (
            "adopt",
            Msg::CliInboxAdopt,
            &[
                ("sub", Msg::CliInboxSub),
                ("into", Msg::CliInboxInto),
                ("section", Msg::CliInboxSection),
                ("brief", Msg::CliInboxBrief),
            ],
        ),
        (
            "return",
            Msg::CliInboxReturn,
            &[("sub", Msg::CliInboxSub), ("note", Msg::CliInboxNote)],
        ),
        (
            "decline",
            Msg::CliInboxDecline,
            &[("sub", Msg::CliInboxSub), ("reason", Msg::CliInboxReason)],
        ),
        (
            "unit",
            Msg::CliInboxUnit,
            &[("sub", Msg::CliInboxSub), ("unit", Msg::CliInboxUnitName)],
        ),
    ];
    cmd = cmd.mut_subcommand("inbox", |mut inbox| {
        inbox = inbox.subcommand_help_heading(t(Msg::CliCommandsHeading));
        for (name, about, args) in inbox_actions {
            inbox = inbox.mut_subcommand(name, |c| describe(c, about, args));
        }
        inbox
    });
    cmd
}

/// `jianbao help [COMMAND]`, as git and cargo have it, is `jianbao
/// [COMMAND] --help` (clap's own help command speaks English only).
fn help_as_flag(mut args: Vec<String>) -> Vec<String> {
    let mut i = 1;
    while let Some(a) = args.get(i) {
        match a.as_str() {
            "--library" | "--lang" => i += 2,
            a if a.starts_with('-') => i += 1,
            "help" => {
                args.remove(i);
                args.push("--help".to_string());
                break;
            }
            _ => break,
        }
    }
    args
}

/// Parses the process arguments; on `--help`, `--version` or a usage error
/// clap prints and exits (0 or 2).
pub fn parse(args: Vec<String>) -> (Cli, Lang) {
    let args = help_as_flag(args);
    let lang = lang_from_args(&args).unwrap_or_else(detect_lang_from_env);
    let matches: ArgMatches = command(lang).get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let lang = cli.lang.unwrap_or(lang);
    (cli, lang)
}
