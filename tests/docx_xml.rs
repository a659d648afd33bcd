//! The Word export's package checked offline: every part well-formed, the
//! children of every property element in the order of the ECMA-376
//! transitional schema (wml.xsd), content types and relationships
//! consistent, no part shipped that nothing uses, and the details Word
//! relies on (font table, core properties, language).

use jianbao::export::{Format, render};
use jianbao::model::{Issue, PrintSettings};
use jianbao::store::{SAMPLE_ISSUE, codec};
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

fn sample() -> Issue {
    codec::decode_issue(SAMPLE_ISSUE).unwrap()
}

/// The parts of a .docx file, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

fn parts_of(issue: &Issue, settings: &PrintSettings) -> BTreeMap<String, String> {
    unzip(&render(issue, Format::Docx, settings).unwrap())
}

/// An element: its qualified name, attributes and children.
#[derive(Debug, Clone)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    /// Every element of the tree, depth first.
    fn all(&self) -> Vec<&El> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.all());
        }
        out
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of every `w:t` below.
    fn texts(&self) -> String {
        self.all()
            .iter()
            .filter(|e| e.name == "w:t")
            .map(|e| e.text.as_str())
            .collect()
    }
}

/// Parses a whole part; panics (naming it) on anything not well-formed.
fn parse(name: &str, xml: &str) -> El {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El {
        name: String::new(),
        attrs: BTreeMap::new(),
        children: Vec::new(),
        text: String::new(),
    }];
    let element = |e: &quick_xml::events::BytesStart| El {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
        text: String::new(),
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => stack.push(element(&e)),
            Ok(Event::Empty(e)) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Ok(Event::End(_)) => {
                let el = stack.pop().unwrap();
                stack
                    .last_mut()
                    .unwrap_or_else(|| panic!("{name}: unbalanced"))
                    .children
                    .push(el);
            }
            Ok(Event::Text(t)) => {
                let t = t.decode().unwrap();
                let t = quick_xml::escape::unescape(&t).unwrap();
                stack.last_mut().unwrap().text.push_str(&t);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
    assert_eq!(stack.len(), 1, "{name}: unclosed elements");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "{name}: one root element");
    root.children.pop().unwrap()
}

