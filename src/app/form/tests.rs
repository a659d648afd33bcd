//! The forms' values: read from and written back to the issue.
use super::*;
use crate::model::{DistributionKind, Marks, Secrecy, Status, Urgency};
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

#[test]
fn the_issue_form_edits_the_marks_but_not_the_status() {
    let mut issue = sample();
    issue.marks.notices = vec!["内部资料".into(), "注意保存".into()];
    let mut form = Form::issue(&issue);
    assert!(form.fields.iter().all(|f| f.label != Msg::FieldStatus));
    // Left alone, the notices keep their words.
    let mut same = issue.clone();
    form.apply_issue(&mut same);
    assert_eq!(same, issue);
    set(&mut form, Msg::FieldCopyNumber, "000123");
    set(&mut form, Msg::FieldSecrecyPeriod, "1年");
    set(&mut form, Msg::FieldNotices, "内部资料、仅供参考");
    form.focus = form
        .fields
        .iter()
        .position(|f| f.label == Msg::FieldSecrecy)
        .unwrap();
    form.field_command(Command::Right);
    form.focus = form
        .fields
        .iter()
        .position(|f| f.label == Msg::FieldUrgency)
        .unwrap();
    form.field_command(Command::Left);
    form.validate(Lang::Zh).unwrap();
    form.apply_issue(&mut issue);
    assert_eq!(
        issue.marks,
        Marks {
            copy_number: Some("000123".into()),
            secrecy: Some(Secrecy::Secret),
            secrecy_period: Some("1年".into()),
            urgency: Some(Urgency::ExtraUrgent),
            notices: vec!["内部资料".into(), "仅供参考".into()],
        }
    );
    assert_eq!(issue.status, Status::Draft);
}

#[test]
fn a_read_only_issue_form_refuses_every_edit_and_closes_on_enter() {
    let env = Env {
        lang: Lang::Zh,
        height: 24,
        dirty: false,
    };
    let mut form = Form::issue(&sample());
    form.read_only = Some("已签发".into());
    let before = form.fields.clone();
    assert_eq!(Keys::text(&mut form, 'x', &env), Outcome::Stay);
    assert_eq!(form.paste("abc", &env), Outcome::Stay);
    assert_eq!(form.command(Command::DeleteBack, &env), Some(Outcome::Stay));
    assert_eq!(form.error.as_deref(), Some("已签发"));
    assert_eq!(form.fields, before);
    assert_eq!(form.command(Command::NextField, &env), Some(Outcome::Stay));
    assert_eq!(form.command(Command::Accept, &env), Some(Outcome::Close));
}

#[test]
fn the_status_form_offers_the_allowed_moves_and_needs_a_reason_to_reopen() {
    let id = crate::test_support::sample_id();
    let mut form = Form::status(id, Status::Review, None);
    assert_eq!(form.status_choice(), (Status::Signed, None));
    form.validate(Lang::Zh).unwrap();
    let mut form = Form::status(id, Status::Signed, Some(Status::Draft));
    assert_eq!(form.focus, 1);
    assert_eq!(form.status_choice().0, Status::Draft);
    let err = form.validate(Lang::Zh).unwrap_err();
    assert!(err.contains("写明原因"), "{err}");
    set(&mut form, Msg::FieldNote, " 第二篇数据有误 ");
    form.validate(Lang::Zh).unwrap();
    assert_eq!(
        form.status_choice(),
        (Status::Draft, Some("第二篇数据有误".into()))
    );
    // A move that is not offered falls back to the first allowed one.
    let form = Form::status(id, Status::Draft, Some(Status::Signed));
    assert_eq!(form.status_choice().0, Status::Review);
}
