//! Forms: the issue properties (masthead, marks and closing block, with the
//! history of status), a change of status, an article's title/kind/source,
//! a section's name. Validated before anything changes.

mod issue;
mod new_issue;
mod status;

pub use new_issue::{NewIssueChoice, NewIssueInfo};
pub use status::move_label;

use super::Command;
use super::input::LineInput;
use super::overlay::{Env, Keys, Outcome};
use super::tree::Node;
use crate::export::Format;
use crate::i18n::{Lang, Msg};
use crate::model::{Article, ArticleKind, ArticleRef, IssueId};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        required: bool,
    },
    /// A whole number ≥ 1.
    Number {
        required: bool,
    },
    Date,
    Toggle(bool),
    /// One of several labels; the value is the index.
    Choice {
        options: Vec<Msg>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: Msg,
    pub kind: FieldKind,
    pub input: LineInput,
}

impl Field {
    fn text(label: Msg, value: &str, required: bool) -> Field {
        Field {
            label,
            kind: FieldKind::Text { required },
            input: LineInput::new(value),
        }
    }

    fn choice(label: Msg, options: Vec<Msg>, index: usize) -> Field {
        Field {
            label,
            kind: FieldKind::Choice { options, index },
            input: LineInput::default(),
        }
    }

    /// The index of a choice field's value.
    fn index(&self) -> usize {
        match self.kind {
            FieldKind::Choice { index, .. } => index,
            _ => 0,
        }
    }

    fn number(label: Msg, value: Option<u32>, required: bool) -> Field {
        Field {
            label,
            kind: FieldKind::Number { required },
            input: LineInput::new(&value.map(|n| n.to_string()).unwrap_or_default()),
        }
    }

    /// Whether typing goes into this field (toggles and choices take Space/←/→).
    pub fn is_textual(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Text { .. } | FieldKind::Number { .. } | FieldKind::Date
        )
    }

    /// The text shown for the value.
    pub fn display(&self, lang: Lang) -> String {
        match &self.kind {
            FieldKind::Toggle(on) => lang.t(if *on { Msg::Yes } else { Msg::No }).to_string(),
            FieldKind::Choice { options, index } => lang.t(options[*index]).to_string(),
            _ => self.input.text().to_string(),
        }
    }
}

/// What a form edits, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Issue,
    Article(ArticleRef),
    NewArticle(Option<Node>),
    Section(usize),
    NewSection(Option<Node>),
    Export,
    /// A change of status of this issue.
    Status(IssueId),
    /// A new issue: its numbers and date (Ctrl+N).
    NewIssue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The first validation problem, shown under the fields.
    pub error: Option<String>,
    /// Lines shown under the fields: the status and its history, clashes.
    pub info: Vec<String>,
    /// Why nothing may be changed (a signed issue), said at any edit.
    pub read_only: Option<String>,
    /// The library's numbering, for the new-issue form.
    pub new_issue: Option<Box<NewIssueInfo>>,
}

const KIND_OPTIONS: [Msg; 2] = [Msg::KindFeature, Msg::KindBrief];
/// In the order of [`Format::ALL`].
const FORMAT_OPTIONS: [Msg; 5] = [
    Msg::FormatDocx,
    Msg::FormatPdf,
    Msg::FormatHtml,
    Msg::FormatMarkdown,
    Msg::FormatText,
];

impl Form {
    fn new(kind: FormKind, fields: Vec<Field>) -> Form {
        Form {
            kind,
            fields,
            focus: 0,
            error: None,
            info: Vec::new(),
            read_only: None,
            new_issue: None,
        }
    }

    fn article_fields(article: &Article) -> Vec<Field> {
        let line = |i: usize| article.title.get(i).map(String::as_str).unwrap_or("");
        vec![
            Field::text(Msg::FieldTitle1, line(0), true),
            Field::text(Msg::FieldTitle2, line(1), false),
            Field::text(Msg::FieldTitle3, line(2), false),
            Field {
                label: Msg::FieldKind,
                kind: FieldKind::Choice {
                    options: KIND_OPTIONS.to_vec(),
                    index: usize::from(article.kind == ArticleKind::Brief),
                },
                input: LineInput::default(),
            },
            Field::text(
                Msg::FieldSource,
                article.source.as_deref().unwrap_or(""),
                false,
            ),
        ]
    }

