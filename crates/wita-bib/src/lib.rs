//! An entry's `cite.bib`: parsed with the `biblatex` crate, so that problems
//! are reported at the .bib's line and every `\cite` can be checked against
//! the keys of its own article; its entries rendered as biblatex's standard
//! style prints them ([`render`]), for the article's reference list.
//!
//! ```
//! use std::sync::Arc;
//! use wita_diag::{Diagnostics, Sources};
//!
//! let text = "@book{knuth, author = {Donald E. Knuth}, title = {The {\\TeX}book},\n\
//!             publisher = {Addison-Wesley}, year = {1984}}";
//! let sources = Sources::new();
//! let file = sources.add("cite.bib", text);
//! let mut diags = Diagnostics::new();
//! let bib = wita_bib::parse(Arc::from(text), file, &mut diags).unwrap();
//!
//! assert!(diags.is_empty() && bib.contains("knuth"));
//! assert_eq!(
//!     bib.references["knuth"].plain_text(),
//!     "Donald E. Knuth. The TeXbook. Addison-Wesley, 1984."
//! );
//! // A `\cite` of a key the file does not have: the nearest one is suggested.
//! assert_eq!(bib.similar("knut"), Some("knuth"));
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use biblatex::{ParseErrorKind, RawBibliography};
use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, FileId, Span};

pub mod render;
pub mod text;

pub use render::{Face, Piece, Reference};

/// A parsed `cite.bib`.
#[derive(Debug, Clone)]
pub struct BibFile {
    pub file: FileId,
    pub text: Arc<str>,
    /// The text the entries are read from: `text` with the problems biber
    /// tolerates (undefined @string abbreviations) blanked out, byte offsets
    /// unchanged so that later problems still point at the right place.
    pub parsed_text: Arc<str>,
    /// Entry keys in file order, with the span of each key.
    pub keys: Vec<(String, Span)>,
    index: HashMap<String, usize>,
    /// Every entry rendered as biblatex's standard style prints it.
    pub references: HashMap<String, Reference>,
    /// Other keys of entries (biber's `ids` field) → the entry's key.
    pub aliases: HashMap<String, String>,
}

impl BibFile {
    pub fn contains(&self, key: &str) -> bool {
        self.index.contains_key(key) || self.aliases.contains_key(key)
    }

    /// The entry's own key for a key or one of its `ids`.
    pub fn canonical<'k>(&'k self, key: &'k str) -> &'k str {
        self.aliases.get(key).map_or(key, String::as_str)
    }

    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.index.get(key).map(|&i| self.keys[i].1)
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Keys that look like `key` (for "did you mean" hints).
    pub fn similar(&self, key: &str) -> Option<&str> {
        let lower = key.to_lowercase();
        self.keys
            .iter()
            .map(|(k, _)| k.as_str())
            .find(|k| k.to_lowercase() == lower || edit_distance(&k.to_lowercase(), &lower) <= 2)
    }
}

