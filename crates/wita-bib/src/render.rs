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

use std::sync::OnceLock;

use biblatex::{Entry, Person};
use icu_collator::options::{AlternateHandling, CollatorOptions, Strength};
use icu_collator::preferences::CollationCaseFirst;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use unicode_normalization::UnicodeNormalization;

use crate::text::{FieldText, Run, field_text};

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
}

impl Reference {
    pub fn plain_text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

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

/// The fields of an entry with BibTeX's names mapped to biblatex's (the
/// `bibtex` datatype driver map of `biblatex.def`), as text.
pub struct Fields<'a> {
    entry: &'a Entry,
    /// The entry type after the driver map (`phdthesis` → `thesis`…).
    pub kind: String,
    /// The type as written, lower-cased (for the title's format).
    pub written_kind: String,
    type_override: Option<String>,
}

impl<'a> Fields<'a> {
    pub fn new(entry: &'a Entry, written_kind: &str) -> Self {
        let written = written_kind.to_ascii_lowercase();
        let (kind, type_override) = match written.as_str() {
            "conference" => ("inproceedings", None),
            "electronic" | "www" => ("online", None),
            "mastersthesis" => ("thesis", Some("mathesis")),
            "phdthesis" => ("thesis", Some("phdthesis")),
            "techreport" => ("report", Some("techreport")),
            other => (other, None),
        };
        Self {
            entry,
            kind: kind.to_owned(),
            written_kind: match written.as_str() {
                "conference" => "inproceedings".into(),
                "mastersthesis" | "phdthesis" => "thesis".into(),
                "techreport" => "report".into(),
                "electronic" | "www" => "online".into(),
                _ => written,
            },
            type_override: type_override.map(str::to_owned),
        }
    }

    fn source_name(name: &str) -> &str {
        match name {
            "journaltitle" => "journal",
            "location" => "address",
            "institution" => "school",
            "eprinttype" => "archiveprefix",
            "eprintclass" => "primaryclass",
            "annotation" => "annote",
            _ => "",
        }
    }

    pub fn get(&self, name: &str) -> Option<FieldText> {
        // biber's driver map sets `type` for @phdthesis and the like only
        // when the entry has none.
        if name == "type"
            && self.entry.get("type").is_none()
            && let Some(t) = &self.type_override
        {
            return Some(FieldText {
                runs: vec![Run {
                    text: t.clone(),
                    emph: false,
                }],
                unknown: Vec::new(),
            });
        }
        let chunks = self
            .entry
            .get(name)
            .or_else(|| self.entry.get(Self::source_name(name)))?;
        let mut text = if matches!(name, "url" | "doi" | "eprint" | "file") {
            // Verbatim fields: `~`, `%`, `\_` are characters of the URL.
            FieldText {
                runs: vec![Run {
                    text: chunks.iter().map(|c| c.v.get()).collect(),
                    emph: false,
                }],
                unknown: Vec::new(),
            }
        } else {
            field_text(chunks)
        };
        if !matches!(name, "url" | "doi" | "eprint" | "file" | "urldate" | "date") {
            text = text.with_tex_quotes();
        }
        (!text.is_empty()).then_some(text)
    }

    pub fn plain(&self, name: &str) -> Option<String> {
        self.get(name).map(|t| t.plain().trim().to_owned())
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// A name list, `others` kept as a marker.
    pub fn names(&self, name: &str) -> Option<Names> {
        let chunks = self.entry.get(name)?;
        let people = biblatex::Type::from_chunks(chunks).ok()?;
        let people: Vec<Person> = people;
        let mut list = Names::default();
        for p in people {
            if p.name == "others" && p.given_name.is_empty() {
                list.others = true;
            } else {
                list.people.push(p);
            }
        }
        (!list.people.is_empty()).then_some(list)
    }
}

/// A name list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    pub people: Vec<Person>,
    /// `and others` at the end.
    pub others: bool,
}

/// biblatex's defaults: `maxnames=3`, `minnames=1`.
const MAX_NAMES: usize = 3;

impl Names {
    fn truncated(&self) -> (Vec<&Person>, bool) {
        if self.people.len() > MAX_NAMES {
            (vec![&self.people[0]], true)
        } else {
            (self.people.iter().collect(), self.others)
        }
    }

    /// `Given Family`, joined with `and` (and the serial comma), `et al.`.
    pub fn full(&self) -> String {
        self.join(full_name)
    }

    /// Family names only, as citations print them.
    pub fn family(&self) -> String {
        self.join(|p| {
            let mut s = String::new();
            if !p.prefix.is_empty() {
                s.push_str(&clean(&p.prefix));
                s.push(' ');
            }
            s.push_str(&clean(&p.name));
            s
        })
    }

    fn join(&self, f: impl Fn(&Person) -> String) -> String {
        let (shown, etal) = self.truncated();
        let names: Vec<String> = shown.iter().map(|p| f(p)).collect();
        if etal {
            // `A et al.`, but `A, B, et al.` for an explicit `and others`.
            return format!(
                "{}{} et al.",
                names.join(", "),
                if names.len() > 1 { "," } else { "" }
            );
        }
        match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
        }
    }

    fn same_as(&self, other: &Names) -> bool {
        self.people == other.people && self.others == other.others
    }

    fn count(&self) -> usize {
        self.people.len() + usize::from(self.others)
    }

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

/// A name part as the crate gives it, with leftover LaTeX resolved.
fn clean(s: &str) -> String {
    let chunks = vec![biblatex::Spanned::zero(biblatex::Chunk::Normal(
        s.to_owned(),
    ))];
    field_text(&chunks)
        .with_tex_quotes()
        .plain()
        .trim()
        .to_owned()
}

fn full_name(p: &Person) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in [&p.given_name, &p.prefix, &p.name] {
        if !part.is_empty() {
            parts.push(clean(part));
        }
    }
    let mut s = parts.join(" ");
    if !p.suffix.is_empty() {
        s.push_str(", ");
        s.push_str(&clean(&p.suffix));
    }
    s
}

/// The entry types the standard style has a driver for, after its aliases.
fn driver(kind: &str) -> &'static str {
    match kind {
        "article" | "suppperiodical" | "review" => "article",
        "book" | "mvbook" => "book",
        "booklet" => "booklet",
        "collection" | "mvcollection" | "reference" | "mvreference" => "collection",
        "inbook" | "bookinbook" | "suppbook" => "inbook",
        "incollection" | "suppcollection" | "inreference" => "incollection",
        "inproceedings" => "inproceedings",
        "proceedings" | "mvproceedings" => "proceedings",
        "dataset" => "dataset",
        "manual" => "manual",
        "online" => "online",
        "patent" => "patent",
        "periodical" => "periodical",
        "report" => "report",
        "thesis" => "thesis",
        "unpublished" => "unpublished",
        _ => "misc",
    }
}

