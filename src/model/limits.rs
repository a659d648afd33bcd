//! Length limits per section (`section_limits` in `library.ron`): offices
//! keep briefs short (文明时讯 ≤ 300 字); an article over its section's limit
//! is marked in the tree and reported by `jianbao check`.

use super::{Issue, Settings};

/// An article longer than its section allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlong {
    /// Index into `Issue::sections`.
    pub section: usize,
    /// Index into that section's articles.
    pub article: usize,
    /// The article's 字数 (title and text, as the tree shows it).
    pub chars: usize,
    pub limit: u32,
}

/// A section title as limits and statistics compare it: without brackets
/// (【】〔〕[]) and white space, so 【文明时讯】 and 文明 时讯 are one.
pub fn section_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace() && !"【】〔〕[]［］()（）".contains(*c))
        .collect()
}

/// A section title without the brackets it may have been typed with:
/// 【文明时讯】 → 文明时讯 (printing adds its own).
pub fn bare_title(title: &str) -> &str {
    title
        .trim()
        .trim_matches(|c| "【】〔〕[]［］".contains(c))
        .trim()
}

impl Settings {
    /// The most 字数 an article of the section `title` may have, if limited
    /// (a limit of 0 is none).
    pub fn section_limit(&self, title: &str) -> Option<u32> {
        let key = section_key(title);
        self.section_limits
            .iter()
            .find(|(k, _)| section_key(k) == key)
            .map(|(_, n)| *n)
            .filter(|n| *n > 0)
    }
}

impl Issue {
    /// The articles over their section's limit, in order.
    pub fn overlong(&self, settings: &Settings) -> Vec<Overlong> {
        let mut out = Vec::new();
        for (si, section) in self.sections.iter().enumerate() {
            let Some(limit) = settings.section_limit(&section.title) else {
                continue;
            };
            for (ai, article) in section.articles.iter().enumerate() {
                let chars = article.char_count();
                if chars > limit as usize {
                    out.push(Overlong {
                        section: si,
                        article: ai,
                        chars,
                        limit,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_over_their_sections_limit_are_found() {
        let issue: Issue = ron::from_str(include_str!("../../assets/sample-issue.ron")).unwrap();
        let mut settings = Settings::default();
        assert!(issue.overlong(&settings).is_empty());
        // 【文明时讯】 of the sample: briefs of 205, 143, 163 and 187 字.
        settings.section_limits.insert("【文明 时讯】".into(), 180);
        settings.section_limits.insert("工作动态".into(), 0);
        let over = issue.overlong(&settings);
        let counts: Vec<(usize, usize)> = over.iter().map(|o| (o.article, o.chars)).collect();
        assert_eq!(counts, [(0, 205), (3, 187)]);
        assert!(over.iter().all(|o| o.section == 2 && o.limit == 180));
        assert_eq!(settings.section_limit("工作动态"), None);
        assert_eq!(section_key("【文明 时讯】"), "文明时讯");
    }
}
