//! The inbox (信息报送): contributions sent in by units (供稿单位), each a
//! file in the library's `inbox/` with a record beside it. A submission is
//! 新 until the office adopts it into an issue (已采用), returns it for
//! changes (退回修改) or declines it (不采用); every decision is kept in its
//! history with who made it, when and why.

use super::workflow::{Actor, who};
use super::{IssueId, filled};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Where a submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum SubState {
    /// 新: not yet looked at.
    #[default]
    New,
    /// 已采用: in an issue.
    Adopted,
    /// 退回修改: sent back to the unit with a note; may still be adopted or
    /// declined.
    Returned,
    /// 不采用: declined, with a reason.
    Declined,
}

impl SubState {
    pub const ALL: [SubState; 4] = [
        SubState::New,
        SubState::Adopted,
        SubState::Returned,
        SubState::Declined,
    ];

    /// Adopted and declined submissions are done: they live in
    /// `inbox/decided/` and take no further decision.
    pub fn is_final(self) -> bool {
        matches!(self, SubState::Adopted | SubState::Declined)
    }
}

/// How the unit of a submission was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum UnitFrom {
    /// Given by whoever submitted it (`--unit`) or corrected by hand.
    #[default]
    Given,
    /// A source line of the text: （扶沟县文明办）.
    SourceLine,
    /// A signature at the end of the text (the unit, often with a date).
    Signature,
    /// The author in the Word file's properties.
    Author,
    /// The file's name: 扶沟县文明办-白潭镇….docx.
    FileName,
    /// Nothing told it.
    Unknown,
}

/// One decision on a submission, as kept in its record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub state: SubState,
    #[serde(default)]
    pub from: SubState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub user: String,
    pub host: String,
    pub time: DateTime<FixedOffset>,
    /// The note of a return, the reason of a decline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The issue it was adopted into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<IssueId>,
    /// The titles of the articles it became.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
}

impl Decision {
    /// `王文明（clerk@office）`, or `clerk@office` without a name.
    pub fn who(&self) -> String {
        who(self.name.as_deref(), &self.user, &self.host)
    }
}

/// A submission's record (`inbox/NAME.ron` beside the file `inbox/NAME`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub schema: u32,
    /// 收文号: a serial number within the library, to name it by.
    pub id: u32,
    /// The file's name beside the record.
    pub file: String,
    /// The name it was submitted under, when it is kept under another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// 供稿单位, as written (empty when unknown).
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub unit_from: UnitFrom,
    /// Who submitted it (the person's name or login), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitter: Option<String>,
    pub received: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The title and 字数 of the text when it was received (the list shows
    /// them without reading every file).
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub chars: usize,
    #[serde(default)]
    pub state: SubState,
    /// Every decision, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Decision>,
}

/// Why a decision is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecideError {
    /// Adopted or declined already.
    Final(SubState),
    /// A return needs a note, a decline a reason.
    NeedsNote(SubState),
    /// An adoption names its issue.
    NeedsIssue,
    /// A new submission is new already.
    ToNew,
}

impl Submission {
    /// The issue it was adopted into, by its latest adoption.
    pub fn adopted_into(&self) -> Option<IssueId> {
        self.history
            .iter()
            .rev()
            .find(|d| d.state == SubState::Adopted)
            .and_then(|d| d.issue)
    }

    /// The latest decision, if any.
    pub fn last(&self) -> Option<&Decision> {
        self.history.last()
    }

    /// Moves the submission to `to`, recording the decision: a return
    /// needs a note, a decline a reason, an adoption its issue; adopted and
    /// declined submissions take no further decision. Nothing changes on
    /// error.
    pub fn decide(
        &mut self,
        to: SubState,
        actor: &Actor,
        note: Option<&str>,
        adopted: Option<(IssueId, Vec<String>)>,
        time: DateTime<FixedOffset>,
    ) -> Result<&Decision, DecideError> {
        if self.state.is_final() {
            return Err(DecideError::Final(self.state));
        }
        let note = filled(note);
        match to {
            SubState::New => return Err(DecideError::ToNew),
            SubState::Returned | SubState::Declined if note.is_none() => {
                return Err(DecideError::NeedsNote(to));
            }
            SubState::Adopted if adopted.is_none() => return Err(DecideError::NeedsIssue),
            _ => {}
        }
        let (issue, titles) = match adopted {
            Some((id, titles)) if to == SubState::Adopted => (Some(id), titles),
            _ => (None, Vec::new()),
        };
        self.history.push(Decision {
            state: to,
            from: self.state,
            name: actor.name().map(str::to_string),
            user: actor.user.clone(),
            host: actor.host.clone(),
            time,
            note: note.map(str::to_string),
            issue,
            titles,
        });
        self.state = to;
        Ok(self.history.last().expect("pushed above"))
    }
}