/// Titles in quotes (`\DeclareFieldFormat[article,inbook,…]{title}`), by
/// the entry's own type; the supplementary types print theirs plain.
fn title_style(kind: &str) -> TitleStyle {
    match kind {
        "article" | "inbook" | "incollection" | "inproceedings" | "patent" | "thesis"
        | "unpublished" => TitleStyle::Quoted,
        "suppbook" | "suppcollection" | "suppperiodical" => TitleStyle::Plain,
        _ => TitleStyle::Italic,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleStyle {
    Quoted,
    Italic,
    Plain,
}

/// The output with biblatex's punctuation buffer.
#[derive(Default)]
struct Out {
    pieces: Vec<Piece>,
    /// `\blx@unitpunct`: printed before the next field that prints.
    pending: Option<&'static str>,
    /// Whether the last print printed anything (`\setunit*` checks it).
    last_ins: bool,
}

impl Out {
    fn started(&self) -> bool {
        self.pieces.iter().any(|p| !p.text.is_empty())
    }

    fn newunit(&mut self) {
        self.pending = Some(". ");
    }

    fn setunit(&mut self, p: &'static str) {
        self.pending = Some(p);
    }

    fn setunit_star(&mut self, p: &'static str) {
        if self.last_ins {
            self.pending = Some(p);
        }
    }

    /// The last printed character, looking through closing quotes (biblatex
    /// tracks the punctuation inside `\mkbibquote`).
    fn last_char(&self) -> Option<char> {
        self.pieces
            .iter()
            .rev()
            .flat_map(|p| p.text.chars().rev())
            .find(|c| !matches!(c, '”' | '’' | '"' | ')' | ' '))
    }

    /// Whether a bibstring here starts a sentence (and is capitalised).
    fn sentence_start(&self) -> bool {
        !self.started() || self.pending == Some(". ")
    }

    fn flush_punct(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        if !self.started() {
            return;
        }
        let last = self.last_char();
        let text = match (p, last) {
            (". ", Some('.' | '?' | '!')) => " ",
            (", " | ": " | "; ", Some('?' | '!')) => " ",
            _ => p,
        };
        self.pieces.push(Piece {
            text: text.to_owned(),
            italic: false,
            link: None,
            face: Face::Text,
        });
    }

    fn print(&mut self, pieces: Vec<Piece>) {
        if pieces.iter().all(|p| p.text.is_empty()) {
            self.last_ins = false;
            return;
        }
        self.flush_punct();
        self.pieces.extend(pieces);
        self.last_ins = true;
    }

    fn text(&mut self, s: impl Into<String>) {
        self.print(vec![plain(s)]);
    }

    fn field(&mut self, f: Option<FieldText>) {
        match f {
            Some(f) => self.print(runs(&f, false)),
            None => self.last_ins = false,
        }
    }

    /// A bibstring, capitalised at the start of a sentence.
    fn string(&self, s: &str) -> String {
        if self.sentence_start() {
            capitalise(s)
        } else {
            s.to_owned()
        }
    }
}

fn plain(s: impl Into<String>) -> Piece {
    Piece {
        text: s.into(),
        italic: false,
        link: None,
        face: Face::Text,
    }
}

/// An acronym label (`\mkbibacro{DOI}`) and its colon.
fn acronym(label: &str) -> [Piece; 2] {
    [
        Piece {
            face: Face::Acronym,
            ..plain(label)
        },
        plain(": "),
    ]
}

/// A URL, DOI or eprint as `\url`/`\nolinkurl` print it.
fn verbatim(text: impl Into<String>, link: Option<String>) -> Piece {
    Piece {
        link,
        face: Face::Verbatim,
        ..plain(text)
    }
}

fn runs(f: &FieldText, italic: bool) -> Vec<Piece> {
    let mut out: Vec<Piece> = f
        .runs
        .iter()
        .map(|r| Piece {
            text: r.text.clone(),
            italic: italic != r.emph,
            link: None,
            face: Face::Text,
        })
        .collect();
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `title. subtitle` (`\subtitlepunct`), styled as one.
fn title_pieces(f: &Fields, title: &str, sub: &str, style: TitleStyle) -> Vec<Piece> {
    let mut inner: Vec<Piece> = Vec::new();
    let italic = style == TitleStyle::Italic;
    if let Some(t) = f.get(title) {
        inner.extend(runs(&t, italic));
    }
    if let Some(s) = f.get(sub) {
        if !inner.is_empty() {
            let last = inner.iter().rev().flat_map(|p| p.text.chars().rev()).next();
            let sep = if matches!(last, Some('.' | '?' | '!')) {
                " "
            } else {
                ". "
            };
            inner.push(Piece {
                italic,
                ..plain(sep)
            });
        }
        inner.extend(runs(&s, italic));
    }
    if inner.is_empty() {
        return inner;
    }
    if style == TitleStyle::Quoted {
        inner.insert(0, plain("“"));
        inner.push(plain("”"));
    }
    inner
}

const MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// A date as biber reads it: `date` (ISO 8601, ranges with `/`), or `year`
/// and `month` (BibTeX's `day` is dropped by biblatex's driver map).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Date {
    pub year: String,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// A range: its end (`None` inside for an open end `2020/`).
    pub end: Option<Option<Box<Date>>>,
}

fn parse_iso(s: &str) -> Option<Date> {
    let s = s.trim();
    let (y, rest) = match s.strip_prefix('-') {
        Some(r) => {
            let (y, rest) = split_num(r);
            (format!("-{y}"), rest)
        }
        None => {
            let (y, rest) = split_num(s);
            (y.to_owned(), rest)
        }
    };
    // biber accepts ISO 8601 only (`2019-01-15`; `2019-1-15` is ignored).
    if y.trim_start_matches('-').len() != 4 {
        return None;
    }
    let mut d = Date {
        year: y.trim_start_matches('0').to_owned(),
        ..Date::default()
    };
    if d.year.is_empty() {
        d.year = "0".into();
    }
    let mut rest = rest;
    if let Some(r) = rest.strip_prefix('-') {
        let (m, after) = split_num(r);
        if m.len() != 2 {
            return None;
        }
        d.month = Some(m.parse().ok().filter(|m| (1..=12).contains(m))?);
        rest = after;
        if let Some(r) = rest.strip_prefix('-') {
            let (day, after) = split_num(r);
            if day.len() != 2 {
                return None;
            }
            d.day = Some(day.parse().ok().filter(|d| (1..=31).contains(d))?);
            rest = after;
        }
    }
    // A time of day (`T10:00`) is allowed and not printed.
    (rest.is_empty() || rest.starts_with('T')).then_some(d)
}

fn split_num(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(s.len(), |(i, _)| i);
    (&s[..end], &s[end..])
}

fn month_number(s: &str) -> Option<u8> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|m| s.starts_with(m))
        .map(|i| i as u8 + 1)
}

pub fn entry_date(f: &Fields, field: &str) -> Option<Date> {
    if let Some(d) = f.plain(field) {
        let (start, end) = match d.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (d.as_str(), None),
        };
        let mut date = parse_iso(start)?;
        if let Some(end) = end {
            date.end = Some(parse_iso(end).map(Box::new));
        }
        return Some(date);
    }
    if field != "date" {
        return None;
    }
    let year = f.plain("year")?;
    Some(Date {
        year,
        month: f.plain("month").and_then(|m| month_number(&m)),
        day: None,
        end: None,
    })
}

/// `date=comp` with abbreviated months: `2020`, `Mar. 2020`, `July 23, 2025`.
fn format_date(d: &Date) -> String {
    let one = |d: &Date| match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{} {day}, {}", MONTHS[m as usize - 1], d.year),
        (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], d.year),
        _ => d.year.clone(),
    };
    match &d.end {
        None => one(d),
        Some(None) => format!("{}–", one(d)),
        Some(Some(end)) => {
            if d.month.is_none() && end.month.is_none() {
                format!("{}–{}", d.year, end.year)
            } else if d.year == end.year && d.day.is_none() && end.day.is_none() {
                match (d.month, end.month) {
                    (Some(a), Some(b)) => format!(
                        "{}–{} {}",
                        MONTHS[a as usize - 1],
                        MONTHS[b as usize - 1],
                        d.year
                    ),
                    _ => format!("{}–{}", one(d), one(end)),
                }
            } else if d.year == end.year && d.month == end.month && d.day.is_some() {
                format!(
                    "{} {}–{}, {}",
                    MONTHS[d.month.unwrap_or(1) as usize - 1],
                    d.day.unwrap_or(1),
                    end.day.unwrap_or(1),
                    d.year
                )
            } else {
                format!("{}–{}", one(d), one(end))
            }
        }
    }
}

