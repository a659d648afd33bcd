//! The office's workflow: an issue goes 草稿 → 待审 → 已签发 → 已印发
//! (draft, review, signed, distributed), one step at a time, and back to
//! draft (退回修改) only with a reason. Every change is kept in the issue's
//! history; signed and distributed issues are read-only.

use super::{Issue, IssueId, Status, filled};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// One change of status, as kept in the issue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// The status the issue moved to.
    pub status: Status,
    /// The status it had before.
    #[serde(default)]
    pub from: Status,
    /// The person's configured name (`name` in config.ron), when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Login name and machine, as edit locks record them.
    pub user: String,
    pub host: String,
    pub time: DateTime<FixedOffset>,
    /// Why (required when going back to draft).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set when a sync found this issue changed on both sides and kept
    /// this version as a new draft: the issue it is the other version of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<IssueId>,
}

impl StatusChange {
    /// Who made the change, for messages: `王文明（clerk@office）`, or
    /// `clerk@office` when no name is configured.
    pub fn who(&self) -> String {
        who(self.name.as_deref(), &self.user, &self.host)
    }
}

/// `王文明（clerk@office）`, or `clerk@office` without a name.
pub(super) fn who(name: Option<&str>, user: &str, host: &str) -> String {
    match filled(name) {
        Some(name) => format!("{name}（{user}@{host}）"),
        None => format!("{user}@{host}"),
    }
}

/// Who changes a status: recorded in the history, and the name that fills
/// 签发 when an issue is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The person's name from their configuration (e.g. 王文明), if set.
    pub name: Option<String>,
    pub user: String,
    pub host: String,
}

impl Actor {
    /// The configured name, trimmed, if there is one.
    pub fn name(&self) -> Option<&str> {
        filled(self.name.as_deref())
    }

    /// `王文明（clerk@office）`, or `clerk@office` without a name.
    pub fn who(&self) -> String {
        who(self.name.as_deref(), &self.user, &self.host)
    }
}

/// Why a change of status is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    /// The issue already has that status.
    Same(Status),
    /// Forward moves go one step at a time (待审 before 已签发).
    Skip { from: Status, to: Status },
    /// Back goes to draft only (退回修改), not to an earlier step.
    Back { from: Status, to: Status },
    /// Going back to draft needs a reason.
    NeedsNote { from: Status },
}

impl Status {
    /// The next step forward, if any.
    pub fn next(self) -> Option<Status> {
        match self {
            Status::Draft => Some(Status::Review),
            Status::Review => Some(Status::Signed),
            Status::Signed => Some(Status::Distributed),
            Status::Distributed => None,
        }
    }

    /// Signed and distributed issues are read-only until reopened.
    pub fn is_read_only(self) -> bool {
        matches!(self, Status::Signed | Status::Distributed)
    }

    /// Whether the issue may go from `self` to `to`; `note` is the reason
    /// given (a blank one is none).
    pub fn check_move(self, to: Status, note: Option<&str>) -> Result<(), MoveError> {
        let has_note = note.is_some_and(|n| !n.trim().is_empty());
        if to == self {
            Err(MoveError::Same(self))
        } else if self.next() == Some(to) {
            Ok(())
        } else if to == Status::Draft {
            if has_note {
                Ok(())
            } else {
                Err(MoveError::NeedsNote { from: self })
            }
        } else if (to as u8) > (self as u8) {
            Err(MoveError::Skip { from: self, to })
        } else {
            Err(MoveError::Back { from: self, to })
        }
    }

    /// Where the issue may go from here: the next step, then back to
    /// draft (which needs a reason). For menus.
    pub fn moves(self) -> Vec<Status> {
        let mut out: Vec<Status> = self.next().into_iter().collect();
        if self != Status::Draft {
            out.push(Status::Draft);
        }
        out
    }
}

/// Why an issue is read-only: its status, who signed it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOnly {
    pub status: Status,
    /// 签发 of the closing block, if filled.
    pub signer: Option<String>,
    /// The change that signed it (the latest move to 已签发), if recorded.
    pub signed: Option<StatusChange>,
    /// The latest change of status, if recorded (the distribution, for a
    /// distributed issue).
    pub last: Option<StatusChange>,
}

