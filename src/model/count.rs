/// 字数 as Chinese offices count it: every character that is not white space
/// (punctuation included, as Word's "字数" does).
pub fn char_count(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}