/// `urldate=short` in American English: `07/23/2025`.
fn format_short_date(d: &Date) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{m:02}/{day:02}/{}", d.year),
        (Some(m), None) => format!("{m:02}/{}", d.year),
        _ => d.year.clone(),
    }
}

fn ordinal(n: &str) -> String {
    let v: u64 = n.parse().unwrap_or(0);
    let suffix = match (v % 10, v % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{v}{suffix}")
}

fn is_integer(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// Page ranges with an en dash (biber's range normalisation).
fn normalise_range(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '-' || c == '–' {
            while matches!(chars.peek(), Some('-' | '–')) {
                chars.next();
            }
            out.push('–');
        } else {
            out.push(c);
        }
    }
    out
}

fn pages_prefix(pages: &str) -> &'static str {
    if pages.contains(['-', '–', ',', '—']) || pages.contains(" and ") {
        "pp."
    } else {
        "p."
    }
}

/// bibstrings (`english.lbx`) for a `type` or `pubstate` value.
fn bibstring(value: &str) -> Option<&'static str> {
    Some(match value {
        // The short forms (`abbreviate=true`) of `english.lbx`.
        "phdthesis" => "PhD thesis",
        "mathesis" => "MA thesis",
        "candthesis" => "Cand. thesis",
        "techreport" => "tech. rep.",
        "resreport" => "research rep.",
        "software" => "comp. software",
        "datacd" => "CD-ROM",
        "audiocd" => "audio CD",
        "patent" => "pat.",
        "patentde" => "German pat.",
        "patenteu" => "European pat.",
        "patentfr" => "French pat.",
        "patentuk" => "British pat.",
        "patentus" => "U.S. pat.",
        "patreq" => "pat. req.",
        "patreqde" => "German pat. req.",
        "patreqeu" => "European pat. req.",
        "patrequs" => "U.S. pat. req.",
        "inpress" => "in press",
        "inpreparation" => "in preparation",
        "submitted" => "submitted",
        "forthcoming" => "forthcoming",
        "prepublished" => "pre-published",
        "countryde" => "DE",
        "countryeu" => "EU",
        "countryfr" => "FR",
        "countryuk" => "GB",
        "countryus" => "US",
        "newseries" => "new ser.",
        "oldseries" => "old ser.",
        _ => return None,
    })
}

fn string_field(out: &Out, f: &Fields, name: &str) -> Option<String> {
    let v = f.plain(name)?;
    Some(match bibstring(&v) {
        Some(s) => out.string(s),
        None => v,
    })
}

struct Renderer<'a> {
    f: &'a Fields<'a>,
    out: Out,
    driver: &'static str,
    /// Names already printed at the head of the entry.
    editor_used: bool,
    translator_used: bool,
}

impl<'a> Renderer<'a> {
    fn names(&mut self, names: &Names) {
        self.out.text(names.full());
    }

    /// `\usebibmacro{author}`.
    fn author(&mut self) -> bool {
        match self.f.names("author") {
            Some(a) => {
                self.names(&a);
                true
            }
            None => false,
        }
    }

    /// `editor+others`: `Names, ed.` (`eds.`, `ed. and trans.`).
    fn editor_others(&mut self) -> bool {
        let Some(ed) = self.f.names("editor") else {
            return false;
        };
        self.names(&ed);
        let plural = ed.count() > 1;
        let same_tr = self.f.names("translator").is_some_and(|t| t.same_as(&ed));
        let s = match (plural, same_tr) {
            (false, false) => "ed.",
            (true, false) => "eds.",
            (false, true) => "ed. and trans.",
            (true, true) => "eds. and trans.",
        };
        self.out.setunit(", ");
        self.out.text(s);
        self.editor_used = true;
        self.translator_used |= same_tr;
        true
    }

    fn translator_others(&mut self) -> bool {
        let Some(tr) = self.f.names("translator") else {
            return false;
        };
        self.names(&tr);
        self.out.setunit(", ");
        self.out.text("trans.");
        self.translator_used = true;
        true
    }

    fn head(&mut self) {
        match self.driver {
            "article" | "inbook" | "incollection" | "inproceedings" => {
                if !self.author() {
                    self.translator_others();
                }
            }
            "book" | "booklet" | "dataset" | "misc" | "online" => {
                if !self.author() && !self.editor_others() {
                    self.translator_others();
                }
            }
            "collection" | "proceedings" | "periodical" => {
                self.editor_others();
            }
            "manual" => {
                if !self.author() {
                    self.editor_others();
                }
            }
            _ => {
                self.author();
            }
        }
        // `\setunit{\printdelim{nametitledelim}}\newblock`
        self.out.newunit();
    }

    fn title_macro(&mut self, title: &str, sub: &str, addon: &str, style: TitleStyle) {
        let pieces = title_pieces(self.f, title, sub, style);
        if !pieces.is_empty() {
            self.out.print(pieces);
            self.out.newunit();
        }
        self.out.field(self.f.get(addon));
    }

    fn title(&mut self) {
        let style = title_style(&self.f.written_kind);
        self.title_macro("title", "subtitle", "titleaddon", style);
    }

    fn language(&mut self) {
        self.out.newunit();
        let lang = self.f.plain("language").map(|l| {
            let lower = l.to_ascii_lowercase();
            match lower.as_str() {
                "english" | "american" | "british" => "English".to_owned(),
                "german" | "ngerman" => "German".to_owned(),
                "french" => "French".to_owned(),
                "spanish" => "Spanish".to_owned(),
                "italian" => "Italian".to_owned(),
                "chinese" => "Chinese".to_owned(),
                "japanese" => "Japanese".to_owned(),
                "russian" => "Russian".to_owned(),
                "latin" => "Latin".to_owned(),
                "greek" => "Greek".to_owned(),
                _ => l,
            }
        });
        if let Some(l) = lang {
            self.out.text(l);
        } else {
            self.out.last_ins = false;
        }
        self.out.newunit();
    }

    /// `byeditor+others` (and `bytranslator+others`).
    fn byeditor_others(&mut self) {
        if !self.editor_used
            && let Some(ed) = self.f.names("editor")
        {
            let same_tr =
                !self.translator_used && self.f.names("translator").is_some_and(|t| t.same_as(&ed));
            let s = if same_tr {
                "ed. and trans. by"
            } else {
                "ed. by"
            };
            let s = self.out.string(s);
            self.out.text(s);
            self.out.setunit(" ");
            self.names(&ed);
            self.out.newunit();
            self.translator_used |= same_tr;
        }
        self.bytranslator_others();
    }

    fn bytranslator_others(&mut self) {
        if !self.translator_used
            && let Some(tr) = self.f.names("translator")
        {
            let s = self.out.string("trans. by");
            self.out.text(s);
            self.out.setunit(" ");
            self.names(&tr);
            self.out.newunit();
        }
    }

