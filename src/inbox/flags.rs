//! What the list flags on a submission: its text is already in an issue or
//! in another submission (the same title, punctuation and spaces aside),
//! or it was adopted more than once (two offices adopting it before a
//! sync).

use crate::model::{Issue, IssueId};
use crate::store::inbox::Listing;
use serde::Serialize;
use std::collections::BTreeMap;

/// One flag on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// An article of this title is in the issue (not adopted from it).
    InIssue(IssueId),
    /// Another submission (its 收文号) has the same title.
    SameAs(u32),
    /// Articles of these issues link it: adopted more than once.
    AdoptedTwice(Vec<IssueId>),
}

/// A title as compared: letters, digits and Chinese characters only.
fn key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The flags of each submission, by 收文号.
pub fn flags(listing: &Listing, issues: &[(IssueId, &Issue)]) -> BTreeMap<u32, Vec<Flag>> {
    let mut out: BTreeMap<u32, Vec<Flag>> = BTreeMap::new();
    // Titles of articles, and the issues linking each submission.
    let mut titles: BTreeMap<String, Vec<(IssueId, Option<u32>)>> = BTreeMap::new();
    let mut links: BTreeMap<u32, Vec<IssueId>> = BTreeMap::new();
    for (id, issue) in issues {
        for a in issue.articles() {
            titles
                .entry(key(&a.title_text()))
                .or_default()
                .push((*id, a.submission));
            if let Some(n) = a.submission {
                let l = links.entry(n).or_default();
                if !l.contains(id) {
                    l.push(*id);
                }
            }
        }
    }
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for e in &listing.entries {
        let r = &e.record;
        let k = key(&r.title);
        let mut f = Vec::new();
        if k.chars().count() >= 4 {
            if let Some((id, _)) = titles
                .get(&k)
                .and_then(|v| v.iter().find(|(_, link)| *link != Some(r.id)))
            {
                f.push(Flag::InIssue(*id));
            }
            match seen.get(&k) {
                Some(first) => f.push(Flag::SameAs(*first)),
                None => {
                    seen.insert(k, r.id);
                }
            }
        }
        if let Some(l) = links.get(&r.id).filter(|l| l.len() > 1) {
            f.push(Flag::AdoptedTwice(l.clone()));
        }
        if !f.is_empty() {
            out.insert(r.id, f);
        }
    }
    out
}

/// The flag in words, for the list.
pub fn flag_text(lang: crate::i18n::Lang, f: &Flag) -> String {
    use crate::i18n::Msg;
    match f {
        Flag::InIssue(id) => lang.fmt(Msg::InboxFlagInIssue, &[id]),
        Flag::SameAs(n) => lang.fmt(Msg::InboxFlagSameAs, &[n]),
        Flag::AdoptedTwice(ids) => {
            let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
            lang.fmt(
                Msg::InboxFlagTwice,
                &[&ids.join(lang.t(Msg::ListSeparator))],
            )
        }
    }
}
