//! An entry's fields as biblatex names them (BibTeX's mapped by the driver
//! map of `biblatex.def`), and how numbers and ranges in them print.

use biblatex::{Entry, Person};

use super::names::Names;
use crate::text::{FieldText, Run, field_text};

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

    /// The entry's key.
    pub fn key(&self) -> &str {
        &self.entry.key
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
                    verbatim: false,
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
                    text: chunks
                        .iter()
                        .map(|c| match &c.v {
                            // `url = {{http://..}}`: biblatex keeps the inner
                            // braces, which `\url` percent-encodes.
                            biblatex::Chunk::Verbatim(t) if name == "url" => {
                                format!("%7B{t}%7D")
                            }
                            v => v.get().to_owned(),
                        })
                        .collect(),
                    emph: false,
                    verbatim: true,
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

    /// Whether the field's value holds braces of its own (`year = {{1991}}`),
    /// which biber keeps in the value it sorts by.
    pub fn braced(&self, name: &str) -> bool {
        self.entry.get(name).is_some_and(|chunks| {
            chunks
                .iter()
                .any(|c| matches!(c.v, biblatex::Chunk::Verbatim(_)))
        })
    }

    pub fn plain(&self, name: &str) -> Option<String> {
        self.get(name).map(|t| t.plain().trim().to_owned())
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// A literal list (`location`, `publisher`, `language`…): the field
    /// split at `and` outside braces, as biber splits it, each item as
    /// text; `others` as the last item is a marker, as in a name list.
    pub fn list(&self, name: &str) -> Option<(Vec<FieldText>, bool)> {
        let chunks = self
            .entry
            .get(name)
            .or_else(|| self.entry.get(Self::source_name(name)))?;
        let mut items: Vec<Vec<biblatex::Spanned<biblatex::Chunk>>> = vec![Vec::new()];
        for c in chunks {
            match &c.v {
                biblatex::Chunk::Normal(text) => {
                    let mut rest = text.as_str();
                    loop {
                        let at = [" and ", " AND ", " And "]
                            .iter()
                            .filter_map(|w| rest.find(w))
                            .min();
                        let Some(at) = at else { break };
                        let piece = &rest[..at];
                        if !piece.is_empty() {
                            items.last_mut().unwrap().push(biblatex::Spanned::new(
                                biblatex::Chunk::Normal(piece.to_owned()),
                                c.span.clone(),
                            ));
                        }
                        items.push(Vec::new());
                        rest = &rest[at + 5..];
                    }
                    if !rest.is_empty() {
                        items.last_mut().unwrap().push(biblatex::Spanned::new(
                            biblatex::Chunk::Normal(rest.to_owned()),
                            c.span.clone(),
                        ));
                    }
                }
                _ => items.last_mut().unwrap().push(c.clone()),
            }
        }
        let mut texts: Vec<FieldText> = items
            .iter()
            .map(|chunks| field_text(chunks).with_tex_quotes())
            .filter(|t| !t.is_empty())
            .collect();
        let others = texts.len() > 1 && texts.last().is_some_and(|t| t.plain().trim() == "others");
        if others {
            texts.pop();
        }
        (!texts.is_empty()).then_some((texts, others))
    }

    /// A per-entry option of the `options` field (`usetranslator`,
    /// `useeditor=false`), or `default` when the entry does not set it.
    pub fn option(&self, name: &str, default: bool) -> bool {
        let Some(options) = self.plain("options") else {
            return default;
        };
        options
            .split(',')
            .rev()
            .find_map(|o| {
                let (key, value) = o.split_once('=').unwrap_or((o, "true"));
                (key.trim() == name).then(|| value.trim() != "false")
            })
            .unwrap_or(default)
    }

    /// The field as written in the .bib (commands and braces kept).
    pub fn source(&self, name: &str) -> Option<String> {
        let chunks = self.entry.get(name)?;
        Some(chunks.iter().map(|c| c.v.get()).collect())
    }

    /// A name list, `others` kept as a marker.
    pub fn names(&self, name: &str) -> Option<Names> {
        let chunks = self.entry.get(name)?;
        // BibTeX splits names at `and` in any case (`A AND B`); the biblatex
        // crate only at a lower-case one.
        let lowered: Vec<biblatex::Spanned<biblatex::Chunk>> = chunks
            .iter()
            .map(|c| match &c.v {
                biblatex::Chunk::Normal(text) => {
                    let mut t = text.clone();
                    for word in [
                        " AND ", " And ", " aNd ", " anD ", " ANd ", " AnD ", " aND ",
                    ] {
                        t = t.replace(word, " and ");
                    }
                    biblatex::Spanned::new(biblatex::Chunk::Normal(t), c.span.clone())
                }
                _ => c.clone(),
            })
            .collect();
        let people = biblatex::Type::from_chunks(&lowered).ok()?;
        let people: Vec<Person> = people;
        let mut list = Names::default();
        for p in people {
            // `author = {}` is no name at all (biber: the field is empty).
            if [&p.name, &p.given_name, &p.prefix, &p.suffix]
                .iter()
                .all(|part| part.trim().is_empty())
            {
                continue;
            }
            if p.name == "others" && p.given_name.is_empty() {
                list.others = true;
            } else {
                list.people.push(p);
            }
        }
        (!list.people.is_empty()).then_some(list)
    }
}

pub(super) fn ordinal(n: &str) -> String {
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

pub(super) fn is_integer(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// Page ranges with an en dash (biber's range normalisation).
pub(super) fn normalise_range(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '-' || c == '–' {
            while matches!(chars.peek(), Some('-' | '–')) {
                chars.next();
            }
            // biber drops the spaces around a range's dash (`12 -- 19`).
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            out.push('–');
        } else {
            out.push(c);
        }
    }
    out
}

/// biblatex's `\mkpageprefix`: `p.` before a numeral (digits, roman
/// numerals, spaces, `.`), `pp.` before numerals with range or list
/// characters (`\DeclareRangeChars{~,;-+/}`, the range dash), and no prefix
/// before anything else (`e1003`, `S12`).
pub(super) fn pages_prefix(pages: &str) -> Option<&'static str> {
    let numeral = |c: char| c.is_ascii_digit() || "ivxlcdmIVXLCDM .".contains(c);
    let range = |c: char| "~,;-+/\u{2013}\u{2014}".contains(c);
    if pages.chars().all(numeral) {
        Some("p.")
    } else if pages.chars().all(|c| numeral(c) || range(c)) {
        Some("pp.")
    } else {
        None
    }
}
