//! Every command and environment the reader knows, one module per LaTeX
//! package (or family of packages), merged into one table — the way pandoc's
//! LaTeX reader unions per-package command maps.
//!
//! An [`Entry`] has a name, an argument shape, a handler and a one-line
//! description. A command's whole meaning is in its package's module: the
//! handler, and what the lexer and [`Reader::arg_string`] need to know about
//! it. Adding a command is adding an entry (and, for new behaviour, its
//! handler beside it). [`commands`] lists the table for
//! `wita convert --list-commands` and for the README, whose list is
//! generated from it.
//!
//! Math is not here: math is kept as LaTeX and converted by mitex
//! (`wita-typst`'s `math.rs`).

mod aastex;
mod algorithms;
mod amsthm;
mod citations;
mod colour;
mod core;
pub(crate) mod counters;
pub(crate) mod definitions;
mod extras;
mod floats;
mod fonts;
pub(crate) mod glossaries;
mod graphics;
mod hyperref;
mod ifthen;
mod journal;
mod lipsum;
mod lists;
mod math;
mod multibib;
mod papers;
mod preamble;
mod references;
pub(crate) mod registers;
mod sectioning;
mod siunitx;
mod symbols;
mod tables;
mod tcolorbox;
mod text_styles;
mod verbatim;

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, Node, NodeKind, Rule, Style, TableCell};

pub(crate) use amsthm::{Counter as TheoremCounter, Theorem};
pub(crate) use extras::{NOMENCLATURE_MARK, nomenclature_list};
pub(crate) use siunitx::{
    SiOptions, math_latex as si_math_latex, prints_in_math as si_prints_in_math,
};

use crate::ReadContext;
use crate::lex::{TokenKind, detokenize};
use crate::reader::{Reader, Stop, push_text};