    fn in_(&mut self) {
        let s = self.out.string("in");
        self.out.text(format!("{s}:"));
        self.out.setunit(" ");
    }

    fn maintitle_booktitle(&mut self) {
        if self.f.has("maintitle") {
            self.title_macro(
                "maintitle",
                "mainsubtitle",
                "maintitleaddon",
                TitleStyle::Italic,
            );
            self.out.newunit();
            if let Some(v) = self.f.plain("volume") {
                let s = self.out.string("vol.");
                let part = self
                    .f
                    .plain("part")
                    .map(|p| format!(".{p}"))
                    .unwrap_or_default();
                self.out.text(format!("{s}\u{a0}{v}{part}"));
                self.out.setunit(": ");
            }
        }
        self.title_macro(
            "booktitle",
            "booksubtitle",
            "booktitleaddon",
            TitleStyle::Italic,
        );
        self.out.newunit();
    }

    fn maintitle_title(&mut self) {
        let same = self.f.plain("maintitle").is_some()
            && self.f.plain("maintitle") == self.f.plain("title");
        if self.f.has("maintitle") && !same {
            self.title_macro(
                "maintitle",
                "mainsubtitle",
                "maintitleaddon",
                TitleStyle::Italic,
            );
            self.out.newunit();
            if let Some(v) = self.f.plain("volume") {
                let s = self.out.string("vol.");
                let part = self
                    .f
                    .plain("part")
                    .map(|p| format!(".{p}"))
                    .unwrap_or_default();
                self.out.text(format!("{s}\u{a0}{v}{part}"));
                self.out.setunit(": ");
            }
        }
        self.title();
        self.out.newunit();
    }

    /// `\printfield{volume}\printfield{part}` when there is no maintitle.
    fn volume_part(&mut self) {
        if !self.f.has("maintitle") {
            if let Some(v) = self.f.plain("volume") {
                let s = self.out.string("vol.");
                let part = self
                    .f
                    .plain("part")
                    .map(|p| format!(".{p}"))
                    .unwrap_or_default();
                self.out.text(format!("{s}\u{a0}{v}{part}"));
            } else {
                self.out.last_ins = false;
            }
        }
        self.out.newunit();
        if let Some(v) = self.f.plain("volumes") {
            self.out.text(format!("{v}\u{a0}vols."));
        }
        self.out.newunit();
    }

    fn edition(&mut self) {
        if let Some(e) = self.f.plain("edition") {
            if is_integer(&e) {
                self.out.text(format!("{}\u{a0}ed.", ordinal(&e)));
            } else {
                self.out.field(self.f.get("edition"));
            }
        } else {
            self.out.last_ins = false;
        }
    }

    fn series_number(&mut self) {
        self.out.field(self.f.get("series"));
        self.out.setunit_star(" ");
        self.out.field(self.f.get("number"));
        self.out.newunit();
    }

    fn list(&mut self, name: &str) {
        // Lists (publisher, location, institution, organization) are joined
        // with `and` like names.
        self.out.field(self.f.get(name));
    }

    /// `publisher+location+date` and its institution/organization siblings.
    fn place_date(&mut self, who: Option<&str>) {
        self.list("location");
        if let Some(who) = who {
            if self.f.has(who) {
                self.out.setunit_star(": ");
            } else {
                self.out.setunit_star(", ");
            }
            self.list(who);
        }
        self.out.setunit_star(", ");
        self.date();
        self.out.newunit();
    }

    fn date(&mut self) {
        match entry_date(self.f, "date") {
            Some(d) => self.out.text(format_date(&d)),
            None => self.out.last_ins = false,
        }
    }

    fn chapter_pages(&mut self) {
        if let Some(c) = self.f.plain("chapter") {
            let s = self.out.string("chap.");
            self.out.text(format!("{s}\u{a0}{c}"));
        } else {
            self.out.last_ins = false;
        }
        self.out.setunit(", ");
        self.out.field(self.f.get("eid"));
        self.out.setunit(", ");
        self.pages();
        self.out.newunit();
    }

    fn pages(&mut self) {
        match self.f.plain("pages") {
            Some(p) => {
                let p = normalise_range(&p);
                let prefix = self.out.string(pages_prefix(&p));
                self.out.text(format!("{prefix}\u{a0}{p}"));
            }
            None => self.out.last_ins = false,
        }
    }

    fn pagetotal(&mut self) {
        self.out.newunit();
        match self.f.plain("pagetotal") {
            Some(p) => self.out.text(format!("{p}\u{a0}pp.")),
            None => self.out.last_ins = false,
        }
    }

    /// `ISSN: 1234-5678`: an acronym label and the field.
    fn labelled(&mut self, label: &str, name: &str) {
        match self.f.plain(name) {
            Some(v) => {
                let mut pieces = acronym(label).to_vec();
                pieces.push(plain(v));
                self.out.print(pieces)
            }
            None => self.out.last_ins = false,
        }
    }

    /// biblatex's `doi`, `eprint` and `url` formats: the acronyms in small
    /// capitals, the identifiers in hyperref's monospace.
    fn doi_eprint_url(&mut self) {
        if let Some(doi) = self.f.plain("doi") {
            let doi = doi.replace(' ', "");
            let link = Some(format!("https://doi.org/{doi}"));
            let mut pieces = acronym("DOI").to_vec();
            pieces.push(verbatim(doi, link));
            self.out.print(pieces);
        }
        self.out.newunit();
        if let Some(e) = self.f.plain("eprint") {
            let kind = self.f.plain("eprinttype");
            let class = self.f.plain("eprintclass");
            let lower = kind.as_deref().map(str::to_ascii_lowercase);
            let site = |label: &str, url: String| (label.to_owned(), Some(url));
            let (label, link) = match lower.as_deref() {
                Some("arxiv") => site("arXiv", format!("https://arxiv.org/abs/{e}")),
                Some("jstor") => site("JSTOR", format!("http://www.jstor.org/stable/{e}")),
                Some("hdl") => site("HDL", format!("http://hdl.handle.net/{e}")),
                Some("pubmed") => site("PMID", format!("http://www.ncbi.nlm.nih.gov/pubmed/{e}")),
                Some("googlebooks") => site(
                    "Google Books",
                    format!("http://books.google.com/books?id={e}"),
                ),
                _ => (kind.clone().unwrap_or_else(|| "eprint".into()), None),
            };
            let mut pieces = vec![plain(format!("{label}: ")), verbatim(e, link.clone())];
            match (lower.as_deref(), class) {
                // arXiv's class is part of the link, in `\texttt` brackets.
                (Some("arxiv"), Some(c)) => {
                    pieces.push(plain(" "));
                    pieces.push(verbatim(format!("[{c}]"), link));
                }
                (Some("jstor" | "hdl" | "pubmed" | "googlebooks"), _) | (_, None) => {}
                (_, Some(c)) => pieces.push(plain(format!(" ({c})"))),
            }
            self.out.print(pieces);
        }
        self.out.newunit();
        if let Some(url) = self.f.plain("url") {
            // hyperref's `\url` prints a backslash left in the field as `%5C`.
            let url = url.replace(' ', "").replace('\\', "%5C");
            let mut pieces = acronym("URL").to_vec();
            pieces.push(verbatim(url.clone(), Some(url)));
            self.out.print(pieces);
        } else {
            self.out.last_ins = false;
        }
        // `url+urldate` prints the date even without a URL.
        if let Some(d) = entry_date(self.f, "urldate") {
            self.out.setunit_star(" ");
            let seen = self.out.string("visited on");
            self.out.text(format!("({seen} {})", format_short_date(&d)));
        }
    }

