//! The change of status: which of the allowed moves (the next step, or
//! back to draft), and a note, which going back to draft requires.

use super::{Field, Form, FormKind};
use crate::i18n::{Lang, Msg};
use crate::model::{IssueId, Status};

/// The option naming the move to `to`.
pub fn move_label(to: Status) -> Msg {
    match to {
        Status::Review => Msg::MoveOptReview,
        Status::Signed => Msg::MoveOptSign,
        Status::Distributed => Msg::MoveOptDistribute,
        Status::Draft => Msg::MoveOptReopen,
    }
}

impl Form {
    /// A change of status of `id`, now `from`, offering its allowed moves,
    /// `wanted` chosen (the first when it is not allowed).
    pub fn status(id: IssueId, from: Status, wanted: Option<Status>) -> Form {
        let moves = from.moves();
        let index = wanted
            .and_then(|w| moves.iter().position(|m| *m == w))
            .unwrap_or(0);
        let mut form = Form::new(
            FormKind::Status(id),
            vec![
                Field::choice(
                    Msg::FieldMoveTo,
                    moves.into_iter().map(move_label).collect(),
                    index,
                ),
                Field::text(Msg::FieldNote, "", false),
            ],
        );
        // Going back to draft: straight to the reason.
        if wanted == Some(Status::Draft) {
            form.focus = 1;
        }
        form
    }

    /// The move chosen and the note given.
    pub fn status_choice(&self) -> (Status, Option<String>) {
        let chosen = match &self.value(Msg::FieldMoveTo).kind {
            super::FieldKind::Choice { options, index } => options[*index],
            _ => Msg::MoveOptReopen,
        };
        let to = [
            Status::Review,
            Status::Signed,
            Status::Distributed,
            Status::Draft,
        ]
        .into_iter()
        .find(|s| move_label(*s) == chosen)
        .unwrap_or(Status::Draft);
        (to, self.opt_text(Msg::FieldNote))
    }

    /// Back to draft needs a reason.
    pub(super) fn validate_status(&mut self, lang: Lang) -> Result<(), String> {
        if !matches!(self.kind, FormKind::Status(_)) {
            return Ok(());
        }
        let (to, note) = self.status_choice();
        if to == Status::Draft && note.is_none() {
            let p = lang.t(Msg::StatusNoteRequired).to_string();
            self.focus = 1;
            self.error = Some(p.clone());
            return Err(p);
        }
        Ok(())
    }
}