    pub fn article(at: ArticleRef, article: &Article) -> Form {
        Form::new(FormKind::Article(at), Self::article_fields(article))
    }

    pub fn new_article(at: Option<Node>) -> Form {
        Form::new(
            FormKind::NewArticle(at),
            Self::article_fields(&Article::new("")),
        )
    }

    pub fn section(s: usize, title: &str) -> Form {
        Form::new(
            FormKind::Section(s),
            vec![Field::text(Msg::FieldSectionTitle, title, true)],
        )
    }

    pub fn new_section(at: Option<Node>) -> Form {
        Form::new(
            FormKind::NewSection(at),
            vec![Field::text(Msg::FieldSectionTitle, "", true)],
        )
    }

    /// Export: the format and whether to print the contents.
    pub fn export(contents: bool) -> Form {
        Form::new(
            FormKind::Export,
            vec![
                Field {
                    label: Msg::FieldFormat,
                    kind: FieldKind::Choice {
                        options: FORMAT_OPTIONS.to_vec(),
                        index: 0,
                    },
                    input: LineInput::default(),
                },
                Field {
                    label: Msg::FieldContents,
                    kind: FieldKind::Toggle(contents),
                    input: LineInput::default(),
                },
            ],
        )
    }

    /// The export form's choices.
    pub fn export_choice(&self) -> (Format, bool) {
        let format = match self.value(Msg::FieldFormat).kind {
            FieldKind::Choice { index, .. } => Format::ALL[index],
            _ => Format::Docx,
        };
        let contents = matches!(self.value(Msg::FieldContents).kind, FieldKind::Toggle(true));
        (format, contents)
    }

