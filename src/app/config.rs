//! The user's configuration file (`config.ron` in the platform config
//! directory): interface language, the user's name and key bindings.
//!
//! ```ron
//! (
//!     lang: Some(En),
//!     name: Some("王文明"),
//!     text_width: 80,
//!     keys: [(context: Global, key: "F12", command: Save)],
//! )
//! ```

use super::keymap::Binding;
use crate::i18n::Lang;
use serde::Deserialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The user's name: recorded with each change of status, and filled in
    /// as 签发 when they sign an issue whose 签发 is empty.
    #[serde(default)]
    pub name: Option<String>,
    /// The widest the article's text column grows, in terminal columns
    /// (80: 40 Chinese characters), centred in a wider pane; 0: as wide
    /// as the pane.
    #[serde(default, deserialize_with = "some")]
    pub text_width: Option<u16>,
    #[serde(default)]
    pub keys: Vec<Binding>,
}

/// A number written plainly (`text_width: 80`) as a setting that is there.
fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    u16::deserialize(d).map(Some)
}

impl Config {
    /// Parses the file's text; errors say `line:col: message`.
    pub fn parse(text: &str) -> Result<Config, String> {
        ron::from_str(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }
}

impl super::App {
    /// Writes the language chosen into `config.ron`, so the next start
    /// speaks it; a file that does not parse is left alone, and said so.
    pub(super) fn remember_lang(&mut self) {
        let Some(path) = self.config_path.clone() else {
            return;
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                let msg = format!("{}: {e}", path.display());
                self.notify_error(self.lang.fmt(crate::i18n::Msg::ConfigNotSaved, &[&msg]));
                return;
            }
        };
        let written = with_lang(&text, self.lang)
            .ok_or_else(|| self.lang.t(crate::i18n::Msg::ConfigBroken).to_string())
            .and_then(|out| {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                }
                crate::store::atomic::write(&path, out.as_bytes()).map_err(|e| e.to_string())
            });
        if let Err(why) = written {
            let msg = format!("{}: {why}", path.display());
            self.notify_error(self.lang.fmt(crate::i18n::Msg::ConfigNotSaved, &[&msg]));
        }
    }
}

/// The configuration `text` (the file as the user wrote it, empty when
/// there is none) with its language set to `lang`: the `lang:` field's value
/// replaced, or the field added first, everything else (comments, keys)
/// kept as written. `None` when the text does not parse before or after.
pub fn with_lang(text: &str, lang: Lang) -> Option<String> {
    let value = match lang {
        Lang::Zh => "Some(Zh)",
        Lang::En => "Some(En)",
    };
    if text.trim().is_empty() {
        return Some(format!("(\n    lang: {value},\n)\n"));
    }
    Config::parse(text).ok()?;
    let out = match lang_value(text) {
        Some(span) => format!("{}{value}{}", &text[..span.start], &text[span.end..]),
        None => {
            // After the opening parenthesis of the top-level tuple.
            let open = code_positions(text).find(|&(_, c)| c == '(')?.0;
            format!(
                "{}\n    lang: {value},{}",
                &text[..=open],
                &text[open + 1..]
            )
        }
    };
    Config::parse(&out).ok().map(|_| out)
}

/// Byte offsets and characters of `text` outside `//` comments and strings.
fn code_positions(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut chars = text.char_indices().peekable();
    let (mut string, mut comment) = (false, false);
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            if comment {
                comment = c != '\n';
                continue;
            }
            if string {
                if c == '\\' {
                    chars.next();
                } else if c == '"' {
                    string = false;
                }
                continue;
            }
            match c {
                '"' => string = true,
                '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => comment = true,
                _ => return Some((i, c)),
            }
        }
        None
    })
}

/// Where the top-level `lang:` field's value is.
fn lang_value(text: &str) -> Option<std::ops::Range<usize>> {
    let code: Vec<(usize, char)> = code_positions(text).collect();
    let mut depth = 0usize;
    for (k, &(i, c)) in code.iter().enumerate() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            'l' if depth == 1
                && text[i..].starts_with("lang")
                && k.checked_sub(1)
                    .is_none_or(|p| !code[p].1.is_alphanumeric() && code[p].1 != '_') =>
            {
                let rest = &text[i + 4..];
                let colon = rest.len() - rest.trim_start().len();
                if !rest[colon..].starts_with(':') {
                    continue;
                }
                let after = i + 4 + colon + 1;
                let value = &text[after..];
                let start = after + (value.len() - value.trim_start().len());
                // Up to the next `,` or `)` outside the value's own parentheses.
                let mut d = 0usize;
                for (j, ch) in text[start..].char_indices() {
                    match ch {
                        '(' => d += 1,
                        ')' if d > 0 => d -= 1,
                        ')' | ',' | '\n' => return Some(start..start + j),
                        _ => {}
                    }
                }
                return Some(start..text.len());
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_written_into_the_file_keeping_the_rest() {
        assert_eq!(
            with_lang("", Lang::En).unwrap(),
            "(\n    lang: Some(En),\n)\n"
        );
        let text = "// 我的设置\n(\n    lang: Some(Zh), // 中文\n    name: Some(\"lang: x\"),\n    keys: [(context: Global, key: \"F12\", command: SwitchLanguage)],\n)\n";
        let out = with_lang(text, Lang::En).unwrap();
        assert_eq!(out, text.replace("lang: Some(Zh)", "lang: Some(En)"));
        assert_eq!(Config::parse(&out).unwrap().lang, Some(Lang::En));
        // No lang field yet: added first.
        let text = "(name: Some(\"王文明\"))";
        let out = with_lang(text, Lang::Zh).unwrap();
        let c = Config::parse(&out).unwrap();
        assert_eq!(
            (c.lang, c.name.as_deref()),
            (Some(Lang::Zh), Some("王文明"))
        );
        // None becomes Some.
        let out = with_lang("(lang: None)", Lang::En).unwrap();
        assert_eq!(out, "(lang: Some(En))");
        // A broken file is left alone.
        assert_eq!(with_lang("(lang: Some(Fr))", Lang::En), None);
    }
    use crate::app::Command;

    #[test]
    fn parses_language_and_keys() {
        let c = Config::parse(
            "(lang: Some(En), keys: [(context: Tree, key: \"Ctrl+D\", command: DeleteItem)])",
        )
        .unwrap();
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.keys[0].command, Command::DeleteItem);
        assert_eq!(c.text_width, None);
        assert_eq!(
            Config::parse("(text_width: 0)").unwrap().text_width,
            Some(0)
        );
        assert_eq!(Config::parse("()").unwrap(), Config::default());
        let err = Config::parse("(lang: Some(Fr))").unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
    }
}
