//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or
//! GB18030/GBK, the encoding of text files from Chinese Windows machines.
//! Nothing is replaced: bytes that do not decode are an error with their
//! offset, never a U+FFFD in the clerk's text.

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed, line endings as in the file.
    pub text: String,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `gb18030`, …).
    pub encoding: &'static str,
    pub bom: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// NUL bytes and no UTF-16 BOM, or not text in any encoding we know.
    Binary,
    /// `--encoding` was given and the bytes at `offset` are not valid in it.
    Invalid {
        encoding: &'static str,
        offset: usize,
    },
}

/// The encoding for an `--encoding` label (`utf-8`, `utf-16le`, `gbk`,
/// `gb18030`, `gb2312` and the other WHATWG labels).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
}

/// Decodes `bytes` in `forced`, or in the encoding found: a BOM, else
/// UTF-8 if valid, else GB18030 if valid.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(enc) = forced {
        let (enc, skip) = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => (enc, len),
            _ => (enc, 0),
        };
        return strict(enc, &bytes[skip..], skip > 0).ok_or_else(|| DecodeError::Invalid {
            encoding: enc.name(),
            offset: skip + first_error(enc, &bytes[skip..]),
        });
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[len..], true).ok_or(DecodeError::Binary);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    strict(UTF_8, bytes, false)
        .or_else(|| strict(GB18030, bytes, false))
        .ok_or(DecodeError::Binary)
}

fn strict(enc: &'static Encoding, bytes: &[u8], bom: bool) -> Option<Decoded> {
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        bom,
    })
}

/// Offset of the first byte that does not decode.
fn first_error(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::Malformed(bad, after) => read - bad as usize - after as usize,
        _ => read,
    }
}

/// The encodings a clerk may choose from when detection is unsure, in the
/// order offered.
pub const CHOICES: [&Encoding; 5] = [UTF_8, GB18030, BIG5, UTF_16LE, UTF_16BE];

/// When the encoding [`decode`] would pick cannot be trusted, the
/// decodings to choose from (each of [`CHOICES`] the bytes are valid in
/// and that reads as text), the one `decode` picks first; `None` when the
/// choice is sure (a BOM, valid UTF-8, GB18030 of common characters) or
/// nothing else decodes.
///
/// Unsure are: bytes that are no text in UTF-8 or GB18030 (UTF-16 without a
/// BOM), and GB18030 text of mostly rare characters, which is what Big5
/// or another double-byte encoding read as GB18030 gives (Big5 text has
/// about a third of its pairs in GB2312's rows, GBK text nearly all).
pub fn unsure(bytes: &[u8]) -> Option<Vec<(&'static Encoding, Decoded)>> {
    let detected = match decode(bytes, None) {
        Ok(d) if d.bom || d.encoding != GB18030.name() => return None,
        Ok(_) if common_share(bytes) >= 0.9 => return None,
        Ok(_) => Some(GB18030),
        Err(DecodeError::Binary) => None,
        Err(_) => return None,
    };
    let choices: Vec<(&'static Encoding, Decoded)> = detected
        .into_iter()
        .chain(CHOICES.into_iter().filter(|e| Some(*e) != detected))
        .filter_map(|enc| {
            let d = decode(bytes, Some(enc)).ok()?;
            let offered = Some(enc) == detected || plausible(&d.text);
            offered.then_some((enc, d))
        })
        .collect();
    // A binary file that no encoding reads as text is refused as before.
    (!choices.is_empty()).then_some(choices)
}

/// Whether decoded text reads as Chinese or Latin text: nearly all of it
/// Han characters, CJK punctuation and full-width forms, printable ASCII
/// and white space. Random bytes read as UTF-16 give characters of every
/// script.
fn plausible(text: &str) -> bool {
    let (mut all, mut ok) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if matches!(c, ' '..='~' | '\n' | '\r' | '\t' | '\u{3000}'..='\u{303F}'
            | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{206F}')
        {
            ok += 1;
        }
    }
    all > 0 && ok * 10 >= all * 9
}

/// The share of GB18030's multi-byte characters in `bytes` that are
/// GB2312's symbols or hanzi (rows A1–A9 and B0–F7), the characters of
/// ordinary Chinese text; 1.0 when there are none.
fn common_share(bytes: &[u8]) -> f64 {
    let (mut all, mut common) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        let Some(&trail) = bytes.get(i + 1).filter(|_| (0x81..=0xFE).contains(&lead)) else {
            i += 1;
            continue;
        };
        all += 1;
        if trail.is_ascii_digit() {
            // A four-byte sequence: outside GBK altogether.
            i += 4;
            continue;
        }
        if matches!(lead, 0xA1..=0xA9 | 0xB0..=0xF7) && (0xA1..=0xFE).contains(&trail) {
            common += 1;
        }
        i += 2;
    }
    if all == 0 {
        1.0
    } else {
        common as f64 / all as f64
    }
}