/// Child sequences of the ECMA-376 transitional schema (wml.xsd) for every
/// element the export writes that has ordered children.
fn sequences() -> BTreeMap<&'static str, Vec<&'static str>> {
    let rpr_base = [
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ];
    // CT_PPr: CT_PPrBase, then rPr (CT_ParaRPr), sectPr, pPrChange.
    let ppr = [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ];
    let mut rpr: Vec<&str> = vec!["ins", "del", "moveFrom", "moveTo"];
    rpr.extend(rpr_base);
    rpr.push("rPrChange");
    let settings = [
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "saveFormsData",
        "mirrorMargins",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "gutterAtTop",
        "hideSpellingErrors",
        "hideGrammaticalErrors",
        "activeWritingStyle",
        "proofState",
        "formsDesign",
        "attachedTemplate",
        "linkStyles",
        "stylePaneFormatFilter",
        "stylePaneSortMethod",
        "documentType",
        "mailMerge",
        "revisionView",
        "trackRevisions",
        "doNotTrackMoves",
        "doNotTrackFormatting",
        "documentProtection",
        "autoFormatOverride",
        "styleLockTheme",
        "styleLockQFSet",
        "defaultTabStop",
        "autoHyphenation",
        "consecutiveHyphenLimit",
        "hyphenationZone",
        "doNotHyphenateCaps",
        "showEnvelope",
        "summaryLength",
        "clickAndTypeStyle",
        "defaultTableStyle",
        "evenAndOddHeaders",
        "bookFoldRevPrinting",
        "bookFoldPrinting",
        "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin",
        "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin",
        "doNotShadeFormData",
        "noPunctuationKerning",
        "characterSpacingControl",
        "printTwoOnOne",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "savePreviewPicture",
        "doNotValidateAgainstSchema",
        "saveInvalidXml",
        "ignoreMixedContent",
        "alwaysShowPlaceholderText",
        "doNotDemarcateInvalidXml",
        "saveXmlDataOnly",
        "useXSLTWhenSaving",
        "saveThroughXslt",
        "showXMLTags",
        "alwaysMergeEmptyNamespace",
        "updateFields",
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ];
    let w = |names: &[&'static str]| names.to_vec();
    BTreeMap::from([
        ("w:pPr", w(&ppr)),
        ("w:rPr", rpr),
        (
            "w:sectPr",
            w(&[
                "headerReference",
                "footerReference",
                "footnotePr",
                "endnotePr",
                "type",
                "pgSz",
                "pgMar",
                "paperSrc",
                "pgBorders",
                "lnNumType",
                "pgNumType",
                "cols",
                "formProt",
                "vAlign",
                "noEndnote",
                "titlePg",
                "textDirection",
                "bidi",
                "rtlGutter",
                "docGrid",
                "printerSettings",
                "sectPrChange",
            ]),
        ),
        (
            "w:tblPr",
            w(&[
                "tblStyle",
                "tblpPr",
                "tblOverlap",
                "bidiVisual",
                "tblStyleRowBandSize",
                "tblStyleColBandSize",
                "tblW",
                "jc",
                "tblCellSpacing",
                "tblInd",
                "tblBorders",
                "shd",
                "tblLayout",
                "tblCellMar",
                "tblLook",
                "tblCaption",
                "tblDescription",
                "tblPrChange",
            ]),
        ),
        (
            "w:tcPr",
            w(&[
                "cnfStyle",
                "tcW",
                "gridSpan",
                "hMerge",
                "vMerge",
                "tcBorders",
                "shd",
                "noWrap",
                "tcMar",
                "textDirection",
                "tcFitText",
                "vAlign",
                "hideMark",
                "headers",
                "cellIns",
                "cellDel",
                "cellMerge",
                "tcPrChange",
            ]),
        ),
        (
            "w:pBdr",
            w(&["top", "left", "bottom", "right", "between", "bar"]),
        ),
        (
            "w:tblBorders",
            w(&[
                "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
            ]),
        ),
        ("w:tabs", w(&["tab"])),
        (
            "w:style",
            w(&[
                "name",
                "aliases",
                "basedOn",
                "next",
                "link",
                "autoRedefine",
                "hidden",
                "uiPriority",
                "semiHidden",
                "unhideWhenUsed",
                "qFormat",
                "locked",
                "personal",
                "personalCompose",
                "personalReply",
                "rsid",
                "pPr",
                "rPr",
                "tblPr",
                "trPr",
                "tcPr",
                "tblStylePr",
            ]),
        ),
        ("w:styles", w(&["docDefaults", "latentStyles", "style"])),
        ("w:docDefaults", w(&["rPrDefault", "pPrDefault"])),
        ("w:rPrDefault", w(&["rPr"])),
        ("w:pPrDefault", w(&["pPr"])),
        (
            "w:font",
            w(&[
                "altName",
                "panose1",
                "charset",
                "family",
                "notTrueType",
                "pitch",
                "sig",
                "embedRegular",
                "embedBold",
                "embedItalic",
                "embedBoldItalic",
            ]),
        ),
        ("w:fonts", w(&["font"])),
        ("w:settings", w(&settings)),
        ("w:compat", w(&["compatSetting"])),
        ("w:document", w(&["background", "body"])),
        // CT_Body: block-level content, then the section.
        ("w:body", w(&["p", "tbl", "sectPr"])),
        // CT_P: properties first, then content (EG_PContent, unordered).
        (
            "w:p",
            w(&[
                "pPr",
                "r",
                "bookmarkStart",
                "bookmarkEnd",
                "fldSimple",
                "hyperlink",
            ]),
        ),
        // CT_R: properties first.
        ("w:r", w(&["rPr", "t", "tab", "br", "fldChar", "instrText"])),
    ])
}

/// Elements whose content after the first child is an unordered choice.
const CHOICE_AFTER_FIRST: &[&str] = &["w:p", "w:r", "w:body"];

/// Checks the children of every element `sequences` knows; returns the
/// problems as `part: parent: child after previous` lines.
fn order_problems(part: &str, root: &El) -> Vec<String> {
    let seqs = sequences();
    let mut problems = Vec::new();
    for el in root.all() {
        let Some(seq) = seqs.get(el.name.as_str()) else {
            continue;
        };
        let choice = CHOICE_AFTER_FIRST.contains(&el.name.as_str());
        let mut last = 0;
        let mut last_name = "";
        for c in &el.children {
            let local = c.name.rsplit(':').next().unwrap();
            let Some(at) = seq.iter().position(|s| *s == local) else {
                problems.push(format!("{part}: {}: unexpected {}", el.name, c.name));
                continue;
            };
            // In CT_P and CT_R only the properties must come first; in
            // CT_Body only the section last.
            let at = if choice { at.min(1) } else { at };
            let at = if el.name == "w:body" && local == "sectPr" {
                2
            } else {
                at
            };
            if at < last {
                problems.push(format!("{part}: {}: {} after {last_name}", el.name, c.name));
            }
            last = at;
            last_name = &c.name;
        }
    }
    problems
}

/// The parts holding WordprocessingML.
fn wml_parts(parts: &BTreeMap<String, String>) -> Vec<(&String, El)> {
    parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/") && n.ends_with(".xml"))
        .map(|(n, x)| (n, parse(n, x)))
        .collect()
}

#[test]
fn every_property_element_keeps_the_schema_order() {
    // The sample, with a source line; and with every option changed.
    let mut issue = sample();
    issue.sections[1].articles[1].source = Some("扶沟县文明办".into());
    let other = PrintSettings {
        contents: false,
        body_font: "宋体".into(),
        ..PrintSettings::default()
    };
    for settings in [PrintSettings::default(), other] {
        let parts = parts_of(&issue, &settings);
        let mut checked = BTreeSet::new();
        for (name, root) in wml_parts(&parts) {
            let problems = order_problems(name, &root);
            assert!(problems.is_empty(), "{}", problems.join("\n"));
            checked.extend(root.all().iter().map(|e| e.name.clone()));
        }
        // What the check covered: every kind of property element written.
        for el in [
            "w:pPr", "w:rPr", "w:sectPr", "w:pBdr", "w:tabs", "w:style", "w:font",
        ] {
            assert!(checked.contains(el), "{el} never written");
        }
    }
}

#[test]
fn the_order_check_catches_what_docx_rs_got_wrong() {
    // rPr first in pPr; sz before rFonts; footerReference after docGrid.
    let bad = [
        r#"<w:p><w:pPr><w:rPr/><w:jc w:val="left"/></w:pPr></w:p>"#,
        r#"<w:r><w:rPr><w:sz w:val="32"/><w:rFonts w:ascii="x"/></w:rPr></w:r>"#,
        r#"<w:sectPr><w:docGrid w:type="lines"/><w:footerReference w:type="default"/></w:sectPr>"#,
        r#"<w:p><w:r/><w:pPr/></w:p>"#,
    ];
    for xml in bad {
        assert_eq!(order_problems("t", &parse("t", xml)).len(), 1, "{xml}");
    }
    let good = r#"<w:p><w:pPr><w:keepNext/><w:spacing w:before="0"/><w:jc w:val="both"/><w:rPr><w:rFonts w:ascii="x"/><w:sz w:val="3"/></w:rPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#;
    assert!(order_problems("t", &parse("t", good)).is_empty());
}

#[test]
fn parts_relationships_and_content_types_agree() {
    let parts = parts_of(&sample(), &PrintSettings::default());
    // Every part is well-formed XML.
    let trees: BTreeMap<&String, El> = parts.iter().map(|(n, x)| (n, parse(n, x))).collect();
    let types = &trees[&"[Content_Types].xml".to_string()];
    let overrides: BTreeMap<String, String> = types
        .children
        .iter()
        .filter(|c| c.name == "Override")
        .map(|c| {
            (
                c.attr("PartName")
                    .unwrap()
                    .trim_start_matches('/')
                    .to_string(),
                c.attr("ContentType").unwrap().to_string(),
            )
        })
        .collect();
    let defaults: BTreeSet<&str> = types
        .children
        .iter()
        .filter(|c| c.name == "Default")
        .map(|c| c.attr("Extension").unwrap())
        .collect();
    // Every part has a content type, every override names a part.
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            overrides.contains_key(name) || defaults.contains(ext),
            "{name} has no content type"
        );
    }
    for name in overrides.keys() {
        assert!(parts.contains_key(name), "override for missing {name}");
    }
    // Every relationship points at a part; every part but the package's
    // own is the target of one (nothing unused is shipped).
    let mut targets = BTreeSet::new();
    for (name, tree) in &trees {
        let Some(source) = name.strip_suffix(".rels") else {
            continue;
        };
        let base = source
            .replace("_rels/", "")
            .rsplit_once('/')
            .map(|(dir, _)| format!("{dir}/"))
            .unwrap_or_default();
        let mut ids = BTreeSet::new();
        for rel in &tree.children {
            assert!(ids.insert(rel.attr("Id").unwrap()), "{name}: duplicate id");
            let target = format!("{base}{}", rel.attr("Target").unwrap());
            assert!(parts.contains_key(&target), "{name}: {target} missing");
            targets.insert(target);
        }
        // Every r:id used by the source part is defined here.
        let owner = source.replace("_rels/", "");
        if let Some(src) = trees.get(&owner) {
            for el in src.all() {
                if let Some(id) = el.attr("r:id") {
                    assert!(ids.contains(id), "{owner}: r:id {id} undefined");
                }
            }
        }
    }
    for name in parts.keys() {
        if name != "[Content_Types].xml" && !name.ends_with(".rels") {
            assert!(targets.contains(name), "{name} is shipped but unused");
        }
    }
    for unused in ["comments", "numbering", "footnotes", "custom.xml"] {
        assert!(
            !parts.keys().any(|n| n.contains(unused)),
            "{unused} shipped"
        );
    }
    // Bookmarks are unique and every PAGEREF points at one.
    let doc = &trees[&"word/document.xml".to_string()];
    let marks: Vec<&str> = doc
        .all()
        .iter()
        .filter(|e| e.name == "w:bookmarkStart")
        .map(|e| e.attr("w:name").unwrap())
        .collect();
    assert_eq!(marks.len(), BTreeSet::from_iter(&marks).len());
    let refs: Vec<String> = doc
        .all()
        .iter()
        .filter(|e| e.name == "w:instrText" && e.text.contains("PAGEREF"))
        .map(|e| e.text.split_whitespace().nth(1).unwrap().to_string())
        .collect();
    assert_eq!(refs.len(), 7, "one page number per article");
    for r in &refs {
        assert!(marks.contains(&r.as_str()), "PAGEREF {r} has no bookmark");
    }
}

