//! Where the masthead and the closing block are among a file's lines, and
//! what they say.

use super::lines::SrcLine;
use super::masthead::{self, ClosingLine, Masthead, closing_line, masthead_line};
use super::structure::heading;

/// Reads the masthead at the top: its values, its lines and where it ends.
///
/// Besides lines that carry a number, a date or a labelled unit, a
/// masthead may hold lines that only name an organisation: the university
/// above or below the bulletin's name (现代高教信息 / 中国地质大学(武汉)),
/// or the first of two joint issuers printed one above the other. The
/// organisation goes before the issuing unit (中国地质大学(武汉)高等教育研究所);
/// joint issuers are kept together, separated by a space.
pub(super) fn read_masthead(lines: &[SrcLine]) -> (Masthead, Vec<String>, usize) {
    let mut m = Masthead::default();
    let mut raw = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // Lines that only name a unit or organisation, and the issuing unit's
    // line: by index.
    let mut units: Vec<(usize, String)> = Vec::new();
    let mut issuer: Option<(usize, String)> = None;
    let mut i = 0;
    // Lines of marks (内部资料, 秘密★1年) above the name: the name is still
    // the first line of the masthead proper.
    let mut marks_above = 0;
    while i < lines.len().min(12) {
        let text = &lines[i].text;
        let line = match masthead_line(text, i == marks_above) {
            Some(l) => l,
            // A unit named on a line of its own: above the masthead lines
            // it belongs to, or right under the number and date.
            None if bare_unit(text)
                && (masthead_follows(lines, i + 1)
                    || (issuer.is_none() && (m.date.is_some() || m.number.is_some()))) =>
            {
                units.push((i, text.trim().to_string()));
                raw.push(text.clone());
                i += 1;
                continue;
            }
            None => break,
        };
        // A name alone is a masthead only if an issue number follows (or a
        // date, when it is named like a bulletin): a title and its date are
        // an article.
        let bare_name = line.name.is_some()
            && line.number.is_none()
            && line.date.is_none()
            && line.total.is_none();
        let named_like_bulletin = line.name.as_deref().is_some_and(masthead::is_bulletin_name);
        let confirmed = lines[i + 1..]
            .iter()
            .take(3)
            .filter_map(|l| masthead_line(&l.text, false))
            .any(|n| {
                n.number.is_some()
                    || n.total.is_some()
                    || n.mark
                    || (n.date.is_some() && named_like_bulletin)
            });
        // A name under the issuer and date is no masthead's: a section
        // heading such as 要闻简报.
        if bare_name && ((i == marks_above && !confirmed) || m.date.is_some() || issuer.is_some()) {
            break;
        }
        if line.mark && i == marks_above {
            marks_above += 1;
        }
        m.marks.merge(line.marks);
        if let Some(n) = line.name {
            names.push(n);
        }
        m.number = m.number.or(line.number);
        m.total = m.total.or(line.total);
        m.supplement |= line.supplement;
        if let Some(u) = line.issuer
            && issuer.is_none()
        {
            issuer = Some((i, u));
        }
        m.date = m.date.or(line.date);
        raw.push(text.clone());
        i += 1;
    }
    // The bulletin's name is the one named like a bulletin; another name
    // line that reads as an organisation is that organisation.
    let named = names.iter().position(|n| masthead::is_bulletin_name(n));
    for (k, n) in names.iter().enumerate() {
        match named {
            Some(b) if k != b && masthead::is_unit(n) => units.insert(0, (usize::MAX, n.clone())),
            _ => {}
        }
    }
    m.bulletin = match named {
        Some(b) => Some(names[b].clone()),
        None => names.first().cloned(),
    };
    m.issuer = masthead_issuer(&units, issuer);
    (m, raw, i)
}

/// A line that only names a unit or an organisation.
fn bare_unit(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 24 && !t.contains(['。', '，', '：']) && masthead::is_unit(t)
}

/// Whether masthead lines with a number, a date or an issuing unit follow
/// at `from` (after more unit lines, or within two lines).
fn masthead_follows(lines: &[SrcLine], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .take(3)
        .filter(|l| !bare_unit(&l.text))
        .take(2)
        .filter_map(|l| masthead_line(&l.text, false))
        .any(|n| n.number.is_some() || n.total.is_some() || n.date.is_some() || n.issuer.is_some())
}

/// The issuing unit from the unit lines and the line that names one:
/// units just above that line are joint issuers, others an organisation
/// it belongs to.
fn masthead_issuer(units: &[(usize, String)], issuer: Option<(usize, String)>) -> Option<String> {
    let Some((at, unit)) = issuer else {
        let all: Vec<&str> = units.iter().map(|(_, u)| u.as_str()).collect();
        return (!all.is_empty()).then(|| all.join(" "));
    };
    let mut joint: Vec<&str> = Vec::new();
    let mut org = String::new();
    let mut next = at;
    for (k, u) in units.iter().rev() {
        if *k != usize::MAX && *k + 1 == next {
            joint.insert(0, u);
            next = *k;
        } else if !unit.starts_with(u.as_str()) {
            org.insert_str(0, u);
        }
    }
    joint.push(&unit);
    Some(format!("{org}{}", joint.join(" ")))
}

/// Finds the closing block at the end of `lines[from..]`: its lines read,
/// and where it starts.
pub(super) fn read_closing(lines: &[SrcLine], from: usize) -> (Option<Vec<ClosingLine>>, usize) {
    let n = lines.len();
    let earliest = n.saturating_sub(20).max(from);
    for start in earliest..n {
        if let Some(read) = closing_region(&lines[start..]) {
            return (Some(read), start);
        }
    }
    (None, n)
}

/// The lines as a closing block, if every one is a closing line or the
/// wrapped rest of the distribution line before it.
fn closing_region(lines: &[SrcLine]) -> Option<Vec<ClosingLine>> {
    let mut out: Vec<ClosingLine> = Vec::new();
    for l in lines {
        match closing_parts(&l.text) {
            Some(c) => out.extend(c),
            None => match out.last_mut() {
                Some(ClosingLine::Distribution(d))
                    if !l.text.contains('。') && heading(&l.text).is_none() =>
                {
                    d.recipients.push_str(l.text.trim());
                }
                _ => return None,
            },
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A closing-block line, or several set on one line far apart (编辑：…
/// 签发：…      共印50份, as a Word layout puts the copies at the right).
fn closing_parts(text: &str) -> Option<Vec<ClosingLine>> {
    if let Some(c) = closing_line(text) {
        return Some(vec![c]);
    }
    let mut parts: Vec<String> = vec![String::new()];
    let mut gap = 0;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            gap += if c == '\u{3000}' { 2 } else { 1 };
            continue;
        }
        let last = parts.last_mut().expect("one part at least");
        if gap >= 4 && !last.is_empty() {
            parts.push(String::new());
        } else if gap > 0 {
            last.extend(std::iter::repeat_n(' ', gap));
        }
        gap = 0;
        parts.last_mut().expect("one part at least").push(c);
    }
    if parts.len() < 2 {
        return None;
    }
    parts.iter().map(|p| closing_line(p)).collect()
}
