//! What the status line, the overlays' titles and a few messages say about
//! keys, read from the key map in use: a key changed in `config.ron` shows
//! there as it does in F1. Each hint is a message whose placeholders after
//! its own arguments are the keys it names.

use super::keymap::Context::{self, *};
use super::{App, Command};
use crate::i18n::Msg;

/// A key a hint names: the `n`th key of `command` in `context` (the first
/// one it has anywhere, when there are fewer).
type Named = (Context, Command, usize);

/// The keys `msg` names, in the order of its placeholders.
fn named(msg: Msg) -> &'static [Named] {
    use Command as C;
    match msg {
        Msg::HintIssues => &[
            (Issues, C::Open, 0),
            (Issues, C::NewIssue, 0),
            (Issues, C::DeleteIssue, 0),
            (Issues, C::Help, 0),
            (Issues, C::Quit, 0),
        ],
        Msg::HintTree => &[
            (Tree, C::Open, 0),
            (Tree, C::AddArticle, 0),
            (Tree, C::AddSection, 0),
            (Tree, C::Rename, 0),
            (Tree, C::Help, 0),
        ],
        Msg::HintEditor => &[
            (Editor, C::Back, 0),
            (Editor, C::Save, 0),
            (Editor, C::Find, 0),
            (Editor, C::Undo, 0),
            (Editor, C::Help, 0),
        ],
        Msg::EmptyLibrary => &[(Global, C::NewIssue, 0)],
        Msg::ReopenHintTui => &[(Global, C::ChangeStatus, 0)],
        Msg::SignedRefused | Msg::SignedRefusedBare => &[(Global, C::ChangeStatus, 0)],
        Msg::ListFilterEmpty => &[(Issues, C::FilterStatus, 0)],
        Msg::FindHint => &[
            (Find, C::Accept, 0),
            (Find, C::FindNext, 0),
            (Find, C::FindPrev, 0),
            (Find, C::FindScope, 0),
            (Find, C::Close, 0),
        ],
        Msg::ReplaceHint => &[
            (Find, C::NextField, 0),
            (Find, C::Accept, 0),
            (Find, C::ReplaceAll, 0),
            (Find, C::FindScope, 0),
            (Find, C::Close, 0),
        ],
        Msg::ReplaceAllHint => &[
            (Replace, C::ToggleItem, 0),
            (Replace, C::ToggleAll, 0),
            (Replace, C::Accept, 0),
            (Replace, C::Close, 0),
        ],
        Msg::ReplacedInIssue => &[(Editor, C::Undo, 0)],
        Msg::ReplacedTitle | Msg::ReplacedInIssueTitles => &[(Tree, C::UndoStructure, 0)],
        Msg::ReplacedInIssueBoth => &[(Tree, C::UndoStructure, 0), (Editor, C::Undo, 0)],
        Msg::FormHint => &[
            (Form, C::Accept, 0),
            (Form, C::Close, 0),
            (Form, C::NextField, 0),
            (Form, C::PrevField, 1),
            (Form, C::NextField, 1),
            (Form, C::ToggleItem, 0),
        ],
        Msg::PreviewHint => &[
            (Preview, C::Up, 0),
            (Preview, C::Down, 0),
            (Preview, C::PageUp, 0),
            (Preview, C::PageDown, 0),
            (Preview, C::First, 0),
            (Preview, C::Last, 0),
            (Preview, C::Close, 0),
        ],
        Msg::TidyHint => &[
            (Tidy, C::ToggleItem, 0),
            (Tidy, C::ToggleAll, 0),
            (Tidy, C::Accept, 0),
            (Tidy, C::Close, 0),
        ],
        Msg::HelpTitle => &[(Help, C::Up, 0), (Help, C::Down, 0)],
        Msg::SearchTitle => &[
            (Search, C::Up, 0),
            (Search, C::Down, 0),
            (Search, C::Accept, 0),
            (Search, C::Close, 0),
        ],
        Msg::TrashTitle => &[(Trash, C::Accept, 0), (Trash, C::Close, 0)],
        Msg::ImportPathHint => &[
            (Import, C::Accept, 0),
            (Import, C::Complete, 0),
            (Import, C::Up, 0),
            (Import, C::Down, 0),
            (Import, C::Close, 0),
        ],
        Msg::ImportEncodingHint => &[
            (Import, C::Up, 0),
            (Import, C::Down, 0),
            (Import, C::Accept, 0),
            (Import, C::Close, 0),
        ],
        Msg::ImportPreviewHint => &[
            (Import, C::Accept, 0),
            (Import, C::Close, 0),
            (Import, C::Up, 0),
            (Import, C::Down, 0),
            (Import, C::PageUp, 0),
            (Import, C::PageDown, 0),
        ],
        Msg::ImportExistsApp => &[(Tree, C::ImportInto, 0)],
        Msg::InboxHint => &[
            (Inbox, C::InboxAdopt, 0),
            (Inbox, C::InboxBrief, 0),
            (Inbox, C::InboxReturn, 0),
            (Inbox, C::InboxDecline, 0),
            (Inbox, C::InboxUnit, 0),
            (Inbox, C::Up, 0),
            (Inbox, C::Down, 0),
            (Inbox, C::Close, 0),
        ],
        Msg::InboxAdoptHint => &[
            (Inbox, C::Up, 0),
            (Inbox, C::Down, 0),
            (Inbox, C::ToggleItem, 0),
            (Inbox, C::Accept, 0),
            (Inbox, C::Close, 0),
        ],
        Msg::InboxNoteHint => &[(Inbox, C::Accept, 0), (Inbox, C::Close, 0)],
        // The statistics view.
        Msg::StatsViewHint => &[
            (Stats, C::StatsGroup, 0),
            (Stats, C::StatsPeriod, 0),
            (Stats, C::Left, 0),
            (Stats, C::Right, 0),
            (Stats, C::StatsSort, 0),
            (Stats, C::StatsReverse, 0),
            (Stats, C::StatsSave, 0),
            (Stats, C::Close, 0),
        ],
        Msg::StatsViewPathHint | Msg::StatsViewOverwriteHint => {
            &[(Stats, C::Accept, 0), (Stats, C::Close, 0)]
        }
        Msg::TooSmall => &[(Global, C::Quit, 0)],
        Msg::CtrlCHint => &[(Global, C::Quit, 0), (Editor, C::Copy, 0)],
        Msg::PasteRejoined => &[(Editor, C::Undo, 0)],
        Msg::DateBeforePrevious => &[(Global, C::Properties, 0)],
        Msg::TreeTitleNarrow => &[(Tree, C::Back, 0)],
        Msg::RecoveryRestoreLine => &[(Global, C::Save, 0)],
        // The tree at the clerk's desk (issue 12, branch tree).
        Msg::PaneEditorReadOnly | Msg::PaneSection => &[(Tree, C::Open, 0)],
        Msg::SectionEmpty => &[(Tree, C::AddArticle, 0)],
        Msg::StructNothingToUndo => &[(Editor, C::Undo, 0)],
        Msg::KeyTreeUndoNote => &[(Tree, C::UndoStructure, 0), (Tree, C::RedoStructure, 0)],
        _ => &[],
    }
}

