//! Word files (.docx): the paragraphs of the document body as lines, with
//! a hint where Word marks a title (a heading or title style, or a centred
//! paragraph). Deleted text of tracked changes is left out, inserted text
//! kept; tables are flattened into paragraphs, one per cell paragraph.

use super::lines::SrcLine;
use super::structure::{heading, source_of};
use crate::text::rejoin::ends_sentence;
use docx_rs::{
    DocumentChild, Paragraph, ParagraphChild, RunChild, StructuredDataTagChild, Table,
    TableCellContent, TableChild, TableRowChild,
};
use std::collections::HashMap;

/// The document's lines.
#[derive(Debug, Default)]
pub struct Doc {
    pub lines: Vec<SrcLine>,
    pub tables: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive at all.
    NotZip,
    /// A zip that docx-rs cannot read as a Word file (the reader's words).
    NotDocx(String),
    /// A Word file without text.
    NoText,
}

/// Reads the body of a .docx file.
pub fn read(bytes: &[u8]) -> Result<Doc, DocxError> {
    if !bytes.starts_with(b"PK") {
        return Err(DocxError::NotZip);
    }
    // A broken file must not take the program down with it.
    let docx = super::quietly(|| docx_rs::read_docx(bytes))
        .ok_or_else(|| DocxError::NotDocx("unreadable".into()))?
        .map_err(|e| match e {
            docx_rs::ReaderError::ZipError(_) => DocxError::NotZip,
            e => DocxError::NotDocx(e.to_string()),
        })?;
    let title_styles: HashMap<String, bool> = docx
        .styles
        .styles
        .iter()
        .map(|s| {
            let title = s.name.is_heading()
                || s.name.starts_with("Title")
                || s.name.starts_with("title")
                || s.name.starts_with("标题");
            (s.style_id.clone(), title)
        })
        .collect();
    let mut r = Reader {
        doc: Doc::default(),
        title_styles,
    };
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => r.paragraph(p),
            DocumentChild::Table(t) => r.table(t),
            DocumentChild::StructuredDataTag(sdt) => r.sdt(&sdt.children),
            _ => {}
        }
    }
    if r.doc.lines.is_empty() {
        return Err(DocxError::NoText);
    }
    Ok(r.doc)
}

struct Reader {
    doc: Doc,
    title_styles: HashMap<String, bool>,
}

impl Reader {
    fn paragraph(&mut self, p: &Paragraph) {
        let mut parts = vec![String::new()];
        collect(&p.children, &mut parts);
        let styled = p
            .property
            .style
            .as_ref()
            .is_some_and(|s| self.title_styles.get(&s.val).copied().unwrap_or(false));
        let centred = p
            .property
            .alignment
            .as_ref()
            .is_some_and(|j| j.val == "center");
        for part in parts {
            let (cols, rest) = crate::text::rejoin::indent_of(&part);
            let text = rest.trim_end();
            if text.is_empty() {
                continue;
            }
            let mut line = SrcLine::new(text, self.doc.lines.len() + 1);
            line.indent = cols;
            line.indented = cols >= 2;
            line.title_hint = (styled || centred)
                && !ends_sentence(text)
                && source_of(text).is_none()
                && heading(text).is_none()
                && text.chars().count() <= 40;
            self.doc.lines.push(line);
        }
    }

    fn table(&mut self, t: &Table) {
        self.doc.tables += 1;
        for TableChild::TableRow(row) in &t.rows {
            for TableRowChild::TableCell(cell) in &row.cells {
                for c in &cell.children {
                    match c {
                        TableCellContent::Paragraph(p) => self.paragraph(p),
                        TableCellContent::Table(t) => self.table(t),
                        TableCellContent::StructuredDataTag(sdt) => self.sdt(&sdt.children),
                        TableCellContent::TableOfContents(_) => {}
                    }
                }
            }
        }
    }

    fn sdt(&mut self, children: &[StructuredDataTagChild]) {
        let mut runs = vec![String::new()];
        for c in children {
            match c {
                StructuredDataTagChild::Paragraph(p) => self.paragraph(p),
                StructuredDataTagChild::Table(t) => self.table(t),
                StructuredDataTagChild::StructuredDataTag(s) => self.sdt(&s.children),
                StructuredDataTagChild::Run(r) => run(&r.children, &mut runs),
                _ => {}
            }
        }
        let text = runs.concat();
        if !text.trim().is_empty() {
            let line = SrcLine::new(text.trim(), self.doc.lines.len() + 1);
            self.doc.lines.push(line);
        }
    }
}

/// Appends the text of paragraph children to `parts`; a line break starts
/// a new part.
fn collect(children: &[ParagraphChild], parts: &mut Vec<String>) {
    for c in children {
        match c {
            ParagraphChild::Run(r) => run(&r.children, parts),
            ParagraphChild::Insert(i) => {
                for ic in &i.children {
                    if let docx_rs::InsertChild::Run(r) = ic {
                        run(&r.children, parts);
                    }
                }
            }
            ParagraphChild::MoveTo(m) => {
                for mc in &m.children {
                    if let docx_rs::MoveToChild::Run(r) = mc {
                        run(&r.children, parts);
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => collect(&h.children, parts),
            ParagraphChild::StructuredDataTag(sdt) => {
                for sc in &sdt.children {
                    if let StructuredDataTagChild::Run(r) = sc {
                        run(&r.children, parts);
                    }
                }
            }
            _ => {}
        }
    }
}

fn run(children: &[RunChild], parts: &mut Vec<String>) {
    for c in children {
        match c {
            RunChild::Text(t) => parts.last_mut().expect("never empty").push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => {
                parts.last_mut().expect("never empty").push('\t')
            }
            RunChild::Break(_) | RunChild::CarriageReturn(_) => parts.push(String::new()),
            _ => {}
        }
    }
}

/// A .docx of `(text, centred)` paragraphs, for tests.
#[cfg(test)]
pub(crate) fn build(paragraphs: &[(&str, bool)]) -> Vec<u8> {
    use docx_rs::{AlignmentType, Docx, Run};
    let mut doc = Docx::new();
    for (text, centred) in paragraphs {
        let mut p = docx_rs::Paragraph::new().add_run(Run::new().add_text(*text));
        if *centred {
            p = p.align(AlignmentType::Center);
        }
        doc = doc.add_paragraph(p);
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).expect("pack docx");
    buf.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_centred_titles() {
        let bytes = build(&[
            ("【基层动态】", true),
            ("县文明办开展志愿服务活动", true),
            ("　　3月5日，县文明办组织志愿者开展活动。", false),
            ("", false),
            ("　　活动共发放宣传资料500余份。", false),
        ]);
        let doc = read(&bytes).unwrap();
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "【基层动态】",
                "县文明办开展志愿服务活动",
                "3月5日，县文明办组织志愿者开展活动。",
                "活动共发放宣传资料500余份。"
            ]
        );
        assert!(!doc.lines[0].title_hint, "a heading is no title");
        assert!(doc.lines[1].title_hint);
        assert!(!doc.lines[2].title_hint && doc.lines[2].indented);
    }

    #[test]
    fn broken_files_are_refused() {
        assert_eq!(read(b"not a zip").unwrap_err(), DocxError::NotZip);
        assert_eq!(read(b"PK\x03\x04broken").unwrap_err(), DocxError::NotZip);
        assert_eq!(read(&build(&[("", false)])).unwrap_err(), DocxError::NoText);
    }
}
