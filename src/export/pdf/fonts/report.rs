//! What each role was set in and what stood in for what: the export
//! summary's account of the fonts.

use super::Role;
use crate::i18n::{Lang, Msg};

/// What a role is set in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub role: Role,
    /// The face the settings name.
    pub wanted: String,
    /// The face used (family, and the weight when not regular), if any: the
    /// Latin role may have none and use the Chinese faces' own letters.
    pub used: Option<String>,
    /// Whether `used` is the wanted face itself.
    pub exact: bool,
}

/// The faces found for an export, for its summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontReport {
    pub choices: Vec<Choice>,
    /// Installed faces passed over because their licence forbids embedding.
    pub restricted: Vec<String>,
    /// Faces used for characters the chosen ones lack.
    pub fallbacks: Vec<String>,
}

impl FontReport {
    /// Whether every role has the face it asked for.
    pub fn all_exact(&self) -> bool {
        self.choices.iter().all(|c| c.exact) && self.fallbacks.is_empty()
    }

    /// One line per substitution: `仿宋_GB2312 → Noto Serif CJK SC`, each
    /// wanted face once.
    pub fn substitutions(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in self.choices.iter().filter(|c| !c.exact) {
            let used = c
                .used
                .clone()
                .unwrap_or_else(|| lang.t(Msg::PdfFontChineseLetters).to_string());
            let line = format!("{} → {used}", c.wanted);
            if !out.contains(&line) {
                out.push(line);
            }
        }
        out
    }

    /// The summary, in one line: which faces stood in for which, faces
    /// passed over and faces added for missing characters; empty when
    /// every face was there.
    pub fn summary(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "；" } else { "; " };
        let mut parts = Vec::new();
        let subs = self.substitutions(lang);
        if !subs.is_empty() {
            parts.push(lang.fmt(Msg::PdfFontsSubstituted, &[&subs.join(sep)]));
        }
        if !self.restricted.is_empty() {
            parts.push(lang.fmt(Msg::PdfFontsRestricted, &[&self.restricted.join(sep)]));
        }
        if !self.fallbacks.is_empty() {
            parts.push(lang.fmt(Msg::PdfFontsFallback, &[&self.fallbacks.join(sep)]));
        }
        parts.join(" ")
    }
}