#[test]
fn fonts_language_and_properties_are_declared() {
    let parts = parts_of(&sample(), &PrintSettings::default());
    let fonts = parse("fontTable", &parts["word/fontTable.xml"]);
    let table: BTreeMap<&str, &El> = fonts
        .children
        .iter()
        .map(|f| (f.attr("w:name").unwrap(), f))
        .collect();
    // Every font a run or style names is in the table.
    for part in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
        for el in parse(part, &parts[part]).all() {
            if el.name == "w:rFonts" {
                for key in ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"] {
                    let font = el.attr(key).unwrap();
                    assert!(table.contains_key(font), "{part}: {font} not in fontTable");
                }
            }
        }
    }
    // Chinese fonts carry the GB2312 character set and a stand-in.
    let val = |font: &str, child: &str| {
        table[font]
            .child(child)
            .and_then(|c| c.attr("w:val"))
            .map(str::to_string)
    };
    for font in [
        "仿宋_GB2312",
        "方正小标宋简体",
        "黑体",
        "楷体_GB2312",
        "宋体",
    ] {
        assert_eq!(val(font, "w:charset").as_deref(), Some("86"), "{font}");
        assert!(
            val(font, "w:panose1").is_some_and(|p| p.len() == 20),
            "{font}"
        );
    }
    assert_eq!(val("仿宋_GB2312", "w:altName").as_deref(), Some("仿宋"));
    assert_eq!(val("楷体_GB2312", "w:altName").as_deref(), Some("楷体"));
    assert_eq!(
        val("方正小标宋简体", "w:altName").as_deref(),
        Some("华文中宋")
    );
    assert_eq!(val("Times New Roman", "w:charset").as_deref(), Some("00"));
    // East-Asian text is Chinese.
    let styles = parse("styles", &parts["word/styles.xml"]);
    let lang = styles
        .all()
        .into_iter()
        .find(|e| e.name == "w:lang")
        .expect("w:lang in the defaults");
    assert_eq!(lang.attr("w:eastAsia"), Some("zh-CN"));
    // Core properties: the bulletin and number, its issuer, its date.
    let core = parse("core", &parts["docProps/core.xml"]);
    let field = |n: &str| core.child(n).map(|e| e.text.clone()).unwrap_or_default();
    assert_eq!(field("dc:title"), "文明创建简报 第25期");
    assert_eq!(field("dc:creator"), "周口市文明办");
    assert_eq!(field("dcterms:created"), "2023-11-23T00:00:00Z");
    assert_eq!(field("dcterms:modified"), "2023-11-23T00:00:00Z");
    assert!(field("cp:lastModifiedBy").starts_with("jianbao "));
    let app = parse("app", &parts["docProps/app.xml"]);
    assert_eq!(
        app.child("Application").unwrap().text,
        format!("jianbao {}", env!("CARGO_PKG_VERSION"))
    );
}

