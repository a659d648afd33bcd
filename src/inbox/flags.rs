//! What the list flags on a submission: its text is already in an issue or
//! in another submission (the same or nearly the same title and first
//! paragraph), or it was adopted more than once (two offices adopting it
//! before a sync).
//!
//! "Nearly the same" is measured on the title and the start of the first
//! paragraph with spaces, punctuation and letter case taken out: the Dice
//! coefficient of their character bigrams (twice the bigrams shared over
//! the bigrams of both). Chinese has no spaces to split words at, and
//! bigrams are what a reader sees as the same phrases. [`THRESHOLD`] is set
//! between what the tests measure: a resubmission with its title
//! shortened and a date and a figure changed scores 0.83, the same with
//! other punctuation 1.0; the same unit's other item that starts the same
//! way (近日，扶沟县白潭镇组织…) 0.37, and one under the same title with
//! another first paragraph 0.45.

use crate::model::{Issue, IssueId};
use crate::store::inbox::{Entry, Listing};
use serde::Serialize;
use std::collections::BTreeMap;

/// From this similarity on, two texts are the same item.
pub const THRESHOLD: f64 = 0.75;

/// How much of the first paragraph is compared: enough to tell items of
/// one template apart, short enough that a rewritten second half of a
/// long paragraph does not hide a resubmission.
const LEAD_CHARS: usize = 120;

/// One flag on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// An article of the issue (not adopted from this submission) has the
    /// same or nearly the same title and first paragraph: its title, and
    /// how alike they are in per cent.
    InIssue {
        issue: IssueId,
        title: String,
        percent: u8,
    },
    /// Another submission (its 收文号) has the same or nearly the same
    /// title and first paragraph.
    SameAs { submission: u32, percent: u8 },
    /// Adopted more than once: the issues linking it or named by its
    /// adoptions.
    AdoptedTwice(Vec<IssueId>),
}

/// Text as compared: letters, digits and Chinese characters only.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What two items are compared by: the title and the start of the first
/// paragraph, as a sorted list of character bigrams.
#[derive(Debug, Clone)]
struct Print {
    title: String,
    /// Whether the first paragraph was known (a file that cannot be read
    /// is compared by its title alone).
    lead: bool,
    bigrams: Vec<(char, char)>,
}

impl Print {
    fn new(title: &str, lead: Option<&str>) -> Print {
        let title = key(title);
        let mut text = title.clone();
        if let Some(l) = lead {
            text.extend(key(l).chars().take(LEAD_CHARS));
        }
        let chars: Vec<char> = text.chars().collect();
        let mut bigrams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        bigrams.sort_unstable();
        Print {
            title,
            lead: lead.is_some(),
            bigrams,
        }
    }