    fn addendum_pubstate(&mut self) {
        self.out.newunit();
        self.out.field(self.f.get("addendum"));
        self.out.newunit();
        match string_field(&self.out, self.f, "pubstate") {
            Some(p) => self.out.text(p),
            None => self.out.last_ins = false,
        }
    }

    fn isbn(&mut self) {
        self.out.newunit();
        self.labelled("ISBN", "isbn");
        self.out.newunit();
    }

    fn type_field(&mut self) {
        match string_field(&self.out, self.f, "type") {
            Some(t) => self.out.text(t),
            None => self.out.last_ins = false,
        }
    }

    fn render(mut self) -> Vec<Piece> {
        let f = self.f;
        self.head();
        match self.driver {
            "article" => {
                self.title();
                self.language();
                self.bytranslator_others();
                self.out.newunit();
                self.out.field(f.get("version"));
                self.out.newunit();
                self.in_();
                // journal+issuetitle
                let journal =
                    title_pieces(f, "journaltitle", "journalsubtitle", TitleStyle::Italic);
                if !journal.is_empty() {
                    self.out.print(journal);
                    self.out.newunit();
                } else {
                    self.out.last_ins = false;
                }
                // Printed only when present, so that `\setunit*` below still
                // sees the journal title as the last field printed.
                if let Some(addon) = f.get("journaltitleaddon") {
                    self.out.field(Some(addon));
                }
                self.out.setunit_star(" ");
                if f.has("series") {
                    self.out.newunit();
                    self.out.field(f.get("series"));
                    self.out.setunit(" ");
                }
                self.out.field(f.get("volume"));
                self.out.setunit_star(".");
                self.out.field(f.get("number"));
                self.out.setunit(", ");
                self.out.field(f.get("eid"));
                self.out.setunit(" ");
                // issue+date, in parentheses.
                let mut inner = Vec::new();
                if let Some(i) = f.get("issue") {
                    inner.extend(runs(&i, false));
                }
                if let Some(d) = entry_date(f, "date") {
                    if !inner.is_empty() {
                        inner.push(plain(" "));
                    }
                    inner.push(plain(format_date(&d)));
                }
                if !inner.is_empty() {
                    inner.insert(0, plain("("));
                    inner.push(plain(")"));
                    self.out.print(inner);
                } else {
                    self.out.last_ins = false;
                }
                self.out.newunit();
                self.out.setunit(": ");
                let issue = title_pieces(f, "issuetitle", "issuesubtitle", TitleStyle::Italic);
                if !issue.is_empty() {
                    self.out.print(issue);
                    self.out.newunit();
                }
                self.out.field(f.get("issuetitleaddon"));
                self.out.newunit();
                self.byeditor_others();
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.setunit(", ");
                self.pages();
                self.out.newunit();
                self.labelled("ISSN", "issn");
            }
            "book" | "collection" => {
                self.maintitle_title();
                self.language();
                self.byeditor_others();
                self.out.newunit();
                self.edition();
                self.out.newunit();
                self.volume_part();
                self.series_number();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.place_date(Some("publisher"));
                self.chapter_pages();
                self.pagetotal();
                self.isbn();
            }
            "booklet" => {
                self.title();
                self.language();
                self.byeditor_others();
                self.out.newunit();
                self.out.field(f.get("howpublished"));
                self.out.newunit();
                self.type_field();
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.place_date(None);
                self.chapter_pages();
                self.pagetotal();
                self.out.newunit();
            }
            "inbook" | "incollection" | "inproceedings" => {
                self.title();
                self.language();
                self.in_();
                if self.driver == "inbook"
                    && let Some(ba) = f.names("bookauthor")
                    && !f.names("author").is_some_and(|a| a.same_as(&ba))
                {
                    self.names(&ba);
                    self.out.newunit();
                }
                self.maintitle_booktitle();
                if self.driver == "inproceedings" {
                    self.event_venue_date();
                    self.out.newunit();
                }
                self.byeditor_others();
                self.out.newunit();
                if self.driver != "inproceedings" {
                    self.edition();
                    self.out.newunit();
                }
                self.volume_part();
                self.series_number();
                self.out.field(f.get("note"));
                self.out.newunit();
                if self.driver == "inproceedings" {
                    self.list("organization");
                    self.out.newunit();
                }
                self.place_date(Some("publisher"));
                self.chapter_pages();
                self.isbn();
            }
            "proceedings" => {
                self.maintitle_title();
                self.language();
                self.event_venue_date();
                self.out.newunit();
                self.byeditor_others();
                self.out.newunit();
                self.volume_part();
                self.series_number();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.list("organization");
                self.out.newunit();
                self.place_date(Some("publisher"));
                self.chapter_pages();
                self.pagetotal();
                self.isbn();
            }
            "dataset" => {
                self.title();
                self.language();
                self.byeditor_others();
                self.out.newunit();
                self.type_field();
                self.out.newunit();
                self.edition();
                self.out.newunit();
                self.out
                    .field(f.get("version").map(|v| prefix_text(v, "version")));
                self.out.newunit();
                self.series_number();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.list("organization");
                self.out.newunit();
                self.place_date(Some("publisher"));
                self.out.newunit();
            }
            "manual" => {
                self.title();
                self.language();
                self.byeditor_others();
                self.out.newunit();
                self.edition();
                self.out.newunit();
                self.series_number();
                self.type_field();
                self.out.newunit();
                self.version();
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.list("organization");
                self.out.newunit();
                self.place_date(Some("publisher"));
                self.chapter_pages();
                self.pagetotal();
                self.isbn();
            }
            "misc" => {
                self.title();
                self.language();
                self.byeditor_others();
                self.out.newunit();
                self.out.field(f.get("howpublished"));
                self.out.newunit();
                self.type_field();
                self.out.newunit();
                self.version();
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.place_date(Some("organization"));
                self.out.newunit();
            }
            "online" => {
                self.title();
                self.language();
                self.byeditor_others();
                self.out.newunit();
                self.version();
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.list("organization");
                self.out.newunit();
                self.date();
                self.out.newunit();
            }
            "patent" => {
                self.title();
                self.language();
                self.type_field();
                self.out.setunit_star(" ");
                self.out.field(f.get("number"));
                if let Some(loc) = f.plain("location") {
                    self.out.setunit_star(" ");
                    let loc = bibstring(&loc).map_or(loc.clone(), str::to_owned);
                    self.out.text(format!("({loc})"));
                }
                self.out.newunit();
                if let Some(h) = f.names("holder") {
                    self.names(&h);
                }
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.date();
                self.out.newunit();
            }
            "periodical" => {
                let t = title_pieces(f, "title", "subtitle", TitleStyle::Italic);
                if !t.is_empty() {
                    self.out.print(t);
                    self.out.newunit();
                }
                if let Some(addon) = f.get("titleaddon") {
                    self.out.field(Some(addon));
                }
                self.out.setunit_star(" ");
                self.out.field(f.get("series"));
                self.out.setunit(" ");
                self.out.field(f.get("volume"));
                self.out.setunit_star(".");
                self.out.field(f.get("number"));
                self.out.setunit(" ");
                if let Some(d) = entry_date(f, "date") {
                    self.out.text(format!("({})", format_date(&d)));
                }
                self.language();
                self.byeditor_others();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.labelled("ISSN", "issn");
            }
            "report" => {
                self.title();
                self.language();
                self.type_field();
                self.out.setunit_star(" ");
                self.out.field(f.get("number"));
                self.out.newunit();
                self.version();
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.place_date(Some("institution"));
                self.chapter_pages();
                self.pagetotal();
                self.out.newunit();
                self.labelled("ISRN", "isrn");
            }
            "thesis" => {
                self.title();
                self.language();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.type_field();
                self.out.newunit();
                self.place_date(Some("institution"));
                self.chapter_pages();
                self.pagetotal();
                self.isbn();
            }
            _ => {
                // unpublished
                self.title();
                self.language();
                self.out.field(f.get("howpublished"));
                self.out.newunit();
                self.type_field();
                self.out.newunit();
                self.event_venue_date();
                self.out.newunit();
                self.out.field(f.get("note"));
                self.out.newunit();
                self.place_date(None);
            }
        }
        self.out.newunit();
        self.doi_eprint_url();
        self.addendum_pubstate();
        // `\finentry`: the closing period.
        self.out.pending = Some(".");
        if self.out.started() {
            let last = self.out.last_char();
            if !matches!(last, Some('.' | '?' | '!')) {
                self.out.pieces.push(plain("."));
            }
        }
        merge(self.out.pieces)
    }

