//! What a submitted file holds, as the importer reads it: its articles,
//! title and 字数, and the unit that sent it, found in its text (a source
//! line （扶沟县文明办）, a signature at the end), in a Word file's author,
//! or in its file name.

use crate::import::structure::SOURCE_ENDINGS;
use crate::import::{self, ReadError, Source};
use crate::model::Article;
use crate::model::inbox::UnitFrom;
use std::io::Read;

/// Larger files are refused rather than read into memory.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// A submitted file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// As they would be imported, signatures taken off.
    pub articles: Vec<Article>,
    /// The unit and how it was found.
    pub unit: Option<(String, UnitFrom)>,
    pub source: Source,
}

impl Reading {
    /// The first article's title.
    pub fn title(&self) -> String {
        self.articles
            .first()
            .map(Article::title_text)
            .unwrap_or_default()
    }

    /// 字数 of every article.
    pub fn chars(&self) -> usize {
        self.articles.iter().map(Article::char_count).sum()
    }

    /// The text as it would be imported: each article's title, its source
    /// (`unit` when known) and paragraphs indented two ideographic spaces.
    pub fn preview_lines(&self, unit: &str) -> Vec<String> {
        let mut out = Vec::new();
        for a in &self.articles {
            out.extend(a.title.iter().cloned());
            let source = match unit.trim() {
                "" => a.source.clone(),
                u => Some(u.to_string()),
            };
            if let Some(s) = source {
                out.push(format!("（{s}）"));
            }
            out.extend(a.paragraphs.iter().map(|p| format!("\u{3000}\u{3000}{p}")));
            out.push(String::new());
        }
        out
    }
}

/// Reads the bytes of the file `name` (text, Word or PDF, by content) and
/// finds its unit.
pub fn read(bytes: &[u8], name: &str) -> Result<Reading, ReadError> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let opts = import::Options {
        default_section: String::new(),
        fallback_title: stem.to_string(),
    };
    let (imported, source) = import::read(bytes, None, &opts)?;
    let mut articles: Vec<Article> = imported.articles().cloned().collect();
    let mut unit = articles
        .iter()
        .find_map(|a| a.source.clone())
        .map(|s| (s, UnitFrom::SourceLine));
    if let Some(signed) = take_signature(&mut articles)
        && unit.is_none()
    {
        unit = Some((signed, UnitFrom::Signature));
    }
    if unit.is_none() && source == Source::Word {
        unit = docx_author(bytes)
            .filter(|a| unit_like(a))
            .map(|a| (a, UnitFrom::Author));
    }
    if unit.is_none() {
        unit = unit_from_name(stem).map(|u| (u, UnitFrom::FileName));
    }
    Ok(Reading {
        articles,
        unit,
        source,
    })
}

