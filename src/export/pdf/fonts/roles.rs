//! The roles type plays on the page, the face each wants, and the families
//! that stand in for it by design (仿宋, 宋, 黑, 楷, Latin).

use crate::model::PrintSettings;

/// What a face sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The bulletin's name in the masthead.
    Name,
    /// Article titles.
    Title,
    /// 本期要目 and 【栏目】 headings.
    Heading,
    /// Body text, the number line and the closing block.
    Body,
    /// Source lines （…）.
    Source,
    /// — N —.
    PageNumber,
    /// Digits and Latin letters everywhere.
    Latin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Name,
        Role::Title,
        Role::Heading,
        Role::Body,
        Role::Source,
        Role::PageNumber,
        Role::Latin,
    ];

    /// The face the settings ask for.
    pub fn wanted(self, s: &PrintSettings) -> &str {
        match self {
            Role::Name => &s.name_font,
            Role::Title => &s.title_font,
            Role::Heading => &s.heading_font,
            Role::Body => &s.body_font,
            Role::Source => &s.source_font,
            Role::PageNumber => &s.page_number_font,
            Role::Latin => &s.latin_font,
        }
    }

    /// The kind of design a role needs when its face's name says nothing.
    pub(super) fn design(self) -> Design {
        match self {
            Role::Name | Role::Title => Design::HeavySong,
            Role::Heading => Design::Hei,
            Role::Body => Design::Fangsong,
            Role::Source => Design::Kai,
            Role::PageNumber => Design::Song,
            Role::Latin => Design::Latin,
        }
    }
}

/// Families of Chinese type, with the faces that carry each: first the
/// same design under its other names (Windows, macOS, Founder), then free
/// faces of that kind (Debian packages fonts-noto-cjk, fonts-arphic-*,
/// fonts-wqy-*, texlive's Fandol, LXGW), then the nearest other design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Design {
    Fangsong,
    Song,
    /// 小标宋 / 中宋: heavy Song for titles.
    HeavySong,
    Hei,
    Kai,
    Latin,
}

const FANGSONG: &[&str] = &[
    "仿宋_GB2312",
    "FangSong_GB2312",
    "仿宋",
    "FangSong",
    "华文仿宋",
    "STFangsong",
    "方正仿宋_GBK",
    "方正仿宋简体",
    "FandolFang",
    "朱雀仿宋（预览测试版）",
    "Zhuque Fangsong (technical preview)",
];
const SONG: &[&str] = &[
    "宋体",
    "SimSun",
    "新宋体",
    "NSimSun",
    "华文宋体",
    "STSong",
    "方正书宋_GBK",
];
const FREE_SONG: &[&str] = &[
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "思源宋体",
    "Noto Serif SC",
    "FandolSong",
    "AR PL UMing CN",
    "AR PL SungtiL GB",
];
const HEAVY_SONG: &[&str] = &[
    "方正小标宋简体",
    "方正小标宋_GBK",
    "FZXiaoBiaoSong-B05S",
    "华文中宋",
    "STZhongsong",
];
const HEI: &[&str] = &[
    "黑体",
    "SimHei",
    "方正黑体_GBK",
    "方正黑体简体",
    "华文黑体",
    "STHeiti",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "Noto Sans SC",
    "FandolHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];
const KAI: &[&str] = &[
    "楷体_GB2312",
    "KaiTi_GB2312",
    "楷体",
    "KaiTi",
    "华文楷体",
    "STKaiti",
    "方正楷体_GBK",
    "方正楷体简体",
    "FandolKai",
    "AR PL UKai CN",
    "AR PL KaitiM GB",
    "LXGW WenKai",
    "霞鹜文楷",
];
const LATIN: &[&str] = &[
    "Times New Roman",
    // Metrically compatible with Times New Roman.
    "Liberation Serif",
    "Tinos",
    "TeX Gyre Termes",
    "Nimbus Roman",
    "Nimbus Roman No9 L",
    "FreeSerif",
    "DejaVu Serif",
];

impl Design {
    /// From a face's name: 仿宋 → Fangsong, 楷 → Kai, and so on.
    pub(super) fn of(name: &str, fallback: Design) -> Design {
        let n = normalize(name);
        let has = |keys: &[&str]| keys.iter().any(|k| n.contains(k));
        if has(&["仿宋", "fangsong"]) {
            Design::Fangsong
        } else if has(&["楷", "kai"]) {
            Design::Kai
        } else if has(&["标宋", "中宋", "biaosong", "zhongsong"]) {
            Design::HeavySong
        } else if has(&["黑", "hei", "sans"]) {
            Design::Hei
        } else if has(&["宋", "song", "ming", "明"]) {
            Design::Song
        } else {
            fallback
        }
    }

    /// Families to try, best first, and the weight wanted of each: the free
    /// stand-ins for a heavy Song are their bold faces.
    pub(super) fn candidates(self) -> Vec<(&'static str, u16)> {
        let weight = |names: &'static [&'static str], w: u16| names.iter().map(move |n| (*n, w));
        let song = || weight(SONG, 400).chain(weight(FREE_SONG, 400));
        match self {
            Design::Fangsong => weight(FANGSONG, 400).chain(song()).collect(),
            Design::Kai => weight(KAI, 400)
                .chain(weight(FANGSONG, 400))
                .chain(song())
                .collect(),
            Design::Song => song().chain(weight(HEI, 400)).collect(),
            Design::HeavySong => weight(HEAVY_SONG, 400)
                .chain(weight(FREE_SONG, 700))
                .chain(song())
                .collect(),
            Design::Hei => weight(HEI, 400).chain(song()).collect(),
            Design::Latin => weight(LATIN, 400).collect(),
        }
    }
}

/// A family name for comparison: lower case, without spaces, `_` or `-`.
pub(super) fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}
