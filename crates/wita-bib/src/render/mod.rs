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
mod roles;
mod sorting;

use biblatex::Entry;

pub use dates::{Date, entry_date};
pub use fields::Fields;
pub use names::Names;
pub use sorting::{SortKey, collation_key, sort_ynt};

/// A piece of an entry as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text; `\n` breaks the line (biblatex's `\par` inside an entry).
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
    /// A `@set`'s members (its `entryset`), printed in it and cited by its
    /// number; empty for any other entry.
    pub set_members: Vec<String>,
}

impl Reference {
    /// The entry's text (a `\n` where a line breaks inside it).
    pub fn plain_text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// The entries of a file by key, with their types as written: what an
/// entry's `related` entries are looked up in.
#[derive(Default)]
pub struct Library<'a> {
    entries: std::collections::HashMap<&'a str, (&'a Entry, &'a str)>,
}

impl<'a> Library<'a> {
    pub fn insert(&mut self, key: &'a str, entry: &'a Entry, written_kind: &'a str) {
        self.entries.insert(key, (entry, written_kind));
    }

    /// An entry by its key or one of its `ids`, with its written type.
    pub fn get(&self, key: &str) -> Option<(&'a Entry, &'a str)> {
        self.entries.get(key).copied()
    }
}

/// Renders one entry on its own. `written_kind` is its type as written in
/// the file.
pub fn render(entry: &Entry, written_kind: &str) -> Reference {
    render_in(entry, written_kind, &Library::default())
}

/// Renders one entry of `library`, with the entries its `related` field
/// names (`Trans. of …`, `Repr. from …`).
pub fn render_in(entry: &Entry, written_kind: &str, library: &Library) -> Reference {
    let f = Fields::new(entry, written_kind);
    let pieces = drivers::print(&f, library);

    let label_names = f
        .names("shortauthor")
        .or_else(|| f.names("author"))
        .or_else(|| f.names("shorteditor"))
        .or_else(|| f.names("editor"));
    // An open start (`../2004`) has no year to sort or cite by.
    let date = entry_date(&f, "date").filter(|d| !d.open_start);
    let year = date.as_ref().map(|d| d.year.clone());
    let sort = sorting::sort_key(&f, year.as_deref());
    Reference {
        key: entry.key.clone(),
        pieces,
        cite_names: label_names.map(|n| n.family()),
        cite_title: drivers::cite_title(&f),
        year,
        url: f.plain("url").map(|u| drivers::printed_url(&u)),
        sort,
        shorthand: f.plain("shorthand"),
        set_members: Vec::new(),
    }
}

/// A biblatex `@set`: its members, in `entryset`'s order, each as its own
/// driver prints it, joined by `\entrysetpunct` (`; `) and closed by one
/// period. biber gives the set its first member's fields, so it sorts and
/// is cited as that one. `None` without members.
pub fn render_set(set: &Entry, members: &[(&Entry, &str)], library: &Library) -> Option<Reference> {
    let (first, first_kind) = members.first()?;
    let mut out = punctuation::Out::default();
    for (entry, kind) in members {
        let member = drivers::print_unfinished(&Fields::new(entry, kind), library);
        out.setunit("; ");
        out.print(member.pieces);
    }
    let head = render_in(first, first_kind, library);
    Some(Reference {
        key: set.key.clone(),
        pieces: drivers::finish(out),
        // biblatex numbers a set even when it has a `shorthand`.
        shorthand: None,
        set_members: members.iter().map(|(e, _)| e.key.clone()).collect(),
        ..head
    })
}

#[cfg(test)]
mod tests;