/// A command's handler: reads the command's arguments and appends what it
/// means to `out`. `name` is the command as written (several commands share
/// a handler).
pub(crate) type CommandFn = fn(&mut Reader<'_>, &str, Span, &mut Content);
/// An environment's handler: reads its arguments and body, up to its `\end`.
pub(crate) type EnvFn = fn(&mut Reader<'_>, String, Span, &mut Content);
/// A command between a table's rows: the rule it draws, if any.
pub(crate) type RowFn = fn(&mut Reader<'_>, &str, Span) -> Option<Rule>;
/// A command that opens a table cell (`\multicolumn`): sets up the cell.
pub(crate) type CellFn = fn(&mut Reader<'_>, &str, Span, &mut TableCell);
/// A folder of the journal, from where the document is read.
pub(crate) type PathFn = for<'a> fn(&ReadContext<'a>) -> &'a str;

/// What the reader does with a command or environment.
pub(crate) enum Handler {
    /// Prints a fixed text (`\ss`, `\LaTeX`, `\%`).
    Symbol(&'static str),
    /// Puts a combining mark on the next character or group (`\'e`).
    Accent(char),
    /// Sets a style until the group ends (`\bfseries`, `\small`).
    Declaration(Style),
    /// Styles its one argument (`\textbf{..}`).
    Styled(Style),
    /// Read by its own function.
    Command(CommandFn),
    /// An environment, read by its own function.
    Environment(EnvFn),
    /// Between a table's rows.
    Row(RowFn),
    /// At the start of a table cell.
    Cell(CellFn),
    /// A folder of the journal (`\entrypath`): printed, and standing for it in
    /// paths, too.
    Path(PathFn),
    /// `\makeatletter` (`true`) and `\makeatother`: whether `@` is a letter
    /// in command names, which the lexer decides.
    AtLetter(bool),
}

/// How the lexer reads a command's arguments (TeX changes category codes
/// for these, so the reader cannot): what a `v` in its shape asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    Normal,
    /// `\url{..}` (shape `v`, `v m`): the braced argument as written.
    Group,
    /// `\verb|..|` (shape `s v`): between two of any delimiter, on one line.
    Delimited,
    /// `\lstinline[..]|..|` or `\lstinline[..]{..}` (shape `o v`).
    Inline,
    /// An environment whose body is read as written, up to its `\end`.
    Body,
    /// `\makeatletter`: `@` becomes a letter.
    AtLetter,
    /// `\makeatother`: `@` is no letter again.
    AtOther,
}

/// Where a name is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `\name`, in text.
    Command,
    /// `\begin{name}`.
    Environment,
    /// `\name` between a table's rows (`\hline`).
    Row,
    /// `\name` opening a table cell (`\multicolumn`).
    Cell,
}

/// One command or environment.
pub(crate) struct Entry {
    pub name: &'static str,
    /// The arguments, as LaTeX3's `\NewDocumentCommand` writes them: `s` a
    /// star, `o` an optional `[..]`, `m` a mandatory `{..}`, `d()` an
    /// optional `(..)`, `v` read as written (for an environment: its body).
    pub args: &'static str,
    pub handler: Handler,
    /// Whether, in a string argument (a path, a key, a label), it stands for
    /// its text (`\%` for `%`, `\textunderscore` for `_`) rather than for
    /// `\name` as written.
    pub literal: bool,
    /// One line for the documentation; empty where the handler says it all
    /// (symbols, accents, styles).
    pub doc: &'static str,
}

impl Entry {
    /// How the lexer reads its arguments.
    pub(crate) fn lex(&self) -> Lex {
        match (&self.handler, self.args) {
            (Handler::AtLetter(true), _) => Lex::AtLetter,
            (Handler::AtLetter(false), _) => Lex::AtOther,
            (_, args) if !args.contains('v') => Lex::Normal,
            (Handler::Environment(_), _) => Lex::Body,
            (_, "s v") => Lex::Delimited,
            (_, "o v") => Lex::Inline,
            _ => Lex::Group,
        }
    }

    pub(crate) fn kind(&self) -> Kind {
        match self.handler {
            Handler::Environment(_) => Kind::Environment,
            Handler::Row(_) => Kind::Row,
            Handler::Cell(_) => Kind::Cell,
            _ => Kind::Command,
        }
    }

    /// The one-line description: the entry's own, or what its handler does.
    pub(crate) fn description(&self) -> String {
        if !self.doc.is_empty() {
            return self.doc.to_owned();
        }
        match &self.handler {
            Handler::Symbol(text) => match *text {
                "\u{202F}" => "a thin space".into(),
                "\u{205F}" => "a medium space".into(),
                "\u{2004}" => "a thick space".into(),
                "\u{2002}" => "an en space".into(),
                "\u{2003}" => "an em space (a quad)".into(),
                "\u{2003}\u{2003}" => "two em spaces".into(),
                "\u{AD}" => "a hyphenation point".into(),
                text => format!("prints {text}"),
            },
            Handler::Accent(mark) => format!("puts the accent ◌{mark} on its argument"),
            Handler::Declaration(style) => format!("{} until the group ends", style_name(*style)),
            Handler::Styled(style) => format!("its argument {}", style_name(*style)),
            _ => String::new(),
        }
    }
}

fn style_name(style: Style) -> &'static str {
    match style {
        Style::Bold => "in bold",
        Style::Italic => "in italics",
        Style::Emph => "emphasised",
        Style::Upright => "upright",
        Style::Mono => "in the monospaced font",
        Style::Sans => "in the sans-serif font",
        Style::Serif => "in the serif font",
        Style::SmallCaps => "in small capitals",
        Style::Acronym => "as an acronym (its capitals small)",
        Style::UrlText => "as a URL",
        Style::Medium => "in medium weight",
        Style::Underline => "underlined",
        Style::Strike => "struck through",
        Style::Highlight => "highlighted",
        Style::XeCjkMark { .. } => "as xeCJK sets a punctuation mark",
        Style::Superscript => "raised (superscript)",
        Style::Subscript => "lowered (subscript)",
        Style::Color(_) => "coloured",
        Style::Background(_) => "on a background colour",
        Style::Framed => "framed",
        Style::Circled => "in a circle",
        Style::Size(_) => "in this size",
        Style::RaggedRight => "set ragged right",
        Style::RaggedLeft => "set ragged left",
        Style::Centering => "centred",
    }
}

/// A table's text.
type Text = &'static str;

/// An entry of a package module's table.
pub(crate) const fn entry(name: Text, args: Text, handler: Handler, doc: Text) -> Entry {
    Entry {
        name,
        args,
        handler,
        literal: false,
        doc,
    }
}

/// An entry that stands for its text in a string argument (see
/// [`Entry::literal`]).
pub(crate) const fn literal(name: Text, args: Text, handler: Handler, doc: Text) -> Entry {
    let entry = entry(name, args, handler, doc);
    Entry {
        literal: true,
        ..entry
    }
}

/// A package module's entries.
pub(crate) struct Package {
    /// The module's name, as listed.
    pub name: &'static str,
    /// The LaTeX packages it covers.
    pub covers: &'static str,
    pub entries: &'static [Entry],
}

/// Every package, in the order they are listed.
#[rustfmt::skip]
static PACKAGES: &[Package] = &[
    Package { name: "journal", covers: "the journal's class", entries: journal::ENTRIES },
    Package { name: "core", covers: "the LaTeX kernel, amsmath's `\\text`, import, subfiles", entries: core::ENTRIES },
    Package { name: "definitions", covers: "LaTeX, TeX, amsmath's `\\DeclareMathOperator`", entries: definitions::ENTRIES },
    Package { name: "preamble", covers: "LaTeX, geometry, babel, inputenc, makeidx, balance, journal classes", entries: preamble::ENTRIES },
    Package { name: "registers", covers: "TeX's count and token registers, its prefixes, plain TeX's `\\loop`", entries: registers::ENTRIES },
    Package { name: "counters", covers: "LaTeX's counters of the article's own", entries: counters::ENTRIES },
    Package { name: "sectioning", covers: "LaTeX, KOMA-Script", entries: sectioning::ENTRIES },
    Package { name: "text styles", covers: "LaTeX, ragged2e, ulem, soul", entries: text_styles::ENTRIES },
    Package { name: "fonts", covers: "fontspec, xeCJK, unicode-math: the article's fonts (the journal's are used)", entries: fonts::ENTRIES },
    Package { name: "symbols", covers: "LaTeX, textcomp: characters and accents by name", entries: symbols::ENTRIES },
    Package { name: "lists", covers: "LaTeX, enumitem, enumerate, paralist", entries: lists::ENTRIES },
    Package { name: "verbatim", covers: "LaTeX, listings, minted, fancyvrb, alltt, comment", entries: verbatim::ENTRIES },
    Package { name: "math", covers: "LaTeX, amsmath", entries: math::ENTRIES },
    Package { name: "tables", covers: "LaTeX, array, tabularx, tabulary, tabu, longtable, xltabular, supertabular, booktabs, multirow, colortbl, hhline, arydshln", entries: tables::ENTRIES },
    Package { name: "floats", covers: "LaTeX, rotating, wrapfig, subcaption, subfig, caption, placeins", entries: floats::ENTRIES },
    Package { name: "graphics", covers: "graphicx", entries: graphics::ENTRIES },
    Package { name: "amsthm", covers: "LaTeX's and amsthm's theorems and proofs", entries: amsthm::ENTRIES },
    Package { name: "references", covers: "LaTeX, amsmath, hyperref, cleveref, varioref", entries: references::ENTRIES },
    Package { name: "hyperref", covers: "hyperref, url", entries: hyperref::ENTRIES },
    Package { name: "citations", covers: "biblatex, natbib, cite, LaTeX's `thebibliography`", entries: citations::ENTRIES },
    Package { name: "multibib", covers: "multibib", entries: multibib::ENTRIES },
    Package { name: "colour", covers: "color, xcolor", entries: colour::ENTRIES },
    Package { name: "siunitx", covers: "siunitx", entries: siunitx::ENTRIES },
    Package { name: "aastex", covers: "AASTeX", entries: aastex::ENTRIES },
    Package { name: "extras", covers: "csquotes, nth, hologo, nomencl, ltxdoc's markup", entries: extras::ENTRIES },
    Package { name: "lipsum", covers: "lipsum's, kantlipsum's, zhlipsum's and blindtext's dummy text", entries: lipsum::ENTRIES },
    Package { name: "glossaries", covers: "glossaries, glossaries-extra, acronym", entries: glossaries::ENTRIES },
    Package { name: "algorithms", covers: "algorithm, algorithmic, algpseudocode (algorithmicx), algorithm2e", entries: algorithms::ENTRIES },
    Package { name: "ifthen", covers: "ifthen", entries: ifthen::ENTRIES },
    Package { name: "tcolorbox", covers: "tcolorbox", entries: tcolorbox::ENTRIES },
    Package { name: "papers", covers: "packages, xspace, threeparttable, multicol, cleveref's names, `\\newif`, TikZ and pgfplots (placeholders)", entries: papers::ENTRIES },
];

type Index = FxHashMap<(Kind, &'static str), &'static Entry>;

/// The merged table. A name appears once per kind (a test checks it).
static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index = Index::default();
    for package in PACKAGES {
        for entry in package.entries {
            index.insert((entry.kind(), entry.name), entry);
        }
    }
    index
});

