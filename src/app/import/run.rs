//! The app's side of the import overlay: opening it, reading and planning
//! the file, and making the import (a new issue, numbered at the moment it
//! is written; or the articles added to the open issue and saved).

use super::paths::{self, Roots};
use super::{Ask, EncodingChoice, Import, Step, Target};
use crate::app::tree::Node;
use crate::app::undo::Label;
use crate::app::{After, App, Command, Focus, Overlay};
use crate::i18n::Msg;
use crate::import::{self, preview, sniff};
use crate::model::{ArticleRef, IssueId};
use crate::store::StoreError;
use encoding_rs::Encoding;
use std::path::{Path, PathBuf};

/// What reading a file gave.
enum Read {
    Plan(Box<preview::Plan>),
    /// The encoding is not sure: these are offered.
    Unsure(Vec<EncodingChoice>),
}

/// Where relative and `~` paths start in an editor started in `cwd`.
pub fn roots() -> Roots {
    Roots {
        base: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        home: directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()),
    }
}

/// The first lines of `text` that hold something, joined, for choosing an
/// encoding by eye. Private-use characters (what Big5 read as GB18030 is
/// full of) show as `?`: terminals disagree on their width.
fn sample(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join("  ")
        .chars()
        .map(|c| match c {
            '\u{E000}'..='\u{F8FF}' | '\u{F0000}'.. => '?',
            c => c,
        })
        .collect()
}

impl App {
    /// Opens the import prompt: for a new issue, or into the open issue
    /// (refused when it is signed or distributed).
    pub(in crate::app) fn open_import(&mut self, cmd: Command) {
        let target = if cmd == Command::ImportInto {
            let Some(id) = self.doc.as_ref().map(|d| d.id) else {
                self.notify(self.lang.t(Msg::NoIssueOpen).to_string());
                return;
            };
            if self.refuse_signed() {
                return;
            }
            Target::Into(id)
        } else {
            Target::New
        };
        let import = Import::new(
            target,
            self.import_roots.clone(),
            &self.import_last,
            self.width,
            self.height,
        );
        self.overlay = Some(Overlay::Import(Box::new(import)));
    }

    /// Carries out what the import overlay asks.
    pub(in crate::app) fn import_ask(&mut self, ask: Ask) {
        let Some(Overlay::Import(mut import)) = self.overlay.take() else {
            return;
        };
        match ask {
            Ask::Read { file, encoding } => self.read_import(&mut import, file, encoding),
            Ask::Confirm => {
                if self.make_import(&mut import) {
                    return;
                }
            }
        }
        self.overlay = Some(Overlay::Import(import));
    }

    fn read_import(
        &mut self,
        import: &mut Import,
        file: PathBuf,
        encoding: Option<&'static Encoding>,
    ) {
        let name = import.roots.shown(&file);
        match self.read_file(import.target, &file, &name, encoding) {
            Ok(Read::Plan(plan)) => {
                // The next import starts in this one's folder.
                self.import_last = paths::split(import.input.text()).0.to_string();
                import.show(*plan, file, encoding, self.lang);
            }
            Ok(Read::Unsure(choices)) => {
                import.error = None;
                import.step = Step::Encoding {
                    file,
                    choices,
                    selected: 0,
                };
            }
            Err(message) => import.fail(message),
        }
    }

