//! Numbering new issues: the next issue of a year, copies of an issue.

use super::{Library, StoreError};
use crate::model::{Issue, IssueId, NewIssueSpec, next_issue};
use chrono::NaiveDate;

impl Library {
    /// Creates the next issue (see [`next_issue`]) from `template` or the
    /// latest issue, and saves it.
    pub fn create_next(
        &mut self,
        template: Option<&IssueId>,
        date: NaiveDate,
        supplement: bool,
    ) -> Result<IssueId, StoreError> {
        let issue = self.next_numbered(template, date, supplement)?;
        self.insert(issue)
    }

    /// A full copy of `source` (articles included) under the next number,
    /// dated `date`, as a draft.
    pub fn duplicate(&mut self, source: &IssueId, date: NaiveDate) -> Result<IssueId, StoreError> {
        let original = self
            .get(source)
            .cloned()
            .ok_or(StoreError::NotFound(*source))?;
        let numbered = self.next_numbered(Some(source), date, original.supplement)?;
        self.insert(Issue {
            number: numbered.number,
            total: numbered.total,
            date: numbered.date,
            status: numbered.status,
            ..original
        })
    }

    /// The next issue of `date`'s year from `template` (or the latest), not
    /// yet saved.
    fn next_numbered(
        &mut self,
        template: Option<&IssueId>,
        date: NaiveDate,
        supplement: bool,
    ) -> Result<Issue, StoreError> {
        // Number after what is on disk now, not only what was there at start.
        self.refresh()?;
        let template = match template {
            Some(id) => Some(self.get(id).ok_or(StoreError::NotFound(*id))?),
            None => self.latest(),
        };
        let existing: Vec<(IssueId, Option<u32>)> = self
            .entries
            .iter()
            .map(|(id, e)| (*id, e.issue.total))
            .collect();
        let mut issue = next_issue(&NewIssueSpec {
            existing: &existing,
            template,
            settings: &self.settings,
            date,
            supplement,
        });
        // A broken file keeps its name: take the next number instead.
        while self.exists(&self.path_for(&issue.id()))? {
            issue.number += 1;
        }
        Ok(issue)
    }

    /// The smallest number after every issue of `year` in the regular or
    /// supplement sequence whose file name is free (a broken file keeps its
    /// name).
    pub fn next_free_id(&self, year: i32, supplement: bool) -> IssueId {
        let mut number = self
            .entries
            .keys()
            .filter(|id| id.year == year && id.supplement == supplement)
            .map(|id| id.number)
            .max()
            .unwrap_or(0)
            + 1;
        while self
            .exists(&self.path_for(&IssueId::new(year, number, supplement)))
            .unwrap_or(true)
        {
            number += 1;
        }
        IssueId::new(year, number, supplement)
    }
}