/// Parses a `cite.bib`; syntax errors are errors at their line, a key used
/// twice a warning (the first entry is kept, as biber keeps it).
pub fn parse(text: Arc<str>, file: FileId, diags: &mut Diagnostics) -> Option<BibFile> {
    // biber skips an entry that does not parse, with a warning, and reads
    // the others; so do we. The entry is blanked out of the text that is
    // read (byte offsets unchanged) and the file read again.
    let original = text.clone();
    let mut text = text;
    let mut skipped: Vec<std::ops::Range<usize>> = Vec::new();
    let raw = loop {
        let e = match RawBibliography::parse(&text) {
            Ok(raw) => break raw,
            Err(e) => e,
        };
        match broken_entry(&text, e.span.start) {
            Some(range) if !skipped.contains(&range) => {
                text = Arc::from(skip_entry(&text, range.clone(), &e, file, diags));
                skipped.push(range);
            }
            _ => {
                diags.push(
                    Diagnostic::error(
                        codes::BIB_SYNTAX,
                        format!("cite.bib does not parse: {}", describe(&e.kind)),
                    )
                    .at(Span::new(file, e.span.clone()))
                    .with_label(describe(&e.kind)),
                );
                return None;
            }
        }
    };
    let mut keys: Vec<(String, Span)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut failed = false;
    // biber warns about a key used twice and keeps the first entry; so do
    // we: the later ones are blanked out of the text that is read (offsets
    // unchanged).
    let mut repeated: Vec<std::ops::Range<usize>> = Vec::new();
    for entry in &raw.entries {
        let key = entry.v.key.v.to_owned();
        let span = Span::new(file, entry.v.key.span.clone());
        if let Some(&first) = index.get(&key) {
            let first_span: Span = keys[first].1;
            diags.push(
                Diagnostic::warning(codes::BIB_DUPLICATE_KEY, format!(
                    "the key `{key}` is used by two entries; the first is kept, as biber keeps it"
                ))
                .at(span)
                .with_label("this entry is left out")
                .with_secondary(first_span, "first entry")
                .with_help("rename one of them, or delete the one that is not meant"),
            );
            repeated.push(entry.span.clone());
            continue;
        }
        index.insert(key.clone(), keys.len());
        keys.push((key, span));
    }
    let without_repeats = (!repeated.is_empty()).then(|| {
        let mut next = text.to_string();
        for range in &repeated {
            let blanked: String = text[range.clone()]
                .bytes()
                .map(|b| if b == b'\n' { '\n' } else { ' ' })
                .collect();
            next.replace_range(range.clone(), &blanked);
        }
        next
    });
    // Resolving abbreviations and cross-references can fail too. biber warns
    // about an undefined abbreviation and leaves the field empty; so do we.
    let base: &str = without_repeats.as_deref().unwrap_or(&text);
    let mut patched: Option<String> =
        cut_reference_cycles(&raw, base, file, diags).or(without_repeats.clone());
    for _ in 0..=raw.entries.iter().map(|e| e.v.fields.len()).sum::<usize>() {
        let current = patched.as_deref().unwrap_or(&text);
        let result = RawBibliography::parse(current).and_then(biblatex::Bibliography::from_raw);
        match result {
            Ok(_) => break,
            Err(e) => match &e.kind {
                ParseErrorKind::UnknownAbbreviation(name)
                    if e.span.end <= current.len() && e.span.start < e.span.end =>
                {
                    diags.push(
                        Diagnostic::warning(codes::BIB_UNDEFINED_STRING, format!("`{name}` is not a defined @string abbreviation; the field is left empty"))
                            .at(Span::new(file, e.span.clone()))
                            .with_help(format!("write the value in braces, `{{{name}}}`, or define it with `@string{{{name} = {{...}}}}`")),
                    );
                    let mut next = current.to_owned();
                    next.replace_range(e.span.clone(), &blank(e.span.len()));
                    patched = Some(next);
                }
                ParseErrorKind::DuplicateKey(_) => break,
                // A field biber reads and the crate does not (an unclosed
                // `$` in an abstract): the field is left empty.
                kind if let Some(range) = failing_field(current, e.span.start)
                    && !skipped.contains(&range) =>
                {
                    diags.push(
                        Diagnostic::warning(
                            codes::BIB_SYNTAX,
                            format!(
                                "this field does not parse ({}); it is left empty",
                                match kind {
                                    ParseErrorKind::UnexpectedEof =>
                                        "a `$` or `{` in it is not closed".to_owned(),
                                    kind => describe(kind),
                                }
                            ),
                        )
                        .at(Span::new(file, range.clone())),
                    );
                    let mut next = current.to_owned();
                    next.replace_range(range.clone(), &blank(range.len()));
                    patched = Some(next);
                    skipped.push(range);
                }
                _ if let Some(range) = broken_entry(current, e.span.start)
                    && !skipped.contains(&range) =>
                {
                    patched = Some(skip_entry(current, range.clone(), &e, file, diags));
                    skipped.push(range);
                }
                kind => {
                    diags.push(
                        Diagnostic::error(
                            codes::BIB_SYNTAX,
                            format!("cite.bib does not parse: {}", describe(kind)),
                        )
                        .at(Span::new(file, e.span.clone())),
                    );
                    failed = true;
                    break;
                }
            },
        }
    }
    let parsed_text = patched.map_or_else(|| text.clone(), Arc::from);
    if failed {
        return None;
    }
    // Entries left out after their keys were listed.
    if keys
        .iter()
        .any(|(_, span)| skipped.iter().any(|r| r.contains(&(span.start as usize))))
    {
        keys.retain(|(_, span)| !skipped.iter().any(|r| r.contains(&(span.start as usize))));
        index = keys
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
    }
    let (references, aliases) = render_all(&parsed_text, file, diags);
    Some(BibFile {
        file,
        text: original,
        parsed_text,
        keys,
        index,
        references,
        aliases,
    })
}

