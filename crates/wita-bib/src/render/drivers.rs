//! The drivers of biblatex's `standard.bbx`, entry type by entry type,
//! with the macros they share (`author/editor+others`, `in:`,
//! `maintitle+booktitle`, `doi+eprint+url`…).

use super::Library;
use super::Piece;
use super::dates::{entry_date, format_date, format_short_date};
use super::fields::{Fields, is_integer, normalise_range, ordinal, pages_prefix};
use super::names::Names;
use super::punctuation::{Out, acronym, bibstring, merge, plain, runs, verbatim};
use super::roles;
use crate::text::FieldText;

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
        // `\mkbibquote` inside the quoted title is a quotation within a
        // quotation: single quotes (quotes typed as ``…'' stay as typed).
        let source = [title, sub]
            .map(|n| f.source(n).unwrap_or_default())
            .concat();
        if ["\\mkbibquote", "\\enquote"]
            .iter()
            .any(|c| source.contains(c))
            && !source.contains("``")
        {
            for p in &mut inner {
                p.text = p.text.replace('“', "‘").replace('”', "’");
            }
        }
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
pub(super) fn print(f: &Fields, library: &Library) -> Vec<Piece> {
    finish(print_unfinished(f, library))
}

/// The entry's pieces without `\finentry`'s closing period: a member of a
/// set is followed by `\entrysetpunct` instead.
pub(super) fn print_unfinished(f: &Fields, library: &Library) -> Out {
    Renderer::new(f, library, Vec::new()).render()
}

/// `\finentry`: the closing period, unless the entry ends a sentence of
/// its own (an entry with no field biblatex prints is just that period).
pub(super) fn finish(mut out: Out) -> Vec<Piece> {
    out.pending = Some(".");
    if !matches!(out.last_char(), Some('.' | '?' | '!')) {
        out.pieces.push(plain("."));
    }
    merge(out.pieces)
}

/// What `\citetitle` prints: the title as the list prints it.
pub(super) fn cite_title(f: &Fields) -> Vec<Piece> {
    let style = title_style(&f.written_kind);
    merge(title_pieces(f, "title", "subtitle", style))
}

struct Renderer<'a> {
    f: &'a Fields<'a>,
    /// Where `related` entries are found.
    library: &'a Library<'a>,
    /// The entries whose related entries are being printed, outermost
    /// first: one of them is not printed again (`\ifrelatedloop`).
    related_loop: Vec<String>,
    out: Out,
    driver: &'static str,
    /// Name lists already printed (biblatex's `\clearname`): a role is
    /// named once.
    cleared: Vec<&'static str>,
}

impl<'a> Renderer<'a> {
    fn new(f: &'a Fields<'a>, library: &'a Library<'a>, related_loop: Vec<String>) -> Self {
        Renderer {
            f,
            library,
            related_loop,
            out: Out::default(),
            driver: driver(&f.kind),
            cleared: Vec::new(),
        }
    }

    fn names(&mut self, names: &Names) {
        self.out.text(names.full());
    }

    /// A name list not yet printed.
    fn live(&self, role: &'static str) -> Option<Names> {
        if self.cleared.contains(&role) {
            return None;
        }
        self.f.names(role)
    }

    fn clear(&mut self, role: &'static str) {
        self.cleared.push(role);
    }

