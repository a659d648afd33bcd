//! The print layout ([`super::layout`]) set in rows of a fixed number of
//! columns, as on a page of monospaced type: paragraphs wrapped with the
//! Chinese line-breaking rules of [`crate::text::wrap`] (first row indented
//! two characters), centred lines centred, issuing unit and date spread to
//! the margins, 报/送/发 continuation rows aligned after the label, rules
//! across the page. The plain-text export writes these rows when a wrap
//! width is set ([`rows`]).
//!
//! [`pages`] sets the same lines on the printed page's grid ([`Grid`]: 22
//! lines of 28 characters by default), larger type on fewer columns, and
//! breaks them into pages: no blank line at the top of a page, headings and
//! titles kept with what follows, no lone first or last row of a paragraph,
//! the closing block (版记) at the foot of the last page. The PDF export
//! prints these pages and the TUI print preview shows them, so the two agree
//! row for row and page for page.

mod grid;
mod paginate;
mod rows;
#[cfg(test)]
mod tests;

pub use grid::{
    Grid, HEAVY_RULE_PT, LIGHT_RULE_PT, MASTHEAD_RULE_GAP_MM, MASTHEAD_RULE_PT, PAGE_NUMBER_GAP_MM,
    PT_PER_MM,
};
pub use paginate::{Page, Placed, pages};
pub use rows::{Row, print_rows, rows};