/// The body's paragraphs.
fn body_paragraphs(parts: &BTreeMap<String, String>) -> Vec<El> {
    let doc = parse("document", &parts["word/document.xml"]);
    doc.child("w:body")
        .unwrap()
        .children
        .iter()
        .filter(|c| c.name == "w:p")
        .cloned()
        .collect()
}

fn ppr_val<'a>(p: &'a El, child: &str, attr: &str) -> Option<&'a str> {
    p.child("w:pPr")?.child(child)?.attr(attr)
}

#[test]
fn empty_lines_are_space_before_not_empty_paragraphs() {
    let parts = parts_of(&sample(), &PrintSettings::default());
    let paragraphs = body_paragraphs(&parts);
    let pitch = "579";
    for p in &paragraphs {
        // Every paragraph prints text or a rule: none is an empty line that
        // could open a page.
        let rule = p.child("w:pPr").and_then(|pr| pr.child("w:pBdr")).is_some();
        assert!(rule || !p.texts().is_empty(), "empty paragraph: {p:?}");
    }
    // Section headings and titles are set off by a line of space before.
    let before = |text: &str| {
        // The last such paragraph: the text, not its contents entry.
        let p = paragraphs
            .iter()
            .rfind(|p| p.texts().starts_with(text))
            .unwrap();
        ppr_val(p, "w:spacing", "w:before").unwrap().to_string()
    };
    assert_eq!(before("【经验交流】"), pitch);
    assert_eq!(before("市委统战部实施四项举措"), pitch);
    assert_eq!(before("市委统战部始终把"), pitch);
    assert_eq!(before("本期要目"), pitch);
}