/// The entry for `name` where `kind` is looked up.
/// Whether `\name` is a declaration of the text's style (`\bfseries`).
pub(crate) fn is_declaration(name: &str) -> bool {
    matches!(
        lookup(Kind::Command, name).map(|e| &e.handler),
        Some(Handler::Declaration(_))
    )
}

pub(crate) fn lookup(kind: Kind, name: &str) -> Option<&'static Entry> {
    INDEX.get(&(kind, name)).copied()
}

/// How the lexer reads `\name`'s arguments.
pub(crate) fn lexing(name: &str) -> Lex {
    lookup(Kind::Command, name).map_or(Lex::Normal, Entry::lex)
}

/// Whether the environment's body is read as written; its entry, if so.
pub(crate) fn verbatim_environment(name: &str) -> Option<&'static Entry> {
    lookup(Kind::Environment, name).filter(|e| e.lex() == Lex::Body)
}

/// What `\name` stands for in a string argument, when not `\name` itself.
pub(crate) fn in_string<'a>(name: &str, ctx: &ReadContext<'a>) -> Option<&'a str> {
    let entry = lookup(Kind::Command, name)?;
    match entry.handler {
        Handler::Path(path) => Some(path(ctx)),
        Handler::Symbol(text) if entry.literal => Some(text),
        _ if entry.literal => Some(entry.name),
        _ => None,
    }
}

