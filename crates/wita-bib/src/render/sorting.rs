//! biber's sorting: `sorting=ynt` (year, name, title) with its Unicode
//! collation (letters first, then accents, then case, upper case first;
//! spaces and punctuation count).

use std::sync::OnceLock;

use icu_collator::options::{AlternateHandling, CollatorOptions, Strength};
use icu_collator::preferences::CollationCaseFirst;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use unicode_normalization::UnicodeNormalization;

use super::Reference;
use super::fields::Fields;
use super::names::{MAX_NAMES, Names, clean};

/// biber's `ynt` sort key of an entry: each string part is a collation key
/// (see [`collation_key`]), compared part by part as biber's multi-key sort
/// does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct SortKey {
    pub presort: Vec<u8>,
    pub sortkey: Vec<u8>,
    /// An integer for biber: `9999` for an entry without a year, a larger
    /// number for a year that is not a number.
    pub year: i64,
    pub name: Vec<u8>,
    pub title: Vec<u8>,
}

impl Names {
    /// The names for sorting as biber builds them (`_namestring` with
    /// biblatex's default `\\DeclareSortingNamekeyTemplate` and
    /// `useprefix=false`): family, given, suffix, prefix, each part padded with
    /// spaces to a common width, the names concatenated; past `maxsortnames`
    /// (3) only the first name, then U+10FFFD for "et al.".
    fn sort_key(&self) -> String {
        let truncated = self.people.len() > MAX_NAMES;
        let shown = if truncated {
            &self.people[..1]
        } else {
            &self.people[..]
        };
        let mut out = String::new();
        for p in shown {
            // btparse (biber's name parser) takes a "von" part only from a
            // lower-case word on: `Van de Graaff, R. J.` is all family.
            let (family, prefix) = if p.prefix.starts_with(char::is_uppercase) {
                (format!("{} {}", p.prefix, p.name), String::new())
            } else {
                (p.name.clone(), p.prefix.clone())
            };
            for part in [&family, &p.given_name, &p.suffix, &prefix] {
                if part.is_empty() {
                    continue;
                }
                let s = strip_name_nosort(&sort_normalise(&clean(part)));
                // biber pads to the longest such part of the section (in
                // NFD characters); a fixed width longer than any name sorts
                // the same way.
                let len = s.nfd().count();
                out.push_str(&s);
                out.extend(std::iter::repeat_n(
                    ' ',
                    NAME_PART_WIDTH.saturating_sub(len),
                ));
            }
        }
        if truncated {
            out.push('\u{10FFFD}');
        }
        out
    }
}

/// The width name parts are padded to in sort keys.
const NAME_PART_WIDTH: usize = 80;

/// biber's default `nosort` for name fields: a leading two-letter article
/// with a hyphen (`al-`, `el-`) and the ayn/left quote signs are ignored.
fn strip_name_nosort(s: &str) -> String {
    let lead: Vec<char> = s.chars().take(4).collect();
    let s = if lead.len() == 4
        && lead[0].is_alphabetic()
        && lead[1].is_alphabetic()
        && is_dash(lead[2])
        && !lead[3].is_whitespace()
    {
        &s[lead[0].len_utf8() + lead[1].len_utf8() + lead[2].len_utf8()..]
    } else {
        s
    };
    s.chars()
        .filter(|c| !matches!(c, '\u{2bf}' | '\u{2018}'))
        .collect()
}

/// biber's `normalise_string_sort`: ties become spaces, what is left of
/// LaTeX (commands, braces) goes, whitespace is collapsed.
fn sort_normalise(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) => {
                while chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    chars.next();
                }
            }
            '{' | '}' => {}
            '~' => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The collator biber sorts with: Unicode::Collate with the root (DUCET)
/// order, `variable => 'non-ignorable'` (spaces and punctuation count, a
/// space before all of them), `level => 4` (`sortcase=true`) and
/// `upper_before_lower` (`sortupper=true`).
fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        let mut prefs = CollatorPreferences::default();
        prefs.case_first = Some(CollationCaseFirst::Upper);
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Quaternary);
        options.alternate_handling = Some(AlternateHandling::NonIgnorable);
        CollatorBorrowed::try_new(prefs, options).expect("the root collation is compiled in")
    })
}

/// The collation key of a sort string: byte order is biber's order.
pub fn collation_key(s: &str) -> Vec<u8> {
    let mut key = Vec::new();
    let Ok(()) = collator().write_sort_key_to(s, &mut key);
    key
}

/// A year as biber's integer sort field takes it.
fn sort_year(year: Option<&str>) -> i64 {
    match year {
        None => 9999,
        Some(y) => y.trim().parse().unwrap_or(2_000_000_000),
    }
}

/// An entry's `ynt` sort key (`year` is its date's year).
pub(super) fn sort_key(f: &Fields, year: Option<&str>) -> SortKey {
    let title = f
        .plain("sorttitle")
        .or_else(|| f.plain("title"))
        .map(|t| sort_normalise(&t))
        .unwrap_or_default();
    // biblatex's `sortname`, `author`, `editor`, `translator`, each only
    // when the entry's options use it (`usetranslator` is off by default).
    let sort_name = [
        ("sortname", true),
        ("author", f.option("useauthor", true)),
        ("editor", f.option("useeditor", true)),
        ("translator", f.option("usetranslator", false)),
    ]
    .iter()
    .filter(|(_, used)| *used)
    .find_map(|(n, _)| f.names(n))
    .map(|n| n.sort_key())
    .unwrap_or_else(|| title.clone());
    let presort = collation_key(&sort_normalise(
        &f.plain("presort").unwrap_or_else(|| "mm".into()),
    ));
    match f.plain("sortkey").or_else(|| f.plain("key")) {
        // `\sort[final]{\field{sortkey}}`: biber leaves the sortkey's own
        // slot empty and puts the sortkey in every later one (the year's
        // too, where it counts as a number if it is one).
        Some(k) => {
            let k = sort_normalise(&k);
            SortKey {
                presort,
                sortkey: collation_key(""),
                year: sort_year(Some(&k)),
                name: collation_key(&k),
                title: collation_key(&k),
            }
        }
        None => SortKey {
            presort,
            sortkey: collation_key(""),
            year: if !f.has("sortyear") && !f.has("date") && f.braced("year") {
                // biber warns that `{1991}` is no integer and sorts it after
                // every year that is one, by name and title among its kind.
                2_000_000_000
            } else {
                sort_year(f.plain("sortyear").as_deref().or(year))
            },
            name: collation_key(&sort_name),
            title: collation_key(&title),
        },
    }
}

/// Sorts references as `sorting=ynt` does.
pub fn sort_ynt(refs: &mut [Reference]) {
    refs.sort_by(|a, b| a.sort.cmp(&b.sort));
}

/// Unicode's `Pd` (dash punctuation).
fn is_dash(c: char) -> bool {
    ('\u{2010}'..='\u{2015}').contains(&c)
        || matches!(
            c,
            '-' | '\u{58a}'
                | '\u{5be}'
                | '\u{1400}'
                | '\u{1806}'
                | '\u{2e17}'
                | '\u{2e1a}'
                | '\u{2e3a}'
                | '\u{2e3b}'
                | '\u{2e40}'
                | '\u{2e5d}'
                | '\u{301c}'
                | '\u{3030}'
                | '\u{30a0}'
                | '\u{fe31}'
                | '\u{fe32}'
                | '\u{fe58}'
                | '\u{fe63}'
                | '\u{ff0d}'
                | '\u{10ead}'
        )
}