/// A line that names a unit: short, no sentence in it, ending as units do
/// (办, 局, 镇, 中心 …).
pub fn unit_like(s: &str) -> bool {
    let t = s.trim();
    let n = t.chars().count();
    (3..=24).contains(&n)
        && !t.contains(['。', '，', '；', '：', '！', '？', ',', ';', ':', ' '])
        && t.chars().any(crate::text::tidy::is_han)
        && SOURCE_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// A date line: 2023年11月20日, 二〇二三年十一月二十日, 2023-11-20, 2023.11.20.
fn date_like(s: &str) -> bool {
    let t = s.trim();
    let n = t.chars().count();
    (6..=16).contains(&n)
        && t.chars()
            .all(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十年月日-./".contains(c))
        && (t.contains('年') || t.contains('-') || t.contains('.') || t.contains('/'))
        && t.chars()
            .any(|c| c.is_ascii_digit() || c == '〇' || c == '年')
}

/// Takes a signature off the end of the text — the unit, often with a
/// date, as the last paragraphs, or read as an article of its own (a
/// short unit line titling a date) — and gives the unit.
fn take_signature(articles: &mut Vec<Article>) -> Option<String> {
    // The importer took "商水县文明办 / 2023年11月20日" for an article.
    if articles.len() > 1
        && let Some(last) = articles.last()
        && unit_like(&last.title_text())
        && last.paragraphs.iter().all(|p| date_like(p))
    {
        let unit = last.title_text();
        articles.pop();
        return Some(unit);
    }
    let last = articles.last_mut()?;
    let mut ps = last.paragraphs.clone();
    let dated = ps.last().is_some_and(|p| date_like(p));
    if dated {
        ps.pop();
    }
    match ps.last() {
        Some(p) if unit_like(p) && ps.len() > 1 => {
            let unit = p.trim().to_string();
            ps.pop();
            last.paragraphs = ps;
            Some(unit)
        }
        _ => {
            if dated && !ps.is_empty() {
                // A lone date at the end is a signature too: not text.
                last.paragraphs = ps;
            }
            None
        }
    }
}

/// The author in a Word file's properties (`docProps/core.xml`).
pub fn docx_author(bytes: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut core = zip.by_name("docProps/core.xml").ok()?;
    let mut xml = String::new();
    // A property part is small; a huge one is not read whole.
    core.by_ref().take(1 << 20).read_to_string(&mut xml).ok()?;
    let start = xml.find("<dc:creator")?;
    let rest = &xml[start..];
    let open_end = rest.find('>')?;
    if rest[..open_end].ends_with('/') {
        return None;
    }
    let body = &rest[open_end + 1..];
    let text = &body[..body.find("</dc:creator>")?];
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'");
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A unit in a file's name: 扶沟县文明办-白潭镇倡导文明新风, 【商水县文明办】…,
/// …（太康县文明办）, 扶沟县文明办_来稿.
pub fn unit_from_name(stem: &str) -> Option<String> {
    stem.split(|c: char| {
        "-_—－·、()（）【】[]［］〔〕《》 \u{3000}".contains(c) || c.is_ascii_digit()
    })
    .map(str::trim)
    .find(|p| unit_like(p))
    .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE_LINE: &str = "扶沟县白潭镇倡导文明新风\n（扶沟县文明办）\n　　近日，扶沟县白潭镇组织开展移风易俗宣传活动，倡导婚事新办、丧事简办。\n　　活动中，志愿者向群众发放宣传资料500余份。\n";
    const SIGNED: &str = "商水县举办志愿服务活动\n　　11月18日，商水县组织志愿者开展文明交通劝导活动。\n　　活动共出动志愿者120人次。\n\n商水县文明办\n2023年11月20日\n";

    #[test]
    fn the_unit_from_a_source_line() {
        let r = read(SOURCE_LINE.as_bytes(), "来稿.txt").unwrap();
        assert_eq!(r.unit, Some(("扶沟县文明办".into(), UnitFrom::SourceLine)));
        assert_eq!(r.title(), "扶沟县白潭镇倡导文明新风");
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].paragraphs.len(), 2);
    }

    #[test]
    fn the_unit_from_a_signature_which_is_taken_off() {
        let r = read(SIGNED.as_bytes(), "来稿.txt").unwrap();
        assert_eq!(r.unit, Some(("商水县文明办".into(), UnitFrom::Signature)));
        assert_eq!(r.articles.len(), 1, "{:?}", r.articles);
        assert_eq!(r.articles[0].paragraphs.len(), 2);
        // Signed at the end of the last paragraphs, one line each.
        let text = "太康县开展活动\n　　太康县开展文明实践活动，群众积极参与。\n　　活动取得良好效果。\n　　太康县文明办\n　　2023年11月21日\n";
        let r = read(text.as_bytes(), "x.txt").unwrap();
        assert_eq!(r.unit, Some(("太康县文明办".into(), UnitFrom::Signature)));
        assert_eq!(r.articles[0].paragraphs.len(), 2, "{:?}", r.articles);
    }

    #[test]
    fn the_unit_from_the_file_name() {
        let text = "西华县开展文明创建\n　　西华县组织开展文明创建活动，效果明显。\n";
        let r = read(text.as_bytes(), "西华县文明办-西华县开展文明创建.txt").unwrap();
        assert_eq!(r.unit, Some(("西华县文明办".into(), UnitFrom::FileName)));
        for (name, unit) in [
            ("【商水县文明办】报送", Some("商水县文明办")),
            ("关于活动的报道（太康县委宣传部）", Some("太康县委宣传部")),
            ("20231120_郸城县文明办_来稿", Some("郸城县文明办")),
            ("新建文档", None),
        ] {
            assert_eq!(unit_from_name(name).as_deref(), unit, "{name}");
        }
        let r = read(text.as_bytes(), "来稿.txt").unwrap();
        assert_eq!(r.unit, None);
    }

    #[test]
    fn words_that_are_not_units_or_dates() {
        assert!(!unit_like("活动中，志愿者向群众发放资料"));
        assert!(!unit_like("张三"));
        assert!(unit_like("周口市文明办"));
        assert!(date_like("2023年11月20日") && date_like("二〇二三年十一月二十日"));
        assert!(date_like("2023-11-20") && !date_like("活动共出动志愿者"));
    }

    #[test]
    fn unreadable_files_say_why() {
        assert!(read(b"\x00\x01\x02binary\x00\x00", "x.bin").is_err());
        assert!(read(b"   \n  ", "x.txt").is_err());
    }
}