/// A known command or environment, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The registry module it is in (`core`, `hyperref`, …).
    pub package: &'static str,
    pub kind: Kind,
    pub name: &'static str,
    /// Its arguments (see [`commands`]).
    pub args: &'static str,
    pub description: String,
}

impl Known {
    /// How it is written: `\section`, `\begin{itemize}`.
    pub fn written(&self) -> String {
        match self.kind {
            Kind::Environment => format!("\\begin{{{}}}", self.name),
            _ => format!("\\{}", self.name),
        }
    }
}

/// Every command and environment wita translates, package by package (in
/// each, as its module lists them). `args` is the argument shape in LaTeX3's
/// notation: `s` a star, `o` an optional `[..]`, `m` a mandatory `{..}`,
/// `d()` an optional `(..)`, `v` read as written.
///
/// ```
/// let known = wita_latex::commands();
/// let section = known.iter().find(|k| k.name == "section").unwrap();
/// assert_eq!((section.package, section.args), ("sectioning", "s o m"));
/// assert!(known.iter().any(|k| k.written() == "\\begin{itemize}"));
/// ```
pub fn commands() -> Vec<Known> {
    PACKAGES
        .iter()
        .flat_map(|package| {
            package.entries.iter().map(|entry| Known {
                package: package.name,
                kind: entry.kind(),
                name: entry.name,
                args: entry.args,
                description: entry.description(),
            })
        })
        .collect()
}

