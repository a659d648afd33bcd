//! What an import will do, as a value: the issue it creates (or the issue
//! it adds to), with what was found, tidied and filled from the library.
//! `jianbao import --dry-run` prints it; the editor can show the same
//! before the clerk confirms, then save [`Plan::issue`].

use super::{
    BuildError, Field, Filled, Imported, Placement, Source, add_articles, new_issue, summary,
};
use crate::i18n::{Lang, Msg};
use crate::model::{ArticleKind, Issue, IssueId, Settings};
use chrono::NaiveDate;

/// Where the articles go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A new issue.
    New,
    /// Added to an existing issue, per section.
    Into(Placement),
}

/// An import worked out, nothing written yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The file as named to the user.
    pub file: String,
    pub source: Source,
    pub imported: Imported,
    pub target: Target,
    /// The issue as it will be saved: new, or the existing one with the
    /// articles added.
    pub issue: Issue,
    /// Values of a new issue that are not from the text.
    pub filled: Vec<Filled>,
    /// The title given to articles without one (the file's name).
    pub fallback_title: String,
}

/// Plans a new issue from `imported` (see [`new_issue`]).
#[allow(clippy::too_many_arguments)]
pub fn plan_new(
    file: &str,
    source: Source,
    imported: Imported,
    existing: &[(IssueId, Option<u32>)],
    settings: &Settings,
    today: NaiveDate,
    fill: bool,
    fallback_title: &str,
) -> Result<Plan, BuildError> {
    let (issue, filled) = new_issue(&imported, existing, settings, today, fill)?;
    Ok(Plan {
        file: file.to_string(),
        source,
        imported,
        target: Target::New,
        issue,
        filled,
        fallback_title: fallback_title.to_string(),
    })
}

/// Plans adding the articles of `imported` to `issue` (see
/// [`add_articles`]).
pub fn plan_into(
    file: &str,
    source: Source,
    imported: Imported,
    mut issue: Issue,
    section: Option<&str>,
    fallback_title: &str,
) -> Plan {
    let placed = add_articles(&mut issue, &imported, section);
    Plan {
        file: file.to_string(),
        source,
        imported,
        target: Target::Into(placed),
        issue,
        filled: Vec::new(),
        fallback_title: fallback_title.to_string(),
    }
}

/// How a file was read, in words.
pub fn source_name(lang: Lang, source: &Source) -> String {
    match source {
        Source::Text(encoding) => (*encoding).to_string(),
        Source::Word => lang.t(Msg::ImportWord).to_string(),
        Source::Pdf { pages } => lang.fmt(Msg::ImportPdf, &[pages]),
    }
}

/// One line about a value not from the text.
pub fn filled_line(lang: Lang, f: &Filled) -> String {
    match f {
        Filled::Number { number, total } => lang.fmt(
            Msg::ImportNumbered,
            &[&lang.issue_number(*number, *total, false)],
        ),
        Filled::Date(d) => lang.fmt(Msg::ImportDateToday, &[d]),
        Filled::Bulletin(b) => lang.fmt(Msg::ImportBulletinFromSettings, &[b]),
        Filled::Issuer(i) => lang.fmt(Msg::ImportIssuerFromSettings, &[i]),
        Filled::Closing(c) => {
            let lines = c.distribution.len()
                + usize::from(c.copies.is_some())
                + usize::from(c.editor.is_some() || c.reviewer.is_some() || c.signer.is_some());
            lang.fmt(Msg::ImportClosingFromSettings, &[&lines])
        }
        Filled::Section(s) => lang.fmt(Msg::ImportSectionDefault, &[s]),
        Filled::Left(Field::Bulletin) => lang.t(Msg::ImportBulletinLeft).to_string(),
        Filled::Left(Field::Issuer) => lang.t(Msg::ImportIssuerMissing).to_string(),
        Filled::Left(Field::Closing) => lang.t(Msg::ImportClosingLeft).to_string(),
    }
}

