//! The drivers of biblatex's `standard.bbx`, entry type by entry type,
//! with the macros they share (`author/editor+others`, `in:`,
//! `maintitle+booktitle`, `doi+eprint+url`…).

use super::Piece;
use super::dates::{entry_date, format_date, format_short_date};
use super::fields::{Fields, is_integer, normalise_range, ordinal, pages_prefix};
use super::names::Names;
use super::punctuation::{Out, acronym, bibstring, merge, plain, runs, verbatim};
use crate::text::{FieldText, Run};

/// The entry types the standard style has a driver for, after its aliases.
pub(super) fn driver(kind: &str) -> &'static str {
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

fn string_field(out: &Out, f: &Fields, name: &str) -> Option<String> {
    let v = f.plain(name)?;
    Some(match bibstring(&v) {
        Some(s) => out.string(s),
        None => v,
    })
}

/// The entry's pieces, as its type's driver prints them.
pub(super) fn print(f: &Fields) -> Vec<Piece> {
    let renderer = Renderer {
        f,
        out: Out::default(),
        driver: driver(&f.kind),
        editor_used: false,
        translator_used: false,
    };
    renderer.render()
}

/// What `\citetitle` prints: the title as the list prints it.
pub(super) fn cite_title(f: &Fields) -> Vec<Piece> {
    let style = title_style(&f.written_kind);
    merge(title_pieces(f, "title", "subtitle", style))
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

    /// `translator+others` at an entry's head: only with biblatex's
    /// `usetranslator`, which is off by default, so the translator is named
    /// later, "Trans. by …" (as the sorting leaves it out too).
    fn translator_others(&mut self) -> bool {
        if !USE_TRANSLATOR {
            return false;
        }
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
        // biblatex prints a language its strings know (`lang<name>` in
        // english.lbx) by that string, any other as written (`chinese`).
        // `clearlang` (biblatex's default) drops the document's own language,
        // English, in each of the names `\DeclareRedundantLanguages` gives it.
        let lang = self
            .f
            .plain("language")
            .filter(|l| !ENGLISH.contains(&l.as_str()))
            .map(|l| {
                LANGUAGES
                    .iter()
                    .find(|(key, _)| *key == l.as_str())
                    .map_or(l.clone(), |(_, name)| (*name).to_owned())
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
            // Printed once, as biblatex clears the name once it is used.
            self.translator_used = true;
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
                match pages_prefix(&p) {
                    Some(prefix) => {
                        let prefix = self.out.string(prefix);
                        self.out.text(format!("{prefix}\u{a0}{p}"));
                    }
                    None => self.out.text(p),
                }
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

/// biblatex's `usetranslator` option (off by default).
const USE_TRANSLATOR: bool = false;

/// English as english.lbx's `\DeclareRedundantLanguages` names it.
const ENGLISH: &[&str] = &[
    "english",
    "american",
    "british",
    "canadian",
    "australian",
    "newzealand",
    "usenglish",
    "ukenglish",
];

/// english.lbx's `lang…` strings: a `language` field's value that biblatex
/// prints by name.
const LANGUAGES: &[(&str, &str)] = &[
    ("american", "American"),
    ("basque", "Basque"),
    ("brazilian", "Brazilian"),
    ("bulgarian", "Bulgarian"),
    ("catalan", "Catalan"),
    ("croatian", "Croatian"),
    ("czech", "Czech"),
    ("danish", "Danish"),
    ("dutch", "Dutch"),
    ("english", "English"),
    ("estonian", "Estonian"),
    ("finnish", "Finnish"),
    ("french", "French"),
    ("galician", "Galician"),
    ("german", "German"),
    ("greek", "Greek"),
    ("hungarian", "Hungarian"),
    ("italian", "Italian"),
    ("japanese", "Japanese"),
    ("latin", "Latin"),
    ("latvian", "Latvian"),
    ("lithuanian", "Lithuanian"),
    ("marathi", "Marathi"),
    ("norwegian", "Norwegian"),
    ("polish", "Polish"),
    ("portuguese", "Portuguese"),
    ("romanian", "Romanian"),
    ("russian", "Russian"),
    ("serbian", "Serbian"),
    ("slovak", "Slovak"),
    ("slovene", "Slovene"),
    ("spanish", "Spanish"),
    ("swedish", "Swedish"),
    ("turkish", "Turkish"),
    ("ukrainian", "Ukrainian"),
];