/// The packages, each with the LaTeX packages it covers, in listing order.
pub fn packages() -> Vec<(&'static str, &'static str)> {
    PACKAGES.iter().map(|p| (p.name, p.covers)).collect()
}

/// The table as `wita convert --list-commands` prints it: one line per
/// command, under its package.
pub fn command_table() -> String {
    let known = commands();
    let width = known
        .iter()
        .map(|k| k.written().chars().count() + k.args.len() + 1)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (package, covers) in packages() {
        out.push_str(&format!("{package} ({covers})\n"));
        for k in known.iter().filter(|k| k.package == package) {
            let head = format!("{} {}", k.written(), k.args);
            let place = match k.kind {
                Kind::Row => "between table rows: ",
                Kind::Cell => "at a table cell's start: ",
                _ => "",
            };
            out.push_str(&format!(
                "  {head:<width$}  {place}{}\n",
                k.description,
                width = width
            ));
        }
    }
    out
}

/// The README's list: a line per package with what it knows, environments,
/// commands, and the commands read between a table's rows or at a cell's
/// start apart.
pub fn command_list_markdown() -> String {
    let known = commands();
    let mut out = String::new();
    for (package, covers) in packages() {
        out.push_str(&format!("- **{package}** ({covers}):"));
        let mut first = true;
        for (kind, what) in [
            (Kind::Environment, "environments"),
            (Kind::Command, "commands"),
            (Kind::Row, "between a table's rows"),
            (Kind::Cell, "at a cell's start"),
        ] {
            let names: Vec<String> = known
                .iter()
                .filter(|k| k.package == package && k.kind == kind)
                .map(|k| match kind {
                    Kind::Environment => markdown_code(k.name),
                    _ => markdown_code(&k.written()),
                })
                .collect();
            if names.is_empty() {
                continue;
            }
            let separator = if first { " " } else { "; " };
            first = false;
            out.push_str(&format!("{separator}{what} {}", names.join(", ")));
        }
        out.push_str(".\n");
    }
    out
}

/// A command as a Markdown code span (a backtick and the control space need care).
fn markdown_code(written: &str) -> String {
    match written {
        "\\ " => "`\\␣`".into(),
        w if w.contains('`') => format!("`` {w} ``"),
        w => format!("`{w}`"),
    }
}

/// Whether a style chooses the typewriter face (`Some(true)`), another face
/// (`Some(false)`), or leaves the face alone.
fn typewriter(style: Style) -> Option<bool> {
    match style {
        Style::Mono => Some(true),
        Style::Sans | Style::Serif => Some(false),
        _ => None,
    }
}

