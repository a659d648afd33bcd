//! Is the terminal UTF-8? SSH clients in Chinese offices are often set to
//! GBK: UTF-8 output shows as garbage and typed Chinese arrives as GBK bytes.
//! Two checks: the locale (`LC_ALL`, `LC_CTYPE`, `LANG`), and a probe of the
//! terminal itself after the first frame.

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::Print;
use std::io::Write;

/// Two wide characters: 4 columns in UTF-8. Read as GBK or Big5 their six
/// bytes are three double-width characters (6 columns); as Latin-1, six
/// characters.
pub const PROBE: &str = "中文";
pub const PROBE_COLUMNS: u16 = 4;

/// The setting that names a charset other than UTF-8, e.g.
/// `LANG=zh_CN.GBK`, looking the variables up with `var`.
pub fn locale_problem(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    // The first one set decides, as in setlocale(3).
    let (name, value) = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|n| var(n).filter(|v| !v.is_empty()).map(|v| (n, v)))?;
    (!is_utf8_locale(&value)).then(|| format!("{name}={value}"))
}

/// `language[_territory][.codeset][@modifier]`: UTF-8 if the codeset says
/// so. Without a codeset glibc uses the language's legacy charset — GB2312
/// for zh_CN, Big5 for zh_TW — so a bare Chinese locale is not UTF-8; a bare
/// C or POSIX is plain ASCII and says nothing about the terminal.
fn is_utf8_locale(locale: &str) -> bool {
    let base = locale.split('@').next().unwrap_or(locale);
    match base.split_once('.') {
        Some((_, codeset)) => {
            let c = codeset.to_ascii_lowercase().replace(['-', '_'], "");
            c == "utf8"
        }
        None => !base.to_ascii_lowercase().starts_with("zh"),
    }
}

/// Prints [`PROBE`] at the start of the bottom row and asks the terminal
/// where the cursor went (CSI 6n). The answer comes on standard input among
/// the keys, so the caller's key decoder reads it
/// ([`super::input::Decoder::take_report`]): its column is the number of
/// columns the probe took. The caller redraws the screen after.
pub fn probe(out: &mut impl Write, rows: u16) -> std::io::Result<()> {
    queue!(
        out,
        MoveTo(0, rows.saturating_sub(1)),
        Print(PROBE),
        Print("\x1b[6n")
    )?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |n| {
            vars.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn utf8_locales_pass() {
        for v in [
            "zh_CN.UTF-8",
            "zh_CN.utf8",
            "en_US.UTF-8",
            "C.UTF-8",
            "C",
            "POSIX",
        ] {
            assert_eq!(locale_problem(env(&[("LANG", v)])), None, "{v}");
        }
        assert_eq!(locale_problem(env(&[])), None);
        assert_eq!(locale_problem(env(&[("LANG", "zh_CN.UTF-8@pinyin")])), None);
    }

    #[test]
    fn legacy_chinese_charsets_are_named() {
        for v in [
            "zh_CN.GBK",
            "zh_CN.GB18030",
            "zh_CN.gb2312",
            "zh_TW.Big5",
            "zh_CN",
        ] {
            assert_eq!(
                locale_problem(env(&[("LANG", v)])),
                Some(format!("LANG={v}")),
                "{v}"
            );
        }
        assert_eq!(
            locale_problem(env(&[("LANG", "en_US.ISO-8859-1")])),
            Some("LANG=en_US.ISO-8859-1".into())
        );
    }

    #[test]
    fn lc_all_then_lc_ctype_then_lang_decide() {
        let vars = [("LC_ALL", "zh_CN.GBK"), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(locale_problem(env(&vars)), Some("LC_ALL=zh_CN.GBK".into()));
        let vars = [
            ("LC_ALL", ""),
            ("LC_CTYPE", "zh_CN.UTF-8"),
            ("LANG", "zh_CN.GBK"),
        ];
        assert_eq!(locale_problem(env(&vars)), None);
    }
}
