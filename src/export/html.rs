//! One self-contained HTML file: inline CSS, no scripts, no external
//! resources (fonts are named, with fallbacks, and taken from the reader's
//! machine). On screen it is a readable, responsive page for web posting; in
//! print an A4 page laid out like the Word export (GB/T 9704 margins and
//! type area, page numbers — N — at the outer side where the browser
//! supports page margin boxes).

use super::flow::Flow;
use super::labels;
use super::layout::{
    body, clean, distribution, join_title, printed_sections, run_in_title, source_line, staff_text,
    title_lines,
};
use crate::model::{Article, ArticleKind, FontSize, Issue, PrintSettings};
use std::fmt::Write;

/// The issue as an HTML document.
pub fn to_html(issue: &Issue, settings: &PrintSettings) -> String {
    let name = clean(&issue.bulletin);
    let number = labels::number(issue);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"generator\" content=\"jianbao\">\n");
    let _ = writeln!(
        h,
        "<title>{}</title>",
        escape([name.as_str(), number.as_str()].join(" ").trim())
    );
    let _ = writeln!(
        h,
        "<style>\n{}</style>\n</head>\n<body>",
        stylesheet(settings, &print_flow(issue, settings))
    );
    h.push_str("<article class=\"issue\">\n<header class=\"masthead\">\n");
    // 份号, 密级, 紧急程度, 内部资料: upper left, above the name (GB/T 9704 7.2).
    for mark in issue.marks.lines() {
        let mark = clean(&mark);
        if !mark.is_empty() {
            let _ = writeln!(h, "<p class=\"mark\">{}</p>", escape(&mark));
        }
    }
    if !name.is_empty() {
        let _ = writeln!(h, "<h1 class=\"bulletin\">{}</h1>", escape(&name));
    }
    let _ = writeln!(h, "<p class=\"number\">{}</p>", escape(&number));
    let _ = writeln!(
        h,
        "<p class=\"issuer-date\"><span>{}</span><span>{}</span></p>\n</header>",
        escape(&clean(&issue.issuer)),
        escape(&labels::date(issue.date))
    );
    let sections: Vec<_> = printed_sections(issue).collect();
    if settings.contents && !sections.is_empty() {
        let _ = writeln!(
            h,
            "<nav class=\"contents\">\n<h2>{}</h2>",
            escape(labels::CONTENTS)
        );
        for (si, section) in &sections {
            let _ = writeln!(
                h,
                "<p class=\"contents-section\">{}</p>",
                escape(&labels::section(&clean(&section.title)))
            );
            for (ai, article) in section.articles.iter().enumerate() {
                let _ = writeln!(
                    h,
                    "<p class=\"contents-entry\"><a href=\"#{}\">{}</a></p>",
                    anchor(*si, ai),
                    escape(&join_title(&article.title))
                );
            }
        }
        h.push_str("</nav>\n");
    }
    for (si, section) in &sections {
        let _ = writeln!(
            h,
            "<section>\n<h2 class=\"section\">{}</h2>",
            escape(&labels::section(&clean(&section.title)))
        );
        for (ai, article) in section.articles.iter().enumerate() {
            article_html(article, &anchor(*si, ai), &mut h);
        }
        h.push_str("</section>\n");
    }
    closing_html(issue, &mut h);
    h.push_str("</article>\n</body>\n</html>\n");
    h
}

fn anchor(section: usize, article: usize) -> String {
    format!("a{}-{}", section + 1, article + 1)
}

fn article_html(article: &Article, id: &str, h: &mut String) {
    let paragraphs = body(article);
    match article.kind {
        ArticleKind::Feature => {
            let _ = writeln!(h, "<div class=\"article\" id=\"{id}\">");
            let title: Vec<String> = title_lines(article).iter().map(|t| escape(t)).collect();
            if !title.is_empty() {
                let _ = writeln!(h, "<h3>{}</h3>", title.join("<br>"));
            }
            if let Some(s) = source_line(article) {
                let _ = writeln!(h, "<p class=\"source\">{}</p>", escape(&s));
            }
            for p in &paragraphs {
                let _ = writeln!(h, "<p>{}</p>", escape(p));
            }
        }
        ArticleKind::Brief => {
            let _ = writeln!(h, "<div class=\"article brief\" id=\"{id}\">");
            let mut paragraphs = paragraphs.iter();
            let _ = writeln!(
                h,
                "<p><strong>{}</strong>{}</p>",
                escape(&run_in_title(&article.title)),
                escape(paragraphs.next().map(String::as_str).unwrap_or(""))
            );
            for p in paragraphs {
                let _ = writeln!(h, "<p>{}</p>", escape(p));
            }
        }
    }
    h.push_str("</div>\n");
}