    /// How alike two prints are, 0–1; with a first paragraph missing on
    /// either side, 1 for the same title (of four characters or more) and
    /// else 0.
    fn similarity(&self, other: &Print) -> f64 {
        if !(self.lead && other.lead) {
            let same = self.title == other.title && self.title.chars().count() >= 4;
            return if same { 1.0 } else { 0.0 };
        }
        let (a, b) = (&self.bigrams, &other.bigrams);
        // Too short to say anything: a title of a few characters.
        if a.len() < 6 || b.len() < 6 {
            return 0.0;
        }
        // The most they can share is the shorter: skip what cannot reach.
        if 2.0 * a.len().min(b.len()) as f64 / ((a.len() + b.len()) as f64) < THRESHOLD {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * shared as f64 / (a.len() + b.len()) as f64
    }
}

/// How alike two items are (title and first paragraph), 0–1.
pub fn similarity(a: (&str, &str), b: (&str, &str)) -> f64 {
    Print::new(a.0, Some(a.1)).similarity(&Print::new(b.0, Some(b.1)))
}

fn percent(x: f64) -> u8 {
    (x * 100.0).round().clamp(0.0, 100.0) as u8
}

/// The first paragraph of each submission whose file can be read, by
/// 收文号, as it would be imported.
pub fn leads(listing: &Listing) -> BTreeMap<u32, String> {
    listing
        .entries
        .iter()
        .filter_map(|e| Some((e.record.id, lead_of(e)?)))
        .collect()
}

fn lead_of(e: &Entry) -> Option<String> {
    let reading = super::read_entry(e).ok()?;
    let first = reading.articles.first()?;
    Some(first.paragraphs.first().cloned().unwrap_or_default())
}

/// The flags of each submission, by 收文号; `leads` gives the first
/// paragraph of those whose file could be read (see [`leads`]).
pub fn flags(
    listing: &Listing,
    issues: &[(IssueId, &Issue)],
    leads: &BTreeMap<u32, String>,
) -> BTreeMap<u32, Vec<Flag>> {
    let mut out: BTreeMap<u32, Vec<Flag>> = BTreeMap::new();
    // The articles of the issues, and the issues linking each submission.
    let mut articles: Vec<(IssueId, String, Option<u32>, Print)> = Vec::new();
    let mut links: BTreeMap<u32, Vec<IssueId>> = BTreeMap::new();
    for (id, issue) in issues {
        for a in issue.articles() {
            let title = a.title_text();
            let lead = a.paragraphs.first().map_or("", String::as_str);
            let print = Print::new(&title, Some(lead));
            articles.push((*id, title, a.submission, print));
            if let Some(n) = a.submission {
                let l = links.entry(n).or_default();
                if !l.contains(id) {
                    l.push(*id);
                }
            }
        }
    }
    let prints: Vec<Print> = listing
        .entries
        .iter()
        .map(|e| Print::new(&e.record.title, leads.get(&e.record.id).map(String::as_str)))
        .collect();
    for (n, e) in listing.entries.iter().enumerate() {
        let r = &e.record;
        let mine = &prints[n];
        let mut f = Vec::new();
        // The most alike article not adopted from this very submission.
        let best = articles
            .iter()
            .filter(|(_, _, link, _)| *link != Some(r.id))
            .map(|(id, title, _, p)| (mine.similarity(p), id, title))
            .filter(|(s, ..)| *s >= THRESHOLD)
            // Among equals the first, in the issues' order (the oldest).
            .fold(
                None,
                |best: Option<(f64, &IssueId, &String)>, x| match best {
                    Some(b) if b.0 >= x.0 => Some(b),
                    _ => Some(x),
                },
            );
        if let Some((s, id, title)) = best {
            f.push(Flag::InIssue {
                issue: *id,
                title: title.clone(),
                percent: percent(s),
            });
        }
        // The first earlier submission saying the same.
        let earlier = listing.entries[..n]
            .iter()
            .zip(&prints)
            .map(|(o, p)| (o.record.id, mine.similarity(p)))
            .find(|(_, s)| *s >= THRESHOLD);
        if let Some((id, s)) = earlier {
            f.push(Flag::SameAs {
                submission: id,
                percent: percent(s),
            });
        }
        // Linked from more than one issue, or adopted more than once by
        // its record (two offices' adoptions merged by a sync).
        let mut into = links.get(&r.id).cloned().unwrap_or_default();
        let adoptions = r.adoptions();
        for id in adoptions.iter().flatten() {
            if !into.contains(id) {
                into.push(*id);
            }
        }
        if into.len() > 1 || adoptions.len() > 1 {
            f.push(Flag::AdoptedTwice(into));
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
        Flag::InIssue {
            issue,
            title,
            percent,
        } => lang.fmt(
            Msg::InboxFlagInIssue,
            &[issue, title, &likeness(lang, *percent)],
        ),
        Flag::SameAs {
            submission,
            percent,
        } => lang.fmt(
            Msg::InboxFlagSameAs,
            &[submission, &likeness(lang, *percent)],
        ),
        Flag::AdoptedTwice(ids) => {
            let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
            lang.fmt(
                Msg::InboxFlagTwice,
                &[&ids.join(lang.t(Msg::ListSeparator))],
            )
        }
    }
}

/// 相同 for the same text, 相近（86%） for nearly the same.
fn likeness(lang: crate::i18n::Lang, percent: u8) -> String {
    use crate::i18n::Msg;
    if percent >= 100 {
        lang.t(Msg::InboxFlagSame).to_string()
    } else {
        lang.fmt(Msg::InboxFlagNear, &[&percent])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::{Submit, submit};
    use crate::store::Library;

    const ORIGINAL: (&str, &str) = (
        "扶沟县白潭镇倡导文明新风",
        "近日，扶沟县白潭镇组织开展移风易俗宣传活动，倡导婚事新办、丧事简办、厚养薄葬。",
    );
    /// Sent again: the title shortened, a date for 近日, a phrase dropped.
    const EDITED: (&str, &str) = (
        "白潭镇倡导文明新风",
        "11月20日，扶沟县白潭镇组织开展移风易俗宣传活动，倡导婚事新办、丧事简办。",
    );
    /// The same unit's other item, starting the same way.
    const OTHER_ITEM: (&str, &str) = (
        "扶沟县白潭镇开展志愿服务",
        "近日，扶沟县白潭镇组织志愿者开展文明交通劝导活动，劝导不文明行为200余起。",
    );
    /// The same title over another first paragraph.
    const SAME_TITLE: (&str, &str) = (
        "扶沟县白潭镇倡导文明新风",
        "近日，扶沟县白潭镇召开文明村镇创建推进会，部署下一阶段创建工作。",
    );

    #[test]
    fn near_duplicates_score_above_the_threshold_other_items_below() {
        let s = |a, b| similarity(a, b);
        assert_eq!(s(ORIGINAL, ORIGINAL), 1.0);
        // Spaces, half-width punctuation, letter case do not count.
        let spaced = (
            "扶沟县 白潭镇倡导文明新风",
            "近日, 扶沟县白潭镇组织开展移风易俗宣传活动, 倡导婚事新办, 丧事简办, 厚养薄葬.",
        );
        assert_eq!(s(ORIGINAL, spaced), 1.0);
        let edited = s(ORIGINAL, EDITED);
        assert!((0.80..0.86).contains(&edited), "{edited}");
        let other = s(ORIGINAL, OTHER_ITEM);
        assert!((0.30..0.45).contains(&other), "{other}");
        let same_title = s(ORIGINAL, SAME_TITLE);
        assert!((0.40..0.50).contains(&same_title), "{same_title}");
        assert!(edited >= THRESHOLD && other.max(same_title) < THRESHOLD);
        // A title alone too short to tell.
        assert_eq!(s(("会议", ""), ("会议", "")), 0.0);
    }

    fn text((title, lead): (&str, &str)) -> String {
        format!("{title}\n（扶沟县文明办）\n　　{lead}\n　　活动中发放宣传资料。\n")
    }

    #[test]
    fn submissions_are_flagged_by_title_and_first_paragraph() {
        let dir = tempfile::TempDir::new().unwrap();
        let lib = Library::open(&dir.path().join("lib")).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2023-11-20T09:30:00+08:00").unwrap();
        for (name, item) in [
            ("原稿.txt", ORIGINAL),
            ("重发.txt", EDITED),
            ("另一篇.txt", OTHER_ITEM),
            ("同题.txt", SAME_TITLE),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text(item)).unwrap();
            submit(&lib, &path, &Submit::default(), at).unwrap();
        }
        let listing = lib.read_inbox().unwrap();
        let leads = leads(&listing);
        assert_eq!(leads[&1], ORIGINAL.1);
        let found = flags(&listing, &[], &leads);
        assert_eq!(
            found.get(&2),
            Some(&vec![Flag::SameAs {
                submission: 1,
                percent: 83
            }])
        );
        // The other item and the same title with other news: no flag.
        assert_eq!(found.keys().collect::<Vec<_>>(), [&2]);
        // An article already in an issue: named with its title.
        let mut issue = crate::test_support::sample_issue();
        issue.sections[0].articles[0] =
            crate::test_support::article(ORIGINAL.0, None, &[ORIGINAL.1, "其余"]);
        let id = issue.id();
        let found = flags(&listing, &[(id, &issue)], &leads);
        assert_eq!(
            found[&1],
            [Flag::InIssue {
                issue: id,
                title: ORIGINAL.0.to_string(),
                percent: 100
            }]
        );
        assert_eq!(found[&2].len(), 2);
        assert_eq!(
            flag_text(crate::i18n::Lang::Zh, &found[&2][0]),
            "与 2023-025 中已有的文章《扶沟县白潭镇倡导文明新风》相近（83%）"
        );
        // A file that cannot be read: compared by its title alone.
        let no_leads = BTreeMap::new();
        let found = flags(&listing, &[], &no_leads);
        assert_eq!(
            found[&4],
            [Flag::SameAs {
                submission: 1,
                percent: 100
            }]
        );
    }
}