/// Whether decoded text is mostly control characters: a binary file that
/// happened to decode.
pub fn looks_binary(text: &str) -> bool {
    let total = text.chars().count();
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
        .count();
    total > 0 && controls * 20 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("简报".as_bytes(), None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            ("简报", "UTF-8", false)
        );
        let d = decode(b"\xEF\xBB\xBFabc", None).unwrap();
        assert_eq!((d.text.as_str(), d.bom), ("abc", true));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("简报\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, None).unwrap().text, "简报\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("简报".encode_utf16().flat_map(|u| u.to_be_bytes()));
        let d = decode(&be, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("简报", "UTF-16BE"));
    }

    #[test]
    fn gbk_is_found() {
        let (bytes, _, _) = GB18030.encode("周口市文明办“送法律 送政策”");
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "周口市文明办“送法律 送政策”");
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00", None),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[0xFF, 0xFF, 0xFF, 0x80], None),
            Err(DecodeError::Binary)
        );
        assert!(looks_binary("\u{1}\u{2}\u{3}ab"));
        assert!(!looks_binary("简报\n\t"));
    }

    #[test]
    fn detection_is_unsure_of_big5_and_utf16_without_bom_only() {
        let text = "周口市文明办召开创文工作推进会，通报创建工作进展情况。\n";
        assert!(unsure(text.as_bytes()).is_none(), "UTF-8");
        let (gbk, _, _) = GB18030.encode(text);
        assert!(unsure(&gbk).is_none(), "GBK of common characters");
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert!(unsure(&bom).is_none(), "UTF-16 with BOM");
        // Big5 reads as GB18030 too, into rare characters and kana.
        let (big5, _, bad) =
            BIG5.encode("周口市文明辦公室舉辦文藝演出，為深入宣傳貫徹黨的二十大精神。\n");
        assert!(!bad);
        let offered = unsure(&big5).expect("Big5 is unsure");
        assert_eq!(offered[0].0, GB18030, "the detected one first");
        let big5_read = offered
            .iter()
            .find(|(e, _)| *e == BIG5)
            .expect("Big5 offered");
        assert!(
            big5_read.1.text.starts_with("周口市文明辦公室"),
            "{}",
            big5_read.1.text
        );
        // UTF-16 without a BOM is no text in UTF-8 or GB18030.
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&le, None), Err(DecodeError::Binary));
        let offered = unsure(&le).expect("UTF-16LE without BOM is unsure");
        let names: Vec<&str> = offered.iter().map(|(e, _)| e.name()).collect();
        assert!(names.contains(&"UTF-16LE"), "{names:?}");
        assert!(!names.contains(&"UTF-16BE"), "{names:?}");
        // Random bytes are offered in no encoding.
        let noise: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(unsure(&noise).is_none());
    }

    #[test]
    fn a_forced_encoding_reports_where_it_fails() {
        let utf8 = encoding_for_label("utf-8").unwrap();
        let err = decode(b"ab\xFFcd", Some(utf8)).unwrap_err();
        assert_eq!(
            err,
            DecodeError::Invalid {
                encoding: "UTF-8",
                offset: 2
            }
        );
        let gbk = encoding_for_label("GBK").unwrap();
        let (bytes, _, _) = GB18030.encode("简报");
        assert_eq!(decode(&bytes, Some(gbk)).unwrap().text, "简报");
        assert!(encoding_for_label("klingon").is_none());
    }
}
