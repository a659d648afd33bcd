//! Forms: the issue properties (masthead and closing block), an article's
//! title/kind/source, a section's name. Validated before anything changes.

use super::Command;
use super::input::LineInput;
use super::overlay::{Env, Keys, Outcome};
use super::tree::Node;
use crate::export::Format;
use crate::i18n::{Lang, Msg};
use crate::model::{
    Article, ArticleKind, ArticleRef, Distribution, DistributionKind, Issue, Status,
};
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The first validation problem, shown under the fields.
    pub error: Option<String>,
}

const STATUS_OPTIONS: [Msg; 4] = [
    Msg::StatusDraft,
    Msg::StatusReview,
    Msg::StatusSigned,
    Msg::StatusDistributed,
];
const KIND_OPTIONS: [Msg; 2] = [Msg::KindFeature, Msg::KindBrief];
/// In the order of [`Format::ALL`].
const FORMAT_OPTIONS: [Msg; 5] = [
    Msg::FormatDocx,
    Msg::FormatPdf,
    Msg::FormatHtml,
    Msg::FormatMarkdown,
    Msg::FormatText,
];

fn recipients(issue: &Issue, kind: DistributionKind) -> String {
    issue
        .closing
        .distribution
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.recipients.as_str())
        .collect::<Vec<_>>()
        .join("；")
}

impl Form {
    fn new(kind: FormKind, fields: Vec<Field>) -> Form {
        Form {
            kind,
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn issue(issue: &Issue) -> Form {
        let c = &issue.closing;
        let status = Status::ALL
            .iter()
            .position(|s| *s == issue.status)
            .unwrap_or(0);
        Form::new(
            FormKind::Issue,
            vec![
                Field::text(Msg::FieldBulletin, &issue.bulletin, true),
                Field::number(Msg::FieldNumber, Some(issue.number), true),
                Field::number(Msg::FieldTotal, issue.total, false),
                Field {
                    label: Msg::FieldSupplement,
                    kind: FieldKind::Toggle(issue.supplement),
                    input: LineInput::default(),
                },
                Field {
                    label: Msg::FieldDate,
                    kind: FieldKind::Date,
                    input: LineInput::new(&issue.date.format("%Y-%m-%d").to_string()),
                },
                Field::text(Msg::FieldIssuer, &issue.issuer, true),
                Field {
                    label: Msg::FieldStatus,
                    kind: FieldKind::Choice {
                        options: STATUS_OPTIONS.to_vec(),
                        index: status,
                    },
                    input: LineInput::default(),
                },
                Field::text(
                    Msg::FieldReport,
                    &recipients(issue, DistributionKind::Report),
                    false,
                ),
                Field::text(
                    Msg::FieldSend,
                    &recipients(issue, DistributionKind::Send),
                    false,
                ),
                Field::text(
                    Msg::FieldIssue,
                    &recipients(issue, DistributionKind::Issue),
                    false,
                ),
                Field::number(Msg::FieldCopies, c.copies, false),
                Field::text(Msg::FieldEditor, c.editor.as_deref().unwrap_or(""), false),
                Field::text(
                    Msg::FieldReviewer,
                    c.reviewer.as_deref().unwrap_or(""),
                    false,
                ),
                Field::text(Msg::FieldSigner, c.signer.as_deref().unwrap_or(""), false),
            ],
        )
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
            FormKind::Issue => Msg::FormIssueTitle,
            FormKind::Article(..) => Msg::FormArticleTitle,
            FormKind::NewArticle(_) => Msg::FormNewArticleTitle,
            FormKind::Section(_) => Msg::FormSectionTitle,
            FormKind::NewSection(_) => Msg::FormNewSectionTitle,
            FormKind::Export => Msg::FormExportTitle,
        }
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    /// Changes the focused field's value by a command: a toggle flips (at
    /// Space, ← or →), a choice steps through its options, a text field
    /// takes the text field's keys; returns whether the field took it.
    fn field_command(&mut self, cmd: Command) -> bool {
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
        Ok(())
    }

    /// Writes the issue form's values into `issue` (call `validate` first).
    pub fn apply_issue(&self, issue: &mut Issue) {
        issue.bulletin = self.text(Msg::FieldBulletin);
        issue.number = parse_number(&self.text(Msg::FieldNumber)).unwrap_or(issue.number);
        issue.total = parse_number(&self.text(Msg::FieldTotal));
        if let FieldKind::Toggle(on) = self.value(Msg::FieldSupplement).kind {
            issue.supplement = on;
        }
        if let Some(d) = parse_date(&self.text(Msg::FieldDate)) {
            issue.date = d;
        }
        issue.issuer = self.text(Msg::FieldIssuer);
        if let FieldKind::Choice { index, .. } = self.value(Msg::FieldStatus).kind {
            issue.status = Status::ALL[index];
        }
        let c = &mut issue.closing;
        // A kind left as it was keeps its lines exactly; an edited one becomes one line.
        let mut distribution = Vec::new();
        for (kind, label) in [
            (DistributionKind::Report, Msg::FieldReport),
            (DistributionKind::Send, Msg::FieldSend),
            (DistributionKind::Issue, Msg::FieldIssue),
        ] {
            let old: Vec<Distribution> = c
                .distribution
                .iter()
                .filter(|d| d.kind == kind)
                .cloned()
                .collect();
            let joined = old
                .iter()
                .map(|d| d.recipients.as_str())
                .collect::<Vec<_>>()
                .join("；");
            let new = self.text(label);
            if new == joined.trim() {
                distribution.extend(old);
            } else if !new.is_empty() {
                distribution.push(Distribution {
                    kind,
                    recipients: new,
                });
            }
        }
        c.distribution = distribution;
        c.copies = parse_number(&self.text(Msg::FieldCopies));
        c.editor = self.opt_text(Msg::FieldEditor);
        c.reviewer = self.opt_text(Msg::FieldReviewer);
        c.signer = self.opt_text(Msg::FieldSigner);
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
            _ if self.field_command(cmd) => Outcome::Stay,
            _ => return None,
        })
    }

