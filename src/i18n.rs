//! The one message table: every user-facing string, in Chinese and English.
//!
//! Messages with arguments use `{0}`, `{1}`, … placeholders, filled by
//! [`Lang::fmt`]. A test checks both languages use the same placeholders.

use crate::model::{ArticleKind, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chooses the language from a locale string such as `zh_CN.UTF-8`:
    /// Chinese for `zh*`, English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Parses `zh`/`en` (and the usual long forms) as given to `--lang`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn t(self, msg: Msg) -> &'static str {
        let (zh, en) = msg.texts();
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The message with `{0}`, `{1}`, … replaced by `args`.
    pub fn fmt(self, msg: Msg, args: &[&dyn std::fmt::Display]) -> String {
        fill(self.t(msg), args)
    }

    pub fn status(self, s: Status) -> &'static str {
        self.t(match s {
            Status::Draft => Msg::StatusDraft,
            Status::Review => Msg::StatusReview,
            Status::Signed => Msg::StatusSigned,
            Status::Distributed => Msg::StatusDistributed,
        })
    }

    pub fn kind(self, k: ArticleKind) -> &'static str {
        self.t(match k {
            ArticleKind::Feature => Msg::KindFeature,
            ArticleKind::Brief => Msg::KindBrief,
        })
    }

    /// 第12期（总第345期） / No. 12 (total 345), 增刊第1期 / Supplement 1.
    pub fn issue_number(self, number: u32, total: Option<u32>, supplement: bool) -> String {
        let base = if supplement {
            self.fmt(Msg::SupplementNumber, &[&number])
        } else {
            self.fmt(Msg::IssueNumber, &[&number])
        };
        match total {
            Some(t) => base + &self.fmt(Msg::TotalNumber, &[&t]),
            None => base,
        }
    }
}

/// Replaces `{0}`, `{1}`, … in `template`.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}').and_then(|end| {
            after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| args.get(i))
                .map(|a| (end, a))
        }) {
            Some((end, arg)) => {
                let arg = arg.to_string();
                rest = &after[end + 1..];
                // A message ending in 。 placed before the template's own 。
                // ("保存失败：{0}。") would read 。。: the template's stays.
                let closes = |s: &str| s.starts_with('。') || s.starts_with('.');
                if closes(rest) {
                    out.push_str(arg.trim_end_matches(['。', '.']));
                } else {
                    out.push_str(&arg);
                }
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

macro_rules! messages {
    ($($name:ident => ($zh:expr, $en:expr),)*) => {
        /// A user-facing message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($name,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// (Chinese, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self { $(Msg::$name => ($zh, $en),)* }
            }
        }
    };
}

