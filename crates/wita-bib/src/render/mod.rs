//! The reference list as biblatex's standard `numeric` style prints it.
//!
//! Why by hand: typst's bibliography engine is hayagriva driven by CSL, and
//! neither can say what biblatex's drivers (`standard.bbx`) say: its
//! punctuation buffer (`\newunit`, `\setunit*`: a separator is printed only
//! between fields that exist, a period never after `?`, `!` or an
//! abbreviation's dot, even across a closing quote), `In:` followed by
//! `maintitle. Vol. n: booktitle`, `Ed. and trans. by` when the editor also
//! translated, `vol.number (issue date)` for journals, the title quoted or in
//! italics by entry type (`@thesis` quoted, `@online` italic), bibstrings
//! capitalised only at the start of a sentence, BibTeX's `day` dropped
//! (biber's driver map), `pp.` versus `p.`, and biber's `ynt` sort. Hayagriva's
//! import also drops `titleaddon`, `addendum`, `eprintclass`, `pubstate`,
//! `howpublished`, `version`, `venue`… So each entry is rendered here, from
//! the fields the `biblatex` crate parsed, driver by driver, and the result
//! is set by the template as the article's reference list.
//!
//! The renderer is split by concern, as hayagriva splits its own: the
//! fields of an entry as biblatex names them (`fields`), names (`names`),
//! dates (`dates`), the punctuation buffer and its pieces
//! (`punctuation`), the drivers, entry type by entry type (`drivers`),
//! and biber's sorting (`sorting`).

mod dates;
mod drivers;
mod fields;
mod names;
mod punctuation;
mod sorting;

use biblatex::Entry;

pub use dates::{Date, entry_date};
pub use fields::Fields;
pub use names::Names;
pub use sorting::{SortKey, collation_key, sort_ynt};

/// A piece of an entry as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub italic: bool,
    /// A URL the piece links to (URLs, DOIs, eprints).
    pub link: Option<String>,
    pub face: Face,
}

/// How a piece is set, beyond italics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Face {
    /// The text face.
    #[default]
    Text,
    /// Set as hyperref's `\url` and `\nolinkurl` set it, in the monospace
    /// face: URLs, DOIs, eprints.
    Verbatim,
    /// biblatex's `\mkbibacro`: an acronym in small capitals (`URL`, `DOI`,
    /// `ISSN`).
    Acronym,
}

/// One entry, rendered, with what citations print of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub key: String,
    pub pieces: Vec<Piece>,
    /// `\citeauthor`, `\textcite`: family names, `et al.` after three.
    pub cite_names: Option<String>,
    /// `\citetitle`: quoted or italic like the title in the list.
    pub cite_title: Vec<Piece>,
    /// `\citeyear`.
    pub year: Option<String>,
    /// `\citeurl`.
    pub url: Option<String>,
    /// biber's `ynt` sort key parts.
    pub sort: SortKey,
    /// `shorthand`: the label it is cited by and listed under instead of
    /// a number (`[DSM-5]`), as biblatex's numeric style does.
    pub shorthand: Option<String>,
}

impl Reference {
    pub fn plain_text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// Renders one entry. `written_kind` is its type as written in the file.
pub fn render(entry: &Entry, written_kind: &str) -> Reference {
    let f = Fields::new(entry, written_kind);
    let pieces = drivers::print(&f);

    let label_names = f
        .names("shortauthor")
        .or_else(|| f.names("author"))
        .or_else(|| f.names("shorteditor"))
        .or_else(|| f.names("editor"));
    let date = entry_date(&f, "date");
    let year = date.as_ref().map(|d| d.year.clone());
    let sort = sorting::sort_key(&f, year.as_deref());
    Reference {
        key: entry.key.clone(),
        pieces,
        cite_names: label_names.map(|n| n.family()),
        cite_title: drivers::cite_title(&f),
        year,
        url: f
            .plain("url")
            .map(|u| u.replace(' ', "").replace('\\', "%5C")),
        sort,
        shorthand: f.plain("shorthand"),
    }
}

#[cfg(test)]
mod tests;