/// How long a chain of `crossref`s and `xdata`s may be (biber's is far
/// shorter in practice); the biblatex crate resolves them recursively.
const MAX_REFERENCE_DEPTH: usize = 32;

/// A `crossref` or `xdata` field: its value's place and the keys it names.
type Link = (std::ops::Range<usize>, Vec<String>);

/// `crossref` and `xdata` fields that lead back to their own entry (or
/// through a chain too long to follow), which the biblatex crate would
/// follow forever: emptied in a copy of the text (their braces kept, so
/// every span stays where it is), with a warning. `None` when there are none.
fn cut_reference_cycles(
    raw: &RawBibliography,
    text: &str,
    file: FileId,
    diags: &mut Diagnostics,
) -> Option<String> {
    // Each entry's links: the field's value span and the keys it names.
    let mut links: HashMap<&str, Vec<Link>> = HashMap::new();
    for entry in &raw.entries {
        for pair in &entry.v.fields {
            let name = pair.key.v.to_ascii_lowercase();
            if name != "crossref" && name != "xdata" {
                continue;
            }
            let value: String = pair
                .value
                .v
                .iter()
                .map(|chunk| match chunk.v {
                    biblatex::RawChunk::Normal(t) | biblatex::RawChunk::Abbreviation(t) => t,
                })
                .collect();
            let keys = value
                .split(',')
                .map(|k| k.trim().to_owned())
                .filter(|k| !k.is_empty())
                .collect();
            links
                .entry(entry.v.key.v)
                .or_default()
                .push((pair.value.span.clone(), keys));
        }
    }
    if links.is_empty() {
        return None;
    }
    // Depth-first, without recursion: an edge to an entry still on the path
    // closes a cycle; one past the depth limit is too long. Both are cut.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    // (the field's value, its entry, the entry it names, whether the chain
    // is too long rather than a cycle)
    let mut cut: Vec<(std::ops::Range<usize>, String, String, bool)> = Vec::new();
    let mut roots: Vec<&str> = links.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        if marks.contains_key(root) {
            continue;
        }
        // (entry, index of its next link, index of the next key in it)
        let mut stack: Vec<(&str, usize, usize)> = vec![(root, 0, 0)];
        marks.insert(root, Mark::Open);
        while let Some(&mut (node, ref mut link, ref mut key)) = stack.last_mut() {
            let node_links = links.get(node).map_or(&[][..], Vec::as_slice);
            let Some((span, keys)) = node_links.get(*link) else {
                marks.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            let Some(target) = keys.get(*key) else {
                *link += 1;
                *key = 0;
                continue;
            };
            *key += 1;
            let Some((&target, _)) = links.get_key_value(target.as_str()) else {
                continue;
            };
            let (span, depth) = (span.clone(), stack.len());
            match marks.get(target) {
                Some(Mark::Open) => cut.push((span, node.to_owned(), target.to_owned(), false)),
                Some(Mark::Done) => {}
                None if depth >= MAX_REFERENCE_DEPTH => {
                    cut.push((span, node.to_owned(), target.to_owned(), true))
                }
                None => {
                    marks.insert(target, Mark::Open);
                    stack.push((target, 0, 0));
                }
            }
        }
    }
    if cut.is_empty() {
        return None;
    }
    let mut patched = text.to_owned();
    let mut done = std::collections::HashSet::new();
    for (span, from, to, too_deep) in cut {
        if !done.insert(span.clone()) || span.end > patched.len() || span.len() < 2 {
            continue;
        }
        let why = if too_deep {
            format!("is a chain of more than {MAX_REFERENCE_DEPTH} entries")
        } else {
            format!("leads back to it (`{to}` takes fields from `{from}` in turn)")
        };
        diags.push(
            Diagnostic::warning(
                codes::BIB_CROSSREF,
                format!("the `crossref` or `xdata` of `{from}` {why}; it is ignored"),
            )
            .at(Span::new(file, span.clone()))
            .with_help(
                "an entry can take fields from another only if that one does not take them back",
            ),
        );
        // `{a}` → `{ }`: an empty value of the same length.
        let blank = format!("{{{}}}", " ".repeat(span.len() - 2));
        patched.replace_range(span, &blank);
    }
    Some(patched)
}