    /// The roles held by the same people as `who` (biblatex's
    /// `\ifnamesequal` chain): the translator (if asked), then one of
    /// commentator/annotator, then one of introduction/foreword/afterword.
    fn same_roles(&self, who: &Names, with_translator: bool) -> Vec<&'static str> {
        let same = |role: &'static str| self.live(role).is_some_and(|n| n.same_as(who));
        let mut roles = Vec::new();
        if with_translator && same("translator") {
            roles.push("translator");
        }
        roles.extend(roles::COMMENT_GROUP.into_iter().find(|r| same(r)));
        roles.extend(roles::PREFACE_GROUP.into_iter().find(|r| same(r)));
        roles
    }

    /// `from the French`: the `origlanguage` after `trans.`.
    fn original_language(&self) -> Option<String> {
        let (items, _) = self.f.list("origlanguage")?;
        let langs: Vec<String> = items.iter().map(|t| t.plain().trim().to_owned()).collect();
        Some(roles::from_languages(&langs))
    }

    /// `\usebibmacro{author}` (unless the entry says `useauthor=false`).
    fn author(&mut self) -> bool {
        if !self.f.option("useauthor", true) {
            return false;
        }
        match self.live("author") {
            Some(a) => {
                self.names(&a);
                self.clear("author");
                true
            }
            None => false,
        }
    }

    /// `editor+others`: `Names, ed.` (`eds.`, `ed. and trans.`, `comp.`).
    fn editor_others(&mut self) -> bool {
        if !self.f.option("useeditor", true) {
            return false;
        }
        let Some(ed) = self.live("editor") else {
            return false;
        };
        self.names(&ed);
        let plural = ed.count() > 1;
        let s = match self.f.plain("editortype").as_deref() {
            None | Some("editor") => {
                let others = self.same_roles(&ed, true);
                others.iter().for_each(|r| self.clear(r));
                roles::head(if plural { "eds." } else { "ed." }, &others)
            }
            // english.lbx has no `compilertr`…: the type alone.
            Some(kind) => roles::editor_type(kind, plural),
        };
        self.out.setunit(", ");
        self.out.text(s);
        self.clear("editor");
        true
    }

    /// `translator+others` at an entry's head: only with biblatex's
    /// `usetranslator`, off by default (an entry may set it in `options`),
    /// so the translator is usually named later, "Trans. by …".
    fn translator_others(&mut self) -> bool {
        if !self.f.option("usetranslator", false) {
            return false;
        }
        let Some(tr) = self.live("translator") else {
            return false;
        };
        self.names(&tr);
        let others = self.same_roles(&tr, false);
        others.iter().for_each(|r| self.clear(r));
        self.out.setunit(", ");
        self.out.text(roles::head("trans.", &others));
        self.clear("translator");
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
        // english.lbx) by that string, any other as written (`chinese`),
        // joined as any list (`English, German, et al.`). `clearlang`
        // (biblatex's default) clears a list of one language, `and others`
        // aside, when it is the document's own, English, in any of the
        // names `\DeclareRedundantLanguages` gives it; a longer list stays
        // whole.
        let cleared = self.f.list("language").is_some_and(|(items, _)| {
            // The key as written (`english`, `langenglish`), not its name:
            // biber compares keys, and `English` as written is printed.
            let key = |t: &FieldText| {
                let l = t.plain().trim().to_owned();
                l.strip_prefix("lang").unwrap_or(&l).to_owned()
            };
            items.len() == 1 && ENGLISH.contains(&key(&items[0]).as_str())
        });
        let pieces = if cleared {
            None
        } else {
            list_pieces(self.f, "language", false, |t| {
                vec![plain(language_name(t.plain().trim()))]
            })
        };
        match pieces {
            Some(pieces) => self.out.print(pieces),
            None => self.out.last_ins = false,
        }
        self.out.newunit();
    }

    /// `byeditor+others`: `Ed. and comm. by …`, the other editors
    /// (`editora`…), then `bytranslator+others`.
    fn byeditor_others(&mut self) {
        if let Some(ed) = self.live("editor") {
            let s = match self.f.plain("editortype").as_deref() {
                None | Some("editor") => {
                    let others = self.same_roles(&ed, true);
                    others.iter().for_each(|r| self.clear(r));
                    let s = roles::by("ed.", &others, self.original_language().as_deref());
                    self.out.string(&s)
                }
                Some(kind) => self.by_type(kind),
            };
            self.out.text(s);
            self.out.setunit(" ");
            self.names(&ed);
            self.out.newunit();
            self.clear("editor");
        }
        // `byeditorx`
        for (role, kind) in [
            ("editora", "editoratype"),
            ("editorb", "editorbtype"),
            ("editorc", "editorctype"),
        ] {
            if let Some(names) = self.live(role) {
                let s = self.by_type(self.f.plain(kind).as_deref().unwrap_or("editor"));
                self.out.text(s);
                self.out.setunit(" ");
                self.names(&names);
                self.out.newunit();
            }
        }
        self.bytranslator_others();
    }

    /// `bytypestrg`: a known type's bibstring, capitalised at a sentence's
    /// start; another type as written.
    fn by_type(&self, kind: &str) -> String {
        if roles::is_known_type(kind) {
            self.out.string(&roles::by_type(kind))
        } else {
            kind.to_owned()
        }
    }

    /// `bytranslator+others`: `Trans. from the French and annot. by …`,
    /// then `withothers`.
    fn bytranslator_others(&mut self) {
        if let Some(tr) = self.live("translator") {
            let others = self.same_roles(&tr, false);
            others.iter().for_each(|r| self.clear(r));
            let s = roles::by("trans.", &others, self.original_language().as_deref());
            let s = self.out.string(&s);
            self.out.text(s);
            self.out.setunit(" ");
            self.names(&tr);
            self.out.newunit();
            self.clear("translator");
        }
        // `withothers`: each role not named yet, `With an intro. by …`.
        for role in roles::COMMENT_GROUP.into_iter().chain(roles::PREFACE_GROUP) {
            if let Some(names) = self.live(role) {
                let s = self.out.string(roles::with_role(role));
                self.out.text(s);
                self.out.setunit(" ");
                self.names(&names);
                self.clear(role);
            }
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
            if self.volume() {
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
            if self.volume() {
                self.out.setunit(": ");
            }
        }
        self.title();
        self.out.newunit();
    }

    /// `\printfield{volume}\printfield{part}` when there is no maintitle.
    fn volume_part(&mut self) {
        if !self.f.has("maintitle") {
            self.volume();
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

    /// A literal list (publisher, location, institution, organization),
    /// as `\printlist` prints it.
    fn list(&mut self, name: &str) {
        match list_pieces(self.f, name, false, |t| runs(t, false)) {
            Some(pieces) => self.out.print(pieces),
            None => self.out.last_ins = false,
        }
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
        // `\url` drops the spaces of a verbatim field (`PubMed Central`).
        if let Some(e) = self.f.plain("eprint").map(|e| e.replace(' ', "")) {
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
            let url = printed_url(&url);
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

    fn render(mut self) -> Out {
        let f = self.f;
        self.head();
        match self.driver {
            "article" => {
                self.title();
                self.language();
                self.bytranslator_others();
                self.out.newunit();
                self.version();
                self.out.newunit();
                self.in_();
                self.journal_issuetitle("journaltitle", "journalsubtitle", "journaltitleaddon");
                self.byeditor_others();
                self.out.newunit();
                self.note_pages();
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
                self.version();
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
                if let Some(mut loc) = list_pieces(f, "location", true, bibstring_item) {
                    self.out.setunit_star(" ");
                    loc.insert(0, plain("("));
                    loc.push(plain(")"));
                    self.out.print(loc);
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
                // title+issuetitle
                self.journal_issuetitle("title", "subtitle", "titleaddon");
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
        self.out.newunit();
        self.related();
        self.out
    }

    /// A journal's `series` (`\DeclareFieldFormat[article,periodical]`):
    /// a number as `3rd ser.`, a bibstring (`newseries`) as its string.
    fn journal_series(&mut self) {
        let Some(series) = self.f.plain("series") else {
            self.out.last_ins = false;
            return;
        };
        if is_integer(&series) {
            // Not at a sentence's start: the number is.
            self.out.text(format!("{}\u{a0}ser.", ordinal(&series)));
        } else if let Some(s) = bibstring(&series) {
            let s = self.out.string(s);
            self.out.text(s);
        } else {
            self.out.field(self.f.get("series"));
        }
    }

    /// `journal+issuetitle` (an article's journal) and `title+issuetitle`
    /// (a periodical's own title): `Journal. 3rd ser. 12.4 (Mar. 2001):
    /// Issue Title`.
    fn journal_issuetitle(&mut self, title: &str, sub: &str, addon: &str) {
        let f = self.f;
        let journal = title_pieces(f, title, sub, TitleStyle::Italic);
        if !journal.is_empty() {
            self.out.print(journal);
            self.out.newunit();
        } else {
            self.out.last_ins = false;
        }
        // Printed only when present, so that `\setunit*` below still sees
        // the journal title as the last field printed.
        if let Some(addon) = f.get(addon) {
            self.out.field(Some(addon));
        }
        self.out.setunit_star(" ");
        if f.has("series") {
            self.out.newunit();
            self.journal_series();
            self.out.setunit(" ");
        }
        self.out.field(f.get("volume"));
        self.out.setunit_star(".");
        self.out.field(f.get("number"));
        self.out.setunit(", ");
        self.out.field(f.get("eid"));
        self.out.setunit(" ");
        self.issue_date();
        self.out.newunit();
        self.out.setunit(": ");
        let issue = title_pieces(f, "issuetitle", "issuesubtitle", TitleStyle::Italic);
        if !issue.is_empty() {
            self.out.print(issue);
            self.out.newunit();
        }
        self.out.field(f.get("issuetitleaddon"));
        self.out.newunit();
    }

    /// `\printfield{volume}\printfield{part}`: `Vol. 3.2`; whether it
    /// printed.
    fn volume(&mut self) -> bool {
        let Some(v) = self.f.plain("volume") else {
            self.out.last_ins = false;
            return false;
        };
        let s = self.out.string("vol.");
        let part = self
            .f
            .plain("part")
            .map(|p| format!(".{p}"))
            .unwrap_or_default();
        self.out.text(format!("{s}\u{a0}{v}{part}"));
        true
    }

    /// `note+pages`: an article's note, then its pages.
    fn note_pages(&mut self) {
        self.out.field(self.f.get("note"));
        self.out.setunit(", ");
        self.pages();
    }

    /// `issue+date`: `(issue date)`, the parentheses even when both are
    /// missing (`In: Journal ().`), as biblatex prints them.
    fn issue_date(&mut self) {
        let mut inner = Vec::new();
        if let Some(i) = self.f.get("issue") {
            inner.extend(runs(&i, false));
        }
        if let Some(d) = entry_date(self.f, "date") {
            if !inner.is_empty() {
                inner.push(plain(" "));
            }
            inner.push(plain(format_date(&d)));
        }
        inner.insert(0, plain("("));
        inner.push(plain(")"));
        self.out.print(inner);
    }

    /// The `related` macro of standard.bbx: after the entry, the entries
    /// its `related` field names, introduced by `relatedstring` or the
    /// `relatedtype`'s string (`Trans. of`, `Repr. from`), each printed as
    /// its `related:<type>` macro prints it.
    fn related(&mut self) {
        let Some(list) = self.f.plain("related") else {
            return;
        };
        let me = self.f.key().to_owned();
        let kind = self.f.plain("relatedtype").unwrap_or_default();
        let keys: Vec<&str> = list
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty() && *k != me && !self.related_loop.iter().any(|l| l == k))
            .filter(|k| self.library.get(k).is_some())
            .collect();
        if keys.is_empty() {
            return;
        }
        let mut inner: Vec<Piece> = Vec::new();
        let string = match self.f.get("relatedstring") {
            Some(rs) => match bibstring(rs.plain().trim()) {
                Some(s) => Some(vec![plain(self.out.string(s))]),
                // `\autocap{e}xcerpt in`: capitalised at a sentence's start.
                None => {
                    let mut pieces = runs(&rs, false);
                    let autocap = self
                        .f
                        .source("relatedstring")
                        .is_some_and(|s| s.trim_start().starts_with("\\autocap"));
                    if autocap && let Some(first) = pieces.first_mut() {
                        first.text = self.out.string(&first.text);
                    }
                    Some(pieces)
                }
            },
            None => bibstring(&kind).map(|s| vec![plain(self.out.string(s))]),
        };
        // `\begrelateddelimmultivolume`: the volumes start on a new line.
        if kind == "multivolume" {
            inner.push(plain("\n"));
        }
        if let Some(string) = string {
            inner.extend(string);
            inner.push(plain(" "));
        }
        let mut loop_keys = self.related_loop.clone();
        loop_keys.push(me);
        for (i, key) in keys.iter().enumerate() {
            let Some((entry, written)) = self.library.get(key) else {
                continue;
            };
            let related = Fields::new(entry, written);
            let mut r = Renderer::new(&related, self.library, loop_keys.clone());
            let pieces = r.related_entry(&kind, self.f);
            if pieces.iter().all(|p| p.text.is_empty()) {
                continue;
            }
            if i > 0 {
                // `\relateddelim`: a period (not after one) and a new line.
                let ends_sentence = inner
                    .iter()
                    .rev()
                    .flat_map(|p| p.text.chars().rev())
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| matches!(c, '.' | '?' | '!'));
                inner.push(plain(if ends_sentence { " \n" } else { ". \n" }));
            }
            inner.extend(pieces);
        }
        if matches!(kind.as_str(), "origpubin" | "origpubas") {
            inner.insert(0, plain("("));
            inner.push(plain(")"));
        }
        self.out.print(inner);
    }

    /// One related entry (this renderer's), as the `related:<type>` macro
    /// prints it; `saved` is the entry it is related to.
    fn related_entry(&mut self, kind: &str, saved: &Fields) -> Vec<Piece> {
        let f = self.f;
        let same = |role: &str| {
            f.names(role)
                .zip(saved.names(role))
                .is_some_and(|(a, b)| a.same_as(&b))
        };
        match kind {
            "multivolume" => {
                self.volume();
                self.out.setunit_star(": ");
                let style = title_style(&f.written_kind);
                self.title_macro("title", "subtitle", "titleaddon", style);
                if !same("author")
                    && let Some(a) = f.names("author")
                {
                    let s = self.out.string("by");
                    self.out.text(s);
                    self.out.setunit(" ");
                    self.names(&a);
                    self.out.newunit();
                }
                if same("editor") {
                    self.clear("editor");
                }
                self.byeditor_others();
                self.out.newunit();
                self.date();
            }
            "bytranslator" => {
                if let Some(tr) = f.names("translator") {
                    let s = self.out.string("trans. by");
                    self.out.text(s);
                    self.out.setunit(" ");
                    self.names(&tr);
                }
                self.out.setunit_star(" as ");
                self.title();
                self.out.setunit(" ");
                let mut sub = Renderer::new(f, self.library, Vec::new());
                sub.list("location");
                let colon = if f.has("publisher") { ": " } else { ", " };
                sub.out.setunit_star(colon);
                sub.list("publisher");
                sub.out.setunit_star(", ");
                sub.date();
                let mut parens = sub.out.pieces;
                if !parens.is_empty() {
                    parens.insert(0, plain("("));
                    parens.push(plain(")"));
                    self.out.print(parens);
                }
            }
            "origpubin" | "origpubas" => {
                if kind == "origpubas" {
                    self.title();
                } else {
                    match entry_date(f, "date") {
                        Some(d) => self.out.text(d.year),
                        None => self.out.last_ins = false,
                    }
                }
                let same_list =
                    |name: &str| f.plain(name).is_some() && f.plain(name) == saved.plain(name);
                if f.has("publisher") && !same_list("publisher") {
                    self.out.setunit(" by ");
                    self.list("publisher");
                    self.out.setunit(", ");
                    if !same_list("location") {
                        self.list("location");
                    }
                }
            }
            "reprintfrom" => {
                if f.has("journaltitle") {
                    self.journal_issuetitle("journaltitle", "journalsubtitle", "journaltitleaddon");
                    self.byeditor_others();
                    self.out.newunit();
                    self.note_pages();
                } else {
                    let title = if f.has("maintitle") {
                        "maintitle"
                    } else {
                        "booktitle"
                    };
                    if let Some(t) = f.get(title) {
                        self.out.print(runs(&t, true));
                    }
                    self.out.newunit();
                    self.byeditor_others();
                    self.out.newunit();
                    self.edition();
                    self.out.newunit();
                    self.volume();
                    self.out.newunit();
                    self.series_number();
                    self.out.field(f.get("note"));
                    self.out.newunit();
                    self.place_date(Some("publisher"));
                    self.chapter_pages();
                }
            }
            _ => {
                // `related:default`: the entry's own driver, without the
                // author (or editor) it shares with the entry before.
                if saved.names("author").is_some() {
                    if same("author") {
                        self.clear("author");
                    }
                } else if saved.names("editor").is_some() && same("editor") {
                    self.clear("editor");
                }
                let out = std::mem::take(&mut self.out);
                let renderer = Renderer {
                    f,
                    library: self.library,
                    related_loop: std::mem::take(&mut self.related_loop),
                    out,
                    driver: self.driver,
                    cleared: std::mem::take(&mut self.cleared),
                };
                return merge(renderer.render().pieces);
            }
        }
        merge(std::mem::take(&mut self.out.pieces))
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

/// A URL as biblatex prints it: biber percent-encodes the characters a
/// URI cannot hold (`<` → `%3C`), hyperref's `\url` a backslash left in
/// the field, and drops spaces.
pub(super) fn printed_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => {}
            '\\' => out.push_str("%5C"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '|' => out.push_str("%7C"),
            '^' => out.push_str("%5E"),
            c => out.push(c),
        }
    }
    out
}

/// biblatex's `maxitems` and `minitems` defaults.
const MAX_ITEMS: usize = 3;

/// A list field's items as `\printlist` joins them: `A and B`,
/// `A, B, and C`, `A et al.` past `maxitems` or for `and others`; with
/// `plain`, `A, B, C` (`list:plain`, a patent's countries).
fn list_pieces(
    f: &Fields,
    name: &str,
    plain_delims: bool,
    item: impl Fn(&FieldText) -> Vec<Piece>,
) -> Option<Vec<Piece>> {
    let (mut items, mut more) = f.list(name)?;
    if items.len() > MAX_ITEMS {
        items.truncate(1);
        more = true;
    }
    let stop = items.len();
    let mut out: Vec<Piece> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            let delim = if plain_delims || i + 1 < stop || more {
                ", "
            } else if stop > 2 {
                ", and "
            } else {
                " and "
            };
            out.push(plain(delim));
        }
        out.extend(item(it));
    }
    if more {
        out.push(plain(if stop > 1 { ", et al." } else { " et al." }));
    }
    Some(out)
}

/// A list item that is a bibstring key (`langgerman`, `countryfr`) prints
/// as that string.
fn bibstring_item(t: &FieldText) -> Vec<Piece> {
    let text = t.plain();
    match bibstring(text.trim()) {
        Some(s) => vec![plain(s)],
        None => runs(t, false),
    }
}

/// A language english.lbx has a string for (`german` → `German`).
pub(super) fn language_name_known(l: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(k, _)| *k == l)
        .map(|(_, name)| *name)
}

/// A language as biblatex's `language` list format prints it: by its
/// string (`german` or `langgerman` → `German`), any other as written.
fn language_name(l: &str) -> String {
    let key = l.strip_prefix("lang").unwrap_or(l);
    LANGUAGES
        .iter()
        .find(|(k, _)| *k == key || *k == l)
        .map_or(l.to_owned(), |(_, name)| (*name).to_owned())
}

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