impl Reader<'_> {
    /// Reads `\name` (already read) and what follows it that belongs to it.
    pub(crate) fn command(&mut self, name: &str, span: Span, out: &mut Content) {
        // multibib's `\newcites{web}{..}` commands: `\citeweb`, `\nociteweb`,
        // `\bibliographyweb`, `\bibliographystyleweb` (one cite.bib here).
        if let Some(base) = multibib::base(self, name) {
            return self.command(base, span, out);
        }
        if self.conditional(name, span)
            || algorithms::statement(self, name, span, out)
            || registers::assignment(self, name, span)
        {
            return;
        }
        if self.cell_command_inside(name, span) {
            return;
        }
        let Some(entry) = lookup(Kind::Command, name) else {
            return self.unknown_command(name, span, out);
        };
        match &entry.handler {
            Handler::Symbol(text) => push_text(out, (*text).to_owned(), span),
            Handler::Accent(mark) => symbols::read_accent(self, *mark, span, out),
            Handler::Declaration(style) => {
                self.mono = typewriter(*style).unwrap_or(self.mono);
                out.push(Node::new(NodeKind::SetStyle(*style), span));
            }
            Handler::Styled(style) => {
                let mono = self.mono;
                self.mono = typewriter(*style).unwrap_or(mono);
                let (body, arg_span) = self.arg_content(name, span);
                self.mono = mono;
                out.push(Node::new(
                    NodeKind::Styled(*style, body),
                    span.join(arg_span),
                ));
            }
            Handler::Command(run) => run(self, name, span, out),
            Handler::Path(path) => push_text(out, path(self.ctx).to_owned(), span),
            // The lexer has read it.
            Handler::AtLetter(_) => {}
            Handler::Environment(_) | Handler::Row(_) | Handler::Cell(_) => {
                self.unknown_command(name, span, out)
            }
        }
    }

    /// Reads `\begin{name}` and the environment.
    pub(crate) fn begin_environment(&mut self, span: Span, out: &mut Content) {
        let Some((name_tokens, name_span)) = self.read_arg() else {
            self.error(
                codes::UNBALANCED,
                span,
                "`\\begin` is missing the environment's name",
            );
            return;
        };
        let name = detokenize(&name_tokens).trim().to_owned();
        let begin = span.join(name_span);
        if self.envs.contains_key(&name) {
            return definitions::user_environment(self, name, begin, out);
        }
        if self.theorems.contains_key(&name) || amsthm::class_theorem(self, &name) {
            return amsthm::theorem(self, name, begin, out);
        }
        match lookup(Kind::Environment, &name).map(|e| &e.handler) {
            Some(Handler::Environment(run)) => run(self, name, begin, out),
            // A listing environment the document defined: the lexer read
            // its body as written.
            _ if self.verbatim_follows() => verbatim::code_block(self, name, begin, out),
            _ => self.unknown_environment(name, begin, out),
        }
    }

    /// A command between a table's rows: `Some(rule)` when it is one (and
    /// then it is read), `None` when the row's cells start here.
    pub(crate) fn row_command(&mut self, name: &str) -> Option<Option<Rule>> {
        let Some(Handler::Row(run)) = lookup(Kind::Row, name).map(|e| &e.handler) else {
            return None;
        };
        let token = self.next().expect("the caller peeked the command");
        Some(run(self, name, token.span))
    }

    /// A command opening a table cell, read into `cell`; whether it was one.
    pub(crate) fn cell_command(&mut self, cell: &mut TableCell) -> bool {
        let Some(TokenKind::Command(name)) = self.peek_kind() else {
            return false;
        };
        let Some(entry) = lookup(Kind::Cell, name) else {
            return false;
        };
        let Handler::Cell(run) = entry.handler else {
            return false;
        };
        let token = self.next().expect("peeked");
        run(self, entry.name, token.span, cell);
        true
    }

    /// A command that opens a cell (`\multirow`, `\cellcolor`) met after
    /// other material in a table's cell: it changes the cell it is in, as
    /// in LaTeX; whether it was one.
    fn cell_command_inside(&mut self, name: &str, span: Span) -> bool {
        let Some(Handler::Cell(run)) = lookup(Kind::Cell, name).map(|e| &e.handler) else {
            return false;
        };
        let Some(mut cell) = self.open_cell.take() else {
            return false;
        };
        run(self, name, span, &mut cell);
        self.open_cell = Some(cell);
        true
    }

    pub(crate) fn unknown_command(&mut self, name: &str, span: Span, out: &mut Content) {
        let star = self.read_star();
        // Keep the text of the arguments that follow directly: braced groups,
        // and bracketed ones unless they look like `key=value` options.
        let mut args = Vec::new();
        let mut full = span;
        loop {
            match self.peek_kind() {
                Some(TokenKind::BeginGroup) => {
                    let (tokens, arg_span) = self.read_arg().expect("peeked a group");
                    full = full.join(arg_span);
                    // In a preamble, a command's arguments are data (a
                    // `\part` given to `\titleformat` is no heading).
                    if !self.preamble {
                        args.push(self.content_of(tokens));
                    }
                }
                Some(TokenKind::Char('[')) => {
                    let (tokens, arg_span) = self.read_optional().expect("peeked a bracket");
                    full = full.join(arg_span);
                    if !self.preamble && !detokenize(&tokens).contains('=') {
                        args.push(self.content_of(tokens));
                    }
                }
                _ => break,
            }
        }
        let shown = if star {
            format!("{name}*")
        } else {
            name.to_owned()
        };
        let message = if args.is_empty() {
            format!("unknown command `\\{shown}` is ignored")
        } else {
            format!("unknown command `\\{shown}`: its arguments are printed as plain text")
        };
        self.warn_once(codes::UNKNOWN_COMMAND, span, name, message);
        out.push(Node::new(NodeKind::Unknown { name: shown, args }, full));
    }

    fn unknown_environment(&mut self, name: String, begin: Span, out: &mut Content) {
        // Warn, and keep its content.
        let mut args = Vec::new();
        while matches!(self.peek_kind(), Some(TokenKind::BeginGroup)) {
            let (tokens, _) = self.read_arg().expect("peeked a group");
            let text = detokenize(&tokens);
            if !looks_like_spec(&text) {
                args.push(self.content_of(tokens));
            }
        }
        // `\begin{lemma}[Its title]` of a class's theorem: the title is
        // text (settings, `key=value` or a float's `[ht]`, are not).
        if let Some((tokens, _)) = self.read_optional() {
            let text = detokenize(&tokens);
            let placement = !text.is_empty() && text.chars().all(|c| "htbpH!".contains(c));
            if !text.contains('=') && !placement && !looks_like_spec(&text) {
                args.push(self.content_of(tokens));
            }
        }
        if self.peek_past_command("item") {
            // A class's own list (a thesis's `denotation`, `bibliolist`):
            // its items, with the labels they give; its arguments are the
            // list's settings (the widest label).
            self.warn_once(
                codes::UNKNOWN_ENVIRONMENT,
                begin,
                &format!("env:{name}"),
                format!("unknown environment `{name}`: its items are printed as a list"),
            );
            let node = lists::read_list(self, name, wita_doc::ListKind::Description, begin);
            crate::reader::push_display(out, node, begin);
            return;
        }
        if self.rows_of_cells(&name, begin) {
            // A class's own table (a thesis's list of symbols, `notation`):
            // its rows are read as a tabular's, left-aligned.
            self.warn_once(
                codes::UNKNOWN_ENVIRONMENT,
                begin,
                &format!("env:{name}"),
                format!("unknown environment `{name}`: its rows are printed as a table"),
            );
            return;
        }
        self.warn_once(
            codes::UNKNOWN_ENVIRONMENT,
            begin,
            &format!("env:{name}"),
            format!("unknown environment `{name}`: its content is printed as plain text"),
        );
        let body = self.content(Stop::Env(name.clone(), begin));
        args.push(body);
        out.push(Node::new(
            NodeKind::Unknown {
                name: format!("begin{{{name}}}"),
                args,
            },
            begin,
        ));
    }
}