#[test]
fn the_closing_block_is_pushed_to_the_foot_of_the_last_page() {
    let parts = parts_of(&sample(), &PrintSettings::default());
    let paragraphs = body_paragraphs(&parts);
    let first = paragraphs
        .iter()
        .position(|p| p.texts().starts_with("报："))
        .unwrap()
        - 1;
    // The heavy rule opening the block carries the space that fills the
    // last page; the block's paragraphs are kept together.
    let rule = &paragraphs[first];
    assert_eq!(ppr_val(rule, "w:pBdr", "w:val"), None);
    let border = rule.child("w:pPr").unwrap().child("w:pBdr").unwrap();
    assert_eq!(border.child("w:bottom").unwrap().attr("w:sz"), Some("8"));
    let space: i32 = ppr_val(rule, "w:spacing", "w:before")
        .unwrap()
        .parse()
        .unwrap();
    // 10 lines of the sample's last page and 4 lines of the block leave 8
    // lines of the 22, less the rules.
    assert!((8 * 579 - 200..=8 * 579).contains(&space), "{space}");
    for p in &paragraphs[first..paragraphs.len() - 1] {
        assert!(p.child("w:pPr").unwrap().child("w:keepNext").is_some());
    }
    assert_eq!(paragraphs.last().unwrap().texts(), "");
}