/// Renders every entry, warning about what it cannot print well: a field
/// its type needs that is missing, a command in a field that means nothing.
/// Also returns the entries' other keys (`ids`), each to its entry's key.
fn render_all(
    text: &str,
    file: FileId,
    diags: &mut Diagnostics,
) -> (HashMap<String, Reference>, HashMap<String, String>) {
    let mut out = HashMap::new();
    let mut aliases: HashMap<String, String> = HashMap::new();
    let (Ok(raw), Ok(bib)) = (
        RawBibliography::parse(text),
        biblatex::Bibliography::parse(text),
    ) else {
        return (out, aliases);
    };
    let mut kinds: HashMap<&str, &str> = raw
        .entries
        .iter()
        .map(|e| (e.v.key.v, e.v.kind.v))
        .collect();
    // biber's `ids`: other keys the entry is cited by (an alias that is
    // also an entry's own key is that entry's).
    let mut alias_kinds: Vec<(String, &str)> = Vec::new();
    for e in &raw.entries {
        let Some(ids) = bib.get(e.v.key.v).and_then(|entry| entry.get("ids")) else {
            continue;
        };
        for alias in text::field_text(ids).plain().split(',').map(str::trim) {
            if !alias.is_empty() && !kinds.contains_key(alias) && !aliases.contains_key(alias) {
                aliases.insert(alias.to_owned(), e.v.key.v.to_owned());
                alias_kinds.push((alias.to_owned(), e.v.kind.v));
            }
        }
    }
    for (alias, kind) in &alias_kinds {
        kinds.insert(alias.as_str(), kind);
    }
    let mut library = render::Library::default();
    for (key, kind) in &kinds {
        if let Some(entry) = bib.get(aliases.get(*key).map_or(key, |k| k.as_str())) {
            library.insert(key, entry, kind);
        }
    }
    for raw_entry in &raw.entries {
        let key = raw_entry.v.key.v;
        let Some(entry) = bib.get(key) else { continue };
        let kind = raw_entry.v.kind.v;
        let key_span = Span::new(file, raw_entry.v.key.span.clone());
        if kind.eq_ignore_ascii_case("set") {
            let mut members = Vec::new();
            for member in entry
                .get("entryset")
                .map(|chunks| text::field_text(chunks).plain())
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
            {
                match library.get(member) {
                    Some(found) => members.push(found),
                    _ => diags.push(
                        Diagnostic::warning(
                            codes::BIB_CROSSREF,
                            format!("the set `{key}` names `{member}`, which is not an entry of this file; it is left out of the set"),
                        )
                        .at(key_span)
                        .with_help("add the entry, or remove its key from `entryset`"),
                    ),
                }
            }
            if let Some(set) = render::render_set(entry, &members, &library) {
                out.insert(key.to_owned(), set);
            }
            continue;
        }
        let fields = render::Fields::new(entry, kind);
        for missing in missing_fields(&fields) {
            diags.push(
                Diagnostic::warning(
                    codes::BIB_MISSING_FIELD,
                    format!(
                        "the @{} entry `{key}` has no `{missing}`",
                        kind.to_ascii_lowercase()
                    ),
                )
                .at(key_span)
                .with_label(format!("biblatex's @{} needs `{missing}`", fields.kind))
                .with_help("its reference is printed without it"),
            );
        }
        let mut reported = std::collections::HashSet::new();
        for (name, chunks) in entry
            .fields
            .iter()
            .filter(|(name, _)| !NEVER_PRINTED.contains(&name.to_ascii_lowercase().as_str()))
        {
            for (command, range) in text::field_text(chunks).unknown {
                if reported.insert(command.clone()) {
                    diags.push(
                        Diagnostic::warning(codes::BIB_UNSUPPORTED_COMMAND, format!(
                            "`{command}` in the `{name}` field of `{key}` is not a command wita can print"
                        ))
                        .at(Span::new(file, range))
                        .with_help("its argument is printed as plain text; write the text itself"),
                    );
                }
            }
        }
        out.insert(key.to_owned(), render::render_in(entry, kind, &library));
    }
    (out, aliases)
}