messages! {
    // Model vocabulary
    StatusDraft => ("草稿", "draft"),
    StatusReview => ("待审", "in review"),
    StatusSigned => ("已签发", "signed"),
    StatusDistributed => ("已印发", "distributed"),
    KindFeature => ("正文", "feature"),
    KindBrief => ("简讯", "brief"),
    IssueNumber => ("第{0}期", "No. {0}"),
    SupplementNumber => ("增刊第{0}期", "Supplement {0}"),
    TotalNumber => ("（总第{0}期）", " (total {0})"),
    Articles => ("{0}篇", "{0} articles"),
    Chars => ("{0}字", "{0} chars"),

    // Command line
    CliAbout => ("简报：在终端里编写、校对、导出中文工作简报",
                 "jianbao: compose Chinese work bulletins (简报) in the terminal"),
    CliUsageHeading => ("用法", "Usage"),
    CliCommandsHeading => ("命令", "Commands"),
    CliOptionsHeading => ("选项", "Options"),
    CliArgumentsHeading => ("参数", "Arguments"),
    CliLibrary => ("简报库所在目录（也可用环境变量 JIANBAO_LIBRARY）",
                   "Library directory (or the JIANBAO_LIBRARY environment variable)"),
    CliLang => ("界面语言：zh 或 en（默认按 LANG）", "Interface language: zh or en (default from LANG)"),
    CliHelp => ("显示帮助", "Print help"),
    CliVersion => ("显示版本", "Print version"),
    CliOpen => ("打开编辑界面，直接进入某一期", "Open the editor on one issue"),
    CliOpenId => ("期号，如 2023-012", "Issue id, e.g. 2023-012"),
    CliList => ("列出简报库中的各期", "List the issues in the library"),
    CliListJson => ("以 JSON 输出，便于脚本处理", "Print JSON for scripts"),
    CliNew => ("新建一期：顺延期号，沿用上一期的报头、栏目和版记",
               "Create the next issue, carrying masthead, sections and closing block over"),
    CliNewFrom => ("以指定的一期为模板（默认最新一期）", "Carry over from this issue (default: the latest)"),
    CliNewDate => ("出刊日期，如 2023-11-23（默认今天）", "Issue date, e.g. 2023-11-23 (default: today)"),
    CliNewSupplement => ("新建增刊（单独编号）", "Create a supplement (numbered in its own sequence)"),
    CliCheck => ("检查简报库中每个文件，报告所有问题", "Load every file and report each problem"),
    CliExport => ("导出一期：Word 或 PDF（按 GB/T 9704 排版）、HTML、Markdown 或纯文本；打印写出的文件路径",
                  "Export an issue as Word or PDF (laid out to GB/T 9704), HTML, Markdown or plain text; prints the path written"),
    CliExportId => ("期号，如 2023-025", "Issue id, e.g. 2023-025"),
    CliExportFormat => ("格式：docx、pdf、html、md 或 txt（默认按 -o 的扩展名，否则 docx）",
                        "Format: docx, pdf, html, md or txt (default: from the -o extension, else docx)"),
    CliExportOutput => ("输出文件或目录（默认写到简报库的 exports/ 目录；- 表示标准输出）",
                        "Output file or folder (default: the library's exports/ folder; - for standard output)"),
    CliExportForce => ("覆盖已有的同名文件", "Overwrite an existing file"),
    CliExportNoContents => ("不印“本期要目”", "Leave out the table of contents (本期要目)"),
    CliExportWrap => ("纯文本按 N 列折行（一个汉字占两列，N 不小于 10），标题居中，如 --wrap 72；未指定格式时即导出纯文本",
                      "Plain text: wrap at N columns (a Chinese character takes two; N at least 10), titles centred, e.g. --wrap 72; implies txt when no format is given"),
    CliImport => ("导入文本、Word 或 PDF 文件：新建一期，或用 --into 把其中的文章加入已有的一期",
                  "Import a text, Word or PDF file as a new issue, or add its articles to an issue with --into"),
    CliImportFile => ("要导入的文件：纯文本（如从 PDF 复制出的文字）、.docx 或 PDF（按内容识别）",
                      "File to import: plain text (e.g. copied from a PDF), .docx or PDF (told apart by content)"),
    CliImportEncoding => ("文本编码：utf-8、utf-16le、utf-16be、gbk、gb18030（默认自动识别）",
                          "Text encoding: utf-8, utf-16le, utf-16be, gbk, gb18030 (default: detected)"),
    CliImportInto => ("把文章加入这一期（如 2023-025），不新建", "Add the articles to this issue (e.g. 2023-025) instead of creating one"),
    CliImportSection => ("与 --into 同用：加入这个栏目（没有则新建）",
                         "With --into: put the articles into this section (created if missing)"),

    ListSeparator => ("，", ", "),

    // Command line output
    ListEmpty => ("简报库中还没有任何一期。", "The library has no issues yet."),
    ListProblems => ("有问题的文件：", "Files with problems:"),
    NewCreated => ("已新建 {0}（{1}）", "Created {0} ({1})"),
    NumberTaken => ("{0} 刚被别人（另一个 jianbao 或脚本）同时建立，已改用下一个编号 {1}。",
                    "{0} was created by someone else (another jianbao or a script) at the same moment; the next number, {1}, was used instead."),
    CheckOk => ("检查完毕：{0} 期，未发现问题。", "Checked {0} issues: no problems."),
    CheckFailed => ("检查完毕：{0} 期可读，{1} 个问题。", "Checked: {0} issues load, {1} problems."),
    ErrorPrefix => ("错误：", "error: "),
    NoSuchIssue => ("没有这一期：{0}", "No such issue: {0}"),
    BadIssueId => ("期号格式不对：{0}（应如 2023-012 或 2023-S01）",
                   "Not an issue id: {0} (expected e.g. 2023-012 or 2023-S01)"),
    BadDate => ("日期格式不对：{0}（应如 2023-11-23）", "Not a date: {0} (expected e.g. 2023-11-23)"),
    BadLang => ("不支持的语言：{0}（可用 zh 或 en）", "Unsupported language: {0} (use zh or en)"),
    IssueExists => ("{0} 已经存在，未覆盖。", "{0} already exists; not overwritten."),
    BadFormat => ("不支持的导出格式：{0}（可用 docx、pdf、html、md、txt）",
                  "Unsupported export format: {0} (use docx, pdf, html, md or txt)"),
    BadWrap => ("--wrap 应为 {1} 到 {2} 之间的整数（每行的显示列数，一个汉字占两列），而不是“{0}”",
                "--wrap takes a whole number of columns from {1} to {2} (a Chinese character takes two), not \"{0}\""),
    WrapNeedsText => ("--wrap 只用于纯文本导出（--format txt），不能用于 {0}。",
                      "--wrap applies to plain text only (--format txt), not to {0}."),
    ExportDone => ("已导出 {0}（{1}）", "Exported {0} ({1})"),
    ExportForceHint => ("如要覆盖，请加 --force。", "Add --force to overwrite it."),
    NoLibraryDir => ("找不到用户数据目录，请用 --library 指定简报库位置。",
                     "No user data directory found; give the library location with --library."),

    // App commands (palette and help)
    CmdQuit => ("退出", "Quit"),
    CmdSave => ("保存", "Save"),
    CmdHelp => ("帮助", "Help"),
    CmdPalette => ("命令面板", "Command palette"),
    CmdFocusNext => ("下一个窗格", "Next pane"),
    CmdFocusPrev => ("上一个窗格", "Previous pane"),
    CmdZoom => ("放大/还原编辑区", "Zoom editor"),
    CmdProperties => ("报头与版记", "Issue properties"),
    CmdFind => ("查找", "Find"),
    CmdReplace => ("替换", "Replace"),
    CmdUndo => ("撤销", "Undo"),
    CmdRedo => ("重做", "Redo"),
    CmdCut => ("剪切", "Cut"),
    CmdCopy => ("复制（也送到本机剪贴板）", "Copy (also to your own clipboard)"),
    CmdPaste => ("粘贴", "Paste"),
    CmdSelectAll => ("全选", "Select all"),
    CmdPreview => ("打印预览", "Print preview"),
    CmdTidy => ("整理文字", "Tidy text"),
    CmdExport => ("导出（Word、PDF、网页、Markdown、纯文本）", "Export (Word, PDF, HTML, Markdown, text)"),
    CmdSwitchLanguage => ("切换界面语言（中/英）", "Switch language (Chinese/English)"),
    CmdNewIssue => ("新建一期", "New issue"),
    CmdDuplicateIssue => ("复制这一期", "Duplicate issue"),
    CmdDeleteIssue => ("删除这一期（移到回收站）", "Delete issue (to trash)"),
    CmdTrash => ("回收站：恢复已删除的期", "Trash: restore a deleted issue"),
    CmdAddSection => ("新建栏目", "Add section"),
    CmdAddArticle => ("新建文章", "Add article"),
    CmdRename => ("重命名 / 文章属性", "Rename / article properties"),
    CmdDeleteItem => ("删除栏目或文章", "Delete section or article"),
    CmdMoveUp => ("上移", "Move up"),
    CmdMoveDown => ("下移", "Move down"),
    CmdToggleKind => ("切换正文/简讯", "Toggle feature/brief"),
    CmdExpand => ("展开栏目", "Expand section"),
    CmdCollapse => ("折叠栏目", "Collapse section"),
    CmdUp => ("向上", "Up"),
    CmdDown => ("向下", "Down"),
    CmdPageUp => ("上一页", "Page up"),
    CmdPageDown => ("下一页", "Page down"),
    CmdFirst => ("到开头", "First"),
    CmdLast => ("到末尾", "Last"),
    CmdOpen => ("打开", "Open"),
    CmdBack => ("返回", "Back"),

    // Forms and dialogs
    Yes => ("是", "[x]"),
    No => ("否", "[ ]"),
    FieldBulletin => ("简报名称", "Bulletin name"),
    FieldNumber => ("第N期", "Number"),
    FieldTotal => ("总第N期", "Running total"),
    FieldSupplement => ("增刊", "Supplement"),
    FieldDate => ("日期", "Date"),
    FieldIssuer => ("编印单位", "Issuing unit"),
    FieldStatus => ("状态", "Status"),
    FieldReport => ("报", "To (superiors)"),
    FieldSend => ("送", "Copy to"),
    FieldIssue => ("发", "Distribute to"),
    FieldCopies => ("共印（份）", "Copies printed"),
    FieldEditor => ("编辑", "Editor"),
    FieldReviewer => ("审核", "Reviewer"),
    FieldSigner => ("签发", "Signer"),
    FieldTitle1 => ("标题（第一行）", "Title (line 1)"),
    FieldTitle2 => ("标题（第二行）", "Title (line 2)"),
    FieldTitle3 => ("标题（第三行）", "Title (line 3)"),
    FieldKind => ("类型", "Kind"),
    FieldSource => ("来源", "Source"),
    FieldSectionTitle => ("栏目名称", "Section title"),
    FormIssueTitle => ("报头与版记", "Issue properties"),
    FormArticleTitle => ("文章属性", "Article properties"),
    FormNewArticleTitle => ("新建文章", "New article"),
    FormSectionTitle => ("重命名栏目", "Rename section"),
    FormNewSectionTitle => ("新建栏目", "New section"),
    FormExportTitle => ("导出到简报库的 exports 目录", "Export to the library's exports folder"),
    FieldFormat => ("格式", "Format"),
    FieldContents => ("印本期要目", "Print contents"),
    ConfirmOverwrite => ("{0} 已经存在。覆盖它吗？", "{0} already exists. Overwrite it?"),
    ChoiceOverwrite => ("覆盖", "Overwrite"),
    FormRequired => ("“{0}”不能为空", "{0} is required"),
    FormNotNumber => ("“{0}”应为正整数，而不是“{1}”", "{0} must be a whole number ≥ 1, not \"{1}\""),
    FormNotDate => ("“{0}”不是有效日期：“{1}”（如 2023-11-23）", "{0} is not a valid date: \"{1}\" (e.g. 2023-11-23)"),
    FormHint => ("{0} 确定　{1} 取消　{2}/{3}{4} 切换字段　{5} 切换选项",
                 "{0} OK   {1} cancel   {2}/{3}{4} next field   {5} toggle"),
    ChoiceSave => ("保存", "Save"),
    ChoiceDiscard => ("不保存", "Discard"),
    ChoiceCancel => ("取消", "Cancel"),
    ChoiceDelete => ("删除", "Delete"),
    ConfirmUnsaved => ("{0} 有未保存的修改。", "{0} has unsaved changes."),
    ConfirmDeleteIssue => ("删除 {0}？文件将移到简报库的回收站（trash）中，可以恢复。",
                           "Delete {0}? The file moves to the library's trash folder and can be recovered."),
    ConfirmDeleteUnsaved => ("它还有未保存的修改，也会一起删除。", " Its unsaved changes go with it."),
    ConfirmDeleteFinished => ("注意：此期{0}，是已定稿的一期。", " Note: this issue is {0}, a finished issue."),
    ConfirmDeleteSection => ("删除栏目【{0}】及其中 {1} 篇文章？", "Delete section 【{0}】 and its {1} articles?"),
    ConfirmDeleteArticle => ("删除文章“{0}”？", "Delete the article \"{0}\"?"),
    ConfirmTitle => ("请确认", "Please confirm"),

    // App notices
    TypeWhere => ("这里不能输入文字：在栏目树中选中一篇文章按 Enter 进入正文（Tab 切换窗格）。",
                  "Typing goes nowhere here: select an article in the section tree and press Enter (Tab switches panes)."),
    NoArticleOpen => ("还没有打开文章：在栏目树中选中文章后按 Enter。", "No article is open: select one in the tree and press Enter."),
    NoIssueOpen => ("还没有打开任何一期：在期刊列表中按 Enter 打开。", "No issue is open: press Enter in the issue list."),
    NeedSection => ("请先新建一个栏目（F7）。", "Add a section first (F7)."),
    KindNow => ("文章类型：{0}", "Article kind: {0}"),
    LoadProblems => ("{0} 个文件无法读取（未改动）：{1}", "{0} files could not be loaded (left unchanged): {1}"),
    Saved => ("已保存到 {0}", "Saved to {0}"),
    Duplicated => ("已将 {0} 复制为 {1}", "Copied {0} to {1}"),
    Trashed => ("{0} 已移到回收站：{1}", "{0} moved to trash: {1}"),

    // Editor notes
    FindNotFound => ("未找到", "Not found"),
    FindWrapped => ("已到末尾，从头继续查找", "Reached the end; continued from the other end"),
    Replaced => ("已替换 {0} 处（Ctrl+Z 可撤销）", "Replaced {0} (Ctrl+Z undoes)"),
    NothingToUndo => ("没有可撤销的操作", "Nothing to undo"),
    NothingToRedo => ("没有可重做的操作", "Nothing to redo"),
    FindLabel => ("查找：", "Find: "),
    ReplaceLabel => ("替换为：", "Replace: "),
    FindHint => ("{4} {0}  {1}/{2} 下一个  {3} 上一个  {5} 关闭", "{4} {0}  {1}/{2} next  {3} previous  {5} close"),
    ReplaceHint => ("{4} {0}  {1} 切换  {2} 替换  {3} 全部替换  {5} 关闭", "{4} {0}  {1} switch  {2} replace  {3} all  {5} close"),
    SelectionChars => ("（选中 {0}）", " ({0} selected)"),

    // Print preview
    PreviewTitle => ("打印预览", "Print preview"),
    PreviewHint => ("{0}{1} {2} {3} 滚动　{4}/{5} 开头/末尾　{6} 关闭", "{0}{1} {2} {3} scroll   {4}/{5} top/bottom   {6} close"),
    PreviewPosition => ("第 {0}–{1} 行，共 {2} 行", "rows {0}–{1} of {2}"),

    // Tidy
    TidyTitleArticle => ("整理文字：全文", "Tidy text: the whole article"),
    TidyTitleSelection => ("整理文字：选中的文字", "Tidy text: the selection"),
    TidySummary => ("共 {0} 处，已选 {1} 处：", "{0} changes, {1} chosen: "),
    TidyHint => ("{0} 选/不选　{1} 全选/全不选　{2} 应用所选　{3} 取消",
                 "{0} tick/untick   {1} all/none   {2} apply the ticked   {3} cancel"),
    TidyNothing => ("全文无需整理。", "Nothing to tidy in this article."),
    TidyNothingSelected => ("选中的文字无需整理。", "Nothing to tidy in the selection."),
    TidyNoneChosen => ("没有勾选任何改动，文字未变。", "No change ticked; the text is unchanged."),
    TidyCancelled => ("已取消整理，文字未变。", "Tidying cancelled; the text is unchanged."),
    TidyStale => ("文字在预览后已改动，未整理，请重新整理。", "The text changed after the preview; nothing was tidied. Tidy again."),
    TidyDone => ("已整理 {0} 处（Ctrl+Z 可撤销）", "Tidied {0} places (Ctrl+Z undoes)"),
    RuleSpace => ("空格", "Spaces"),
    RulePunctuation => ("标点", "Punctuation"),
    RuleQuotes => ("引号", "Quotes"),
    RuleEllipsis => ("省略号", "Ellipsis"),
    RuleDash => ("破折号", "Dash"),
    RuleWidth => ("全角字母数字", "Full-width"),
    RuleInvisible => ("不可见字符", "Invisible"),
    RuleRadical => ("部首形近字", "Radicals"),
    PasteOffer => ("粘贴的文字像是硬换行的：按 {0} 合并为段落", "The pasted text looks hard-wrapped: press {0} to join its lines into paragraphs"),
    // The clerk's desk (issue 12): a paste read by the importer's rules, joining lines on demand
    PasteOfferArticles => ("粘贴的文字含有栏目或标题：按 {0} 选择作为文章加入，或合并为本文段落", "The pasted text holds sections or titles: press {0} to add them as articles, or join it into this article"),
    PasteUntitled => ("无标题", "Untitled"),
    PasteAdded => ("已加入 {0} 篇文章（粘贴的文字已从本文取出）", "Articles added: {0} (the paste was taken out of this article)"),
    ConfirmPasteArticles => ("粘贴的文字含有 {0} 个栏目标题和 {1} 篇文章的标题。作为文章加入各自的栏目，还是合并为本文的段落（标题、来源、日期各占一段）？",
                             "The paste holds section headings ({0}) and article titles ({1}). Add them as articles in their sections, or join the text into this article (titles, sources and dates a paragraph each)?"),
    ChoiceAsArticles => ("作为文章加入", "As articles"),
    ChoiceAsText => ("合并为段落", "As text"),
    CmdJoinLines => ("合并断行", "Join lines"),
    // Finding across the whole issue (issue 12): scope, count, replace-all review
    CmdFindInIssue => ("在全期中查找", "Find in the issue"),
    CmdReplaceInIssue => ("在全期中替换", "Replace in the issue"),
    CmdFindScope => ("查找范围：本文/全期", "Find scope: article/issue"),
    HelpReplace => ("全期替换", "Replace in the issue"),
    FindIssueLabel => ("全期查找：", "Find in issue: "),
    ScopeIssue => ("全期", "issue"),
    ScopeArticle => ("本文", "article"),
    FindCount => ("第{0}/{1}处", "{0} of {1}"),
    FindTotal => ("共{0}处", "{0} found"),
    FindNoArticles => ("本期还没有文章，无处查找。", "The issue has no article to search yet."),
    ReplaceAllTitle => ("全期替换：“{0}” → “{1}”", "Replace in the issue: “{0}” → “{1}”"),
    ReplaceAllSummary => ("将在 {1} 篇文章中替换 {0} 处（共 {2} 处）", "{0} of {2} matches to replace in {1} articles"),
    ReplaceAllHint => ("{0} 选/不选　{1} 全选/全不选　{2} 替换所选　{3} 取消",
                       "{0} tick/untick   {1} all/none   {2} replace the ticked   {3} cancel"),
    ReplaceAllNone => ("没有勾选任何匹配，文字未变。", "No match ticked; the text is unchanged."),
    ReplaceAllCancelled => ("已取消替换，文字未变。", "Replacing cancelled; the text is unchanged."),
    ReplaceAllStale => ("文字在预览后已改动，未替换，请重新全部替换。", "The text changed after the preview; nothing was replaced. Replace all again."),
    ReplacedInIssue => ("已在 {1} 篇文章中替换 {0} 处（在各篇文章中按 {2} 撤销）", "Replaced {0} in {1} articles ({2} in each article undoes)"),
    // Replacing in titles across the issue (issue 12, branch titles):
    // through the structural undo, one step for all of a replace-all
    ReplaceAllTitles => ("，其中标题 {0} 处", ", {0} of them in titles"),
    ReplaceRowTitle => ("标题", "title"),
    ReplacedTitle => ("已替换标题中的 1 处（在目录中按 {0} 撤销）", "Replaced 1 in a title ({0} in the tree undoes)"),
    ReplacedInIssueTitles => ("已在 {1} 篇文章的标题中替换 {0} 处（在目录中按 {2} 撤销）", "Replaced {0} in the titles of {1} articles ({2} in the tree undoes)"),
    ReplacedInIssueBoth => ("已在 {1} 篇文章中替换 {0} 处，其中标题 {2} 处（标题：在目录中按 {3} 撤销；正文：在各篇文章中按 {4} 撤销）",
                            "Replaced {0} in {1} articles, {2} of them in titles (titles: {3} in the tree undoes; text: {4} in each article)"),
    UndoReplaceTitles => ("替换标题中的“{0}”", "replacing “{0}” in titles"),
    ConfigNotSaved => ("界面语言未能记入配置文件：{0}", "The language could not be remembered in the configuration file: {0}"),
    ConfigBroken => ("配置文件有误，未改动", "the file has an error; left unchanged"),
    ListCountsNarrow => ("{0}  {1}篇  {2}字", "{0} {1} art {2} ch"),
    TreeTitleNarrow => ("{0} · {1} 期刊列表", "{0} · {1} issues"),
    DateBeforePrevious => ("注意：日期 {0} 早于上一期 {1} 的 {2}，按 {3} 修改", "Note: the date {0} is before that of the previous issue {1}, {2}; {3} changes it"),
    CmdExtendSelection => ("扩展选定（移动即选定）", "Extend selection (moves select)"),
    ModeExtend => ("扩展选定", "extend"),
    JoinNeedsSelection => ("先选中要合并的几行（Shift+方向键）", "Select the lines to join first (Shift+arrows)"),
    JoinNothing => ("选中的文字没有可合并的断行", "The selection has no broken lines to join"),
    JoinDone => ("已合并 {0} 处断行", "Joined {0} line breaks"),
    PasteRejoined => ("已合并为 {0} 段（{1} 恢复原样）", "Joined into {0} paragraphs ({1} restores the paste)"),
    // ----- The tree at the clerk's desk (issue 12, branch tree): the text
    // pane follows the tree, undo of structure, Ctrl+N asks.
    FormNewIssueTitle => ("新建一期", "New issue"),
    NewIssueFrom => ("报头、栏目和版记沿用 {0}", "Masthead, sections and closing block as in {0}"),
    NewIssueFromSettings => ("报头、栏目和版记取自简报库的设置", "Masthead, sections and closing block from the library's settings"),
    NewIssueTaken => ("{0} 已有这一期：请改第N期", "{0} exists already: change the number"),
    PaneEditorReadOnly => ("正文 · 只读 · {0} 编辑", "Text · read-only · {0} edits"),
    PaneSection => ("栏目 · {0} 折叠", "Section · {0} folds"),
    SectionSummary => ("【{0}】 {1} 篇（正文 {2}，简讯 {3}），{4} 字", "【{0}】 articles: {1} (features {2}, briefs {3}), {4} chars"),
    SectionLimit => ("每篇限 {0} 字", "at most {0} 字 an article"),
    SectionOverLimit => ("！超出", "! over"),
    SectionEmpty => ("这个栏目还没有文章：按 {0} 新建一篇。", "This section has no articles yet: {0} adds one."),
    CmdUndoStructure => ("撤销结构修改（栏目树）", "Undo a change of structure (tree)"),
    CmdRedoStructure => ("重做结构修改（栏目树）", "Redo a change of structure (tree)"),
    StructUndone => ("已撤销：{0}", "Undone: {0}"),
    StructRedone => ("已重做：{0}", "Redone: {0}"),
    StructNothingToUndo => ("栏目树没有可撤销的修改（文章里的文字：在正文中按 {0}）", "Nothing to undo in the tree (for the text of an article: {0} in the editor)"),
    StructNothingToRedo => ("栏目树没有可重做的修改", "Nothing to redo in the tree"),
    StructStale => ("本期的结构已在别处改变，撤销记录已清空", "The issue's structure changed elsewhere: the undo history was cleared"),
    UndoAddArticle => ("新建《{0}》", "new article “{0}”"),
    UndoAddSection => ("新建栏目【{0}】", "new section 【{0}】"),
    UndoDeleteArticle => ("删除《{0}》", "deleting “{0}”"),
    UndoDeleteSection => ("删除栏目【{0}】", "deleting section 【{0}】"),
    UndoMoveArticle => ("移动《{0}》", "moving “{0}”"),
    UndoMoveSection => ("移动栏目【{0}】", "moving section 【{0}】"),
    UndoRenameSection => ("栏目【{0}】改名", "renaming section 【{0}】"),
    UndoArticleProps => ("修改《{0}》的标题、类型或来源", "the title, kind or source of “{0}”"),
    UndoToggleKind => ("《{0}》改为{1}", "“{0}” made a {1}"),
    UndoPasteArticles => ("粘贴作为文章加入（{0} 篇）", "the paste added as articles ({0})"),
    UndoImport => ("导入 {0} 篇文章", "importing {0} articles"),
    UndoProperties => ("修改报头与版记", "the issue properties"),
    KeyTreeUndoNote => ("栏目树中 {0} / {1} 撤销、重做本期的结构修改：栏目和文章的新建、删除、移动、改名和属性、正文/简讯、粘贴作为文章、导入本期、报头与版记（最多 100 步）；正文中的 {0} 只撤销文字。打开另一期时撤销记录清空。",
                        "In the tree {0} / {1} undo and redo changes to the open issue's structure: adding, deleting, moving, renaming sections and articles, their properties, feature/brief, a paste added as articles, an import into the issue, the issue properties (up to 100 steps); {0} in the editor undoes text only. Opening another issue clears the history."),

    // One keymap: commands of the editor, the find bar, text fields and
    // overlays; the help's headings; a dialog button with its key
    CmdLeft => ("向左", "Left"),
    CmdRight => ("向右", "Right"),
    CmdLineStart => ("到行首", "Start of the row"),
    CmdLineEnd => ("到行尾", "End of the row"),
    CmdWordLeft => ("到上一个词语（标点处分隔）", "Previous word or phrase"),
    CmdWordRight => ("到下一个词语", "Next word or phrase"),
    CmdSelectLeft => ("向左选择", "Select left"),
    CmdSelectRight => ("向右选择", "Select right"),
    CmdSelectUp => ("向上选择", "Select up"),
    CmdSelectDown => ("向下选择", "Select down"),
    CmdSelectLineStart => ("选择到行首", "Select to the start of the row"),
    CmdSelectLineEnd => ("选择到行尾", "Select to the end of the row"),
    CmdSelectWordLeft => ("选择到上一个词语", "Select to the previous word"),
    CmdSelectWordRight => ("选择到下一个词语", "Select to the next word"),
    CmdSelectPageUp => ("向上选择一页", "Select a page up"),
    CmdSelectPageDown => ("向下选择一页", "Select a page down"),
    CmdSelectFirst => ("选择到开头", "Select to the start"),
    CmdSelectLast => ("选择到末尾", "Select to the end"),
    CmdNewline => ("另起一段", "New paragraph"),
    CmdDeleteBack => ("删除前一个字", "Delete the character before"),
    CmdDeleteForward => ("删除后一个字", "Delete the character after"),
    CmdDeleteWordBack => ("删除前一个词语", "Delete the word before"),
    CmdDeleteWordForward => ("删除后一个词语", "Delete the word after"),
    CmdDeleteToLineStart => ("删除光标前的全部文字", "Delete everything before the caret"),
    CmdFindNext => ("下一个查找结果", "Next match"),
    CmdFindPrev => ("上一个查找结果", "Previous match"),
    CmdReplaceAll => ("全部替换", "Replace all"),
    CmdAccept => ("确定", "OK"),
    CmdClose => ("关闭/取消", "Close or cancel"),
    CmdNextField => ("下一项", "Next field or button"),
    CmdPrevField => ("上一项", "Previous field or button"),
    CmdToggleItem => ("选/不选，换下一个选项", "Tick or untick; next option"),
    CmdToggleAll => ("全选/全不选", "All or none"),
    KeyRejoinPaste => ("粘贴硬换行的文字后：合并为段落", "Right after pasting hard-wrapped text: join it into paragraphs"),
    KeyTypingNote => ("其他键：输入文字（输入法一次上屏的文字算一次输入）", "Other keys type text (an IME's commit goes in as one burst)"),
    HelpFind => ("查找栏", "Find bar"),
    HelpField => ("文本框（命令面板、搜索、表单、查找栏）", "Text fields (palette, search, forms, find bar)"),
    HelpPalette => ("命令面板", "Command palette"),
    HelpSearch => ("搜索全部期刊", "Search all issues"),
    HelpForm => ("表单", "Forms"),
    HelpDialog => ("对话框（按钮上的字母即作答）", "Dialogs (a button's letter answers)"),
    HelpTidy => ("整理文字", "Tidy text"),
    HelpPreview => ("打印预览", "Print preview"),
    HelpTrash => ("回收站", "Trash"),
    HelpHelp => ("帮助（其他键关闭）", "Help (any other key closes)"),
    ChoiceButton => ("{0}({1})", "{0} ({1})"),

    // Trash
    TrashTitle => ("回收站　（{0} 恢复，{1} 关闭）", "Trash   ({0} restores, {1} closes)"),
    TrashEmpty => ("回收站是空的。", "The trash is empty."),
    TrashRow => ("{0}　（删除于 {1}）", "{0}   (deleted {1})"),
    Restored => ("已恢复 {0}", "Restored {0}"),

    // Screen
    PaneIssues => ("期刊", "Issues"),
    PaneTree => ("栏目", "Sections"),
    PaneEditor => ("正文", "Text"),
    PaletteTitle => ("命令面板：输入命令名称（中文或英文）", "Command palette: type a command name"),
    PaletteEmpty => ("没有匹配的命令", "No matching command"),
    HelpTitle => ("帮助　（{0}{1} 滚动，其他键关闭）", "Help   ({0}{1} scroll, any other key closes)"),
    HelpGlobal => ("全局", "Everywhere"),
    HelpIssues => ("期刊列表", "Issue list"),
    HelpTree => ("栏目树", "Section tree"),
    HelpEditor => ("编辑区", "Editor"),
    HelpIntro => ("简报按“期”编排：左侧选一期（{0} 打开），中间的栏目树里选文章（{1} 编辑），右侧编辑正文。{2} 保存，{3} 可按名称执行任何命令。下面是当前生效的全部按键（可在 config.ron 中修改）。",
                  "Pick an issue on the left ({0} opens it), an article in the section tree ({1} edits it), and write in the editor. {2} saves; {3} runs any command by name. Below: every key as it is bound now (config.ron changes them)."),
    TooSmall => ("窗口太小：至少需要 {0}×{1}，当前 {2}×{3}。调大窗口后继续；{4} 退出",
                 "Window too small: need {0}×{1}, have {2}×{3}. Enlarge it to go on; {4} quits"),
    StatusSaved => ("已保存", "saved"),
    StatusUnsaved => ("未保存", "unsaved"),
    StatusChars => ("字数 {0}", "{0} chars"),
    ModeBrowse => ("浏览", "browse"),
    ModeEdit => ("编辑", "edit"),
    HintIssues => ("{0} 打开  {1} 新建  {2} 删除  {3} 帮助  {4} 退出", "{0} open  {1} new  {2} delete  {3} help  {4} quit"),
    HintTree => ("{0} 编辑  {1} 新文章  {2} 新栏目  {3} 改名  {4} 帮助", "{0} edit  {1} article  {2} section  {3} rename  {4} help"),
    HintEditor => ("{0} 返回  {1} 保存  {2} 查找  {3} 撤销  {4} 帮助", "{0} back  {1} save  {2} find  {3} undo  {4} help"),
    EmptyLibrary => ("简报库是空的：按 {0} 新建一期。", "The library is empty: press {0} for a new issue."),
    EmptyIssue => ("这一期还没有栏目：按 F7 新建栏目。", "This issue has no sections: press F7 to add one."),
    EmptyEditor => ("在栏目树中选中一篇文章，按 Enter 开始编辑。", "Select an article in the section tree and press Enter to edit it."),
    BriefMark => ("〔简讯〕", "[brief] "),

    NeedTerminal => ("编辑界面需要在终端中运行（标准输入和输出都应是终端）。可用 jianbao list 等命令在脚本中使用。",
                     "The editor needs a terminal (stdin and stdout). In scripts use commands such as jianbao list."),
    ConfigProblem => ("配置文件有误，已使用默认设置：{0}", "Config file ignored, using defaults: {0}"),
    // Import
    ImportCreated => ("已导入为 {0}，{1}：{2}个栏目，{3}篇，{4}段，{5}字",
                      "Imported as {0}, {1}: {2} sections, {3} articles, {4} paragraphs, {5} chars"),
    ImportAdded => ("已向 {0} 加入 {1}篇，{2}段，{3}字：{4}", "Added to {0}: {1} articles, {2} paragraphs, {3} chars: {4}"),
    ImportPlacement => ("栏目“{0}”{1}篇", "{1} to section “{0}”"),
    ImportSource => ("文件：{0}（{1}）", "File: {0} ({1})"),
    ImportWord => ("Word 文档", "Word document"),
    ImportMasthead => ("报头：{0}", "Masthead: {0}"),
    ImportNumbered => ("文中没有期号，按顺序编为{0}", "No issue number in the text: numbered {0}"),
    ImportDateToday => ("文中没有日期，用今天 {0}", "No date in the text: dated today, {0}"),
    ImportBulletinFromSettings => ("文中没有简报名称，用简报库设置的“{0}”", "No bulletin name in the text: “{0}” from the library settings"),
    ImportIssuerFromSettings => ("文中没有编印单位，用简报库设置的“{0}”", "No issuing unit in the text: “{0}” from the library settings"),
    ImportIssuerMissing => ("文中和简报库设置里都没有编印单位，请在编辑时补上", "No issuing unit in the text or the library settings: add it when editing"),
    ImportClosing => ("版记：读入 {0} 行", "Closing block: {0} lines read"),
    ImportToc => ("目录 {0} 条：用于核对标题，不作为正文导入",
                  "Table of contents: {0} entries, used to confirm titles, not imported as text"),
    ImportTocMissing => ("请核对：目录中的这些标题在正文里没有找到：{0}",
                         "Check: these table-of-contents titles were not found in the text: {0}"),
    ImportNotInToc => ("请核对：这些行像标题但不在目录中，已作为正文保留：{0}",
                       "Check: these lines look like titles but are not in the table of contents; kept as text: {0}"),
    ImportBriefTitles => ("{0} 篇简讯的标题取自其第一句", "{0} briefs titled by their first sentence"),
    ImportUntitled => ("{0} 篇文章没有标题，暂用“{1}”", "{0} articles have no title: titled “{1}” for now"),
    ImportUnstructured => ("没有找到栏目和标题：全文作为一篇文章“{0}”，放入栏目“{1}”",
                           "No sections or titles found: the whole text is one article, “{0}”, in section “{1}”"),
    ImportTables => ("Word 中的 {0} 个表格已拆为段落", "{0} Word tables flattened into paragraphs"),
    ImportTidied => ("整理：{0}", "Tidied: {0}"),
    TidyJoined => ("合并硬换行 {0} 处", "{0} hard line breaks joined"),
    TidyPageNumbers => ("删去页码 {0} 个", "{0} page numbers removed"),
    TidyHeaders => ("删去重复的页眉 {0} 行", "{0} running headers removed"),
    TidySeparators => ("删去分隔线 {0} 条", "{0} rules removed"),
    TidyStraySpaces => ("删去行首多余空格 {0} 处", "{0} stray leading spaces removed"),
    TidyControls => ("删去控制字符 {0} 个", "{0} control characters removed"),
    TidyDoubleSpaced => ("忽略隔行的空行", "blank lines between all lines ignored"),
    TidySpace => ("删去多余空格 {0} 处", "{0} extra spaces removed"),
    TidyPunctuation => ("半角标点改为全角 {0} 处", "{0} half-width punctuation marks made full-width"),
    TidyQuotes => ("直引号改为弯引号 {0} 处", "{0} straight quotes made curly"),
    TidyEllipsis => ("省略号改为“……”{0} 处", "{0} ellipses made “……”"),
    TidyDash => ("“--”改为“——”{0} 处", "{0} “--” made “——”"),
    TidyWidth => ("全角数字、字母改为半角 {0} 处", "{0} full-width digits and letters made half-width"),
    TidyInvisible => ("删去不可见字符、不换行空格 {0} 处", "{0} invisible characters and no-break spaces removed"),
    TidyRadical => ("部首形近字改为正字 {0} 处", "{0} radical look-alikes made real characters"),
    Quoted => ("“{0}”", "“{0}”"),
    AndMore => ("等 {0} 项", " and {0} more"),
    ImportEmpty => ("{0}：文件是空的，没有可导入的内容。", "{0}: the file is empty; nothing to import."),
    ImportNoText => ("{0}：文件里只有空白，没有可导入的文字。", "{0}: the file holds only white space; nothing to import."),
    ImportBinary => ("{0}：不是文本文件，或编码无法识别。支持 UTF-8、带 BOM 的 UTF-16、GBK/GB18030（可用 --encoding 指定）；Word 文件请存为 .docx。",
                     "{0}: not a text file, or in an encoding not recognised. UTF-8, UTF-16 with BOM and GBK/GB18030 are supported (name one with --encoding); save Word files as .docx."),
    ImportBadEncoding => ("{0}：从第 {1} 字节起不是有效的 {2} 编码，未导入。", "{0}: not valid {2} from byte {1} on; nothing imported."),
    ImportUnknownEncoding => ("不认识的编码：{0}（可用 utf-8、utf-16le、utf-16be、gbk、gb18030）",
                              "Unknown encoding: {0} (use utf-8, utf-16le, utf-16be, gbk or gb18030)"),
    ImportNotDocx => ("{0}：无法作为 Word 文件读取（{1}）。只支持 .docx；旧的 .doc 请先在 Word 里另存为 .docx。",
                      "{0}: cannot be read as a Word file ({1}). Only .docx is supported: save an old .doc as .docx first."),
    DocxNotZip => ("不是 zip 格式", "not a zip archive"),
    ImportDocxEmpty => ("{0}：Word 文件里没有文字。", "{0}: the Word file has no text."),
    ImportRead => ("{0}：无法读取（{1}）", "{0}: cannot read it ({1})"),
    ImportTooLarge => ("{0}：文件太大（{1} MB），不像一期简报；最多 {2} MB。",
                       "{0}: the file is too large ({1} MB) for a bulletin; the limit is {2} MB."),
    ImportExists => ("{0} 已经存在，未覆盖。要把文章加入这一期，请用 --into {0}。",
                     "{0} already exists; not overwritten. To add the articles to it, use --into {0}."),
    ImportNoArticles => ("{0}：没有找到可加入的文章。", "{0}: no articles found to add."),

    // Import of any office's bulletin, PDF import, dry run (issue 16)
    CliImportDryRun => ("只显示将要导入的结构（报头、栏目、标题、段数、整理和补充的内容），不写入", "Only show what would be imported (masthead, sections, titles, paragraphs, what is tidied and filled), writing nothing"),
    CliImportFill => ("按本刊导入：文中缺的简报名称、编印单位、总期号和版记用简报库设置补上（文中的简报名称或编印单位与设置相同时默认如此）",
                      "Treat as your own bulletin: fill what the text lacks (name, issuing unit, running total, closing block) from the library settings (the default when its name or unit is the library's)"),
    CliImportNoFill => ("按外单位简报导入：只用文中有的，不用简报库设置补充",
                        "Treat as another office's bulletin: keep only what the text says, fill nothing from the settings"),
    ImportPdf => ("PDF，{0} 页", "PDF, {0} pages"),
    ImportDryRun => ("预览，未写入任何文件：", "Preview; nothing written:"),
    ImportWillCreate => ("将新建 {0}，{1}：{2}个栏目，{3}篇，{4}段，{5}字",
                         "Would create {0}, {1}: {2} sections, {3} articles, {4} paragraphs, {5} chars"),
    ImportWillAdd => ("将向 {0} 加入 {1}篇，{2}段，{3}字：{4}", "Would add to {0}: {1} articles, {2} paragraphs, {3} chars: {4}"),
    LabelValue => ("{0}：{1}", "{0}: {1}"),
    ImportEmptyValue => ("（空）", "(empty)"),
    ImportPreviewMasthead => ("报头：{0}｜{1}｜{2}｜{3}", "Masthead: {0} | {1} | {2} | {3}"),
    ImportPreviewArticle => ("{0}段，{1}字", "{0} paragraphs, {1} chars"),
    ImportPreviewCopies => ("共印{0}份", "{0} copies"),
    ImportPreviewClosing => ("版记：{0}", "Closing block: {0}"),
    ImportClosingFromSettings => ("文中没有版记，用简报库设置的版记（{0} 行）", "No closing block in the text: the library settings' ({0} lines)"),
    ImportSectionDefault => ("没有栏目标题的文章放入栏目“{0}”（简报库设置的第一个栏目）", "Articles under no heading go to section “{0}” (the library's first section)"),
    ImportBulletinLeft => ("文中没有简报名称，按外单位简报导入，留空（可在报头设置中补上）", "No bulletin name in the text: another office's bulletin, left empty (set it in the issue properties)"),
    ImportClosingLeft => ("文中没有版记，按外单位简报导入，不用简报库设置的版记", "No closing block in the text: another office's bulletin, the library's is not used"),
    ImportItemBriefs => ("{0} 条带 ◆● 等标记的简讯已从前一篇文章分出", "{0} briefs marked ◆ ● split from the article before them"),
    ImportGluedTitles => ("{0} 个与正文连在一起的标题已分开，请核对", "{0} titles run into their first paragraph were split off: check them"),
    ImportPlainHeadings => ("{0} 个栏目按“一、……”或“要闻简报”这类标题行识别", "{0} sections found by heading lines such as “一、……” or “要闻简报”"),
    ImportOnlyMasthead => ("{0}：只找到{1}，没有找到文章正文，未导入。", "{0}: found {1} but no article text; nothing imported."),
    FoundMasthead => ("报头（{0}）", "a masthead ({0})"),
    FoundContents => ("目录 {0} 条", "a table of contents of {0} entries"),
    FoundClosing => ("版记 {0} 行", "a closing block of {0} lines"),
    ImportPdfBroken => ("{0}：无法作为 PDF 读取（{1}）。", "{0}: cannot be read as a PDF ({1})."),
    ImportPdfDamaged => ("{0}：PDF 文件已损坏，读不出文字。请重新下载或导出，或复制其中的文字导入。",
                         "{0}: the PDF is damaged and its text cannot be read. Download or export it again, or copy its text and import that."),
    ImportPdfEncrypted => ("{0}：PDF 有密码保护，读不出文字。请在 PDF 阅读器中去掉密码另存，或复制其中的文字导入。",
                           "{0}: the PDF is protected by a password. Save it without one in a PDF reader, or copy its text and import that."),
    ImportPdfScan => ("{0}：这份 PDF（{1} 页）没有文字层，像是扫描件或图片。请先做文字识别（OCR），或用 Word 原稿导入。",
                      "{0}: this PDF ({1} pages) has no text layer: it looks like a scan or pictures. Run text recognition (OCR) first, or import the Word original."),
    ImportPdfUnmapped => ("{0}：这份 PDF（{1} 页）的字体没有文字对照表，取出的文字无法辨认。请在 PDF 阅读器中复制文字粘贴到文本文件后导入，或用 Word 原稿。",
                          "{0}: the fonts of this PDF ({1} pages) do not map to characters, so its text cannot be read. Copy the text in a PDF reader into a text file and import that, or import the Word original."),
    ImportRefused => ("{0}：这是{1}，不是可导入的文字。{2}", "{0}: this is {1}, not text to import. {2}"),
    FormatOldOffice => ("旧版 Word 或 WPS 文件（.doc、.wps）", "an old Word or WPS file (.doc, .wps)"),
    FormatRtf => ("RTF 文件", "an RTF file"),
    FormatOdt => ("OpenDocument 文本（.odt）", "an OpenDocument text (.odt)"),
    FormatOfd => ("OFD 版式文件", "an OFD fixed-layout file"),
    FormatOtherOffice => ("Excel、PowerPoint 等表格或演示文件", "a spreadsheet or presentation (Excel, PowerPoint)"),
    FormatZip => ("一个 zip 压缩包", "a zip archive"),
    FormatArchive => ("压缩包", "a compressed archive"),
    FormatImage => ("一张 {0} 图片", "a {0} picture"),
    FormatMedia => ("音频或视频文件", "an audio or video file"),
    FormatExecutable => ("程序文件", "a program"),
    AdviceSaveDocx => ("请在 Word 或 WPS 中另存为 .docx 再导入。", "Save it as .docx in Word or WPS, then import that."),
    AdviceOfd => ("请用 OFD 阅读器另存为 PDF，或复制其中的文字导入。", "Save it as PDF in an OFD reader, or copy its text and import that."),
    AdviceCopyText => ("请把简报的文字复制到文本文件，或存为 .docx 再导入。", "Copy the bulletin's text into a text file, or save it as .docx, and import that."),
    AdviceUnpack => ("请先解压，再导入其中的简报文件。", "Unpack it first and import the bulletin inside."),
    AdviceOcr => ("图片里的文字要先做文字识别（OCR）。", "The text of a picture needs text recognition (OCR) first."),
    AdviceNone => ("请选择简报的文本、.docx 或 PDF 文件。", "Choose the bulletin's text, .docx or PDF file."),

    // Importing from the editor (issue 16): the command, the path prompt,
    // the encoding choice, the preview, what was made
    CmdImportNew => ("导入为新的一期…", "Import as a new issue…"),
    CmdImportInto => ("导入到本期…", "Import into this issue…"),
    CmdComplete => ("补全路径", "Complete the path"),
    HelpImport => ("导入文件", "Importing a file"),
    ImportTitleNew => ("导入为新的一期", "Import as a new issue"),
    ImportTitleInto => ("导入到 {0}（{1}）", "Import into {0} ({1})"),
    ImportFileLabel => ("文件：", "File: "),
    ImportRelative => ("相对路径从 {0} 起，~ 为主目录。文本、.docx 或 PDF 均可。",
                       "Relative paths start at {0}; ~ is your home folder. Text, .docx or PDF."),
    ImportPathHint => ("{0} 读取　{1} 补全　{2}{3} 选择　{4} 取消", "{0} read   {1} complete   {2}{3} choose   {4} cancel"),
    ImportNoMatch => ("没有以此开头的文件或文件夹。", "No file or folder starts like this."),
    ImportMatches => ("{0} 项", "{0} entries"),
    ImportTypePath => ("请输入要导入的文件路径，按 Tab 补全。", "Type the path of the file to import; Tab completes it."),
    ImportNotFound => ("{0}：没有这个文件。", "{0}: no such file."),
    ImportIsDir => ("{0} 是文件夹：请从列表中选择其中的文件。", "{0} is a folder: choose a file in it from the list."),
    ImportBinaryApp => ("{0}：不是文本文件，或编码无法识别（试过 UTF-8、UTF-16、GBK/GB18030、Big5）。Word 文件请存为 .docx。",
                        "{0}: not a text file, or in an encoding not recognised (UTF-8, UTF-16, GBK/GB18030 and Big5 were tried). Save Word files as .docx."),
    ImportEncodingAsk => ("{0}：无法确定文字编码，请选择读起来正确的一种：",
                          "{0}: the encoding cannot be told for sure; choose the one that reads right:"),
    ImportEncodingHint => ("{0}{1} 选择　{2} 用此编码读取　{3} 返回", "{0}{1} choose   {2} read in this encoding   {3} back"),
    ImportPreviewTitle => ("导入预览：{0}", "Import preview: {0}"),
    ImportPreviewHint => ("{0} 导入　{1} 取消（回到路径）　{2}{3} {4} {5} 滚动",
                          "{0} import   {1} cancel (back to the path)   {2}{3} {4} {5} scroll"),
    ImportEncodingUsed => ("按 {0} 编码读取", "Read as {0}"),
    ImportExistsApp => ("{0} 已经存在，未覆盖。要把文章加入这一期，请先打开它，再在栏目树中按 {1}。",
                        "{0} already exists; not overwritten. To add the articles to it, open it and press {1} in the section tree."),

    // The archive: search every issue (jianbao search, the search overlay)
    CliSearch => ("在所有各期中搜索：几个词须都在同一篇文章里，加引号的词组按原样查找；标题中有的排在前面，再按日期从新到旧",
                  "Search every issue: all the words in one article, \"a quoted phrase\" as written; title matches first, then newest first"),
    CliSearchWords => ("要找的词或词组", "Words or phrases to find"),
    CliSearchYear => ("只搜这一年的期，如 2023", "Only the issues of this year, e.g. 2023"),
    CliSearchSection => ("只搜栏目名中含有这些字的栏目，如 工作动态", "Only sections whose title contains this, e.g. 工作动态"),
    CliSearchStatus => ("只搜这一状态的期：draft 草稿、review 待审、signed 已签发、distributed 已印发",
                        "Only issues in this status: draft, review, signed or distributed"),
    BadStatus => ("不认识的状态：{0}（可用 draft、review、signed、distributed，或 草稿、待审、已签发、已印发）",
                  "Unknown status: {0} (use draft, review, signed or distributed)"),
    BadYear => ("年份应为四位数字，如 2023，而不是“{0}”", "A year is four digits, e.g. 2023, not \"{0}\""),
    SearchNoWords => ("请给出要找的词。", "Give the words to find."),
    SearchNothing => ("没有找到“{0}”。", "Nothing found for \"{0}\"."),
    SearchFound => ("找到 {0} 篇文章。", "{0} articles found."),
    CmdSearchAll => ("搜索全部期刊", "Search all issues"),
    SearchTitle => ("搜索全部期刊　（{0}{1} 选择，{2} 打开，{3} 关闭）", "Search all issues   ({0}{1} choose, {2} opens, {3} closes)"),
    SearchHint => ("输入要找的词，几个词用空格分开，词组加引号：\"白潭镇 倡导\"", "Type the words to find, separated by spaces; \"a phrase\" in quotes"),
    SearchCount => ("{0} 篇", "{0} found"),
    SearchEmpty => ("没有找到", "Nothing found"),
    SearchUnsaved => ("未保存", "unsaved"),
    SearchGone => ("{0} 已不在简报库中（可能刚被删除或改了期号）。", "{0} is no longer in the library (deleted or renumbered meanwhile)."),

    // The office's workflow (issue 14): status and history, read-only
    // signed issues, masthead marks, section limits, numbering clashes,
    // statistics, git state, commits and sync
    CliStatus => ("改变一期的状态：草稿 → 待审 → 已签发 → 已印发，每次前进一步；退回草稿须用 --note 写明原因。签发和印发时提交到 git",
                  "Change an issue's status: draft → review → signed → distributed, one step at a time; back to draft needs --note with a reason. Signing and distributing commit to git"),
    CliStatusId => ("期号，如 2023-025", "Issue id, e.g. 2023-025"),
    CliStatusTo => ("新状态：draft（草稿）、review（待审）、signed（已签发）或 distributed（已印发）",
                    "New status: draft, review, signed or distributed"),
    CliStatusNote => ("说明，如退回修改的原因（退回草稿时必须写）", "A note, e.g. why the issue goes back to draft (required for that)"),
    CliShow => ("显示一期的概况：报头、标记、状态、栏目和字数、版记、git 状态", "Show an issue: masthead, marks, status, sections and 字数, closing block, git state"),
    CliShowHistory => ("同时列出状态变更记录：谁、何时、在哪台机器、说明", "Also list its changes of status: who, when, on which machine, the note"),
    CliStats => ("信息采用统计：各供稿单位（或栏目、月份）被采用的文章数（正文、简讯分列）、字数和所在各期",
                 "Contributor statistics: articles adopted per contributing unit (or section, or month), features and briefs apart, 字数 and the issues they appeared in"),
    CliStatsBy => ("按什么统计：source（供稿单位，默认）、section（栏目）或 month（月份）", "Rows by: source (contributing unit, the default), section or month"),
    CliStatsYear => ("只统计这一年的各期，如 2023", "Only the issues of this year, e.g. 2023"),
    CliStatsFrom => ("从这一天（含）起的各期，如 2023-10-01", "Issues from this date on, e.g. 2023-10-01"),
    CliStatsTo => ("到这一天（含）为止的各期，如 2023-12-31", "Issues up to this date, e.g. 2023-12-31"),
    CliStatsFormat => ("输出格式：table（表格，默认）、csv（带 BOM，Excel 可直接打开）或 json", "Output: table (the default), csv (with a BOM, for Excel) or json"),
    CliStatsSigned => ("只统计已签发、已印发的各期", "Count only signed and distributed issues"),
    CliSync => ("与 git 远程仓库同步：提交本机的修改，拉取（变基）并推送；两边都改过的一期两个版本都保留",
                "Sync the library with its git remote: commit local changes, pull with rebase, push; an issue changed on both sides keeps both versions"),
    BadChoice => ("不认识的取值：{0}（可用：{1}）", "Unknown value: {0} (one of: {1})"),
    BadRange => ("起始日期 {0} 晚于结束日期 {1}。", "The start date {0} is after the end date {1}."),
    StatusChanged => ("{0}：{1} → {2}", "{0}: {1} → {2}"),
    StatusSignerFilled => ("签发栏已填为 {0}。", "签发 (signer) filled in as {0}."),
    StatusSignerMissing => ("签发栏仍为空：在 config.ron 中设置 name: Some(\"你的名字\")，签发时会自动填写；也可在属性（F4）中填写。",
                            "签发 (signer) is still empty: set name: Some(\"Your Name\") in config.ron to have it filled when signing, or fill it in the properties (F4)."),
    StatusCommitted => ("已提交到 git（{0}）。", "Committed to git ({0})."),
    StatusNotCommitted => ("未提交到 git：{0}", "Not committed to git: {0}"),
    StatusNoteHint => ("用 --note \"原因\" 写明。", " Give it with --note \"reason\"."),
    MoveSame => ("{0} 已经是{1}。", "{0} is already {1}."),
    MoveNotAllowed => ("{0} 不能从{1}改为{2}：每次只能前进一步，或退回草稿。现在可以改为：{3}",
                       "{0} cannot go from {1} to {2}: one step forward at a time, or back to draft. Allowed now: {3}"),
    MoveNeedsNoteShort => ("（须写明原因）", " (with a reason)"),
    MoveNeedsNote => ("{0} 从{1}退回草稿须写明原因。", "Taking {0} from {1} back to draft needs a reason."),
    ReadOnlyIssue => ("{0} {1}，不能修改（{2}）。", "{0} is {1} and cannot be changed ({2})."),
    ReadOnlyIssueBare => ("{0} {1}，不能修改。", "{0} is {1} and cannot be changed."),
    ReadOnlySigner => ("签发：{0}", "signer: {0}"),
    ReadOnlySignedBy => ("{0} 于 {1} 签发", "signed by {0} on {1}"),
    ReadOnlyDistributedBy => ("{0} 于 {1} 印发", "distributed by {0} on {1}"),
    ReadOnlySeparator => ("；", "; "),
    MoveAllowedName => ("{0}（{1}）", "{0} ({1})"),
    ReopenHintCli => ("要修改，先退回草稿并写明原因：jianbao status {0} draft --note \"原因\"",
                      " To change it, send it back to draft with a reason: jianbao status {0} draft --note \"reason\""),
    CommitSigned => ("签发 {0}（{1}）", "Sign off {0} ({1})"),
    CommitDistributed => ("印发 {0}（{1}）", "Distribute {0} ({1})"),
    CommitReview => ("送审 {0}（{1}）", "Submit {0} for review ({1})"),
    CommitReopened => ("退回修改 {0}（{1}）", "Reopen {0} as a draft ({1})"),
    // ----- The office's workflow in the editor (issue 14): changes of
    // status, read-only signed issues, the list's filter, marks and history
    // in the properties.
    CmdChangeStatus => ("更改状态", "Change status"),
    CmdSubmitReview => ("提交审核", "Submit for review"),
    CmdSign => ("签发", "Sign off"),
    CmdDistribute => ("印发", "Distribute"),
    CmdReopen => ("退回修改", "Back to draft"),
    CmdFilterStatus => ("按状态筛选期刊", "Filter issues by status"),
    CmdSync => ("同步（git）", "Sync (git)"),
    FormStatusTitle => ("更改状态", "Change status"),
    FormIssueReadOnlyTitle => ("报头与版记（只读）", "Issue properties (read-only)"),
    FieldMoveTo => ("改为", "Move to"),
    FieldNote => ("说明", "Note"),
    MoveOptReview => ("提交审核 → 待审", "Submit for review → in review"),
    MoveOptSign => ("签发 → 已签发", "Sign off → signed"),
    MoveOptDistribute => ("印发 → 已印发", "Distribute → distributed"),
    MoveOptReopen => ("退回修改 → 草稿（须写明原因）", "Back to draft (give a reason)"),
    StatusNow => ("{0}（{1}）现为{2}。", "{0} ({1}) is {2} now."),
    StatusNoteRequired => ("退回修改须在“说明”中写明原因。", "Going back to draft needs a reason in Note."),
    MoveNotAllowedTui => ("{0} 现为{1}，不能{2}。现在可以：{3}", "{0} is {1}: it cannot be given “{2}”. Allowed now: {3}"),
    ReopenHintTui => ("要修改，先退回修改：按 {0}（更改状态），选“退回修改”并写明原因。",
                      "To change it, send it back to draft: press {0} (Change status), choose Back to draft and give a reason."),
    SignedRefused => ("只读：{0} {1}（签发：{2}）。要修改：{3} 退回修改并写明原因。",
                      "Read-only: {0} is {1} (signed by {2}). To change it: {3}, back to draft, with a reason."),
    SignedRefusedBare => ("只读：{0} {1}。要修改：{2} 退回修改并写明原因。",
                          "Read-only: {0} is {1}. To change it: {2}, back to draft, with a reason."),
    StatusBusy => ("{0} 正由 {1}@{2} 编辑，不能更改状态。", "{0} is being edited by {1}@{2}: its status cannot change now."),
    PaneIssuesFiltered => ("期刊：{0}", "Issues: {0}"),
    ListFilterEmpty => ("没有{0}的期刊。{1} 切换筛选。", "No {0} issues. {1} changes the filter."),
    ListNumberClash => ("！第{0}期重复", "! number {0} used twice"),
    NumberClash => ("第{0}期重复：{1} 也是这一期，未能载入（见 jianbao check）。",
                    "第{0}期 is used twice: {1} is the same issue and was not loaded (see jianbao check)."),
    FieldCopyNumber => ("份号", "Copy no."),
    FieldSecrecy => ("密级", "Secrecy"),
    FieldSecrecyPeriod => ("保密期限", "Secrecy period"),
    FieldUrgency => ("紧急程度", "Urgency"),
    FieldNotices => ("标注", "Notices"),
    MarkNone => ("无", "none"),
    SecrecySecret => ("秘密", "秘密 secret"),
    SecrecyConfidential => ("机密", "机密 confidential"),
    SecrecyTopSecret => ("绝密", "绝密 top secret"),
    UrgencyUrgent => ("加急", "加急 urgent"),
    UrgencyExtra => ("特急", "特急 extra urgent"),
    ShowMarks => ("标记：{0}", "Marks: {0}"),
    ShowStatus => ("状态：{0}", "Status: {0}"),
    ShowSection => ("【{0}】 {1}，{2}", "【{0}】 {1}, {2}"),
    ShowOverlong => ("超长：“{0}” {1}字，本栏目每篇不超过 {2} 字", "Too long: “{0}” has {1} chars; the section allows {2}"),
    ShowTotal => ("共 {0}，{1}", "In all {0}, {1}"),
    ShowClosing => ("版记：{0}", "Closing block: {0}"),
    ShowGit => ("git：{0}", "git: {0}"),
    ShowHistory => ("状态变更记录：", "Changes of status:"),
    ShowHistoryEmpty => ("（没有状态变更记录）", "(none recorded)"),
    ShowHistoryNote => ("说明：{0}", "note: {0}"),
    TotalClash => ("总第{0}期重复：{1}", "Running total 总第{0}期 is printed by more than one issue: {1}"),
    ListTotalClash => ("！总第{0}期重复", "! total {0} used twice"),
    CheckOverlong => ("{0}: {1}【{2}】“{3}” {4}字，超过本栏目每篇 {5} 字的上限。",
                      "{0}: {1} 【{2}】 “{3}” has {4} chars, over the section's limit of {5}."),
    StatsSource => ("供稿单位", "Unit"),
    StatsSection => ("栏目", "Section"),
    StatsMonth => ("月份", "Month"),
    StatsArticles => ("采用", "Adopted"),
    StatsFeatures => ("正文", "Features"),
    StatsBriefs => ("简讯", "Briefs"),
    StatsChars => ("字数", "Chars"),
    StatsIssueCount => ("期数", "Issues"),
    StatsIssueIds => ("所在各期", "In issues"),
    StatsNoSource => ("（未注明）", "(none given)"),
    StatsTotal => ("合计", "Total"),
    StatsAny => ("不限", "any"),
    StatsPeriod => ("统计范围：{0} 至 {1}，共 {2} 期。", "Period: {0} to {1}, {2} issues."),
    StatsUnsigned => ("其中 {0} 期尚未签发（草稿或待审），其文章可能还会改动。", "{0} of them are not signed yet (draft or in review): their articles may still change."),
    StatsEmpty => ("这段时间没有任何一期。", "No issues in this period."),
    StatsMerged => ("“{0}”合并了这些写法：{1}", "“{0}” counts these spellings as one: {1}"),
    GitNotInstalled => ("git 功能未启用：找不到 git 程序（安装 git 后即可使用，如 apt-get install git）。",
                        "git features are off: no git program found (install git, e.g. apt-get install git)."),
    GitNotAWorkTree => ("git 功能未启用：简报库不在 git 仓库中（在库目录里 git init，或 git clone 一个共享的库）。",
                        "git features are off: the library is not in a git repository (git init in its folder, or git clone a shared library)."),
    GitNotTracked => ("git 功能未启用：简报库在 git 仓库 {0} 之中，但该仓库没有跟踪它（git add library.ron issues 并提交后即启用）。",
                      "git features are off: the library is inside the git repository {0}, which does not track it (git add library.ron issues and commit to turn them on)."),
    GitFailed => ("git 出错：{0}", "git failed: {0}"),
    GitUnchanged => ("未改动", "unchanged"),
    GitModified => ("已修改", "modified"),
    GitNew => ("新建", "new"),
    GitConflict => ("冲突", "conflict"),
    GitBranch => ("git：分支 {0}，未推送 {1} 个提交，待拉取 {2} 个（按上次获取）", "git: branch {0}, {1} commits to push, {2} to pull (as of the last fetch)"),
    SyncNoRemote => ("没有可同步的远程仓库：先用 git remote add origin 地址 添加一个（服务器上或网络盘上的共享仓库）。",
                     "No remote to sync with: add one first with git remote add origin URL (a shared repository on a server or network drive)."),
    SyncDetached => ("git 当前不在任何分支上，无法同步：先 git checkout 一个分支。", "git is on no branch (detached HEAD): check out a branch first."),
    SyncBusy => ("git 正在合并或变基，未同步：先在仓库中完成（git rebase --continue）或放弃（git rebase --abort）。",
                 "git is in the middle of a merge or rebase; not synced: finish it (git rebase --continue) or abandon it (git rebase --abort) first."),
    SyncLocked => ("{0} 正在被 {1}@{2}（进程 {3}）编辑，而对方改动了它：未同步，什么也没有改。请先保存并关闭这一期，再同步。",
                   "{0} is being edited by {1}@{2} (process {3}) and the other side changed it: not synced, nothing changed. Save and close it, then sync again."),
    SyncUnmerged => ("{0} 在两边都被修改，git 无法自动合并：同步已撤回，什么也没有丢失。请用 git 手工解决（git pull --rebase）。",
                     "{0} changed on both sides and git cannot merge it: the sync was undone, nothing is lost. Resolve it with git (git pull --rebase)."),
    SyncGitFailed => ("同步失败（git {0}）：{1}", "Sync failed (git {0}): {1}"),
    SyncInTheWay => ("同步未进行，什么也没有改：简报库所在的 git 仓库里，{0} 有未提交的修改，而对方也改动了它。请先在仓库中提交或放弃这些修改，再同步。",
                     "Not synced, nothing changed: in the git repository holding the library, {0} has uncommitted changes and the other side changed it too. Commit or discard them in the repository first, then sync again."),
    SyncRaced => ("同步时对方一直在推送新的提交，试了 3 次仍未成功：请稍后再同步。", "The other side kept pushing while we synced (3 tries): sync again in a moment."),
    SyncUpToDate => ("已是最新：与 {0} 一致。", "Up to date with {0}."),
    SyncCommitted => ("已提交本机的修改：{0}", "Committed local changes: {0}"),
    SyncReceived => ("收到 {0} 期的修改：{1}", "Received changes to {0} issues: {1}"),
    SyncKeptBoth => ("{0} 在两边都被修改：{1}的版本保留为 {0}，{2}的版本另存为草稿 {3}。请比较两期，把需要的改动合并后删除多余的一期。",
                     "{0} was changed on both sides: {1}'s version stays {0}, {2}'s is kept as the draft {3}. Compare them, merge what you need, and delete the spare one."),
    SyncRestored => ("{0} 在一边被删除、在另一边被修改：修改后的版本已保留。", "{0} was deleted on one side and changed on the other: the changed version is kept."),
    SyncKeptFile => ("对方的一个文件无法读作一期，已另存为 {0}。", "A file of the other side could not be read as an issue; kept as {0}."),
    SyncFirstPush => ("已推送到 {0}（第一次同步，已设为上游）。", "Pushed to {0} (first sync; set as upstream)."),
    SyncPushed => ("已推送 {0} 个提交到 {1}。", "Pushed {0} commits to {1}."),
    SyncHere => ("本机", "this machine"),
    SyncThere => ("对方", "the other side"),
    SyncCopyNote => ("同步时发现 {0} 在两处都被修改：这是 {1} 的版本，另存为草稿；{0} 保留了另一个版本。",
                     "A sync found {0} changed in two places: this is the version of {1}, kept as a draft; {0} keeps the other."),
    SyncCopyReceived => ("{0} 是对方同步时另存的 {1} 的另一个版本（两处都改过 {1}）：请比较两期，合并后删除多余的一期。",
                         "{0} is the other version of {1}, kept by a sync on the other side ({1} was changed in two places): compare them, merge, and delete the spare one."),
    SyncCommitLocal => ("同步前提交本机的修改：{0}", "Local changes before sync: {0}"),
    SyncCommitKeptBoth => ("同步：{0} 两边都改过，另一个版本另存为 {1}", "Sync: {0} changed on both sides; the other version kept as {1}"),
    SyncCommitRestored => ("同步：保留一边删除、另一边修改的期", "Sync: keep issues deleted on one side and changed on the other"),
    ImportPreviewMarks => ("标记：{0}", "Marks: {0}"),

    // Sync of the inbox (issue 18): records changed in two offices, merged
    SyncInboxMerged => ("来稿 {0}（{1}）在两处都有改动：已合并为一份记录，{2} 项决定都保留。",
                        "Submission {0} ({1}) was changed in both places: merged into one record keeping all {2} decisions."),
    SyncInboxTwice => ("来稿 {0} 在两处共被采用了 {1} 次（{2}）：收件箱中已标出，请核对这几期里是否有重复的文章。",
                       "Submission {0} was adopted {1} times in the two places ({2}): flagged in the inbox; check those issues for a repeated article."),
    SyncInboxRenamed => ("来稿 {0}（{1}）与另一处收到的同名来稿不是同一份：本机这一份已改名为“{2}”，两份都保留。",
        "Submission {0} ({1}) is not the one of that name received at the other office: this office's copy is now \"{2}\"; both are kept."),
    SyncCommitInboxRenamed => ("来稿与另一处的同名来稿不同，本机的改名：{0}", "Submissions renamed, another of the same name came from the other office: {0}"),
    SyncInboxNumber => ("来稿 {0}（{1}）在两处各登记了一次：保留收文号 {0}，本机曾编为 {2}。",
                        "Submission {0} ({1}) was recorded in both places: it keeps the number {0}; here it was numbered {2}."),
    SyncInboxUnit => ("来稿 {0}：两处的供稿单位不同，保留“{1}”，另一处为“{2}”（可用 jianbao inbox unit 改正）。",
                      "Submission {0}: the two places named different units; kept “{1}”, the other said “{2}” (jianbao inbox unit corrects it)."),
    SyncCommitInbox => ("同步：合并两处都改过的来稿记录：{0}", "Sync: merge inbox records changed on both sides: {0}"),

    // The inbox (issue 18): submissions from units, adopted, returned or
    // declined; adoption statistics
    SubNew => ("新", "new"),
    SubAdopted => ("已采用", "adopted"),
    SubReturned => ("退回修改", "returned"),
    SubDeclined => ("不采用", "declined"),
    InboxNoFile => ("{0}：收文记录所指的文件不见了", "{0}: the file of this submission record is missing"),
    InboxFolder => ("{0}：收件箱里的文件夹不是来稿，未处理", "{0}: a folder in the inbox is not a submission; left as it is"),
    InboxUnrecorded => ("{0}：已处理文件夹里的这个文件没有收文记录，未处理", "{0}: this file in inbox/decided/ has no record; left as it is"),
    InboxSameNumber => ("{0}：收文号与 {1} 相同（两处同时登记），请用文件名指明", "{0}: same number as {1} (numbered in two places at once); name it by its file name"),
    InboxUnreadable => ("{0}：不能作为来稿读取：{1}", "{0}: cannot be read as a submission: {1}"),
    InboxGone => ("来稿 {0} 已被别人处理或移走，请刷新后再看", "Submission {0} was handled or moved by someone else meanwhile; look again"),
    InboxChanged => ("来稿 {0} 刚被别人改动（现在：{1}，{2}），未覆盖其决定", "Submission {0} was just changed by someone else (now: {1}, by {2}); their decision is kept"),
    InboxRecorded => ("{0} 刚被另一处登记过了", "{0} was just recorded by another jianbao"),
    InboxFinal => ("这篇来稿已{0}，不能再处理", "This submission is {0} already and takes no further decision"),
    InboxNeedsReason => ("不采用须写明原因（--reason）", "Declining needs a reason (--reason)"),
    InboxNeedsNote => ("退回修改须写明意见（--note）", "Returning for changes needs a note (--note)"),
    InboxNeedsIssue => ("采用须指明采用到哪一期（--into）", "Adopting needs the issue (--into)"),
    InboxToNew => ("来稿不能改回“新”", "A submission cannot go back to new"),
    InboxFlagInIssue => ("与 {0} 中已有的文章《{1}》{2}", "{2} an article of {0}, “{1}”"),
    InboxFlagSameAs => ("与来稿 {0} {1}", "{1} submission {0}"),
    InboxFlagTwice => ("被采用了不止一次：{0}", "adopted more than once: {0}"),
    InboxSubmitted => ("收文 {0}：{1}（{2}）", "Received {0}: {1} ({2})"),
    InboxSubmittedText => ("标题：{0}，{1}字，{2}篇", "Title: {0}, {1} chars, {2} article(s)"),
    InboxUnitUnknown => ("（单位不明）", "(unit unknown)"),
    InboxFromSource => ("，据来源行", ", from its source line"),
    InboxFromSignature => ("，据落款", ", from its signature"),
    InboxFromAuthor => ("，据 Word 作者", ", from the Word author"),
    InboxFromName => ("，据文件名", ", from the file name"),
    InboxEmpty => ("收件箱是空的。来稿可用 jianbao submit FILE 收入，或直接放进简报库的 inbox/ 文件夹。", "The inbox is empty. Add submissions with jianbao submit FILE, or drop files into the library's inbox/ folder."),
    InboxAdoptedLine => ("来稿 {0} 已采用到 {1}【{2}】：{3}", "Submission {0} adopted into {1} 【{2}】: {3}"),
    InboxReturnedLine => ("来稿 {0} 已退回修改：{1}", "Submission {0} returned for changes: {1}"),
    InboxDeclinedLine => ("来稿 {0} 不采用：{1}", "Submission {0} declined: {1}"),
    InboxUnitLine => ("来稿 {0} 的单位改为 {1}", "Submission {0}: unit set to {1}"),
    InboxShowFile => ("文件：{0}", "File: {0}"),
    InboxShowUnit => ("单位：{0}", "Unit: {0}"),
    InboxShowSubmitter => ("报送人：{0}", "Submitted by: {0}"),
    InboxShowNote => ("附言：{0}", "Note: {0}"),
    CliSubmit => ("把一个来稿文件（.docx、.txt、.pdf）收入简报库的收件箱，记下单位、报送人和时间", "Put a submitted file (.docx, .txt, .pdf) into the library's inbox, with its unit, submitter and time"),
    CliSubmitFile => ("来稿文件", "The submitted file"),
    CliSubmitUnit => ("供稿单位（不写则从正文的来源行、落款、Word 作者或文件名中找）", "The contributing unit (else found in a source line, signature, Word author or the file name)"),
    CliSubmitNote => ("附言", "A note"),
    CliInbox => ("收件箱：列出来稿（收文号、日期、单位、标题、字数、状态），或处理一篇：采用、退回修改、不采用", "The inbox: list submissions (number, date, unit, title, 字数, state), or decide one: adopt, return, decline"),
    CliInboxPending => ("只列出未处理的（新、退回修改）", "Only those not decided (new, returned)"),
    CliInboxShow => ("显示一篇来稿：记录、处理经过和将导入的正文", "Show a submission: its record, its decisions and its text as it would be imported"),
    CliInboxAdopt => ("采用一篇来稿：其文章加入指定的一期（已签发的期刊不能再加）", "Adopt a submission: its articles go into the issue (a signed issue takes none)"),
    CliInboxReturn => ("退回修改，须写明意见", "Return for changes, with a note"),
    CliInboxDecline => ("不采用，须写明原因", "Decline, with a reason"),
    CliInboxUnit => ("更正来稿的单位", "Correct a submission's unit"),
    CliInboxSub => ("来稿：收文号或文件名（开头几个字即可）", "The submission: its number or file name (its start will do)"),
    CliInboxInto => ("采用到哪一期，如 2023-025", "The issue to adopt into, e.g. 2023-025"),
    CliInboxSection => ("放入哪个栏目（不写则正文放第一个栏目，简讯放最后一个）", "The section (default: features the first, briefs the last)"),
    CliInboxBrief => ("作为简讯采用（默认作为正文）", "Adopt as a brief (default: a feature)"),
    CliInboxNote => ("退回修改的意见", "What to change"),
    CliInboxReason => ("不采用的原因", "Why it is declined"),
    CliInboxUnitName => ("单位名称", "The unit's name"),
    StatsSubmitted => ("报送", "Submitted"),
    StatsRate => ("采用率", "Rate"),
    BadQuarter => ("{0} 不是季度，应写作 2023Q4 或 2023-4", "{0} is not a quarter: write 2023Q4 or 2023-4"),
    CliStatsQuarter => ("只统计这一季度的各期和来稿，如 2023Q4", "Only the issues and submissions of this quarter, e.g. 2023Q4"),
    CmdInbox => ("收件箱", "Inbox"),
    CmdInboxAdopt => ("采用来稿", "Adopt the submission"),
    CmdInboxBrief => ("作为简讯采用", "Adopt as a brief"),
    CmdInboxReturn => ("退回修改", "Return for changes"),
    CmdInboxDecline => ("不采用", "Decline"),
    HelpInbox => ("收件箱", "Inbox"),
    InboxTitle => ("收件箱（{0}篇未处理）", "Inbox ({0} to decide)"),
    InboxHint => ("{0} 采用  {1} 简讯  {2} 退回  {3} 不采用  {4} 改单位  {5}{6} 选择  {7} 关闭", "{0} adopt  {1} brief  {2} return  {3} decline  {4} unit  {5}{6} choose  {7} close"),
    InboxAdoptTitle => ("采用到 {0}：选栏目", "Adopt into {0}: choose the section"),
    InboxAdoptHint => ("{0}{1} 选栏目  {2} 正文/简讯  {3} 采用  {4} 返回", "{0}{1} section  {2} feature/brief  {3} adopt  {4} back"),
    InboxAdoptAs => ("作为：{0}", "As: {0}"),
    InboxNoteTitle => ("退回修改的意见", "What should change"),
    InboxReasonTitle => ("不采用的原因", "Why it is declined"),
    InboxNoteHint => ("{0} 确定  {1} 返回", "{0} done  {1} back"),
    InboxNothing => ("没有选中来稿", "No submission selected"),
    InboxDecidedAlready => ("这篇来稿已处理完毕", "This submission is decided already"),
    InboxNeedsReasonTui => ("请写明不采用的原因", "Write why it is declined"),
    InboxNeedsNoteTui => ("请写明退回修改的意见", "Write what should change"),
    InboxNoIssue => ("先打开要采用到的那一期", "Open the issue to adopt into first"),
    InboxEmptyTui => ("收件箱是空的。用 jianbao submit FILE 收文，或把文件放进 inbox/ 文件夹", "The inbox is empty. Add files with jianbao submit FILE, or drop them into inbox/"),
    InboxNoPreview => ("（无正文）", "(no text)"),
    InboxNoSuch => ("收件箱里没有来稿 {0}（可用收文号或文件名，见 jianbao inbox）", "No submission {0} in the inbox (name it by number or file name; see jianbao inbox)"),
    InboxAmbiguous => ("{0} 指的来稿不止一篇：{1}；请写全", "{0} matches more than one submission: {1}; be more precise"),

    // Duplicates in the inbox and correcting a unit in the view (issue 18)
    InboxFlagSame => ("相同", "the same as"),
    InboxFlagNear => ("相近（{0}%）", "nearly ({0}%) the same as"),
    CmdInboxUnit => ("更正来稿单位", "Correct the unit"),
    InboxUnitTitle => ("单位", "Unit"),
    InboxNeedsUnitTui => ("请写出单位名称", "Type the unit's name"),
    InboxDuplicateWarn => ("注意：这篇来稿{0}", "Note: this submission is {0}"),

    // Sync on a thread (issue 14): the window keeps drawing while git runs
    SyncRunning => ("正在同步…", "Syncing…"),
    SyncWait => ("正在同步，请稍候：同步完成前不能修改或保存", "Syncing: nothing can be changed or saved until it is done"),
    SyncLost => ("同步中断了，结果不明：请用 jianbao sync 或 git status 查看", "The sync stopped without a result: see jianbao sync or git status"),

    // The statistics view (issues 14 and 18): the table of `jianbao stats`
    // full screen, its grouping, period and sort, saving it as CSV
    CmdStats => ("采用统计", "Statistics"),
    CmdStatsGroup => ("统计：换分组（单位、栏目、月份）", "Statistics: group by unit, section, month"),
    CmdStatsPeriod => ("统计：换时段（全部、年、季度）", "Statistics: period (all, a year, a quarter)"),
    CmdStatsSort => ("统计：按下一列排序", "Statistics: sort by the next column"),
    CmdStatsReverse => ("统计：倒过来排", "Statistics: reverse the order"),
    CmdStatsSave => ("统计：存为 CSV", "Statistics: save as CSV"),
    HelpStats => ("采用统计", "Statistics"),
    StatsViewTitle => ("采用统计 · 按{0} · {1}", "Statistics · by {0} · {1}"),
    StatsViewAll => ("全部各期", "all issues"),
    StatsViewYear => ("{0}年", "{0}"),
    StatsViewQuarter => ("{0}年第{1}季度", "{0} Q{1}"),
    StatsViewAllNoStep => ("正在统计全部各期：先选年或季度，再前后翻", "Counting all issues: choose a year or a quarter to step through"),
    StatsViewNumbers => ("第{0}期", "No. {0}"),
    StatsViewSupplements => ("增刊第{0}期", "Suppl. {0}"),
    StatsViewInYear => ("{0}年{1}", "{0}: {1}"),
    StatsViewYearSeparator => ("；", "; "),
    StatsViewNumberSeparator => ("、", ", "),
    StatsViewNoPath => ("请写出 CSV 文件存到哪里", "Type where to save the CSV"),
    StatsViewSaved => ("统计表已存为 {0}", "Statistics saved to {0}"),
    StatsViewPathPrompt => ("存为 CSV：", "Save CSV as: "),
    StatsViewPathHint => ("{0} 保存 {1} 返回", "{0} save {1} back"),
    StatsViewOverwrite => ("{0} 已存在，覆盖吗？", "{0} exists: replace it?"),
    StatsViewOverwriteHint => ("{0} 覆盖  {1} 另起名字", "{0} replace  {1} another name"),
    StatsViewHint => ("{0} 分组 {1} 时段 {2}{3} 前后翻 {4} 排序 {5} 倒序 {6} 存CSV {7} 关闭", "{0} group {1} period {2}{3} step {4} sort {5} reverse {6} CSV {7} close"),
    StatsViewUnread => ("{0} 期读不出，未计入：{1}", "{0} issues could not be read and are not counted: {1}"),
    StatsViewSortedBy => ("按“{0}”{1}", "by {0}, {1}"),
    StatsViewNoArticles => ("这段时间的各期还没有文章。", "The issues of this period have no articles yet."),
    StatsViewAscending => ("升序", "ascending"),
    StatsViewDescending => ("降序", "descending"),

    // Store problems
    StoreIo => ("{0}：{1}", "{0}: {1}"),
    StoreParse => ("{0}:{1}:{2}：{3}", "{0}:{1}:{2}: {3}"),
    StoreNewerSchema => ("{0}：文件格式版本 {1} 比本程序支持的 {2} 新，请升级 jianbao；文件未改动。",
                         "{0}: schema version {1} is newer than this program's {2}; upgrade jianbao. The file was left unchanged."),
    StoreNotUtf8 => ("{0}:{1}：不是 UTF-8 编码的文本（第 {2} 字节起，从 0 数）；文件未改动",
                     "{0}:{1}: not UTF-8 text (from byte {2}, counting from 0); the file was left unchanged"),
    StoreDirectory => ("{0}：这是一个文件夹，不是期刊文件；已跳过", "{0}: a folder, not an issue file; skipped"),
    StoreNameMismatch => ("{0}：文件名与内容不符，内容是 {1}；按 {1} 列出，保存时仍写回这个文件，不改名。要改名请在属性（F4）里确认期号后保存，或手工改名。",
                          "{0}: the file name does not match its content, which is {1}; listed as {1}, and saving writes back to this file without renaming it. To rename, confirm the number in the properties (F4) and save, or rename it by hand."),
    StoreDuplicate => ("{0}：与 {1} 是同一期", "{0}: the same issue as {1}"),

    // Export
    FormatDocx => ("Word 文档", "Word document"),
    FormatHtml => ("网页", "web page"),
    FormatMarkdown => ("Markdown", "Markdown"),
    FormatText => ("纯文本", "plain text"),
    ExportExists => ("{0} 已经存在，未覆盖。", "{0} already exists; not overwritten."),
    ExportNotAFile => ("{0} 不是普通文件（是设备、管道或套接字），不能写成导出文件。要输出到屏幕或管道，请用 -o -。",
                       "{0} is not a regular file (a device, pipe or socket) and is not replaced by an export. To write to standard output or a pipe, use -o -."),
    ExportIo => ("无法写入 {0}：{1}", "Cannot write {0}: {1}"),
    ExportBadMargins => ("导出设置有误：页边距太大，A4 纸上放不下版心。请改正 library.ron 中的 export 部分。",
                         "Export settings: the margins leave no room on an A4 page. Fix the export section of library.ron."),
    ExportBadGrid => ("导出设置有误：每页行数和每行字数应在 1 到 60 之间。请改正 library.ron 中的 export 部分。",
                      "Export settings: lines per page and characters per line must be 1 to 60. Fix the export section of library.ron."),
    ExportBadWrap => ("导出设置有误：纯文本的每行宽度（text_wrap）应在 {0} 到 {1} 列之间（一个汉字占两列）。请改正 library.ron 中的 export 部分。",
                      "Export settings: the plain-text width (text_wrap) must be {0} to {1} columns (a Chinese character takes two). Fix the export section of library.ron."),
    ExportDocxFailed => ("生成 Word 文件失败：{0}", "Could not build the Word file: {0}"),

    // PDF export: fonts found, substituted or missing; the paged print preview
    FormatPdf => ("PDF", "PDF"),
    PdfFailed => ("生成 PDF 失败：{0}", "Could not build the PDF: {0}"),
    PdfFontFile => ("无法读取字体文件 {0}：{1}。请改正 library.ron 中 export 部分的 font_files。",
                    "Cannot read the font file {0}: {1}. Fix font_files in the export section of library.ron."),
    PdfNotAFont => ("{0} 不是字体文件。请改正 library.ron 中 export 部分的 font_files。",
                    "{0} is not a font file. Fix font_files in the export section of library.ron."),
    PdfNoChineseFont => ("找不到中文字体，无法生成 PDF。查找了：{0}。请安装一种中文字体（Debian/Ubuntu：sudo apt-get install fonts-noto-cjk），或在 library.ron 的 export 部分用 font_files 指明字体文件，如 font_files: [\"fonts/simfang.ttf\"]。",
                         "No Chinese font found, so no PDF. Looked for: {0}. Install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk), or name font files in the export section of library.ron, e.g. font_files: [\"fonts/simfang.ttf\"]."),
    PdfMissingGlyph => ("已安装的字体都没有“{0}”（{1}），见“{2}”。请换用别的字，或安装有这个字的字体。",
                        "No installed font has “{0}” ({1}), in “{2}”. Use another character, or install a font that has it."),
    PdfFontsSubstituted => ("所设字体未安装，用了相近的字体：{0}。", "Fonts not installed, the nearest used instead: {0}."),
    PdfFontsRestricted => ("授权不允许嵌入而未用的字体：{0}。", "Not used, as their licence forbids embedding: {0}."),
    PdfFontsFallback => ("个别字符用了：{0}。", "Some characters set in: {0}."),
    PdfFontChineseLetters => ("中文字体自带的西文字母", "the Chinese fonts' own letters"),
    PreviewPage => ("第 {0} 页，共 {1} 页", "page {0} of {1}"),
    PreviewNarrow => ("窗口比版心窄，未分页", "window narrower than the page: not paged"),
    StoreUnreadable => ("{0}：没有读取权限，文件未改动", "{0}: permission denied; the file was left unchanged"),
    NoLibrary => ("{0}：这里还没有简报库，未作任何改动。不带参数运行 jianbao，或 jianbao new、jianbao import，会在这里新建一个（带一期样刊）；或用 --library 指定已有的简报库。",
                  "{0}: there is no library here yet; nothing was changed. Run jianbao without arguments, or jianbao new or jianbao import, to create one here (with a sample issue), or name an existing one with --library."),
    NotALibrary => ("{0} 不是简报库（没有 library.ron 或 issues/），也不是空目录；未作任何改动。",
                    "{0} is not a jianbao library (no library.ron or issues/) and not empty; nothing was changed."),

    // Storage errors (the path comes first)
    IoDiskFull => ("{0}：磁盘已满", "{0}: the disk is full"),
    IoPermissionDenied => ("{0}：没有写入权限（文件或目录只读）",
                           "{0}: permission denied (the file or folder is read-only)"),
    IoReadOnly => ("{0}：所在文件系统只读", "{0}: the file system is read-only"),
    IoNotFound => ("{0}：文件或目录不存在", "{0}: no such file or folder"),
    ChangedOnDisk => ("{0} 在您打开之后已被修改（{1}），未覆盖。可保留您的版本覆盖，或载入磁盘上的版本。",
                      "{0} was changed on disk after you opened it ({1}); not overwritten. Keep your version (overwrite) or load the version on disk."),
    DeletedOnDisk => ("{0} 在您打开之后已被删除（{1}），未保存。可保存您的版本重新建立该文件。",
                      "{0} was deleted on disk after you opened it ({1}); not saved. Save your version to create the file again."),
    ReadOnlyFile => ("{0} 的文件是只读的（{1}），未保存。文件可能是有意设为只读的；确实要改写它，请确认。",
                     "The file of {0} is read-only ({1}); not saved. It may have been made read-only on purpose; confirm to write it anyway."),
    Locked => ("{0} 正由 {1}@{2}（进程 {3}）自 {4} 起编辑，现以只读方式打开。",
               "{0} is being edited by {1}@{2} (process {3}) since {4}; opened read-only."),
    LockTakenOver => ("{0} 上次由 {1}@{2}（进程 {3}）编辑时未正常退出，已接管其锁。",
                      "{0} was left locked by {1}@{2} (process {3}), which did not exit normally; its lock was taken over."),
    SaveFailed => ("保存失败：{0}。编辑中的内容未丢失，磁盘上的原文件未改动。",
                   "Not saved: {0}. Your text is still here and the file on disk is unchanged."),
    RecoveryWriteFailed => ("自动备份失败：{0}。请尽快保存或腾出磁盘空间。",
                            "Automatic backup failed: {0}. Save soon or free disk space."),
    RecoveryFound => ("{0} 有未保存的修改（{1}，{2}@{3}），{4}篇 {5}字。",
                      "{0} has unsaved changes ({1}, {2}@{3}): {4} articles, {5} chars."),
    RecoverySavedChanged => ("此后已有人保存过这一期的另一个版本。",
                             "Another version of this issue has been saved since."),
    RecoverySetAside => ("恢复文件无法读取：{0}。它可能存有未保存的文字，已改名为 {1} 保留，不会被覆盖；可用文本编辑器打开查看。",
                         "A recovery file cannot be read: {0}. It may hold unsaved text; it was renamed to {1} and will not be written over. Open it in a text editor to see it."),
    CheckRecoveryUnreadable => ("{0}（无法读取的恢复文件，可能存有未保存的文字；用文本编辑器查看，不需要时删除）",
                                "{0} (an unreadable recovery file that may hold unsaved text: look at it in a text editor, delete it when not needed)"),
    RecoverySavedMissing => ("这一期已不在简报库中。", "This issue is no longer in the library."),

    // Never lose a word: recovery, locks, conflicts, signals, encodings
    RecoveryTitle => ("恢复未保存的文字", "Recover unsaved text"),
    RecoveryRestoreLine => ("恢复：打开这一期并载入这些文字，检查后按 {0} 保存。",
                            "Restore: open the issue with this text; check it, then {0} saves it."),
    RecoveryKeepLine => ("都保留：把这些文字另存为一期草稿，原来的一期不动。",
                         "Keep both: save this text as a separate draft issue; the saved issue stays as it is."),
    RecoveryKeepMissingLine => ("都保留：把这些文字存回简报库（原期号已被占用时另存为草稿）。",
                                "Keep both: put this text back in the library (as a draft with the next number if its own is taken)."),
    RecoveryDiscardLine => ("放弃：删除这些文字。", "Discard: delete this text."),
    RecoveryLaterLine => ("以后再说：先不处理，打开这一期或下次启动时再问。",
                          "Later: leave it; you are asked again when you open the issue or start again."),
    RecoveryNoRestoreDirty => ("（当前一期有未保存的修改，先保存后才能在此恢复；也可以以后打开这一期时再恢复。）",
                               "(The open issue has unsaved changes: save it to restore here, or restore when you open this issue later.)"),
    ChoiceRestore => ("恢复", "Restore"),
    ChoiceKeepBoth => ("都保留", "Keep both"),
    ChoiceDiscardRecovery => ("放弃", "Discard"),
    ChoiceLater => ("以后再说", "Later"),
    RecoveryRestored => ("已恢复 {0} 的未保存文字：{1}篇 {2}字。检查无误后按 Ctrl+S 保存。",
                         "Restored the unsaved text of {0}: {1} articles, {2} chars. Check it, then Ctrl+S saves it."),
    RecoveryKept => ("恢复的文字已另存为 {0}（草稿）；{1} 未改动。", "The recovered text is saved as {0} (draft); {1} is unchanged."),
    RecoveryKeptMissing => ("恢复的文字已存回简报库：{0}。", "The recovered text is back in the library as {0}."),
    RecoveryDiscarded => ("已放弃 {0} 的恢复文字。", "Discarded the recovered text of {0}."),
    RecoveryLater => ("{0} 的恢复文字仍然保留；打开这一期时会再次询问。", "The recovered text of {0} is kept; you will be asked again when you open the issue."),
    RecoveryFailed => ("无法读取恢复文件：{0}", "Cannot read the recovery file: {0}"),
    RecoveryListFailed => ("无法查看恢复文件：{0}", "Cannot look for recovery files: {0}"),
    BackupFailedMark => ("自动备份失败", "backup failed"),
    ReadOnlyMark => ("只读", "read-only"),
    ReadOnlyOpened => ("只读：{0} 正由 {1}@{2}（进程 {3}）自 {4} 起编辑。",
                       "Read-only: {0} is being edited by {1}@{2} (process {3}) since {4}."),
    ReadOnlyRefused => ("只读：{0} 正由 {1}@{2} 编辑，不能修改。可以查看、查找、复制和导出。",
                        "Read-only: {0} is being edited by {1}@{2}. You can read, find, copy and export."),
    ReadOnlyNoSave => ("只读，不能保存：{0} 正由 {1}@{2}（进程 {3}）编辑。",
                       "Read-only, not saved: {0} is being edited by {1}@{2} (process {3})."),
    DeleteLocked => ("不能删除：{0}", "Cannot delete: {0}"),
    LockFailed => ("{0} 无法加锁（{1}）。可以编辑，但不能防止别人同时修改，保存也可能失败。",
                   "{0} could not be locked ({1}). You can edit, but others are not kept out and saving may fail."),
    ConflictTitle => ("文件已被修改", "File changed on disk"),
    ConflictDeletedTitle => ("文件已被删除", "File deleted on disk"),
    ConflictExplain => ("覆盖：保存您的版本，磁盘上的修改将丢失。\n载入：改用磁盘上的版本，您未保存的修改将丢失。\n取消：暂不保存，文字仍在编辑器中。",
                        "Overwrite: save your version; the changes on disk are lost.\nLoad: take the version on disk; your unsaved changes are lost.\nCancel: do not save now; your text stays in the editor."),
    ChoiceLoadDisk => ("载入磁盘上的版本", "Load from disk"),
    ChoiceWriteAnyway => ("仍然写入", "Write anyway"),
    ReadOnlyFileTitle => ("文件是只读的", "Read-only file"),
    ReadOnlyFileExplain => ("仍然写入：保存您的版本，文件保持只读。\n取消：暂不保存，文字仍在编辑器中，自动备份照常。",
                            "Write anyway: save your version; the file stays read-only.\nCancel: do not save now; your text stays in the editor and in the automatic backup."),
    Reloaded => ("已载入磁盘上的 {0}。", "Loaded {0} from disk."),
    CtrlCHint => ("Ctrl+C 不会退出：退出请按 {0}（在正文中 {1} 是复制）。",
                  "Ctrl+C does not quit: press {0} to quit (in the text {1} copies)."),
    PasteNotUtf8 => ("粘贴的内容里有无法识别的字符（�），可能终端的字符编码不是 UTF-8；未粘贴。",
                     "The pasted text holds unreadable characters (�): the terminal is probably not UTF-8. Nothing was pasted."),
    InputNotUtf8 => ("未录入：终端的字符编码不是 UTF-8 (input ignored: terminal is not UTF-8)",
                     "Input ignored: the terminal is not UTF-8"),
    EncodingTitle => ("终端字符编码不是 UTF-8 / Terminal is not UTF-8", "Terminal is not UTF-8"),
    EncodingLocale => ("系统语言设置 {0} 不是 UTF-8。如果 SSH 客户端也是这种编码，中文会显示成乱码，输入的中文也无法录入。",
                       "The locale setting {0} is not UTF-8. If your SSH client uses that encoding too, Chinese shows as garbage and cannot be typed."),
    EncodingTerminal => ("终端没有按 UTF-8 显示文字（测试用的两个汉字占了 {0} 列，应为 4 列）。中文会显示成乱码；为免录入乱码，现在不接受输入的中文。",
                         "The terminal does not display UTF-8 (two test characters took {0} columns instead of 4). Chinese shows as garbage; to keep garbage out of the text, typed Chinese is not accepted."),
    EncodingHow => ("请把 SSH 客户端的字符编码设为 UTF-8 后重新连接：Xshell 在“文件→属性→终端→编码”，SecureCRT 在“选项→会话选项→外观→字符编码”，PuTTY 在“Window→Translation→Remote character set”。服务器上可设置 LANG=zh_CN.UTF-8。",
                    "Set your SSH client's character encoding to UTF-8 and reconnect: Xshell: File > Properties > Terminal > Encoding; SecureCRT: Options > Session Options > Appearance > Character encoding; PuTTY: Window > Translation > Remote character set. On the server, set LANG=zh_CN.UTF-8."),
    EncodingAscii => ("Terminal is not UTF-8: set the SSH client's character encoding to UTF-8 (Xshell: File > Properties > Terminal > Encoding; SecureCRT: Options > Session Options > Appearance; PuTTY: Window > Translation) and reconnect.",
                      "Terminal is not UTF-8: set the SSH client's character encoding to UTF-8 (Xshell: File > Properties > Terminal > Encoding; SecureCRT: Options > Session Options > Appearance; PuTTY: Window > Translation) and reconnect."),
    AnyKey => ("按任意键继续 (press any key)", "Press any key"),
    ExitSignal => ("jianbao 收到 {0} 信号，已退出。", "jianbao received signal {0} and exited."),
    ExitHangUp => ("终端已断开，jianbao 已退出。", "The terminal went away; jianbao exited."),
    ExitRecovery => ("未保存的文字已存入恢复文件 {0}，下次打开时可以恢复。", "The unsaved text is in the recovery file {0}; it is offered back next time."),
    ExitRecoveryFailed => ("未能写入恢复文件：{0}", "Could not write the recovery file: {0}"),
    ExitCrash => ("jianbao 遇到内部错误，已恢复终端并退出：{0}", "jianbao hit an internal error, restored the terminal and exited: {0}"),
    ExitLog => ("详情见日志：{0}", "Details are in the log: {0}"),
    ExitNoLog => ("（没有日志文件：简报库的 .state 目录不可写）", "(No log file: the library's .state folder is not writable.)"),

    // jianbao check: informational lines
    CheckRecovery => ("恢复文件：{0} 有未保存的修改（{1}，{2}@{3}），打开这一期时可恢复。",
                      "Recovery file: {0} has unsaved changes ({1}, {2}@{3}); offered when the issue is opened."),
    CheckStaleTemp => ("临时文件：{0} 是一次被中断的保存留下的（写它的进程已结束），原文件完好；下次启动编辑器时自动删除。",
                       "Temporary file: {0} was left by an interrupted save (its process has ended); the real file is intact. It is removed when the editor next starts."),
    CheckLockHeld => ("正在编辑：{0}，{1}@{2}（进程 {3}）自 {4} 起。",
                      "Being edited: {0} by {1}@{2} (process {3}) since {4}."),
    CheckLockStale => ("过期的锁：{0}，{1}@{2}（进程 {3}）自 {4} 起，该进程已结束；下次打开时自动接管。",
                       "Stale lock: {0} by {1}@{2} (process {3}) since {4}, which has ended; taken over on next open."),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut v: Vec<String> = s
            .match_indices('{')
            .filter_map(|(i, _)| {
                let rest = &s[i + 1..];
                let end = rest.find('}')?;
                rest[..end].parse::<usize>().ok().map(|n| n.to_string())
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for m in Msg::ALL {
            let (zh, en) = m.texts();
            assert_eq!(placeholders(zh), placeholders(en), "{m:?}");
            assert!(!zh.is_empty() && !en.is_empty(), "{m:?}");
        }
    }

    #[test]
    fn a_sentence_inside_a_sentence_ends_once() {
        let inner = Lang::Zh.fmt(Msg::IssueExists, &[&"2023-026"]);
        let outer = Lang::Zh.fmt(Msg::SaveFailed, &[&inner]);
        assert!(
            outer.starts_with("保存失败：2023-026 已经存在，未覆盖。编辑中"),
            "{outer}"
        );
        assert!(!outer.contains("。。"), "{outer}");
        let inner = Lang::En.fmt(Msg::IssueExists, &[&"2023-026"]);
        let outer = Lang::En.fmt(Msg::SaveFailed, &[&inner]);
        assert!(
            outer.starts_with("Not saved: 2023-026 already exists; not overwritten. Your"),
            "{outer}"
        );
    }

    #[test]
    fn fill_replaces_numbered_placeholders_and_keeps_others() {
        assert_eq!(
            fill("第{0}期（总第{1}期）", &[&12, &345]),
            "第12期（总第345期）"
        );
        assert_eq!(fill("{x} {0} {", &[&"a"]), "{x} a {");
        assert_eq!(fill("{5}", &[&1]), "{5}");
    }

    #[test]
    fn locale_and_flag_choose_the_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn issue_numbers_read_naturally() {
        assert_eq!(
            Lang::Zh.issue_number(12, Some(345), false),
            "第12期（总第345期）"
        );
        assert_eq!(Lang::Zh.issue_number(1, None, true), "增刊第1期");
        assert_eq!(
            Lang::En.issue_number(12, Some(345), false),
            "No. 12 (total 345)"
        );
    }
}