    fn text(&mut self, c: char, env: &Env) -> Outcome {
        self.paste(c.encode_utf8(&mut [0; 4]), env)
    }

    /// Text typed or pasted into the focused field.
    fn paste(&mut self, text: &str, _env: &Env) -> Outcome {
        let field = &mut self.fields[self.focus];
        if !field.is_textual() {
            return Outcome::Ignored;
        }
        field.input.insert(text);
        self.error = None;
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
mod tests {
    use super::*;
    use crate::test_support::sample_issue as sample;

    fn set(form: &mut Form, label: Msg, text: &str) {
        let f = form.fields.iter_mut().find(|f| f.label == label).unwrap();
        f.input.set(text);
    }

    #[test]
    fn an_unchanged_issue_form_changes_nothing() {
        let issue = sample();
        let mut form = Form::issue(&issue);
        assert!(form.validate(Lang::Zh).is_ok());
        let mut copy = issue.clone();
        form.apply_issue(&mut copy);
        assert_eq!(copy, issue);
    }

    #[test]
    fn the_issue_form_edits_masthead_and_closing() {
        let mut issue = sample();
        let mut form = Form::issue(&issue);
        set(&mut form, Msg::FieldNumber, "２６");
        set(&mut form, Msg::FieldTotal, "301");
        set(&mut form, Msg::FieldDate, "2023年11月30日");
        set(&mut form, Msg::FieldSend, "");
        set(&mut form, Msg::FieldCopies, "");
        set(&mut form, Msg::FieldSigner, "  ");
        form.focus = 3;
        form.field_command(Command::ToggleItem);
        form.validate(Lang::Zh).unwrap();
        form.apply_issue(&mut issue);
        assert_eq!(
            (issue.number, issue.total, issue.supplement),
            (26, Some(301), true)
        );
        assert_eq!(issue.date, NaiveDate::from_ymd_opt(2023, 11, 30).unwrap());
        let kinds: Vec<_> = issue.closing.distribution.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DistributionKind::Report, DistributionKind::Issue]);
        assert_eq!(issue.closing.copies, None);
        assert_eq!(issue.closing.signer, None);
    }

    #[test]
    fn bad_values_are_named_and_focused() {
        let issue = sample();
        let mut form = Form::issue(&issue);
        set(&mut form, Msg::FieldDate, "2023-02-30");
        let err = form.validate(Lang::Zh).unwrap_err();
        assert!(err.contains("2023-02-30"), "{err}");
        assert_eq!(form.focused().label, Msg::FieldDate);
        set(&mut form, Msg::FieldDate, "2023-02-28");
        set(&mut form, Msg::FieldNumber, "0");
        assert!(form.validate(Lang::En).is_err());
        assert_eq!(form.focused().label, Msg::FieldNumber);
        set(&mut form, Msg::FieldNumber, "3");
        set(&mut form, Msg::FieldBulletin, " ");
        assert!(form.validate(Lang::Zh).unwrap_err().contains("简报名称"));
    }

    #[test]
    fn the_article_form_sets_title_lines_kind_and_source() {
        let mut article = Article::new("旧标题");
        let mut form = Form::article(ArticleRef::new(0, 0), &article);
        set(&mut form, Msg::FieldTitle1, "市委统战部实施四项举措");
        set(&mut form, Msg::FieldTitle2, "推动文明单位创建走深走实");
        set(&mut form, Msg::FieldSource, "市委统战部");
        form.focus = 3;
        form.field_command(Command::Right);
        form.apply_article(&mut article);
        assert_eq!(article.title.len(), 2);
        assert_eq!(article.kind, ArticleKind::Brief);
        assert_eq!(article.source.as_deref(), Some("市委统战部"));
    }

    #[test]
    fn dates_in_common_forms() {
        let d = NaiveDate::from_ymd_opt(2023, 11, 23);
        for s in [
            "2023-11-23",
            "2023/11/23",
            "2023.11.23",
            "2023年11月23日",
            "２０２３-１１-２３",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        for s in ["", "2023-11", "23-11-2023x", "2023-13-01"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