    fn version(&mut self) {
        match self.f.plain("version") {
            Some(v) => {
                let s = self.out.string("version");
                self.out.text(format!("{s} {v}"));
            }
            None => self.out.last_ins = false,
        }
    }

    fn event_venue_date(&mut self) {
        self.out.field(self.f.get("eventtitle"));
        self.out.newunit();
        self.out.field(self.f.get("eventtitleaddon"));
        let venue = self.f.plain("venue");
        let edate = entry_date(self.f, "eventdate");
        if venue.is_some() || edate.is_some() {
            self.out.setunit(" ");
            let mut inner = venue.unwrap_or_default();
            if let Some(d) = edate {
                if !inner.is_empty() {
                    inner.push_str(", ");
                }
                inner.push_str(&format_date(&d));
            }
            self.out.text(format!("({inner})"));
        }
        self.out.newunit();
    }
}

fn prefix_text(mut f: FieldText, label: &str) -> FieldText {
    f.runs.insert(
        0,
        Run {
            text: format!("{label} "),
            emph: false,
        },
    );
    f
}

/// Joins neighbouring pieces of the same style.
fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        if p.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last)
                if last.italic == p.italic
                    && last.face == p.face
                    && last.link.is_none()
                    && p.link.is_none() =>
            {
                last.text.push_str(&p.text)
            }
            _ => out.push(p),
        }
    }
    out
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

/// Renders one entry. `written_kind` is its type as written in the file.
pub fn render(entry: &Entry, written_kind: &str) -> Reference {
    let f = Fields::new(entry, written_kind);
    let driver = driver(&f.kind);
    let r = Renderer {
        f: &f,
        out: Out::default(),
        driver,
        editor_used: false,
        translator_used: false,
    };
    let pieces = r.render();

    let label_names = f
        .names("shortauthor")
        .or_else(|| f.names("author"))
        .or_else(|| f.names("shorteditor"))
        .or_else(|| f.names("editor"))
        .or_else(|| f.names("translator"));
    let date = entry_date(&f, "date");
    let year = date.as_ref().map(|d| d.year.clone());
    let style = title_style(&f.written_kind);
    let cite_title = merge(title_pieces(&f, "title", "subtitle", style));
    let title = f
        .plain("sorttitle")
        .or_else(|| f.plain("title"))
        .map(|t| sort_normalise(&t))
        .unwrap_or_default();
    let sort_name = ["sortname", "author", "editor", "translator"]
        .iter()
        .find_map(|n| f.names(n))
        .map(|n| n.sort_key())
        .unwrap_or_else(|| title.clone());
    let presort = collation_key(&sort_normalise(
        &f.plain("presort").unwrap_or_else(|| "mm".into()),
    ));
    let sort = match f.plain("sortkey").or_else(|| f.plain("key")) {
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
            year: sort_year(f.plain("sortyear").as_deref().or(year.as_deref())),
            name: collation_key(&sort_name),
            title: collation_key(&title),
        },
    };
    Reference {
        key: entry.key.clone(),
        pieces,
        cite_names: label_names.map(|n| n.family()),
        cite_title,
        year,
        url: f
            .plain("url")
            .map(|u| u.replace(' ', "").replace('\\', "%5C")),
        sort,
    }
}