#[test]
fn page_numbers_are_song_digits_with_dashes_7mm_below() {
    let parts = parts_of(&sample(), &PrintSettings::default());
    for (name, jc) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let ftr = parse(name, &parts[name]);
        let p = ftr.child("w:p").unwrap();
        assert_eq!(ppr_val(p, "w:jc", "w:val"), Some(jc));
        // One line exactly the type size, so its middle is where the
        // dashes are.
        assert_eq!(ppr_val(p, "w:spacing", "w:line"), Some("280"));
        assert_eq!(p.texts(), "— 1 —");
        let runs: Vec<&El> = p.children.iter().filter(|c| c.name == "w:r").collect();
        assert!(
            runs.iter()
                .any(|r| r.all().iter().any(|e| e.text == " PAGE "))
        );
        for r in runs {
            let fonts = r.child("w:rPr").unwrap().child("w:rFonts").unwrap();
            for key in ["w:ascii", "w:hAnsi", "w:eastAsia"] {
                assert_eq!(fonts.attr(key), Some("宋体"), "{name}");
            }
        }
    }
    // Footer distance: bottom margin (35 mm) − 7 mm − half the line.
    let doc = parse("document", &parts["word/document.xml"]);
    let margins = doc
        .all()
        .into_iter()
        .find(|e| e.name == "w:pgMar")
        .unwrap()
        .clone();
    let footer: i32 = margins.attr("w:footer").unwrap().parse().unwrap();
    assert_eq!(footer, 1984 - 397 - 140);
}

#[test]
fn long_contents_entries_are_condensed_or_broken_evenly() {
    let parts = parts_of(&sample(), &PrintSettings::default());
    let paragraphs = body_paragraphs(&parts);
    let entry = |start: &str| {
        paragraphs
            .iter()
            .find(|p| p.texts().starts_with(start) && p.all().iter().any(|e| e.name == "w:tab"))
            .unwrap_or_else(|| panic!("no entry {start}"))
            .clone()
    };
    // 27 characters and a page number do not fit 26: two even rows, the
    // second hanging two characters further in.
    let long = entry("太康县新时代文明实践中心");
    let rows: Vec<String> = long
        .children
        .iter()
        .filter(|c| c.name == "w:r")
        .map(|r| r.texts())
        .filter(|t| !t.is_empty() && t.chars().count() > 2)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (a, b) = (rows[0].chars().count(), rows[1].chars().count());
    assert!(a.abs_diff(b) <= 2, "{rows:?}");
    assert_eq!(ppr_val(&long, "w:ind", "w:hanging"), Some("632"));
    // The page number: a dot leader to a right tab, a PAGEREF field.
    let tab = long.child("w:pPr").unwrap().child("w:tabs").unwrap();
    assert_eq!(tab.children[0].attr("w:leader"), Some("middleDot"));
    assert_eq!(tab.children[0].attr("w:pos"), Some("8845"));
    assert!(long.texts().ends_with('7'), "{}", long.texts());
    // A title one character too long (24 for 23) is condensed onto one row.
    let mut issue = sample();
    issue.sections[0].articles[0].title =
        vec!["全市创文创卫工作推进会召开暨第三季度工作总结大会".into()];
    let parts = parts_of(&issue, &PrintSettings::default());
    let paragraphs = body_paragraphs(&parts);
    let p = paragraphs
        .iter()
        .find(|p| {
            p.texts().starts_with("全市创文创卫") && p.all().iter().any(|e| e.name == "w:tab")
        })
        .unwrap();
    let spacing: i32 = p
        .all()
        .iter()
        .find(|e| e.name == "w:r")
        .and_then(|r| r.child("w:rPr"))
        .and_then(|r| r.child("w:spacing"))
        .and_then(|s| s.attr("w:val"))
        .unwrap()
        .parse()
        .unwrap();
    assert!((-5 - 64..-5).contains(&spacing), "{spacing}");
    assert!(!p.all().iter().any(|e| e.name == "w:br"));
}