/// What a change of status did besides the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub change: StatusChange,
    /// 签发 was empty and was filled with this name.
    pub signer_filled: Option<String>,
    /// Signing left 签发 empty: no name is configured.
    pub signer_missing: bool,
}

impl Issue {
    /// Moves the issue to `to` (see [`Status::check_move`]), records the
    /// change in its history and, on signing, fills an empty 签发 with the
    /// actor's name. Nothing changes on error.
    pub fn change_status(
        &mut self,
        to: Status,
        actor: &Actor,
        note: Option<&str>,
        time: DateTime<FixedOffset>,
    ) -> Result<Changed, MoveError> {
        self.status.check_move(to, note)?;
        let note = filled(note);
        let mut signer_filled = None;
        let mut signer_missing = false;
        if to == Status::Signed && self.signer().is_none() {
            match actor.name() {
                Some(name) => {
                    self.closing.signer = Some(name.to_string());
                    signer_filled = Some(name.to_string());
                }
                None => signer_missing = true,
            }
        }
        let change = StatusChange {
            status: to,
            from: self.status,
            name: actor.name().map(str::to_string),
            user: actor.user.clone(),
            host: actor.host.clone(),
            time,
            note: note.map(str::to_string),
            copy_of: None,
        };
        self.status = to;
        self.history.push(change.clone());
        Ok(Changed {
            change,
            signer_filled,
            signer_missing,
        })
    }

    /// 签发 of the closing block, when filled.
    pub fn signer(&self) -> Option<&str> {
        filled(self.closing.signer.as_deref())
    }

    /// Why the issue may not be edited, or `None` when it may.
    pub fn read_only(&self) -> Option<ReadOnly> {
        if !self.status.is_read_only() {
            return None;
        }
        Some(ReadOnly {
            status: self.status,
            signer: self.signer().map(str::to_string),
            signed: self
                .history
                .iter()
                .rev()
                .find(|c| c.status == Status::Signed)
                .cloned(),
            last: self.history.last().cloned(),
        })
    }