    pub fn title(&self) -> Msg {
        match self.kind {
            FormKind::Article(..) => Msg::FormArticleTitle,
            FormKind::NewArticle(_) => Msg::FormNewArticleTitle,
            FormKind::Section(_) => Msg::FormSectionTitle,
            FormKind::NewSection(_) => Msg::FormNewSectionTitle,
            FormKind::Export => Msg::FormExportTitle,
            FormKind::Status(_) => Msg::FormStatusTitle,
            FormKind::NewIssue => Msg::FormNewIssueTitle,
            FormKind::Issue if self.read_only.is_some() => Msg::FormIssueReadOnlyTitle,
            FormKind::Issue => Msg::FormIssueTitle,
        }
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    /// Changes the focused field's value by a command: a toggle flips (at
    /// Space, ← or →), a choice steps through its options, a text field
    /// takes the text field's keys; returns whether the field took it.
    fn field_command(&mut self, cmd: Command) -> bool {
        if self.refused() {
            return true;
        }
        let field = &mut self.fields[self.focus];
        let handled = match (&mut field.kind, cmd) {
            (FieldKind::Toggle(on), Command::ToggleItem | Command::Left | Command::Right) => {
                *on = !*on;
                true
            }
            (FieldKind::Choice { options, index }, Command::ToggleItem | Command::Right) => {
                *index = (*index + 1) % options.len();
                true
            }
            (FieldKind::Choice { options, index }, Command::Left) => {
                *index = (*index + options.len() - 1) % options.len();
                true
            }
            (FieldKind::Toggle(_) | FieldKind::Choice { .. }, _) => false,
            _ => field.input.command(cmd),
        };
        if handled {
            self.error = None;
        }
        handled
    }

    /// Says why nothing may change, when so; returns whether it did.
    fn refused(&mut self) -> bool {
        if let Some(why) = &self.read_only {
            self.error = Some(why.clone());
            return true;
        }
        false
    }

    fn value(&self, label: Msg) -> &Field {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .expect("form has the field")
    }

    fn text(&self, label: Msg) -> String {
        self.value(label).input.text().trim().to_string()
    }

    fn opt_text(&self, label: Msg) -> Option<String> {
        Some(self.text(label)).filter(|s| !s.is_empty())
    }

    /// Checks every field; on failure focuses the first bad one and returns
    /// its message.
    pub fn validate(&mut self, lang: Lang) -> Result<(), String> {
        if self.kind == FormKind::Issue && self.read_only.is_some() {
            return Ok(());
        }
        for (i, f) in self.fields.iter().enumerate() {
            let text = f.input.text().trim();
            let label = lang.t(f.label);
            let problem = match &f.kind {
                FieldKind::Text { required: true } if text.is_empty() => {
                    Some(lang.fmt(Msg::FormRequired, &[&label]))
                }
                FieldKind::Number { required } => {
                    if text.is_empty() {
                        required.then(|| lang.fmt(Msg::FormRequired, &[&label]))
                    } else {
                        match parse_number(text) {
                            Some(n) if n >= 1 => None,
                            _ => Some(lang.fmt(Msg::FormNotNumber, &[&label, &text])),
                        }
                    }
                }
                FieldKind::Date if parse_date(text).is_none() => {
                    Some(lang.fmt(Msg::FormNotDate, &[&label, &text]))
                }
                _ => None,
            };
            if let Some(p) = problem {
                self.focus = i;
                self.error = Some(p.clone());
                return Err(p);
            }
        }
        self.validate_status(lang)?;
        self.validate_new_issue(lang)
    }

    /// Writes the article form's values into `article`.
    pub fn apply_article(&self, article: &mut Article) {
        article.title = [Msg::FieldTitle1, Msg::FieldTitle2, Msg::FieldTitle3]
            .iter()
            .map(|l| self.text(*l))
            .filter(|t| !t.is_empty())
            .collect();
        if let FieldKind::Choice { index, .. } = self.value(Msg::FieldKind).kind {
            article.kind = if index == 1 {
                ArticleKind::Brief
            } else {
                ArticleKind::Feature
            };
        }
        article.source = self.opt_text(Msg::FieldSource);
    }

    pub fn section_title(&self) -> String {
        self.text(Msg::FieldSectionTitle)
            .trim_start_matches('【')
            .trim_end_matches('】')
            .to_string()
    }
}

impl Keys for Form {
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome> {
        let n = self.fields.len();
        Some(match cmd {
            Command::Close => Outcome::Close,
            // Nothing to apply from a read-only form.
            Command::Accept if self.read_only.is_some() => Outcome::Close,
            // A bad value is named and focused; the form stays.
            Command::Accept => match self.validate(env.lang) {
                Ok(()) => Outcome::Submit,
                Err(_) => Outcome::Stay,
            },
            Command::NextField => {
                self.focus = (self.focus + 1) % n;
                Outcome::Stay
            }
            Command::PrevField => {
                self.focus = (self.focus + n - 1) % n;
                Outcome::Stay
            }
            _ if self.field_command(cmd) => {
                self.refresh_new_issue(env.lang);
                Outcome::Stay
            }
            _ => return None,
        })
    }

    fn text(&mut self, c: char, env: &Env) -> Outcome {
        self.paste(c.encode_utf8(&mut [0; 4]), env)
    }

    /// Text typed or pasted into the focused field.
    fn paste(&mut self, text: &str, env: &Env) -> Outcome {
        if !self.fields[self.focus].is_textual() {
            return Outcome::Ignored;
        }
        if self.refused() {
            return Outcome::Stay;
        }
        self.fields[self.focus].input.insert(text);
        self.error = None;
        self.refresh_new_issue(env.lang);
        Outcome::Stay
    }
}

/// Accepts ASCII and full-width digits (an IME may give either).
fn parse_number(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    ascii.parse().ok()
}

/// `2023-11-23`, `2023/11/23`, `2023.11.23` or `2023年11月23日`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let norm: String = s
        .trim()
        .replace(['年', '月', '/', '.'], "-")
        .replace('日', "");
    let mut parts = norm.split('-').map(|p| parse_number(p.trim()));
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

#[cfg(test)]
mod tests;