fn closing_html(issue: &Issue, h: &mut String) {
    let closing = &issue.closing;
    let distribution = distribution(closing);
    let staff = staff_text(closing);
    let copies = closing.copies.map(labels::copies).unwrap_or_default();
    if distribution.is_empty() && staff.is_empty() && copies.is_empty() {
        return;
    }
    h.push_str("<footer class=\"closing\">\n");
    if !distribution.is_empty() {
        h.push_str("<div class=\"distribution\">\n");
        for (label, recipients) in &distribution {
            let _ = writeln!(
                h,
                "<p><span class=\"label\">{}</span>{}</p>",
                escape(label),
                escape(recipients)
            );
        }
        h.push_str("</div>\n");
    }
    if !staff.is_empty() || !copies.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"staff\"><span>{}</span><span>{}</span></p>",
            escape(&staff),
            escape(&copies)
        );
    }
    h.push_str("</footer>\n");
}

/// Escapes text for element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS string literal that cannot end the string or the style element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => {
                let _ = write!(out, "\\{:X} ", c as u32);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A font stack: Latin text in the Latin font (through the `jb-latin` face,
/// limited to Latin code points so Chinese quotation marks stay in the
/// Chinese font), then the configured Chinese font, then look-alikes.
fn stack(font: &str, fallbacks: &[&str], generic: &str) -> String {
    let mut names = vec!["jb-latin".to_string()];
    names.extend(
        std::iter::once(font)
            .chain(fallbacks.iter().copied().filter(|f| *f != font))
            .filter(|f| !f.trim().is_empty())
            .map(css_string),
    );
    names.push(generic.to_string());
    names.join(", ")
}

const SONG: &[&str] = &[
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05S",
    "华文中宋",
    "STZhongsong",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Songti SC",
    "SimSun",
];
const HEI: &[&str] = &[
    "黑体",
    "SimHei",
    "Heiti SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
];
const FANGSONG: &[&str] = &[
    "仿宋_GB2312",
    "FangSong_GB2312",
    "仿宋",
    "FangSong",
    "STFangsong",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
];
const KAI: &[&str] = &[
    "楷体_GB2312",
    "KaiTi_GB2312",
    "楷体",
    "KaiTi",
    "STKaiti",
    "Noto Serif CJK SC",
];
const PAGE_NUMBER: &[&str] = &["宋体", "SimSun", "Songti SC", "Noto Serif CJK SC"];

fn pt(size: FontSize) -> String {
    format!("{}pt", size.points())
}

/// How the print falls into pages, as the Word export's flow estimates it on
/// the same grid. The Word file draws each closing rule under a thin line of
/// its own, where HTML has a border only: that space goes above the block.
fn print_flow(issue: &Issue, s: &PrintSettings) -> Flow {
    let lines = super::layout::layout(issue, s.contents);
    let mut flow = super::flow::flow(&lines, s, &super::docx::Geometry::new(s));
    let rules = lines.iter().filter(|l| l.kind.is_rule()).count() as i32 - 1;
    flow.closing_space += rules.max(0) * super::docx::CLOSING_RULE_LINE;
    flow
}

/// The style sheet; `flow` says how much room the last page leaves above
/// the closing block, which print pushes down to the page's foot.
fn stylesheet(s: &PrintSettings, flow: &Flow) -> String {
    let text_height = PrintSettings::PAGE_HEIGHT_MM - s.margin_top_mm - s.margin_bottom_mm;
    let line = f64::from(text_height) / f64::from(s.lines_per_page);
    let text_width = PrintSettings::PAGE_WIDTH_MM - s.margin_left_mm - s.margin_right_mm;
    // The Chinese type size that sets chars_per_line characters in the
    // text block (GB/T 9704: 28 of 三号, slightly condensed).
    let pitch = f64::from(text_width) / f64::from(s.chars_per_line);
    let name = stack(&s.name_font, SONG, "serif");
    let title = stack(&s.title_font, SONG, "serif");
    let heading = stack(&s.heading_font, HEI, "sans-serif");
    let body = stack(&s.body_font, FANGSONG, "serif");
    let source = stack(&s.source_font, KAI, "serif");
    let page_number = stack(&s.page_number_font, PAGE_NUMBER, "serif");
    let latin = css_string(&s.latin_font);
    let page_number_box = |side: &str| {
        format!(
            "@page :{side} {{ @bottom-{side} {{ content: \"{dash} \" counter(page) \" {dash}\"; \
             font-family: {page_number}; font-size: {size}; vertical-align: top; \
             padding-top: 7mm; margin-{side}: 1em; }} }}\n",
            dash = labels::PAGE_DASH,
            size = pt(s.page_number_size),
        )
    };
    let mut css = format!(
        r#"@font-face {{ font-family: "jb-latin"; src: local({latin}), local("Times New Roman"), local("TimesNewRomanPSMT"), local("Liberation Serif"); unicode-range: U+0000-024F; }}
:root {{ --red: #{red}; --rule: #{rule}; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; background: #eceae4; color: #111; }}
.issue {{ max-width: 46rem; margin: 1.5rem auto; padding: 2.5rem clamp(1rem, 5vw, 3.5rem) 3rem;
  background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, .15);
  font-family: {body}; font-size: 1.15rem; line-height: 1.9; }}
.masthead {{ text-align: center; border-bottom: 2px solid var(--rule); padding-bottom: .6rem; margin-bottom: 1.5rem; }}
.bulletin {{ font-family: {name}; font-weight: normal; color: var(--red);
  font-size: clamp(2rem, 10vw, {name_size}); line-height: 1.3; margin: 0 0 .3em; letter-spacing: .05em; }}
.mark {{ font-family: {heading}; margin: 0; text-align: left; text-indent: 0; }}
.number {{ margin: 0; text-align: center; }}
.issuer-date {{ display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1em; margin: .3em 0 0; padding: 0 1em; }}
.contents {{ margin: 0 0 1.5rem; }}
.contents h2 {{ font-family: {heading}; font-weight: normal; font-size: 1em; text-align: center; margin: 0; }}
.contents p {{ margin: 0; }}
.contents-section {{ font-family: {heading}; }}
.contents-entry {{ padding-left: 2em; }}
.contents a {{ color: inherit; text-decoration: none; }}
.contents a:hover {{ text-decoration: underline; }}
h2.section {{ font-family: {heading}; font-weight: normal; font-size: 1em; margin: 1.5em 0 0; }}
.article {{ margin: 1.2em 0 0; }}
.brief + .brief {{ margin-top: 0; }}
h3 {{ font-family: {title}; font-weight: normal; font-size: clamp(1.35rem, 5vw, {title_size}); line-height: 1.45; text-align: center; margin: 0 0 .6em; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.number, .issuer-date, .contents p, .source, .closing p {{ text-indent: 0; }}
.source {{ font-family: {source}; text-align: center; margin: -.3em 0 .6em; }}
.brief strong {{ font-weight: bold; }}
.closing {{ margin-top: 2.5em; font-size: .875em; border-top: 1px solid #000; border-bottom: 1px solid #000; }}
.closing p {{ padding: 0 1em; text-align: justify; }}
.distribution p {{ padding-left: 3em; text-indent: -2em; }}
.distribution {{ border-bottom: .5px solid #000; }}
.staff {{ display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1em; }}
@media (max-width: 30rem) {{ .issue {{ margin: 0; box-shadow: none; }} }}
@page {{ size: A4; margin: {mt}mm {mr}mm {mb}mm {ml}mm; }}
"#,
        red = s.name_color.hex(),
        rule = s.rule_color.hex(),
        name_size = pt(s.name_size),
        title_size = pt(s.title_size),
        mt = s.margin_top_mm,
        mr = s.margin_right_mm,
        mb = s.margin_bottom_mm,
        ml = s.margin_left_mm,
    );
    css.push_str(&page_number_box("right"));
    css.push_str(&page_number_box("left"));
    let _ = write!(
        css,
        r#"@media print {{
  body {{ background: none; }}
  .issue {{ max-width: none; margin: 0; padding: 0; box-shadow: none;
    font-size: {body_size}; line-height: {line:.3}mm; letter-spacing: calc({pitch:.3}mm - 1em); }}
  .bulletin {{ font-size: {name_size}; line-height: {two_lines:.3}mm; margin: 0; }}
  .masthead {{ border-bottom-width: 1.5pt; padding-bottom: 4mm; margin-bottom: {line:.3}mm; }}
  h3 {{ font-size: {title_size}; line-height: {line:.3}mm; margin: {line:.3}mm 0; }}
  .source {{ margin: -{line:.3}mm 0 {line:.3}mm; }}
  h2.section {{ margin: {line:.3}mm 0 0; }}
  .article {{ margin: {line:.3}mm 0 0; }}
  .brief + .brief {{ margin-top: 0; }}
  .contents {{ margin: 0; }}
  /* The closing block (版记) at the foot of the last page (GB/T 9704
     7.4.1): the space above it is what the grid leaves under the text, or
     it starts a page of its own. */
  .closing {{ font-size: {closing_size}; margin-top: {closing_space:.1}mm;{closing_break} border-top-width: 1pt; border-bottom-width: 1pt; break-inside: avoid; }}
  .distribution {{ border-bottom-width: .75pt; }}
  h2, h3, .source {{ break-after: avoid; }}
  p {{ orphans: 2; widows: 2; }}
  .contents a {{ text-decoration: none; }}
}}
"#,
        body_size = pt(s.body_size),
        name_size = pt(s.name_size),
        title_size = pt(s.title_size),
        closing_size = pt(s.closing_size),
        two_lines = line * 2.0,
        closing_space = f64::from(flow.closing_space) * 25.4 / 1440.0,
        closing_break = if flow.closing_fits {
            ""
        } else {
            " break-before: page;"
        },
    );
    css
}