/// Fields the reference list never prints (biblatex's standard style
/// reads them for sorting, cross-referencing or not at all): a command in
/// one of them is not worth a warning.
const NEVER_PRINTED: &[&str] = &[
    "abstract",
    "annotation",
    "annote",
    "comment",
    "comments",
    "crossref",
    "date-added",
    "date-modified",
    "entryset",
    "file",
    "ids",
    "indexsorttitle",
    "indextitle",
    "keywords",
    "langid",
    "langidopts",
    "library",
    "mendeley-tags",
    "mrclass",
    "mrnumber",
    "mrreviewer",
    "options",
    "owner",
    "presort",
    "related",
    "relatedoptions",
    "relatedtype",
    "sortkey",
    "sortname",
    "sortshorthand",
    "sorttitle",
    "sortyear",
    "timestamp",
    "xdata",
    "xref",
];

/// The fields without which an entry of its type reads as broken.
fn missing_fields(f: &render::Fields) -> Vec<&'static str> {
    // biblatex's @set (a group of entries, `entryset`) and @xdata (fields for
    // others) are not printed as references of their own: nothing is missing.
    if matches!(f.kind.as_str(), "set" | "xdata") {
        return Vec::new();
    }
    let mut needs: Vec<&[&'static str]> = vec![&["title"]];
    match f.kind.as_str() {
        "article" => needs.push(&["journaltitle"]),
        "inbook" | "incollection" | "inproceedings" | "bookinbook" | "inreference" => {
            needs.push(&["booktitle"])
        }
        "online" => needs.push(&["url", "doi", "eprint"]),
        "thesis" | "report" => needs.push(&["institution"]),
        "periodical" => needs[0] = &["title", "issuetitle"],
        _ => {}
    }
    needs
        .into_iter()
        .filter(|any| !any.iter().any(|n| f.has(n)))
        .map(|any| any[0])
        .collect()
}

/// The value of the field that holds byte `at`, braces or quotes included.
fn failing_field(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let raw = RawBibliography::parse(text).ok()?;
    raw.entries
        .iter()
        .flat_map(|e| &e.v.fields)
        .map(|pair| pair.value.span.clone())
        .find(|span| span.start <= at && at <= span.end && span.end <= text.len())
}

/// `text` with the entry at `range` blanked out (byte offsets unchanged),
/// and a warning that it is left out.
fn skip_entry(
    text: &str,
    range: std::ops::Range<usize>,
    error: &biblatex::ParseError,
    file: FileId,
    diags: &mut Diagnostics,
) -> String {
    let key_end = text[range.clone()]
        .find([',', '\n'])
        .map_or(range.end, |i| range.start + i);
    let mut warning = Diagnostic::warning(
        codes::BIB_SYNTAX,
        format!(
            "this entry does not parse ({}); it is left out, as biber leaves it out",
            describe(&error.kind)
        ),
    )
    .at(Span::new(file, range.start..key_end));
    if error.span.end <= text.len() && error.span.start <= error.span.end {
        warning =
            warning.with_secondary(Span::new(file, error.span.clone()), describe(&error.kind));
    }
    diags.push(warning);
    let blanked: String = text[range.clone()]
        .bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect();
    let mut next = text.to_owned();
    next.replace_range(range, &blanked);
    next
}