/// What a merge of two versions of one record (changed in two offices
/// before a sync) had to choose, for the clerk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeNotes {
    /// The two versions named different units: the one dropped.
    pub other_unit: Option<String>,
    /// The two versions had different 收文号 (a file dropped by hand
    /// recorded in both offices): the one dropped.
    pub other_id: Option<u32>,
}

impl Submission {
    /// How many times it was adopted (more than once when two offices
    /// adopted it before a sync), and into which issues.
    pub fn adoptions(&self) -> Vec<Option<IssueId>> {
        self.history
            .iter()
            .filter(|d| d.state == SubState::Adopted)
            .map(|d| d.issue)
            .collect()
    }

    /// One record from two versions of it changed in two offices, losing
    /// no decision: the decisions of both, oldest first; adopted when
    /// either adopted it (the articles are in an issue), else declined
    /// when either declined it, else as the latest decision says. The
    /// other fields are `ours` where both are set, except a unit given or
    /// corrected by hand, which wins over one found in the text, and the
    /// earlier time received. `theirs` is the version already shared (its
    /// 收文号 may be linked from issues elsewhere), so its number stays.
    pub fn merge(ours: &Submission, theirs: &Submission) -> (Submission, MergeNotes) {
        let mut notes = MergeNotes::default();
        let mut out = ours.clone();
        let mut history = ours.history.clone();
        for d in &theirs.history {
            if !history.contains(d) {
                history.push(d.clone());
            }
        }
        // Stable: one office's decisions keep their order among equal times.
        history.sort_by_key(|d| d.time);
        out.state = if history.iter().any(|d| d.state == SubState::Adopted) {
            SubState::Adopted
        } else if history.iter().any(|d| d.state == SubState::Declined) {
            SubState::Declined
        } else {
            history.last().map_or(SubState::New, |d| d.state)
        };
        out.history = history;
        if ours.id != theirs.id {
            out.id = theirs.id;
            notes.other_id = Some(ours.id);
        }
        out.received = ours.received.min(theirs.received);
        if ours.unit.trim() != theirs.unit.trim() {
            let hand = |s: &Submission| s.unit_from == UnitFrom::Given && !s.unit.trim().is_empty();
            let take_theirs = ours.unit.trim().is_empty() || (hand(theirs) && !hand(ours));
            let (kept, dropped) = if take_theirs {
                (theirs, ours)
            } else {
                (ours, theirs)
            };
            out.unit = kept.unit.clone();
            out.unit_from = kept.unit_from;
            if !dropped.unit.trim().is_empty() {
                notes.other_unit = Some(dropped.unit.clone());
            }
        }
        let or = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        out.original = or(&ours.original, &theirs.original);
        out.submitter = or(&ours.submitter, &theirs.submitter);
        out.note = match (&ours.note, &theirs.note) {
            (Some(a), Some(b)) if a != b => Some(format!("{a}\n{b}")),
            (a, b) => or(a, b),
        };
        if out.title.is_empty() {
            out.title = theirs.title.clone();
        }
        if out.chars == 0 {
            out.chars = theirs.chars;
        }
        (out, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor() -> Actor {
        Actor {
            name: Some("王文明".into()),
            user: "clerk".into(),
            host: "office".into(),
        }
    }

    fn time() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2023-11-20T09:30:00+08:00").unwrap()
    }

    fn sub() -> Submission {
        Submission {
            schema: 1,
            id: 1,
            file: "白潭镇.docx".into(),
            original: None,
            unit: "扶沟县文明办".into(),
            unit_from: UnitFrom::Given,
            submitter: None,
            received: time(),
            note: None,
            title: "白潭镇倡导文明新风".into(),
            chars: 300,
            state: SubState::New,
            history: Vec::new(),
        }
    }

    #[test]
    fn return_then_adopt_keeps_both_decisions() {
        let mut s = sub();
        assert_eq!(
            s.decide(SubState::Returned, &actor(), Some("  "), None, time()),
            Err(DecideError::NeedsNote(SubState::Returned))
        );
        s.decide(
            SubState::Returned,
            &actor(),
            Some("请补充数据"),
            None,
            time(),
        )
        .unwrap();
        assert_eq!(s.state, SubState::Returned);
        let id: IssueId = "2023-025".parse().unwrap();
        assert_eq!(
            s.decide(SubState::Adopted, &actor(), None, None, time()),
            Err(DecideError::NeedsIssue)
        );
        let d = s
            .decide(
                SubState::Adopted,
                &actor(),
                None,
                Some((id, vec!["标题".into()])),
                time(),
            )
            .unwrap();
        assert_eq!((d.from, d.issue), (SubState::Returned, Some(id)));
        assert_eq!(d.who(), "王文明（clerk@office）");
        assert_eq!(s.adopted_into(), Some(id));
        assert_eq!(s.history.len(), 2);
        assert_eq!(s.history[0].note.as_deref(), Some("请补充数据"));
        // Done: no decision after an adoption, nothing recorded.
        assert_eq!(
            s.decide(SubState::Declined, &actor(), Some("重复"), None, time()),
            Err(DecideError::Final(SubState::Adopted))
        );
        assert_eq!(s.history.len(), 2);
    }

    #[test]
    fn a_decline_needs_a_reason_and_is_final() {
        let mut s = sub();
        assert_eq!(
            s.decide(SubState::Declined, &actor(), None, None, time()),
            Err(DecideError::NeedsNote(SubState::Declined))
        );
        assert_eq!(
            s.decide(SubState::New, &actor(), None, None, time()),
            Err(DecideError::ToNew)
        );
        s.decide(
            SubState::Declined,
            &actor(),
            Some("与上期重复"),
            None,
            time(),
        )
        .unwrap();
        assert!(s.state.is_final());
        assert_eq!(s.adopted_into(), None);
        let back: Submission = ron::from_str(&ron::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn a_merge_keeps_every_decision_and_an_adoption_wins() {
        let later = DateTime::parse_from_rfc3339("2023-11-21T09:30:00+08:00").unwrap();
        let base = sub();
        let mut ours = base.clone();
        ours.decide(SubState::Declined, &actor(), Some("重复"), None, later)
            .unwrap();
        let mut theirs = base.clone();
        let id: IssueId = "2023-025".parse().unwrap();
        theirs
            .decide(SubState::Returned, &actor(), Some("请补充"), None, time())
            .unwrap();
        theirs
            .decide(SubState::Adopted, &actor(), None, Some((id, vec![])), later)
            .unwrap();
        theirs.unit = "扶沟县委宣传部".into();
        theirs.unit_from = UnitFrom::SourceLine;
        let (merged, notes) = Submission::merge(&ours, &theirs);
        assert_eq!(merged.history.len(), 3);
        assert_eq!(merged.history[0].state, SubState::Returned);
        assert_eq!(merged.state, SubState::Adopted);
        assert_eq!(merged.adoptions(), [Some(id)]);
        // A unit given by hand wins over one found in the text.
        assert_eq!(merged.unit, "扶沟县文明办");
        assert_eq!(notes.other_unit.as_deref(), Some("扶沟县委宣传部"));
        // The same both ways round, but for the order of equal times.
        let (back, _) = Submission::merge(&theirs, &ours);
        assert_eq!((back.state, back.history.len()), (SubState::Adopted, 3));
        // Merging a version with itself changes nothing.
        assert_eq!(
            Submission::merge(&ours, &ours),
            (ours.clone(), MergeNotes::default())
        );
        // Two records of one dropped file: the shared number, the earlier time.
        let mut other = base.clone();
        other.id = 2;
        other.received = later;
        let (one, notes) = Submission::merge(&other, &base);
        assert_eq!((one.id, one.received, notes.other_id), (1, time(), Some(2)));
    }
}
