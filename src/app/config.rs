//! The user's configuration file (`config.ron` in the platform config
//! directory): interface language, the user's name and key bindings.
//!
//! ```ron
//! (
//!     lang: Some(En),
//!     name: Some("王文明"),
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
    #[serde(default)]
    pub keys: Vec<Binding>,
}

impl Config {
    /// Parses the file's text; errors say `line:col: message`.
    pub fn parse(text: &str) -> Result<Config, String> {
        ron::from_str(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Command;

    #[test]
    fn parses_language_and_keys() {
        let c = Config::parse(
            "(lang: Some(En), keys: [(context: Tree, key: \"Ctrl+D\", command: DeleteItem)])",
        )
        .unwrap();
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.keys[0].command, Command::DeleteItem);
        assert_eq!(Config::parse("()").unwrap(), Config::default());
        let err = Config::parse("(lang: Some(Fr))").unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
    }
}