/// The entry an error at `at` belongs to: the text from an `@` at a line's
/// start to the next one. An entry whose braces do not balance swallows the
/// ones after it (the error is then reported at the file's end), so the
/// first such entry before `at` is the one to leave out.
fn broken_entry(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let mut starts: Vec<usize> = Vec::new();
    let mut line_start = true;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'@' if line_start => starts.push(i),
            b'\n' => line_start = true,
            b' ' | b'\t' | b'\r' => {}
            _ => line_start = false,
        }
    }
    let ranges: Vec<std::ops::Range<usize>> = starts
        .iter()
        .enumerate()
        .map(|(n, &s)| s..starts.get(n + 1).copied().unwrap_or(text.len()))
        .collect();
    let balanced = |r: &std::ops::Range<usize>| {
        let mut depth = 0i64;
        let mut escaped = false;
        for b in text[r.clone()].bytes() {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
        }
        depth == 0
    };
    ranges
        .iter()
        .filter(|r| r.start <= at)
        .find(|r| !balanced(r))
        .or_else(|| ranges.iter().rfind(|r| r.start <= at))
        .cloned()
}

/// An empty braced value as long as the text it replaces.
fn blank(len: usize) -> String {
    if len < 2 {
        return "{}".into();
    }
    format!("{{{}}}", " ".repeat(len - 2))
}

fn describe(kind: &ParseErrorKind) -> String {
    match kind {
        ParseErrorKind::UnexpectedEof => "the file ends inside an entry (a `}` is missing)".into(),
        ParseErrorKind::Unexpected(t) => format!("unexpected {}", token(*t)),
        ParseErrorKind::Expected(t) => format!("expected {}", token(*t)),
        ParseErrorKind::UnknownAbbreviation(a) => {
            format!("`{a}` is not a defined @string abbreviation")
        }
        ParseErrorKind::MalformedCommand => "a TeX command is malformed".into(),
        ParseErrorKind::DuplicateKey(k) => format!("the key `{k}` is used by two entries"),
        ParseErrorKind::ResolutionError(e) => format!("a cross-reference does not resolve ({e})"),
        other => other.to_string(),
    }
}

