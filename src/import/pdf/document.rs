//! Opening a PDF for its text: an empty password tried, and its CID fonts'
//! widths rewritten as pdf-extract reads them.

use super::PdfError;
use pdf_extract::{Document, Object, ObjectId};

/// Loads a PDF for reading its text: opened (an empty password tried on
/// an encrypted one) and its CID fonts' widths listed as pdf-extract reads
/// them (see [`list_widths`]).
pub fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| PdfError::Broken(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    list_widths(&mut doc);
    Ok(doc)
}

/// pdf-extract (0.12) reads only the `c [w1 w2 …]` entries of a CID font's
/// widths (/W) and misreads the `c_first c_last w` ones, which the PDF
/// standard allows as well and krilla (so jianbao's own PDFs) writes: those
/// glyphs get the default width, often 0, and a line's characters pile up
/// at its start.
/// Rewrites every range as a list; a /W it cannot make sense of is left
/// as it is.
pub(super) fn list_widths(doc: &mut Document) {
    let number = |doc: &Document, o: &Object| -> Option<f32> {
        let o = doc.dereference(o).ok()?.1;
        o.as_float()
            .ok()
            .or_else(|| o.as_i64().ok().map(|i| i as f32))
    };
    let mut fixes: Vec<(ObjectId, Vec<Object>)> = Vec::new();
    for (id, object) in &doc.objects {
        let Ok(font) = object.as_dict() else {
            continue;
        };
        let cid_font = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"CIDFontType0" || s == b"CIDFontType2");
        let Some(w) = font
            .get(b"W")
            .ok()
            .filter(|_| cid_font)
            .and_then(|w| doc.dereference(w).ok())
            .and_then(|(_, w)| w.as_array().ok())
        else {
            continue;
        };
        let mut listed = Vec::new();
        let mut ranges = false;
        let mut i = 0;
        let ok = loop {
            let Some(first) = w.get(i) else { break true };
            let Some(first) = number(doc, first).filter(|f| *f >= 0.0) else {
                break false;
            };
            match w.get(i + 1).map(|o| doc.dereference(o).map(|r| r.1)) {
                Some(Ok(Object::Array(list))) => {
                    listed.push(Object::Integer(first as i64));
                    listed.push(Object::Array(list.clone()));
                    i += 2;
                }
                Some(Ok(last)) => {
                    let (Some(last), Some(width)) =
                        (number(doc, last), w.get(i + 2).and_then(|o| number(doc, o)))
                    else {
                        break false;
                    };
                    // CIDs are two bytes: a wider range is nonsense.
                    if last < first || last - first > 65535.0 {
                        break false;
                    }
                    let n = (last - first) as usize + 1;
                    listed.push(Object::Integer(first as i64));
                    listed.push(Object::Array(vec![Object::Real(width); n]));
                    ranges = true;
                    i += 3;
                }
                _ => break false,
            }
        };
        if ok && ranges {
            fixes.push((*id, listed));
        }
    }
    for (id, w) in fixes {
        if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
            font.set("W", Object::Array(w));
        }
    }
}
