//! Numbering new issues: the next issue of a year, copies of an issue, and
//! creating them when other clerks (or scripts) create issues at the same
//! moment on the same library.

use super::{Library, StoreError};
use crate::model::{Issue, IssueId, NewIssueSpec, next_issue};
use chrono::NaiveDate;

/// How many times a creation that loses the race for a number tries the
/// next one before giving up (each try re-reads the library).
const MAX_TRIES: usize = 64;

/// How far past the highest number a free file name is looked for (broken
/// files keep their names) before saying something is wrong.
const MAX_GAP: u32 = 10_000;

/// A newly created issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub id: IssueId,
    /// The id first chosen, when another process took it meanwhile and the
    /// issue was numbered again (the clerk is told).
    pub taken: Option<IssueId>,
}

impl Library {
    /// Creates an issue built by `make` from the library as it is on disk
    /// now. When another process creates an issue under the same id at the
    /// same moment, the file is not overwritten: the library is read again
    /// and `make` asked again, so the loser takes the next number. `make`
    /// returning the id that was just taken (a number fixed by the caller)
    /// ends in [`StoreError::Exists`].
    pub fn create_with(
        &mut self,
        mut make: impl FnMut(&Library) -> Result<Issue, StoreError>,
    ) -> Result<Created, StoreError> {
        let mut first: Option<IssueId> = None;
        let mut last_taken: Option<IssueId> = None;
        for _ in 0..MAX_TRIES {
            // Number after what is on disk now, not only what was there at start.
            self.refresh()?;
            let issue = make(self)?;
            let wanted = issue.id();
            if last_taken == Some(wanted) {
                return Err(StoreError::Exists(wanted));
            }
            first.get_or_insert(wanted);
            match self.insert(issue) {
                Ok(id) => {
                    let taken = first.filter(|f| *f != id);
                    if let Some(t) = taken {
                        tracing::info!(%t, %id, "number taken by another process meanwhile");
                    }
                    return Ok(Created { id, taken });
                }
                Err(StoreError::Exists(id)) => {
                    tracing::info!(%id, "lost the race for a number; trying the next");
                    last_taken = Some(id);
                }
                Err(e) => return Err(e),
            }
        }
        Err(StoreError::Exists(
            last_taken.or(first).expect("tried at least once"),
        ))
    }

    /// Creates the next issue (see [`next_issue`]) from `template` or the
    /// latest issue, and saves it.
    pub fn create_next(
        &mut self,
        template: Option<&IssueId>,
        date: NaiveDate,
        supplement: bool,
    ) -> Result<Created, StoreError> {
        let template = template.copied();
        self.create_with(|lib| lib.next_numbered(template.as_ref(), date, supplement))
    }

    /// A full copy of `source` (articles included) under the next number,
    /// dated `date`, as a draft.
    pub fn duplicate(&mut self, source: &IssueId, date: NaiveDate) -> Result<Created, StoreError> {
        let original = self.issue(source)?.into_owned();
        let source = *source;
        self.create_with(|lib| {
            let numbered = lib.next_numbered(Some(&source), date, original.supplement)?;
            Ok(Issue {
                number: numbered.number,
                total: numbered.total,
                date: numbered.date,
                status: numbered.status,
                // A new issue: none of the original's changes of status,
                // nor its copy's number.
                history: Vec::new(),
                marks: numbered.marks,
                ..original.clone()
            })
        })
    }

    /// The next issue of `date`'s year from `template` (or the latest), not
    /// yet saved, numbered after the issues loaded.
    pub fn next_numbered(
        &self,
        template: Option<&IssueId>,
        date: NaiveDate,
        supplement: bool,
    ) -> Result<Issue, StoreError> {
        let template = match template.copied().or_else(|| self.latest()) {
            Some(id) => Some(self.issue(&id)?),
            None => None,
        };
        let existing: Vec<(IssueId, Option<u32>)> = self
            .entries()
            .map(|(id, e)| (*id, e.summary.total))
            .collect();
        let mut issue = next_issue(&NewIssueSpec {
            existing: &existing,
            template: template.as_deref(),
            settings: &self.settings,
            date,
            supplement,
        });
        issue.number = self.free_from(issue.id())?.number;
        Ok(issue)
    }

    /// The smallest number after every issue of `year` in the regular or
    /// supplement sequence whose file name is free (a broken file keeps its
    /// name).
    pub fn next_free_id(&self, year: i32, supplement: bool) -> Result<IssueId, StoreError> {
        let number = self
            .entries()
            .map(|(id, _)| id)
            .filter(|id| id.year == year && id.supplement == supplement)
            .map(|id| id.number)
            .max()
            .unwrap_or(0)
            + 1;
        self.free_from(IssueId::new(year, number, supplement))
    }

    /// `id`, or the first id after it in its sequence whose file name is
    /// free. An error reading the folder is reported, not retried.
    fn free_from(&self, id: IssueId) -> Result<IssueId, StoreError> {
        let mut id = id;
        for _ in 0..MAX_GAP {
            if !self.exists(&self.path_for(&id))? {
                return Ok(id);
            }
            id.number += 1;
        }
        Err(StoreError::Exists(id))
    }
}