fn token(t: biblatex::Token) -> String {
    use biblatex::Token as T;
    match t {
        T::Identifier => "an identifier".into(),
        T::OpeningBrace => "`{`".into(),
        T::ClosingBrace => "`}`".into(),
        T::Comma => "a comma".into(),
        T::QuotationMark => "`\"`".into(),
        T::Equals => "`=`".into(),
        T::DecimalPoint => "`.`".into(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    fn load(text: &str) -> (Option<BibFile>, Diagnostics, Sources) {
        let sources = Sources::new();
        let id = sources.add("cite.bib", text);
        let mut diags = Diagnostics::new();
        let bib = parse(Arc::from(text), id, &mut diags);
        (bib, diags, sources)
    }

    #[test]
    fn crossref_and_xdata_cycles_are_cut_with_a_warning() {
        // Without the guard, the biblatex crate follows these forever (a
        // stack overflow, as with biber's own test files).
        let text = "@inbook{a, title={A}, crossref={b}}\n\
                    @book{b, title={B}, booktitle={BB}, crossref={a}}\n\
                    @book{self, title={S}, xdata={self}}\n\
                    @xdata{x, publisher={P}, xdata={y}}\n@xdata{y, location={L}, xdata={x}}\n\
                    @book{c, title={C}, xdata={x}}";
        let (bib, d, _) = load(text);
        let bib = bib.expect("the file still loads");
        assert!(bib.contains("a") && bib.contains("c"));
        let warnings: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            warnings.iter().filter(|m| m.contains("leads back")).count(),
            3,
            "{warnings:?}"
        );
        assert!(!d.has_errors(), "{warnings:?}");
    }

    #[test]
    fn a_long_crossref_chain_is_cut_at_its_limit() {
        let mut text = String::new();
        for i in 0..200 {
            text.push_str(&format!(
                "@book{{k{i}, title={{T{i}}}, crossref={{k{}}}}}\n",
                i + 1
            ));
        }
        text.push_str("@book{k200, title={End}, publisher={P}}\n");
        let (bib, d, _) = load(&text);
        assert!(bib.is_some());
        assert!(
            d.iter().any(|d| d.message.contains("more than 32 entries")),
            "{d:?}"
        );
    }

    #[test]
    fn sets_and_xdata_need_no_title() {
        let (_, d, _) =
            load("@set{s, entryset={a}}\n@xdata{x, publisher={P}}\n@book{a, title={A}, xdata={x}}");
        assert!(
            !d.iter().any(|d| d.message.contains("has no")),
            "{:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }

    #[test]
    fn keys_in_file_order_with_spans() {
        let (bib, d, sources) = load(
            "@online{b,\n title={B}, url={u}}\n\n@article{a, title={A}, journal={J}, year=2020}",
        );
        assert!(d.is_empty());
        let bib = bib.unwrap();
        let keys: Vec<&str> = bib.keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(
            sources.location(bib.key_span("a").unwrap()),
            "cite.bib:4:10"
        );
        assert!(bib.contains("b") && !bib.contains("c"));
    }

    #[test]
    fn empty_files_parse() {
        let (bib, d, _) = load("");
        assert!(d.is_empty() && bib.unwrap().is_empty());
        let (bib, _, _) = load("% only a comment\n");
        assert!(bib.unwrap().is_empty());
    }

    #[test]
    fn an_entry_that_does_not_parse_is_left_out_with_a_warning() {
        // A missing comma, then a missing `}` that would swallow the rest.
        let (bib, d, sources) = load(
            "@article{a,\n  title = {A},\n  year = 2020\n  author = {X}\n}\n\
             @book{b, title = {B}, publisher = {P}, year = 1999}\n\
             @book{c, title = {C, publisher = {P}, year = 1999}\n\
             @book{d, title = {D}, publisher = {P}, year = 2001}\n",
        );
        let bib = bib.expect("the other entries are read");
        let keys: Vec<&str> = bib.keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "d"]);
        assert!(!d.has_errors());
        let at: Vec<String> = d
            .iter()
            .map(|w| {
                assert!(w.message.contains("it is left out"), "{w:?}");
                sources.location(w.span.unwrap())
            })
            .collect();
        assert_eq!(at, ["cite.bib:1:1", "cite.bib:7:1"]);
        // The text shown in diagnostics is the file as written.
        assert!(bib.text.contains("title = {C, publisher"));
    }

    #[test]
    fn a_field_with_an_unclosed_dollar_is_left_empty() {
        let (bib, d, sources) = load(
            "@article{a, title = {A}, journal = {J}, year = 1999,\n  abstract = {It costs 5$ only}}\n",
        );
        let bib = bib.expect("the entry is kept");
        assert!(bib.contains("a"));
        let w = d.iter().next().expect("a warning");
        assert!(
            w.message.contains("a `$` or `{` in it is not closed"),
            "{w:?}"
        );
        assert_eq!(sources.location(w.span.unwrap()), "cite.bib:2:14");
    }

    #[test]
    fn a_date_biber_cannot_read_leaves_year_and_month() {
        let (bib, _, _) = load(
            "@book{b, author = {Bauer, Heinz}, title = {T}, publisher = {P},\n  year = {1982}, month = {1}, date = {1}}",
        );
        let r = &bib.unwrap().references["b"];
        assert!(r.plain_text().contains("Jan. 1982"), "{}", r.plain_text());
        assert_eq!(r.sort.year, 1982);
    }

    #[test]
    fn page_prefixes_as_biblatex_chooses_them() {
        let shown = |pages: &str| {
            let text = format!(
                "@article{{a, author = {{A. B}}, title = {{T}}, journal = {{J}}, year = 2000, pages = {{{pages}}}}}"
            );
            let (bib, _, _) = load(&text);
            bib.unwrap().references["a"].plain_text()
        };
        assert!(shown("45").contains("p.\u{a0}45"), "{}", shown("45"));
        assert!(
            shown("iv--x").contains("pp.\u{a0}iv–x"),
            "{}",
            shown("iv--x")
        );
        assert!(
            shown("xii + 298").contains("pp.\u{a0}xii + 298"),
            "{}",
            shown("xii + 298")
        );
        let e = shown("e1003");
        assert!(e.contains("e1003") && !e.contains("p.\u{a0}e1003"), "{e}");
    }

    #[test]
    fn names_split_at_and_in_any_case() {
        let (bib, _, _) = load(
            "@book{a, author = {Ann Smith AND Bob Jones And Cy Wu}, title = {T}, publisher = {P}, year = 2000}",
        );
        let text = bib.unwrap().references["a"].plain_text();
        assert!(
            text.starts_with("Ann Smith, Bob Jones, and Cy Wu."),
            "{text}"
        );
    }

    #[test]
    fn seasons_and_years_before_the_common_era() {
        let (bib, _, _) = load(
            "@article{a, author = {A. B}, title = {T}, journal = {J}, date = {2012-22}}\n@book{b, title = {Old}, date = {-3000}}",
        );
        let bib = bib.unwrap();
        assert!(
            bib.references["a"].plain_text().contains("(Sum. 2012)"),
            "{}",
            bib.references["a"].plain_text()
        );
        assert!(
            bib.references["b"].plain_text().contains("\u{2212}3000"),
            "{}",
            bib.references["b"].plain_text()
        );
    }

    #[test]
    fn a_file_cut_off_in_its_only_entry_has_no_entries() {
        let (bib, d, _) = load("@article{");
        assert!(bib.unwrap().is_empty());
        assert!(!d.has_errors() && d.len() == 1, "{d:?}");
    }

    #[test]
    fn duplicate_keys_warn_at_the_second_and_keep_the_first() {
        let (bib, d, sources) =
            load("@misc{k, title={1}}\n@misc{k, title={2}}\n@misc{j, title={3}}");
        let bib = bib.expect("biber builds it");
        let e = d.iter().next().unwrap();
        assert!(!e.is_error(), "{e:?}");
        assert_eq!(sources.location(e.span.unwrap()), "cite.bib:2:7");
        assert_eq!(e.secondary.len(), 1);
        assert_eq!(bib.keys.len(), 2);
        // The first entry is the one printed, the one after still read.
        assert!(bib.parsed_text.contains("title={1}") && !bib.parsed_text.contains("title={2}"));
        assert!(bib.references.contains_key("k") && bib.references.contains_key("j"));
    }

    #[test]
    fn undefined_abbreviations_warn_and_are_blanked_in_place() {
        let text = "@article{k,\n  title = {T},\n  current = information,\n  note = other # { x},\n  journal = {J},\n}";
        let (bib, d, sources) = load(text);
        let bib = bib.expect("tolerated");
        assert_eq!(d.warning_count(), 2, "{d:?}");
        assert_eq!(
            sources.location(d.iter().next().unwrap().span.unwrap()),
            "cite.bib:3:13"
        );
        assert_eq!(bib.parsed_text.len(), text.len());
        assert!(bib.parsed_text.contains("current = {         },"));
        assert!(biblatex::Bibliography::parse(&bib.parsed_text).is_ok());
    }

    #[test]
    fn month_abbreviations_are_defined() {
        let (bib, d, _) = load("@misc{k, title={T}, month = jul}");
        assert!(bib.is_some() && d.is_empty(), "{d:?}");
    }

    #[test]
    fn missing_needed_fields_warn_at_the_key() {
        let (bib, d, sources) = load("@misc{a, title={T}}\n@article{b,\n  title={T}, year=2020}");
        assert!(bib.is_some());
        assert_eq!(d.warning_count(), 1, "{d:?}");
        let w = d.iter().next().unwrap();
        assert!(w.message.contains("`journaltitle`"), "{w:?}");
        assert_eq!(sources.location(w.span.unwrap()), "cite.bib:2:10");
    }

    #[test]
    fn unknown_commands_in_fields_warn_at_their_line() {
        let (bib, d, sources) = load("@misc{a,\n  title={T},\n  note={A \\frob{x} b}}");
        let bib = bib.unwrap();
        let w = d.iter().next().expect("a warning");
        assert!(w.message.contains("\\frob"), "{w:?}");
        assert!(sources.location(w.span.unwrap()).starts_with("cite.bib:3:"));
        assert_eq!(bib.references["a"].plain_text(), "T. A x b.");
        // A field the list never prints (`annotation`) is not looked at.
        let (_, d, _) = load("@misc{b, title={T}, annotation={With \\arabic{author} authors}}");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn similar_keys_are_suggested() {
        let (bib, _, _) = load("@misc{Moore1965, title={x}}");
        assert_eq!(bib.unwrap().similar("moore1965"), Some("Moore1965"));
    }
}
