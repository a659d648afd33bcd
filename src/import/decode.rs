//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or
//! GB18030/GBK, the encoding of text files from Chinese Windows machines.
//! Nothing is replaced: bytes that do not decode are an error with their
//! offset, never a U+FFFD in the clerk's text.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

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