    /// Reads `file` and works out the import, or says why not.
    fn read_file(
        &mut self,
        target: Target,
        file: &Path,
        name: &str,
        encoding: Option<&'static Encoding>,
    ) -> Result<Read, String> {
        let lang = self.lang;
        let fail = |m: Msg, rest: &[&dyn std::fmt::Display]| {
            let mut all: Vec<&dyn std::fmt::Display> = vec![&name];
            all.extend_from_slice(rest);
            lang.fmt(m, &all)
        };
        let meta = std::fs::metadata(file).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => fail(Msg::ImportNotFound, &[]),
            _ => fail(Msg::ImportRead, &[&e]),
        })?;
        if meta.is_dir() {
            return Err(fail(Msg::ImportIsDir, &[]));
        }
        if meta.len() > import::MAX_FILE_MB * 1024 * 1024 {
            return Err(fail(
                Msg::ImportTooLarge,
                &[&(meta.len() / 1024 / 1024), &import::MAX_FILE_MB],
            ));
        }
        let bytes = std::fs::read(file).map_err(|e| fail(Msg::ImportRead, &[&e]))?;
        if encoding.is_none()
            && sniff::sniff(&bytes) == sniff::Kind::Text
            && let Some(offered) = import::decode::unsure(&bytes)
        {
            return Ok(Read::Unsure(
                offered
                    .into_iter()
                    .map(|(encoding, d)| EncodingChoice {
                        encoding,
                        sample: sample(&d.text),
                    })
                    .collect(),
            ));
        }
        let fallback_title = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.to_string());
        let opts = import::Options {
            default_section: self
                .lib
                .settings
                .sections
                .first()
                .cloned()
                .unwrap_or_else(|| crate::model::Settings::default().sections[0].clone()),
            fallback_title,
        };
        let (imported, source) = import::read(&bytes, encoding, &opts).map_err(|e| match e {
            // The command line's wording names --encoding; here the
            // encodings were offered already.
            import::ReadError::Text(import::decode::DecodeError::Binary) => {
                fail(Msg::ImportBinaryApp, &[])
            }
            e => import::summary::error(lang, name, &e),
        })?;
        match target {
            Target::New => self
                .plan_new(name, source, imported, &opts.fallback_title)
                .map(|p| Read::Plan(Box::new(p))),
            Target::Into(id) => {
                if imported.articles().next().is_none() {
                    return Err(fail(Msg::ImportNoArticles, &[]));
                }
                let doc = self
                    .doc
                    .as_mut()
                    .filter(|d| d.id == id)
                    .ok_or_else(|| lang.t(Msg::NoIssueOpen).to_string())?;
                // Into the issue as it is on screen, unsaved edits included.
                doc.flush();
                Ok(Read::Plan(Box::new(preview::plan_into(
                    name,
                    source,
                    imported,
                    doc.issue.clone(),
                    None,
                    &opts.fallback_title,
                ))))
            }
        }
    }

    /// Plans a new issue from the library as it is now; only the clerk's
    /// own bulletin is completed from the settings.
    fn plan_new(
        &self,
        name: &str,
        source: import::Source,
        imported: import::Imported,
        fallback_title: &str,
    ) -> Result<preview::Plan, String> {
        let fill = import::is_own(&imported.masthead, &self.lib.settings);
        let existing: Vec<(IssueId, Option<u32>)> = self
            .lib
            .entries()
            .map(|(id, e)| (*id, e.summary.total))
            .collect();
        preview::plan_new(
            name,
            source,
            imported,
            &existing,
            &self.lib.settings,
            self.today,
            fill,
            fallback_title,
        )
        .map_err(|import::BuildError::Exists(id)| self.exists_message(id))
    }

    fn exists_message(&self, id: IssueId) -> String {
        self.hint(Msg::ImportExistsApp, &[&id])
    }

    /// Makes the import shown; returns whether the overlay is done (closed,
    /// or replaced by a dialog of the save).
    fn make_import(&mut self, import: &mut Import) -> bool {
        let Step::Preview(shown) = &import.step else {
            return false;
        };
        let plan = shown.plan.clone();
        match import.target {
            Target::New => self.create_imported(import, &plan),
            Target::Into(id) => self.add_imported(import, id, &plan),
        }
    }

    /// Creates the new issue, numbered again from the library as it is at
    /// this moment (another clerk may have taken the number meanwhile),
    /// and opens it.
    fn create_imported(&mut self, import: &mut Import, shown: &preview::Plan) -> bool {
        let mut made = None;
        let created = self.lib.create_with(|lib| {
            let fill = import::is_own(&shown.imported.masthead, &lib.settings);
            let existing: Vec<(IssueId, Option<u32>)> = lib
                .entries()
                .map(|(id, e)| (*id, e.summary.total))
                .collect();
            let plan = preview::plan_new(
                &shown.file,
                shown.source.clone(),
                shown.imported.clone(),
                &existing,
                &lib.settings,
                self.today,
                fill,
                &shown.fallback_title,
            )
            .map_err(|import::BuildError::Exists(id)| StoreError::Exists(id))?;
            let issue = plan.issue.clone();
            made = Some(plan);
            Ok(issue)
        });
        let (created, plan) = match (created, made) {
            (Ok(created), Some(plan)) => (created, plan),
            (Err(StoreError::Exists(id)), _) => {
                import.fail(self.exists_message(id));
                return false;
            }
            (Err(e), _) => {
                import.fail(e.message(self.lang));
                return false;
            }
            (Ok(_), None) => unreachable!("planned before creating"),
        };
        let id = created.id;
        let mut done = plan.headline(self.lang);
        if let Some(taken) = created.taken {
            done = format!("{} {done}", self.lang.fmt(Msg::NumberTaken, &[&taken, &id]));
        }
        self.select_in_list(id);
        // The open issue's unsaved changes are asked about first.
        self.guard_unsaved(After::Open(id));
        if self.doc.as_ref().is_some_and(|d| d.id == id) || self.overlay.is_some() {
            self.notify(done);
        } else {
            // Opening stopped (a lock or load problem said why): the issue
            // is made all the same.
            let why = self.notice.take().map(|n| n.text).unwrap_or_default();
            self.notify(format!("{done} {why}").trim_end().to_string());
        }
        true
    }

    /// Adds the articles to the open issue and saves it. Refused for a
    /// signed issue; a save that fails puts the issue back as it was.
    fn add_imported(&mut self, import: &mut Import, id: IssueId, shown: &preview::Plan) -> bool {
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut().filter(|d| d.id == id) else {
            import.fail(lang.t(Msg::NoIssueOpen).to_string());
            return false;
        };
        doc.flush();
        let before = doc.issue.clone();
        let plan = preview::plan_into(
            &shown.file,
            shown.source.clone(),
            shown.imported.clone(),
            before.clone(),
            None,
            &shown.fallback_title,
        );
        if let Some(refusal) = self.signed_refusal() {
            import.fail(refusal);
            return false;
        }
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        // The articles go in as one step of the tree's undo.
        let added = plan
            .issue
            .article_count()
            .saturating_sub(doc.issue.article_count());
        doc.begin(Label::new(Msg::UndoImport, &[&added]));
        match crate::app::undo::insertions(&doc.issue, &plan.issue) {
            Some(ops) => {
                for op in ops {
                    doc.apply_op(op);
                }
            }
            None => {
                doc.issue = plan.issue.clone();
                doc.journal.clear();
            }
        }
        let recorded = doc.commit();
        doc.tree.fix(&doc.issue);
        if self.save() {
            // The first article added is selected in the tree.
            if let (Some(doc), preview::Target::Into(placed)) = (self.doc.as_mut(), &plan.target)
                && let Some((title, n)) = placed.first()
                && let Some(s) = doc.issue.sections.iter().position(|s| s.title == *title)
            {
                let len = doc.issue.sections[s].articles.len();
                doc.tree.collapsed[s] = false;
                doc.tree.selected = Some(Node::Article(ArticleRef::new(s, len - n)));
            }
            self.focus = Focus::Tree;
            self.notify(plan.headline(lang));
            return true;
        }
        if self.overlay.is_some() {
            // The save asks (the file changed on disk): the articles stay in
            // the working copy, and the dialog decides.
            return true;
        }
        let why = self.notice.take().map(|n| n.text).unwrap_or_default();
        if let Some(doc) = self.doc.as_mut() {
            if !(recorded && doc.retract()) {
                doc.issue = before;
            }
            doc.tree.fix(&doc.issue);
        }
        import.fail(why);
        false
    }
}