impl App {
    /// The key of `command` in `context` as shown (`Ctrl+S`, `空格`).
    pub fn key_label(&self, context: Context, command: Command) -> String {
        self.keymap
            .key_for(context, command)
            .map(|k| k.label(self.lang))
            .unwrap_or_default()
    }

    /// `msg` with `args`, then the keys it names.
    pub fn hint(&self, msg: Msg, args: &[&dyn std::fmt::Display]) -> String {
        let keys: Vec<String> = named(msg)
            .iter()
            .map(
                |&(ctx, cmd, n)| match self.keymap.keys_for(ctx, cmd).get(n) {
                    Some(k) => k.label(self.lang),
                    None => self.key_label(ctx, cmd),
                },
            )
            .collect();
        let mut all: Vec<&dyn std::fmt::Display> = args.to_vec();
        all.extend(keys.iter().map(|k| k as &dyn std::fmt::Display));
        self.lang.fmt(msg, &all)
    }
}

#[cfg(test)]
mod tests {
    use crate::app::config::Config;
    use crate::app::keymap::Keymap;
    use crate::i18n::{Lang, Msg};
    use crate::test_support::app_with;

    #[test]
    fn hints_name_the_keys_as_bound() {
        let (_d, app) = app_with(Lang::Zh, Keymap::default(), 80, 24);
        assert_eq!(
            app.hint(Msg::HintEditor, &[]),
            "Esc 返回  Ctrl+S 保存  Ctrl+F 查找  Ctrl+Z 撤销  F1 帮助"
        );
        assert_eq!(
            app.hint(Msg::FormHint, &[]),
            "Enter 确定　Esc 取消　Tab/↑↓ 切换字段　空格 切换选项"
        );
        let user = Config::parse(r#"(keys: [(context: Global, key: "F12", command: Save)])"#)
            .unwrap()
            .keys;
        let (_d, app) = app_with(Lang::En, Keymap::with_overrides(user), 80, 24);
        assert_eq!(
            app.hint(Msg::HintEditor, &[]),
            "Esc back  F12 save  Ctrl+F find  Ctrl+Z undo  F1 help"
        );
        assert_eq!(
            app.hint(Msg::TidyHint, &[]),
            "Space tick/untick   A all/none   Enter apply the ticked   Esc cancel"
        );
    }
}