impl Reader<'_> {
    /// Whether the environment's body, up to its `\end{name}`, is rows of
    /// `&`-separated cells (a `&` and a `\\` outside groups, math and
    /// inner environments): then it is put back as a `tabular` of as many
    /// left-aligned columns as its widest row, to be read next. Otherwise
    /// the body is put back as it was.
    fn rows_of_cells(&mut self, name: &str, begin: Span) -> bool {
        use crate::lex::Token;
        // `{inner}` as tokens, both braces at `span`.
        let braced = |inner: Vec<Token>, span: Span| {
            let mut out = vec![Token {
                kind: TokenKind::BeginGroup,
                span,
            }];
            out.extend(inner);
            out.push(Token {
                kind: TokenKind::EndGroup,
                span,
            });
            out
        };
        let mut body: Vec<Token> = Vec::new();
        let mut envs = 0usize;
        let mut groups = 0usize;
        let mut in_math = false;
        let (mut cells, mut widest, mut rows) = (1usize, 0usize, 0usize);
        let end = loop {
            let Some(token) = self.next() else {
                break None;
            };
            let top = envs == 0 && groups == 0 && !in_math;
            match &token.kind {
                TokenKind::Command(c) if c == "begin" => envs += 1,
                TokenKind::Command(c) if c == "end" && envs == 0 => {
                    let arg = self.read_arg();
                    let closes = arg
                        .as_ref()
                        .is_some_and(|(t, _)| detokenize(t).trim() == name);
                    if closes {
                        break Some((token, arg.expect("checked")));
                    }
                    body.push(token);
                    if let Some((arg, span)) = arg {
                        body.extend(braced(arg, span));
                    }
                    continue;
                }
                TokenKind::Command(c) if c == "end" => envs -= 1,
                TokenKind::BeginGroup => groups += 1,
                TokenKind::EndGroup => groups = groups.saturating_sub(1),
                TokenKind::MathShift => in_math = !in_math,
                TokenKind::AlignTab if top => cells += 1,
                TokenKind::Command(c) if c == "\\" && top => {
                    widest = widest.max(cells);
                    cells = 1;
                    rows += 1;
                }
                _ => {}
            }
            body.push(token);
        };
        widest = widest.max(if cells > 1 { cells } else { 0 });
        let Some((end_token, (end_name, end_span))) = end else {
            self.push_tokens(body);
            return false;
        };
        if widest < 2 || rows == 0 {
            let mut back = body;
            back.push(end_token);
            back.extend(braced(end_name, end_span));
            self.push_tokens(back);
            return false;
        }
        let mut tokens = crate::reader::env_tokens("begin", "tabular", begin);
        let spec = Token {
            kind: TokenKind::Text("l".repeat(widest)),
            span: begin,
        };
        tokens.extend(braced(vec![spec], begin));
        tokens.extend(body);
        tokens.extend(crate::reader::env_tokens("end", "tabular", end_span));
        self.push_tokens(tokens);
        true
    }
}

/// `\end` and `\bibitem`: read by what they end (the content loop, a
/// `thebibliography`); met anywhere else, they are not known there.
pub(crate) fn read_by_enclosing(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.unknown_command(name, span, out);
}

/// Reads and drops a command with its arguments (the `m`s of its shape,
/// and any star and `[..]`): preamble habits and LaTeX's own layout tuning.
pub(crate) fn ignore(r: &mut Reader<'_>, name: &str, _: Span, _: &mut Content) {
    let args = lookup(Kind::Command, name).map_or(0, |e| e.args.matches('m').count());
    r.read_star();
    while r.read_optional().is_some() {}
    for _ in 0..args {
        r.read_arg();
        // `\author[1]{..}` style: optional arguments between arguments.
        while r.read_optional().is_some() {}
    }
}

/// A column spec or similar (`lXX`, `|c|c|`), not text to print.
fn looks_like_spec(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() <= 40
        && !t.contains(' ')
        && t.chars()
            .all(|c| "lcrpmbXSJLCR|@{}.0123456789*<>!-=:;,\\linewidthtextcolumnem".contains(c))
}

#[cfg(test)]
mod tests;