    /// Whether `other` is this issue with at most its status and history
    /// changed: what a signed issue allows.
    pub fn same_text(&self, other: &Issue) -> bool {
        let bare = |i: &Issue| Issue {
            status: Status::Draft,
            history: Vec::new(),
            ..i.clone()
        };
        bare(self) == bare(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Closing;

    fn actor(name: Option<&str>) -> Actor {
        Actor {
            name: name.map(str::to_string),
            user: "clerk".into(),
            host: "office".into(),
        }
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn issue() -> Issue {
        ron::from_str(include_str!("../../assets/sample-issue.ron")).unwrap()
    }

    #[test]
    fn forward_one_step_and_back_to_draft_with_a_reason() {
        use Status::*;
        // (from, to, allowed without a note, allowed with one)
        let table = [
            (Draft, Draft, false, false),
            (Draft, Review, true, true),
            (Draft, Signed, false, false),
            (Draft, Distributed, false, false),
            (Review, Draft, false, true),
            (Review, Review, false, false),
            (Review, Signed, true, true),
            (Review, Distributed, false, false),
            (Signed, Draft, false, true),
            (Signed, Review, false, false),
            (Signed, Signed, false, false),
            (Signed, Distributed, true, true),
            (Distributed, Draft, false, true),
            (Distributed, Review, false, false),
            (Distributed, Signed, false, false),
            (Distributed, Distributed, false, false),
        ];
        for (from, to, bare, noted) in table {
            assert_eq!(from.check_move(to, None).is_ok(), bare, "{from:?} → {to:?}");
            assert_eq!(
                from.check_move(to, Some("  ")).is_ok(),
                bare,
                "{from:?} → {to:?}"
            );
            assert_eq!(
                from.check_move(to, Some("标题有误")).is_ok(),
                noted,
                "{from:?} → {to:?} with a note"
            );
        }
        assert_eq!(
            Draft.check_move(Signed, None),
            Err(MoveError::Skip {
                from: Draft,
                to: Signed
            })
        );
        assert_eq!(
            Signed.check_move(Review, None),
            Err(MoveError::Back {
                from: Signed,
                to: Review
            })
        );
        assert_eq!(
            Signed.check_move(Draft, None),
            Err(MoveError::NeedsNote { from: Signed })
        );
        assert_eq!(
            Review.check_move(Review, None),
            Err(MoveError::Same(Review))
        );
        assert_eq!(Draft.moves(), [Review]);
        assert_eq!(Signed.moves(), [Distributed, Draft]);
        assert_eq!(Distributed.moves(), [Draft]);
    }

    #[test]
    fn signing_records_who_and_fills_an_empty_signer() {
        let mut i = issue();
        i.closing.signer = None;
        i.change_status(
            Status::Review,
            &actor(Some("王文明")),
            None,
            at("2023-11-22T09:00:00+08:00"),
        )
        .unwrap();
        let signed = i
            .change_status(
                Status::Signed,
                &actor(Some(" 王文明 ")),
                None,
                at("2023-11-23T10:12:00+08:00"),
            )
            .unwrap();
        assert_eq!(signed.signer_filled.as_deref(), Some("王文明"));
        assert!(!signed.signer_missing);
        assert_eq!(i.closing.signer.as_deref(), Some("王文明"));
        assert_eq!(i.status, Status::Signed);
        assert_eq!(i.history.len(), 2);
        let c = &i.history[1];
        assert_eq!((c.from, c.status), (Status::Review, Status::Signed));
        assert_eq!(c.who(), "王文明（clerk@office）");
        assert_eq!(c.note, None);
        let why = i.read_only().unwrap();
        assert_eq!(why.signer.as_deref(), Some("王文明"));
        assert_eq!(why.signed.as_ref(), Some(c));
        // An existing signer is kept; without a name nothing is filled.
        let mut j = issue();
        j.status = Status::Review;
        j.closing.signer = Some("张华".into());
        let s = j
            .change_status(
                Status::Signed,
                &actor(Some("王文明")),
                None,
                at("2023-11-23T10:12:00+08:00"),
            )
            .unwrap();
        assert_eq!((s.signer_filled, s.signer_missing), (None, false));
        assert_eq!(j.closing.signer.as_deref(), Some("张华"));
        let mut k = issue();
        k.status = Status::Review;
        k.closing = Closing::default();
        let s = k
            .change_status(
                Status::Signed,
                &actor(None),
                None,
                at("2023-11-23T10:12:00+08:00"),
            )
            .unwrap();
        assert!(s.signer_missing);
        assert_eq!(k.closing.signer, None);
        assert_eq!(k.history[0].who(), "clerk@office");
    }

    #[test]
    fn a_refused_move_changes_nothing_and_a_reopening_keeps_its_reason() {
        let mut i = issue();
        let before = i.clone();
        let t = at("2024-01-05T08:00:00+08:00");
        assert!(
            i.change_status(Status::Signed, &actor(None), None, t)
                .is_err()
        );
        assert_eq!(i, before);
        i.status = Status::Distributed;
        assert!(i.read_only().is_some());
        assert_eq!(
            i.change_status(Status::Draft, &actor(None), Some(""), t),
            Err(MoveError::NeedsNote {
                from: Status::Distributed
            })
        );
        i.change_status(Status::Draft, &actor(None), Some(" 标题有误 "), t)
            .unwrap();
        assert_eq!(i.history.last().unwrap().note.as_deref(), Some("标题有误"));
        assert!(i.read_only().is_none());
    }

    #[test]
    fn only_status_and_history_may_differ_from_a_signed_issue() {
        let i = issue();
        let mut moved = i.clone();
        moved.status = Status::Distributed;
        moved.history.push(StatusChange {
            status: Status::Distributed,
            from: Status::Signed,
            name: None,
            user: "u".into(),
            host: "h".into(),
            time: at("2024-01-05T08:00:00+08:00"),
            note: None,
            copy_of: None,
        });
        assert!(i.same_text(&moved));
        let mut edited = i.clone();
        edited.sections[0].articles[0].paragraphs[0].push('。');
        assert!(!i.same_text(&edited));
        let mut signer = i.clone();
        signer.closing.signer = Some("别人".into());
        assert!(!i.same_text(&signer));
    }
}
