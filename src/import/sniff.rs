//! What a file is, by its content: the magic bytes a format starts with,
//! the parts a zip holds. The file name's extension is not trusted: a PDF
//! saved as .txt is read as a PDF, and a picture named .txt is refused
//! rather than decoded as GB18030 into nonsense.

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Not a known binary format: text in some encoding (or a binary file
    /// that the decoder will refuse).
    Text,
    Docx,
    Pdf,
    /// A format the importer does not read.
    Other(Format),
}

/// Formats recognised only to be refused with a useful message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word 97–2003 (.doc), WPS (.wps) or another OLE2 compound file.
    OldOffice,
    Rtf,
    /// OpenDocument text (.odt) from LibreOffice or WPS.
    Odt,
    /// The Chinese fixed-layout format (.ofd) that many offices publish in.
    Ofd,
    /// Excel or PowerPoint (.xlsx, .pptx) or another OpenDocument file.
    OtherOffice,
    Zip,
    /// gzip, 7z, rar, xz, bzip2.
    Archive,
    Image(&'static str),
    /// Audio or video.
    Media,
    Executable,
}

/// Whether `needle` occurs in `hay`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// What a zip archive holds, from the names in its headers (stored
/// uncompressed, so no unpacking is needed).
fn zip_kind(bytes: &[u8]) -> Kind {
    if contains(bytes, b"word/document.xml") {
        Kind::Docx
    } else if contains(bytes, b"OFD.xml") {
        Kind::Other(Format::Ofd)
    } else if contains(bytes, b"application/vnd.oasis.opendocument.text") {
        Kind::Other(Format::Odt)
    } else if contains(bytes, b"xl/workbook")
        || contains(bytes, b"ppt/presentation")
        || contains(bytes, b"application/vnd.oasis.opendocument")
    {
        Kind::Other(Format::OtherOffice)
    } else if contains(bytes, b"[Content_Types].xml") {
        // An Office Open XML package whose main part was not seen: let the
        // Word reader say what is wrong with it.
        Kind::Docx
    } else {
        Kind::Other(Format::Zip)
    }
}

/// Sniffs `bytes`.
pub fn sniff(bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(1024)];
    let starts = |m: &[u8]| bytes.starts_with(m);
    // A PDF may have junk before its header; readers look in the first KB.
    if contains(head, b"%PDF-") {
        return Kind::Pdf;
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Kind::Other(Format::OldOffice);
    }
    if starts(b"{\\rtf") {
        return Kind::Other(Format::Rtf);
    }
    let image = [
        (&[0xFF, 0xD8, 0xFF][..], "JPEG"),
        (&[0x89, b'P', b'N', b'G'][..], "PNG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
        (b"BM", "BMP"),
    ];
    for (magic, name) in image {
        if starts(magic)
            && (name != "BMP" || bytes.get(14..18).is_some_and(|h| h[1..] == [0, 0, 0]))
        {
            return Kind::Other(Format::Image(name));
        }
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Kind::Other(Format::Image("WebP"));
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        let brand = bytes.get(8..12).unwrap_or_default();
        return Kind::Other(if brand.starts_with(b"hei") || brand.starts_with(b"mif1") {
            Format::Image("HEIC")
        } else {
            Format::Media
        });
    }
    if starts(b"ID3")
        || starts(b"OggS")
        || starts(b"fLaC")
        || (starts(b"RIFF")
            && bytes
                .get(8..12)
                .is_some_and(|b| b == b"WAVE" || b == b"AVI "))
        || starts(&[0x1A, 0x45, 0xDF, 0xA3])
    {
        return Kind::Other(Format::Media);
    }
    if starts(&[0x1F, 0x8B])
        || starts(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C])
        || starts(b"Rar!\x1A\x07")
        || starts(&[0xFD, b'7', b'z', b'X', b'Z', 0])
        || starts(b"BZh")
    {
        return Kind::Other(Format::Archive);
    }
    if starts(b"\x7fELF") || starts(b"MZ") || starts(&[0xCF, 0xFA, 0xED, 0xFE]) {
        return Kind::Other(Format::Executable);
    }
    Kind::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_known_by_their_content() {
        assert_eq!(sniff(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"), Kind::Pdf);
        assert_eq!(sniff(b"\xEF\xBB\xBF junk\n%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff("简报 第1期\n".as_bytes()), Kind::Text);
        assert_eq!(sniff(b""), Kind::Text);
        // GBK text that happens to start like nothing binary.
        assert_eq!(sniff(&[0xBC, 0xF2, 0xB1, 0xA8]), Kind::Text);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
            Kind::Other(Format::OldOffice)
        );
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Kind::Other(Format::Rtf));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F']),
            Kind::Other(Format::Image("JPEG"))
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n"),
            Kind::Other(Format::Image("PNG"))
        );
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42"), Kind::Other(Format::Media));
        assert_eq!(sniff(b"\x1f\x8b\x08\0"), Kind::Other(Format::Archive));
        assert_eq!(sniff(b"\x7fELF\x02\x01"), Kind::Other(Format::Executable));
        // "BM" alone is text (a line may start with it).
        assert_eq!(sniff(b"BM lines of text here"), Kind::Text);
    }

    #[test]
    fn zips_are_told_apart_by_what_they_hold() {
        let zip = |name: &str| {
            let mut b = b"PK\x03\x04".to_vec();
            b.extend([0u8; 26]);
            b.extend(name.as_bytes());
            b
        };
        assert_eq!(sniff(&zip("word/document.xml")), Kind::Docx);
        assert_eq!(sniff(&zip("Doc_0/OFD.xml")), Kind::Other(Format::Ofd));
        assert_eq!(
            sniff(&zip("xl/workbook.xml")),
            Kind::Other(Format::OtherOffice)
        );
        assert_eq!(
            sniff(&zip("mimetypeapplication/vnd.oasis.opendocument.text")),
            Kind::Other(Format::Odt)
        );
        assert_eq!(sniff(&zip("photos/a.jpg")), Kind::Other(Format::Zip));
        let real = crate::import::docx::build(&[("标题", true)]);
        assert_eq!(sniff(&real), Kind::Docx);
    }
}