/// Sorts references as `sorting=ynt` does.
pub fn sort_ynt(refs: &mut [Reference]) {
    refs.sort_by(|a, b| a.sort.cmp(&b.sort));
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_TYPES: &str = include_str!("../../../tests/fixtures/bib/all-types.bib");

    fn rendered() -> Vec<Reference> {
        let raw = biblatex::RawBibliography::parse(ALL_TYPES).unwrap();
        let bib = biblatex::Bibliography::parse(ALL_TYPES).unwrap();
        raw.entries
            .iter()
            .map(|e| render(bib.get(e.v.key.v).unwrap(), e.v.kind.v))
            .collect()
    }

    fn text(r: &Reference) -> String {
        r.plain_text().replace(['\u{a0}', '\u{202f}'], " ")
    }

    /// Expected texts: biblatex 3.18 + biber 2.18 (`style=numeric,
    /// sorting=ynt`) on our own fixture, read from its PDF.
    const EXPECTED: &[(&str, &str)] = &[
        (
            "art1",
            "Hiroshi Brandvold and Chiara Eriksen. “Lattice Harbour Ledger Cartography Lattice LLM Scale”. In: Annals of Quiet Computing 11.2 (Mar. 2004), pp. 14–30.",
        ),
        (
            "art2",
            "Oskar Castellanos, Jonas Fontaine, and Elif Iwasaki. “Tokens Compilers Boundaries Attention Tokens. A Second Look”. In: Review of Lattice Studies 12.3 (May 2007), p. 42. DOI: 10.5555/inv.2007.2.",
        ),
        (
            "book1",
            "Jonas Fontaine and Elif Iwasaki. Mosaic Sparse Recursive Orchard. 2nd ed. Oslo: Orchard Books, 1999. ISBN: 978-0-00-000000-1.",
        ),
        (
            "book2",
            "Quentin Gallagher and Lena Jovanović, eds. Cartography Lattice Harbour Ledger. Kyoto: Lattice House, 2003. ISBN: 978-0-00-000000-2.",
        ),
        (
            "inbook2",
            "Sven Kowalczyk. “Orchard Mosaic Sparse”. In: Yusuf Whitcombe. Ledger Cartography Lattice Harbour. Kyoto: Lattice House, 2005, pp. 22–42.",
        ),
        (
            "incoll1",
            "Noor Nakashima and Ines Quiroga. “Parsers Quiet Signals Spectral”. In: Gradient Weights Rivers. Ed. by Wen Sørensen and Rosa Valkonen. Vol. 4. Studies in Signals. Oslo: Orchard Books, 2011, pp. 101–121.",
        ),
        (
            "inproc0",
            "Ines Quiroga and Dmitri Trautmann. “Harbour Ledger Cartography Lattice Harbour”. In: Proceedings of the First Workshop on Sparse Recursive. WIS 2018 (Tallinn, June 1–4, 2018). Bergen: Invented Society, 2018, pp. 1–9.",
        ),
        (
            "procs1",
            "Vera Dąbrowski and Quentin Gallagher, eds. Proceedings of Cartography Lattice Harbour. Vol. 21. Lecture Notes in Invention. Tartu: Invented Society, 2013.",
        ),
        (
            "online1",
            "Quentin Gallagher and Lena Jovanović. Attention Tokens Compilers Boundaries Attention Tokens 知识 蒸馏. Blog post. Feb. 2024. URL: https://online.example.net/post/1 (visited on 07/11/2025).",
        ),
        (
            "www0",
            "Jonas Fontaine. Signals Spectral Parsers Quiet Signals Spectral. Mar. 20, 2025. URL: https://www.example.net/post/0 (visited on 07/10/2025).",
        ),
        (
            "electronic3",
            "Elif Iwasaki and Zofia Lindqvist. Parsers Quiet Signals Spectral Parsers Quiet. Apr. 2024. URL: https://electronic.example.net/post/3.",
        ),
        (
            "misc0",
            "Zofia Lindqvist. Ledger Cartography Lattice Harbour. Distributed on paper tape. 2020.",
        ),
        (
            "report2",
            "Boris Petrakis. Harbour Ledger Cartography Lattice. Working Paper TR-12. Lattice Centre, 2009.",
        ),
        (
            "techreport0",
            "Noor Nakashima. Gradient Weights Rivers Entropy. Tech. rep. TR-10. Institute of Invented Physics, 2005.",
        ),
        (
            "thesis1",
            "Kaveh Uribe. “Sparse Recursive Orchard Mosaic Sparse”. MA thesis. Leuven: Orchard College, 2005.",
        ),
        (
            "phdthesis3",
            "Yusuf Whitcombe. “Tokens Compilers Boundaries Attention Tokens”. PhD thesis. Harbour University, 2015. URL: https://theses.example.edu/phdthesis/3.",
        ),
        (
            "mastersthesis0",
            "Dmitri Trautmann. “Entropy Gradient Weights Rivers Entropy”. MA thesis. University of Invented Studies, 2000.",
        ),
        (
            "manual3",
            "Quentin Gallagher. Rivers Entropy Gradient User Guide. 4th ed. Version 3.4. Quiet Machines Ltd. 2018.",
        ),
        (
            "unpub2",
            "Tamsin Zeller. “Mosaic Sparse Recursive Orchard Mosaic”. Talk slides. 2023.",
        ),
        (
            "patent0",
            "Quentin Gallagher. “Cartography Lattice Harbour Ledger”. U.S. pat. 7000000. 2011.",
        ),
        (
            "patent3",
            "Lena Jovanović and Greta Moreau. “Weights Rivers Entropy Gradient”. 7003333 (DE). 2014.",
        ),
        (
            "video0",
            "Lena Jovanović. Gradient Weights Rivers Entropy. Recorded lecture. 2019. URL: https://video.example.io/0.",
        ),
        (
            "software0",
            "Lena Jovanović. Compilers Boundaries Attention Tokens. Version 1.0. 2019. URL: https://software.example.io/0.",
        ),
        (
            "dataset1",
            "Sven Kowalczyk and Noor Nakashima. Compilers Boundaries Attention Tokens. Invented Data Archive, 2020.",
        ),
        (
            "conf2",
            "Vera Dąbrowski, Quentin Gallagher, and Lena Jovanović. “Signals Spectral Parsers Quiet”. In: Proceedings of the Conference on Rivers Entropy. Ed. by Kaveh Uribe and Farid Xu. 2018, pp. 52–60.",
        ),
        (
            "corp1",
            "Weight in the Attention Working Group. “On GPU Budgets & 5% Margins: Über-élan”. In: Imaginary Transactions 3 (July 2022), pp. 1–9.",
        ),
        (
            "arxiv1",
            "Oskar Castellanos and Jonas Fontaine. Tokenisers Considered α-Harmful. 2024. arXiv: 2401.01234 [cs.CL].",
        ),
        (
            "others1",
            "Ada Ng, Ben Oduya, et al. What Is Left? A Question. Nov. 2, 2023. URL: https://others.example.org/q.",
        ),
        (
            "transl1",
            "Jonas Fontaine. Signals Spectral Parsers. With an Afterword. Trans. by Lena Jovanović. Orchard Books, 1999.",
        ),
        (
            "coll1",
            "Ugo O’Connell, Priya Rasmussen, and Kaveh Uribe, eds. Cartography Lattice Harbour Ledger. Kyoto: Lattice House, 2008. Reprinted 2010.",
        ),
    ];

    #[test]
    fn each_type_prints_as_biblatex_does() {
        let refs = rendered();
        for (key, want) in EXPECTED {
            let r = refs.iter().find(|r| r.key == *key).unwrap();
            assert_eq!(text(r), *want, "{key}");
        }
    }

    #[test]
    fn sorted_as_biber_sorts_with_ynt() {
        let mut refs = rendered();
        sort_ynt(&mut refs);
        let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
        // biber's order (its .bbl) for the fixture.
        let want = [
            "book0",
            "transl1",
            "book1",
            "thesis0",
            "phdthesis0",
            "mastersthesis0",
            "art0",
            "book2",
            "inbook0",
            "art1",
            "inbook1",
            "inbook2",
            "report0",
            "techreport0",
            "thesis1",
            "phdthesis1",
            "mastersthesis1",
            "inbook3",
            "art2",
            "book3",
            "report1",
            "techreport1",
            "coll1",
            "report2",
            "techreport2",
            "art3",
            "incoll0",
            "thesis2",
            "phdthesis2",
            "mastersthesis2",
            "patent0",
            "incoll1",
            "report3",
            "techreport3",
            "procs0",
            "patent1",
            "incoll2",
            "procs1",
            "patent2",
            "incoll3",
            "procs2",
            "patent3",
            "manual0",
            "procs3",
            "thesis3",
            "phdthesis3",
            "mastersthesis3",
            "conf0",
            "manual1",
            "conf1",
            "manual2",
            "conf2",
            "manual3",
            "inproc0",
            "conf3",
            "software0",
            "video0",
            "dataset0",
            "inproc1",
            "dataset1",
            "video1",
            "software1",
            "misc0",
            "inproc2",
            "unpub3",
            "software2",
            "video2",
            "dataset2",
            "misc1",
            "inproc3",
            "unpub0",
            "video3",
            "dataset3",
            "software3",
            "misc2",
            "corp1",
            "unpub1",
            "others1",
            "misc3",
            "unpub2",
            "arxiv1",
            "online1",
            "electronic1",
            "www1",
            "www3",
            "electronic3",
            "online3",
            "electronic2",
            "online0",
            "electronic0",
            "www0",
            "www2",
            "online2",
        ];
        assert_eq!(keys, want);
    }

    #[test]
    fn italics_and_links() {
        let refs = rendered();
        let art = refs.iter().find(|r| r.key == "art2").unwrap();
        let journal = art.pieces.iter().find(|p| p.italic).unwrap();
        assert_eq!(journal.text, "Review of Lattice Studies");
        let doi = art.pieces.iter().find(|p| p.link.is_some()).unwrap();
        assert_eq!(
            doi.link.as_deref(),
            Some("https://doi.org/10.5555/inv.2007.2")
        );
        let book = refs.iter().find(|r| r.key == "book1").unwrap();
        assert!(
            book.pieces
                .iter()
                .any(|p| p.italic && p.text == "Mosaic Sparse Recursive Orchard")
        );
    }

    #[test]
    fn what_citations_print() {
        let refs = rendered();
        let r = refs.iter().find(|r| r.key == "art2").unwrap();
        assert_eq!(
            r.cite_names.as_deref(),
            Some("Castellanos, Fontaine, and Iwasaki")
        );
        assert_eq!(r.year.as_deref(), Some("2007"));
        let r = refs.iter().find(|r| r.key == "art0").unwrap();
        assert_eq!(r.cite_names.as_deref(), Some("Abernethy"));
        let many = refs.iter().find(|r| r.key == "art3").unwrap();
        assert!(many.cite_names.as_deref().unwrap().ends_with(" et al."));
        let quoted: String = r.cite_title.iter().map(|p| p.text.as_str()).collect();
        assert!(quoted.starts_with('“') && quoted.ends_with('”'), "{quoted}");
    }

    /// Invented entries that probe the collation: accents, case,
    /// punctuation, the padding of name parts, `et al.`, `key` and missing
    /// or non-numeric years.
    const COLLATION: &str = r#"
@book{zola, author = {Zola, Émile}, title = {Alpha}, year = {2000}}
@book{eclair1, author = {Éclair, Anne}, title = {Alpha}, year = {2000}}
@book{eclair2, author = {Eclair, Bob}, title = {Alpha}, year = {2000}}
@book{ezra, author = {Ezra, Anne}, title = {Alpha}, year = {2000}}
@book{ecl, author = {Ecl, Zed}, title = {Alpha}, year = {2000}}
@book{vandyke1, author = {{van Dyke}, Anne}, title = {Alpha}, year = {2000}}
@book{vandyke2, author = {{Van Dyke}, Anne}, title = {Alpha}, year = {2000}}
@book{obrien1, author = {O'Brien, Anne}, title = {Alpha}, year = {2000}}
@book{obrien2, author = {Obrien, Anne}, title = {Alpha}, year = {2000}}
@book{obrien3, author = {{O Brien}, Anne}, title = {Alpha}, year = {2000}}
@book{muller1, author = {Müller, Adam}, title = {Alpha}, year = {2000}}
@book{muller2, author = {Muller, Zed}, title = {Alpha}, year = {2000}}
@book{lukasz, author = {Łukasz, Anne}, title = {Alpha}, year = {2000}}
@book{lz, author = {Lz, Anne}, title = {Alpha}, year = {2000}}
@book{lukas, author = {Lukas, Anne}, title = {Alpha}, year = {2000}}
@book{oster, author = {Øster, Anne}, title = {Alpha}, year = {2000}}
@book{oz, author = {Oz, Anne}, title = {Alpha}, year = {2000}}
@book{farabi, author = {al-Farabi, Anne}, title = {Alpha}, year = {2000}}
@book{fa, author = {Fa, Anne}, title = {Alpha}, year = {2000}}
@book{four, author = {Smith, Anne and Jones, Bob and Brown, Carl and White, Dan}, title = {Alpha}, year = {2001}}
@book{two, author = {Smith, Anne and Zed, Bob}, title = {Alpha}, year = {2001}}
@book{one, author = {Smith, Anne}, title = {Beta}, year = {2001}}
@book{others, author = {Smith, Anne and others}, title = {Alpha}, year = {2001}}
@book{apple1, title = {the apple}, year = {2002}}
@book{apple2, title = {The apple}, year = {2002}}
@book{ten, title = {10 things}, year = {2002}}
@book{nine, title = {9 things}, year = {2002}}
@book{pie1, title = {Apple-pie}, year = {2002}}
@book{pie2, title = {Apple pie}, year = {2002}}
@book{pie3, title = {Applepie}, year = {2002}}
@book{quoted, title = {“Quoted” title}, year = {2002}}
@book{strasse1, author = {Straße, Anne}, title = {Alpha}, year = {2003}}
@book{strasse2, author = {Strasse, Bob}, title = {Alpha}, year = {2003}}
@book{strasser, author = {Strasser, Anne}, title = {Alpha}, year = {2003}}
@book{gaulle1, author = {de Gaulle, Charles}, title = {Alpha}, year = {2003}}
@book{gaulle2, author = {Gaulle, Anne}, title = {Alpha}, year = {2003}}
@book{gaulle3, author = {Gaulle, Charles}, title = {Alpha}, year = {2003}}
@book{ozil1, author = {{\"O}zil, Anne}, title = {Alpha}, year = {2004}}
@book{ozil2, author = {Ozil, Bob}, title = {Alpha}, year = {2004}}
@book{ozi, author = {Ozi, Zed}, title = {Alpha}, year = {2004}}
@book{vdg1, author = {Van de Graaff, R. J.}, title = {Alpha}, year = {2005}}
@book{vdg2, author = {Graaff, Z.}, title = {Alpha}, year = {2005}}
@book{vanner, author = {Vanner, A.}, title = {Alpha}, year = {2005}}
@book{neumann, author = {von Neumann, John}, title = {Alpha}, year = {2005}}
@book{nyman, author = {Nyman, A.}, title = {Alpha}, year = {2005}}
@book{vdg3, author = {R. J. Van de Graff}, title = {Alpha}, year = {2005}}
@book{waals1, author = {Van der Waals, Johannes}, title = {Alpha}, year = {2005}}
@book{waals2, author = {Waals, A.}, title = {Alpha}, year = {2005}}
@book{keyz, title = {Kappa}, key = {zzz}, year = {1990}}
@book{keya, title = {Kappa}, key = {aaa}}
@book{inpress, title = {Kappa}, year = {in press}}
@book{noyear, title = {Kappa}}
"#;

    #[test]
    fn collated_as_biber_collates() {
        let raw = biblatex::RawBibliography::parse(COLLATION).unwrap();
        let bib = biblatex::Bibliography::parse(COLLATION).unwrap();
        let mut refs: Vec<Reference> = raw
            .entries
            .iter()
            .map(|e| render(bib.get(e.v.key.v).unwrap(), e.v.kind.v))
            .collect();
        sort_ynt(&mut refs);
        let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
        // biber 2.18's order (its .bbl) for these entries.
        let want = [
            // 2000: accents and strokes are secondary, punctuation counts
            // (space < apostrophe < letters), upper case first.
            "ecl", "eclair2", "eclair1", "ezra", "fa", "farabi", "lukas", "lukasz", "lz",
            // Müller after Muller although Adam < Zed: biber pads each name
            // part to a common number of NFD characters, and the combining
            // diaeresis leaves Müller one space short.
            "muller2", "muller1", "obrien3", "obrien1", "obrien2", "oster", "oz", "vandyke2",
            "vandyke1", "zola",
            // 2001: `and others` adds nothing, four names are one + et al.
            "others", "one", "two", "four",
            // 2002: punctuation < digits < letters, upper case first.
            "quoted", "ten", "nine", "pie2", "pie1", "pie3", "apple2", "apple1",
            // 2003: the prefix comes last; ß is ss.
            "gaulle2", "gaulle3", "gaulle1", "strasse1", "strasse2", "strasser",
            // 2004: Özil's diaeresis again.
            "ozi", "ozil2", "ozil1",
            // 2005: a "von" part that starts in upper case is the family's.
            "vdg2", "vdg3", "neumann", "nyman", "vdg1", "waals1", "vanner", "waals2",
            // No year (9999), then a `key` or a year that is no number.
            "noyear", "keya", "inpress", "keyz",
        ];
        assert_eq!(keys, want);
    }
}