impl Plan {
    /// Counts of the imported text: sections, articles, paragraphs, 字数.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        summary::counts(&self.imported)
    }

    /// The first line of the summary: what was created.
    pub fn headline(&self, lang: Lang) -> String {
        self.headline_as(lang, false)
    }

    /// What was created, or (`future`) what will be.
    fn headline_as(&self, lang: Lang, future: bool) -> String {
        let (sections, articles, paragraphs, chars) = self.counts();
        let (created, added) = if future {
            (Msg::ImportWillCreate, Msg::ImportWillAdd)
        } else {
            (Msg::ImportCreated, Msg::ImportAdded)
        };
        match &self.target {
            Target::New => lang.fmt(
                created,
                &[
                    &self.issue.id(),
                    &lang.issue_number(self.issue.number, self.issue.total, self.issue.supplement),
                    &sections,
                    &articles,
                    &paragraphs,
                    &chars,
                ],
            ),
            Target::Into(placed) => {
                let sep = lang.t(Msg::ListSeparator);
                let placed: Vec<String> = placed
                    .iter()
                    .map(|(s, n)| lang.fmt(Msg::ImportPlacement, &[s, n]))
                    .collect();
                lang.fmt(
                    added,
                    &[
                        &self.issue.id(),
                        &articles,
                        &paragraphs,
                        &chars,
                        &placed.join(sep),
                    ],
                )
            }
        }
    }

    /// The summary printed after an import: the file, what was found in
    /// the masthead, what was filled or left empty, what to check, what was
    /// tidied.
    pub fn summary(&self, lang: Lang) -> Vec<String> {
        let mut out = vec![
            self.headline(lang),
            lang.fmt(
                Msg::ImportSource,
                &[&self.file, &source_name(lang, &self.source)],
            ),
        ];
        let issue = matches!(self.target, Target::New).then_some(&self.issue);
        out.extend(summary::details(
            lang,
            &self.imported,
            issue,
            &self.fallback_title,
        ));
        out.extend(self.filled.iter().map(|f| filled_line(lang, f)));
        out.extend(summary::tidied(lang, &self.imported.report));
        out
    }

    /// The structure as it will be saved, for a preview: masthead,
    /// sections, each article's title, kind, source, paragraphs and 字数,
    /// the closing block; then the summary lines.
    pub fn preview(&self, lang: Lang) -> Vec<String> {
        let mut out = vec![
            lang.t(Msg::ImportDryRun).to_string(),
            self.headline_as(lang, true),
        ];
        let i = &self.issue;
        let blank = |s: &str| {
            if s.is_empty() {
                lang.t(Msg::ImportEmptyValue).to_string()
            } else {
                s.to_string()
            }
        };
        if matches!(self.target, Target::New) {
            out.push(lang.fmt(
                Msg::ImportPreviewMasthead,
                &[
                    &blank(&i.bulletin),
                    &lang.issue_number(i.number, i.total, i.supplement),
                    &blank(&i.issuer),
                    &i.date,
                ],
            ));
            let marks = i.marks.lines();
            if !marks.is_empty() {
                out.push(lang.fmt(Msg::ImportPreviewMarks, &[&marks.join(" / ")]));
            }
        }
        for s in &self.imported.sections {
            if s.articles.is_empty() {
                continue;
            }
            out.push(format!("【{}】", s.title));
            for a in &s.articles {
                let kind = match a.kind {
                    ArticleKind::Feature => String::new(),
                    ArticleKind::Brief => format!("〔{}〕", lang.kind(ArticleKind::Brief)),
                };
                let source = a
                    .source
                    .as_deref()
                    .map(|s| format!("（{s}）"))
                    .unwrap_or_default();
                out.push(format!(
                    "  {kind}{}{source}  {}",
                    a.title.join(" / "),
                    lang.fmt(
                        Msg::ImportPreviewArticle,
                        &[&a.paragraphs.len(), &a.char_count()]
                    )
                ));
            }
        }
        if matches!(self.target, Target::New) {
            let c = &i.closing;
            if *c != Default::default() {
                let mut parts: Vec<String> = c
                    .distribution
                    .iter()
                    .map(|d| format!("{}：{}", d.kind.label(), d.recipients))
                    .collect();
                if let Some(n) = c.copies {
                    parts.push(lang.fmt(Msg::ImportPreviewCopies, &[&n]));
                }
                for (label, v) in [
                    (Msg::FieldEditor, &c.editor),
                    (Msg::FieldReviewer, &c.reviewer),
                    (Msg::FieldSigner, &c.signer),
                ] {
                    if let Some(v) = v {
                        parts.push(lang.fmt(Msg::LabelValue, &[&lang.t(label), v]));
                    }
                }
                out.push(lang.fmt(
                    Msg::ImportPreviewClosing,
                    // Recipients hold commas of their own.
                    &[&parts.join(match lang {
                        Lang::Zh => "；",
                        Lang::En => "; ",
                    })],
                ));
            }
        }
        out.extend(self.summary(lang).into_iter().skip(1));
        out
    }
}
