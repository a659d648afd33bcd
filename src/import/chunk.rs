//! A chunk of text pasted into an article, read by the importer's rules:
//! rejoined into paragraphs with headings, titles, sources and datelines
//! kept apart, and the sections and articles it holds, for the editor to
//! add as articles instead.

use super::lines;
use super::structure;
use crate::model::Article;

/// What a pasted chunk holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunk {
    /// Its paragraphs as text of the article pasted into: hard-wrapped
    /// lines rejoined, each section heading, title line, source and
    /// dateline a paragraph of its own; nothing tidied. Page numbers and
    /// rules (`— 3 —`, `────`) left by a PDF are dropped.
    pub paragraphs: Vec<String>,
    /// Sections found by their headings (`None`: the text before the first
    /// heading, for the section pasted into) and their titled articles,
    /// built (and tidied) as an import builds them. Empty when the chunk
    /// holds no heading and no title.
    pub sections: Vec<(Option<String>, Vec<Article>)>,
    /// The text before the first title or heading, as the import's
    /// paragraphs: what stays in the article when the rest becomes
    /// articles.
    pub lead: Vec<String>,
}

impl Chunk {
    /// How many sections by heading, and how many articles, it holds.
    pub fn counts(&self) -> (usize, usize) {
        let headed = self.sections.iter().filter(|s| s.0.is_some()).count();
        let articles = self.sections.iter().map(|s| s.1.len()).sum();
        (headed, articles)
    }
}

/// Reads `text` as a chunk; `untitled` is the title the importer gives text
/// it finds no title for (it marks the lead).
pub fn read(text: &str, untitled: &str) -> Chunk {
    let scanned = lines::scan(text);
    let (paragraphs, built) = structure::rejoin_chunk(&scanned.lines, false, "", untitled);
    let mut chunk = Chunk {
        paragraphs,
        ..Chunk::default()
    };
    if !built.structured {
        return chunk;
    }
    for (section, headed) in built.sections.into_iter().zip(built.headed) {
        let mut articles = section.articles;
        if !headed
            && chunk.sections.is_empty()
            && articles.first().is_some_and(|a| is_untitled(a, untitled))
        {
            chunk.lead = articles.remove(0).paragraphs;
        }
        let title = headed.then_some(section.title);
        if title.is_some() || !articles.is_empty() {
            chunk.sections.push((title, articles));
        }
    }
    chunk
}

/// Joins lines on demand (合并断行): as a paste is rejoined, and where the
/// lines show no printed width, each line that ends no sentence runs on
/// into the next.
pub fn join_lines(text: &str) -> Vec<String> {
    structure::rejoin_chunk(&lines::scan(text).lines, true, "", "").0
}

fn is_untitled(a: &Article, untitled: &str) -> bool {
    a.title.len() == 1 && a.title[0] == untitled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleKind;

    const PDF: &str = include_str!("../../tests/fixtures/zhoukou-wenming-2023-11-23.txt");

    /// Lines `from..to` (1-based, inclusive) of the sample PDF text.
    fn lines(from: usize, to: usize) -> String {
        PDF.lines()
            .skip(from - 1)
            .take(to + 1 - from)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_heading_and_a_two_line_title_stay_apart_from_the_text() {
        // 【经验交流】, a title on two lines, the article, the next title.
        let c = read(&lines(101, 182), "无标题");
        let p = &c.paragraphs;
        assert_eq!(p[0], "【经验交流】");
        assert_eq!(p[1], "市委统战部实施四项举措");
        assert_eq!(p[2], "推动文明单位创建走深走实");
        assert!(
            p[3].starts_with("市委统战部始终把精神文明建设") && p[3].ends_with("全面发展。"),
            "{p:?}"
        );
        assert!(p[4].starts_with("一是完善创建机制"), "{p:?}");
        let title = p
            .iter()
            .position(|l| l == "扶沟县白潭镇倡导移风易俗 破除陈规陋习");
        let title = title.unwrap_or_else(|| panic!("{p:?}"));
        assert!(p[title - 1].ends_with("社会责任。"), "{p:?}");
        assert!(
            p[title + 1].starts_with("扶沟县白潭镇深化移风易俗工作"),
            "{p:?}"
        );
        // Nothing lost but line breaks.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&p.concat()), squeeze(&lines(101, 182)));

        assert_eq!(c.counts(), (1, 2));
        assert!(c.lead.is_empty());
        let (name, articles) = &c.sections[0];
        assert_eq!(name.as_deref(), Some("经验交流"));
        assert_eq!(
            articles[0].title,
            ["市委统战部实施四项举措", "推动文明单位创建走深走实"]
        );
        assert_eq!(articles[0].kind, ArticleKind::Feature);
        assert_eq!(articles[0].paragraphs.len(), 5);
        assert_eq!(articles[1].title, ["扶沟县白潭镇倡导移风易俗 破除陈规陋习"]);
    }

    #[test]
    fn text_before_the_first_title_is_the_lead_and_sources_and_dates_stand_alone() {
        let text = "前文的最后一句，接着写完。\n（扶沟县文明办）\n2023年11月23日\n\n太康县举行宣讲报告会\n近日，太康县新时代文明实践中心举行宣讲报告会。\n";
        let c = read(text, "无标题");
        assert_eq!(
            c.paragraphs,
            [
                "前文的最后一句，接着写完。",
                "（扶沟县文明办）",
                "2023年11月23日",
                "太康县举行宣讲报告会",
                "近日，太康县新时代文明实践中心举行宣讲报告会。"
            ]
        );
        assert_eq!(c.counts(), (0, 1));
        assert_eq!(c.lead[0], "前文的最后一句，接着写完。");
        assert_eq!(c.sections[0].0, None);
        assert_eq!(c.sections[0].1[0].title, ["太康县举行宣讲报告会"]);
    }

    #[test]
    fn lines_join_on_demand_at_sentence_ends() {
        let text = "全市创文创卫工作推进会召开，通报\n创建工作进展情况。\n张建慧强调，要践行\n以人民为中心的发展思想。";
        assert_eq!(
            join_lines(text),
            [
                "全市创文创卫工作推进会召开，通报创建工作进展情况。",
                "张建慧强调，要践行以人民为中心的发展思想。"
            ]
        );
        let c = read(text, "无标题");
        assert_eq!(
            c.paragraphs.len(),
            4,
            "not wrapped to a width: a paste keeps its lines"
        );
    }

    #[test]
    fn plain_text_holds_no_articles() {
        let c = read("第一段。\n第二段。\n", "无标题");
        assert_eq!(c.paragraphs, ["第一段。", "第二段。"]);
        assert!(c.sections.is_empty());
    }
}
