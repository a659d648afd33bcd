//! The characters tidying looks at: Chinese characters, wide and shared
//! punctuation, invisible and odd spaces, half-width forms, and the Kangxi
//! radicals that PDFs put for look-alike characters.

/// Chinese characters (and kana, which behave the same for spacing).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Punctuation that is unmistakably Chinese (full-width forms and the CJK
/// symbols block, the ideographic space included).
pub fn is_wide_punct(c: char) -> bool {
    match c {
        '\u{3007}' => false,
        '\u{3000}'..='\u{303F}' => true,
        '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE4F}' => true,
        '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{FFE0}'..='\u{FFE6}' => true,
        _ => false,
    }
}

/// Punctuation Chinese shares with other scripts: curly quotes, ellipsis,
/// dashes, the middle dot.
pub fn is_shared_punct(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2026}'
            | '\u{2014}'
            | '\u{00B7}'
            | '\u{2E3A}'
    )
}

/// Zero-width and other invisible characters that PDF and web copies leave.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{180E}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Spaces that are not plain spaces: no-break, figure, thin and the like.
pub(super) fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

pub(super) fn is_emoji_like(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{FE0F}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Full-width digits and Latin letters as their ASCII forms.
pub(super) fn half_width(c: char) -> Option<char> {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0)
        }
        _ => None,
    }
}

/// The Kangxi Radicals block U+2F00–U+2FD5 in order: PDF fonts often map
/// a character's glyph to its radical look-alike (⽂ for 文). Three entries
/// give the form Simplified Chinese uses (户 青 黄) where the radical's
/// canonical character is a variant (戶 靑 黃).
pub(super) const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口\
囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳\
心戈户手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿\
片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸\
缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷\
豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨青非面革韋韭音\
頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黄黍黑黹黽鼎鼓鼠鼻齊\
齒龍龜龠";

/// CJK Radicals Supplement forms that are glyph-identical to a character
/// of their own (components such as ⻈ 讠 are not: they never stand alone).
pub(super) const SUPPLEMENT: &[(char, char)] = &[
    ('\u{2E8E}', '兀'),
    ('\u{2E9D}', '月'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ED1}', '長'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EE1}', '首'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '斉'),
    ('\u{2EEC}', '齐'),
    ('\u{2EED}', '歯'),
    ('\u{2EEE}', '齿'),
    ('\u{2EEF}', '竜'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF1}', '龜'),
    ('\u{2EF2}', '亀'),
    ('\u{2EF3}', '龟'),
];

/// The real character for a radical look-alike.
pub fn radical_to_char(c: char) -> Option<char> {
    match c {
        '\u{2F00}'..='\u{2FD5}' => KANGXI.chars().nth(c as usize - 0x2F00),
        '\u{2E80}'..='\u{2EF3}' => SUPPLEMENT
            .binary_search_by_key(&c, |(r, _)| *r)
            .ok()
            .map(|i| SUPPLEMENT[i].1),
        _ => None,
    }
}
