//! The reader core: token input, arguments, macro expansion and the content
//! loop. What each command and environment means is in the `registry`.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use wita_diag::{Code, Diagnostic, Diagnostics, Span, codes};
use wita_doc::{ArticleMeta, Content, Math, MathEnv, Node, NodeKind, Style};

use crate::ReadContext;
use crate::input::{FrameKind, Input};
use crate::lex::{Token, TokenKind, detokenize, group_end};
use crate::text::ligatures_after;

/// How many tokens macro expansion may produce for one document before the
/// reader decides a macro recurses forever.
const EXPANSION_BUDGET: usize = 2_000_000;
/// How deep `\input` may nest.
const MAX_INPUT_DEPTH: usize = 16;
/// How deep groups, environments, list items and table cells may nest. The
/// reader recurses for each, so a macro that opens an environment inside
/// itself would otherwise exhaust the stack before the expansion budget.
const MAX_NESTING: usize = 32;

/// A user-defined macro.
#[derive(Debug, Clone)]
pub(crate) struct Macro {
    pub params: u8,
    /// The default of the first parameter, which is then optional.
    pub default: Option<Vec<Token>>,
    pub body: Rc<Vec<Token>>,
    /// `\def`'s delimited parameters: the tokens before `#1` and after each
    /// `#n` (single characters); `None` when there are none.
    pub delimiters: Option<Rc<Vec<Vec<Token>>>>,
}

/// A user-defined environment (`\newenvironment`).
#[derive(Debug, Clone)]
pub(crate) struct EnvMacro {
    pub params: u8,
    pub default: Option<Vec<Token>>,
    pub begin: Rc<Vec<Token>>,
    pub end: Rc<Vec<Token>>,
}

/// What ends the content being read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Stop {
    /// The end of the input.
    Eof,
    /// A `}` closing the group opened at the span.
    Group(Span),
    /// `\end{name}` of the environment begun at the span.
    Env(String, Span),
    /// The next `\item` or the list's `\end{name}` (left unread).
    Item(String, Span),
    /// The next `\bibitem` or `\end{thebibliography}` (left unread).
    BibItem(String, Span),
    /// A table cell: ends at `&`, `\\` or the table's `\end{name}` (left
    /// unread); which one is left in [`Reader::cell_end`].
    Cell(String, Span),
}

/// What ended a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellEnd {
    /// `&`: another cell follows.
    Tab,
    /// `\\`: the row ends.
    Row,
    /// `\end{..}` of the table, or the end of the input.
    End,
}

/// What a reference to a theorem prints.
#[derive(Debug, Clone)]
pub struct TheoremRef {
    /// `\autoref`'s: its name and number (`Lemma 2.1`).
    pub named: String,
    /// `\ref`'s (`2.1`; empty for an unnumbered theorem).
    pub number: String,
    /// `\nameref`'s: its note, or its name and number.
    pub title: String,
    /// Its environment (`lemma`): cleveref's type, whose words it prints.
    pub env: String,
    /// The name the theorem prints (`Lemma`): cleveref's word for a type it
    /// has none for.
    pub name: String,
}

pub(crate) struct Reader<'a> {
    pub ctx: &'a ReadContext<'a>,
    pub input: Input,
    /// Open groups and environments of the current input, innermost last.
    open: Vec<Stop>,
    pub macros: HashMap<String, Macro>,
    pub envs: HashMap<String, EnvMacro>,
    /// `\let\new\old` of a built-in command.
    pub aliases: HashMap<String, String>,
    pub diags: Diagnostics,
    pub meta: ArticleMeta,
    expanded: usize,
    budget_reported: bool,
    nesting_reported: bool,
    /// How many `content` calls are running (arguments read with their own
    /// input included, which `open` does not see).
    nesting: usize,
    warned: HashSet<(String, Span)>,
    /// What ended the last table cell read.
    pub cell_end: Option<CellEnd>,
    /// The table cell being read, while its content is: a `\multirow` or
    /// `\cellcolor` after other material in the cell still applies to it.
    pub open_cell: Option<wita_doc::TableCell>,
    /// Captions of the floats being read, innermost last.
    pub captions: Vec<Option<Content>>,
    /// The kinds of the floats being read, innermost last (a minipage with
    /// a caption inside a figure is a figure of its own).
    pub float_kinds: Vec<wita_doc::FloatKind>,
    /// The last caption read was a `\subcaption` (a subfigure's).
    pub subcaption: bool,
    /// The characters that read as short verbs in the files `\input` from
    /// here (declared by the files read so far).
    pub short_verbs: Vec<char>,
    /// Every `\label` defined, with its place.
    pub labels: Vec<(String, Span)>,
    /// Colours from `\definecolor`.
    pub colors: HashMap<String, wita_doc::Rgb>,
    /// colortbl's `\rowcolor` before a table's row: its cells' fill.
    pub row_fill: Option<wita_doc::Rgb>,
    /// Reading a pasted-in article's preamble (before `\begin{document}`):
    /// only its definitions count, and its package settings are not warned about.
    pub preamble: bool,
    /// Text is set in the typewriter face (`\texttt`, `\ttfamily`), which
    /// has none of TeX's input ligatures: `--` and quotes stay as typed.
    pub mono: bool,
    /// Where warnings from a preamble go (and are dropped).
    preamble_warnings: Diagnostics,
    /// User environments whose end code already ran (inside a table they opened).
    pub ended_early: Vec<String>,
    /// `\newcolumntype{V}[n]{spec}`: column letters and their expansions.
    pub column_types: HashMap<char, (usize, Vec<Token>)>,
    /// AASTeX's `deluxetable`s being read, innermost last: the column spec
    /// and the `\tablehead` rows, which `\startdata` turns into a tabular.
    pub deluxe_tables: Vec<(Vec<Token>, Vec<Token>)>,
    /// multibib's `\newcites` suffixes.
    pub cite_suffixes: Vec<String>,
    /// amsthm: the environments of `\newtheorem`, their counters, the style
    /// the next ones get, and the theorems being read (what a `\label` in
    /// them names: `Lemma 2.1`, `2.1`).
    pub theorems: HashMap<String, crate::registry::Theorem>,
    pub theorem_counters: HashMap<String, crate::registry::TheoremCounter>,
    pub theorem_style: String,
    pub theorem_stack: Vec<TheoremRef>,
    /// Labels of theorems: what references to them print.
    pub theorem_refs: HashMap<String, TheoremRef>,
    /// The numbers of the numbered headings read so far, by level (0 the
    /// chapter, 1 the section…).
    pub heading_numbers: [u32; 4],
    /// A numbered `\chapter` has been read: numbers within sections then
    /// begin with the chapter's (`2.1.3`).
    pub saw_chapter: bool,
    /// The document's class (`\documentclass{..}`), which decides what the
    /// environments it provides look like (its theorems' numbering).
    pub class: Option<String>,
    /// The class's options (`\documentclass[a4paper,ngerman]{..}`), which
    /// every package sees too (babel's and cleveref's language).
    pub class_options: Vec<String>,
    /// polyglossia's main language (`\setmainlanguage{german}`).
    pub main_language: Option<String>,
    /// Reading an equation's `\tag{..}` (whose `\theequation` is the
    /// number before the tagged equation's).
    pub reading_tag: bool,
    /// `\qedhere` placed the proof's end mark already.
    pub qed_placed: bool,
    /// After `\appendix` (theorem numbers take the section's letter).
    pub in_appendix: bool,
    /// nomencl's entries: sort key, symbol, description, place.
    pub nomenclature: Vec<(String, Content, Content, Span)>,
    /// tabu's `\savetabu{name}`: column specs by name.
    pub saved_specs: HashMap<String, Vec<Token>>,
    /// hyperref's `\hypertarget` names defined so far.
    pub hypertargets: HashSet<String>,
    /// siunitx's `\DeclareSIUnit`s: each unit command and its definition.
    pub si_units: HashMap<String, Vec<Token>>,
    /// siunitx's options in force (`\sisetup`).
    pub si_options: crate::registry::SiOptions,
    /// The `\thanks` of an article's own `\author` and `\title`, as
    /// footnotes not printed yet (see the preamble module).
    pub thanks: Content,
    /// `\usepackage[options]{name}`, each package with its options, in order.
    pub packages: Vec<(String, Vec<String>)>,
    /// graphicx's `\graphicspath{{dir/}..}`: folders images are looked for in.
    pub graphics_paths: Vec<String>,
    /// cleveref's `\crefname{type}{singular}{plural}` (`false`) and
    /// `\Crefname` (`true`).
    pub cref_names: HashMap<(bool, String), (Content, Content)>,
    /// algorithm2e's `\DontPrintSemicolon`.
    pub algorithm2e_no_semicolon: bool,
    /// algorithm2e's `\LinesNumbered` (or its `linesnumbered` option).
    pub algorithm2e_numbered: bool,
    /// `\newif`'s conditionals and their values, by name (`draft` for
    /// `\ifdraft`).
    pub conditionals: HashMap<String, bool>,
    /// glossaries' and the acronym package's terms, and those used once
    /// already (their first use prints `long (short)`).
    pub glossary: crate::registry::glossaries::Glossary,
    pub glossary_used: HashSet<String>,
    /// Conditionals whose branch is being read (their `\else` or `\fi` is
    /// to come).
    pub open_conditionals: usize,
    /// The article's own counters (`\newcounter`).
    pub counters: crate::registry::counters::Counters,
    /// Math being read (its tokens gathered): TeX's `\ifmmode` is true.
    pub in_math: usize,
    /// The article's own packages read so far (`\usepackage` of a `.sty` in
    /// its folder).
    pub local_packages: Vec<(wita_diag::FileId, Span)>,
    /// The places of cleveref's `\crefrange`s (their pair prints `to`).
    pub ranges: Vec<Span>,
    /// Reading an algorithm2e algorithm (`\;` ends a statement there).
    pub in_algorithm2e: bool,
    /// Where the last `\expandafter` was: a delimited macro right after
    /// one may be given its arguments in an order wita does not make.
    pub expandafter: Option<Span>,
    /// The article has chapters (known once it is read; see `crate::chapters`).
    pub chapters: bool,
    /// The article's own package being read (see `registry::papers`).
    pub reading_package: Option<wita_diag::FileId>,
    /// enumitem's `\setlist[kind,level]{label=..}`: the label's tokens by
    /// list kind (`enumerate`, `itemize`; empty for every kind) and level
    /// (0 for every level).
    pub list_labels: HashMap<(String, usize), Vec<Token>>,
    /// LaTeX's boxes (`\sbox{\name}{..}`): the text each keeps.
    pub boxes: HashMap<String, Content>,
    /// The marks `\thepage` put so far (each is referred to by its page).
    pub page_marks: usize,
    /// TeX's registers of the article (`\newcount`).
    pub registers: crate::registry::registers::Registers,
    /// Pictures a user environment began and will end in its end code,
    /// whose content was skipped already: their `\end` is read silently.
    pub pictures_closed_early: Vec<String>,
    /// tcolorbox's boxes being read, innermost last: each one's upper part,
    /// once its `\tcblower` is read.
    pub tcb_uppers: Vec<Option<Content>>,
    /// `\tcbset`'s options, which every tcolorbox after it takes first.
    pub tcb_defaults: Vec<Token>,
}

impl<'a> Reader<'a> {
    pub fn new(ctx: &'a ReadContext<'a>, tokens: Vec<Token>) -> Self {
        Self {
            ctx,
            input: Input::new(tokens, FrameKind::File(0)),
            open: Vec::new(),
            macros: HashMap::new(),
            envs: HashMap::new(),
            aliases: HashMap::new(),
            diags: Diagnostics::new(),
            meta: ArticleMeta::default(),
            expanded: 0,
            budget_reported: false,
            nesting_reported: false,
            nesting: 0,
            warned: HashSet::new(),
            cell_end: None,
            open_cell: None,
            captions: Vec::new(),
            float_kinds: Vec::new(),
            subcaption: false,
            short_verbs: Vec::new(),
            labels: Vec::new(),
            colors: HashMap::new(),
            row_fill: None,
            preamble: false,
            mono: false,
            preamble_warnings: Diagnostics::new(),
            ended_early: Vec::new(),
            column_types: HashMap::new(),
            deluxe_tables: Vec::new(),
            cite_suffixes: Vec::new(),
            theorems: HashMap::new(),
            theorem_counters: HashMap::new(),
            theorem_style: "plain".into(),
            theorem_stack: Vec::new(),
            theorem_refs: HashMap::new(),
            heading_numbers: [0; 4],
            saw_chapter: false,
            class: None,
            class_options: Vec::new(),
            main_language: None,
            reading_tag: false,
            qed_placed: false,
            in_appendix: false,
            saved_specs: HashMap::new(),
            nomenclature: Vec::new(),
            hypertargets: HashSet::new(),
            si_units: HashMap::new(),
            si_options: Default::default(),
            thanks: Content::new(),
            packages: Vec::new(),
            graphics_paths: Vec::new(),
            cref_names: HashMap::new(),
            algorithm2e_no_semicolon: false,
            algorithm2e_numbered: false,
            conditionals: crate::conditionals::engine(),
            glossary: Default::default(),
            glossary_used: HashSet::new(),
            open_conditionals: 0,
            in_math: 0,
            counters: Default::default(),
            local_packages: Vec::new(),
            ranges: Vec::new(),
            in_algorithm2e: false,
            expandafter: None,
            chapters: false,
            reading_package: None,
            list_labels: HashMap::new(),
            boxes: HashMap::new(),
            page_marks: 0,
            registers: Default::default(),
            pictures_closed_early: Vec::new(),
            tcb_uppers: Vec::new(),
            tcb_defaults: Vec::new(),
        }
    }

    /// Whether the body of an environment read as written comes next (after
    /// its `[options]`, which the lexer left as tokens).
    pub fn verbatim_follows(&mut self) -> bool {
        self.input.peek_past_optional_is_verbatim()
    }

    /// Whether the document loads the package (`\usepackage`).
    pub fn loaded(&self, package: &str) -> bool {
        self.packages.iter().any(|(name, _)| name == package)
    }

    /// cleveref's `capitalise` (or `capitalize`) option: `\cref` prints
    /// `Fig.`, `Theorem`.
    pub fn cleveref_capitalises(&self) -> bool {
        self.loaded_with("cleveref", "capitalise") || self.loaded_with("cleveref", "capitalize")
    }

    /// The options a package sees: the class's, then its own, in order.
    pub fn options_seen_by(&self, package: &str) -> impl Iterator<Item = &str> {
        let own = self
            .packages
            .iter()
            .filter(move |(name, _)| name == package)
            .flat_map(|(_, options)| options.iter());
        self.class_options.iter().chain(own).map(String::as_str)
    }

    /// Whether the document loads the package with the option.
    pub fn loaded_with(&self, package: &str, option: &str) -> bool {
        self.packages
            .iter()
            .any(|(name, options)| name == package && options.iter().any(|o| o == option))
    }

    pub fn error(&mut self, code: Code, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, message).at(span));
        self.last_diag()
    }

    pub fn warn(&mut self, code: Code, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        // Warnings about a preamble's package settings are dropped: they are
        // not the author's text.
        let sink = if self.preamble {
            &mut self.preamble_warnings
        } else {
            &mut self.diags
        };
        sink.push(Diagnostic::warning(code, message).at(span));
        sink.last_mut().expect("a diagnostic was just pushed")
    }

    fn last_diag(&mut self) -> &mut Diagnostic {
        self.diags.last_mut().expect("a diagnostic was just pushed")
    }

    /// Warns once per command name and place.
    pub fn warn_once(&mut self, code: Code, span: Span, key: &str, message: impl Into<String>) {
        if self.preamble {
            return;
        }
        if self.warned.insert((key.to_owned(), span)) {
            self.diags.push(Diagnostic::warning(code, message).at(span));
        }
    }

    // ---- Reading tokens and arguments -------------------------------------

    pub fn next(&mut self) -> Option<Token> {
        self.input.next()
    }

    pub fn peek_kind(&mut self) -> Option<&TokenKind> {
        self.input.peek().map(|t| &t.kind)
    }

    /// `{\item ..}` or `{\bfseries \item ..}` in a list (its `{` read): a
    /// group around items, whose items are the list's, as in LaTeX. Each
    /// item's text is then read in a group of its own with the declarations
    /// that came before its `\item` (`\item {\bfseries ..}`); whether it
    /// was one (if not, the input is as it was, but for spaces).
    fn group_of_items(&mut self, open: &Token) -> bool {
        let mut declarations = Vec::new();
        loop {
            self.skip_spaces();
            match self.input.peek() {
                Some(t) if t.is_command("item") => break,
                Some(Token {
                    kind: TokenKind::Command(c),
                    ..
                }) if crate::registry::is_declaration(c) => {
                    declarations.push(self.next().expect("peeked"));
                }
                _ => {
                    self.push_tokens(declarations);
                    return false;
                }
            }
        }
        let (tokens, close) = self.read_balanced(open.span);
        let group = |kind| Token {
            kind,
            span: open.span,
        };
        let mut out = Vec::new();
        let mut depth = 0usize;
        // Whether the current item's text (after its `[..]`) has begun.
        let mut in_text = false;
        let mut in_label = false;
        for t in tokens {
            match &t.kind {
                TokenKind::Command(c) if c == "item" && depth == 0 => {
                    if in_text {
                        out.push(Token {
                            kind: TokenKind::EndGroup,
                            span: close,
                        });
                    }
                    out.push(t);
                    in_text = false;
                    in_label = false;
                    continue;
                }
                TokenKind::Char('[') if depth == 0 && !in_text && !in_label => {
                    in_label = true;
                    out.push(t);
                    continue;
                }
                TokenKind::Char(']') if depth == 0 && in_label => {
                    in_label = false;
                    out.push(t);
                    out.push(group(TokenKind::BeginGroup));
                    out.extend(declarations.iter().cloned());
                    in_text = true;
                    continue;
                }
                TokenKind::Space if !in_text && !in_label => {}
                _ if !in_text && !in_label => {
                    out.push(group(TokenKind::BeginGroup));
                    out.extend(declarations.iter().cloned());
                    in_text = true;
                }
                _ => {}
            }
            match t.kind {
                TokenKind::BeginGroup => depth += 1,
                TokenKind::EndGroup => depth = depth.saturating_sub(1),
                _ => {}
            }
            out.push(t);
        }
        if in_text {
            out.push(Token {
                kind: TokenKind::EndGroup,
                span: close,
            });
        }
        self.push_tokens(out);
        true
    }

    /// Reads the start of the text that comes next, as long as `len_of`
    /// says it is (`by` of `\advance\n by 2`, `=` of `\t={..}`, a place's
    /// `(x,y)`), leaving the rest of the token to read; whether it did.
    pub fn strip_text_prefix(&mut self, len_of: impl FnOnce(&str) -> Option<usize>) -> bool {
        let Some(TokenKind::Text(t)) = self.peek_kind() else {
            return false;
        };
        let Some(len) = len_of(t).filter(|&n| t.is_char_boundary(n)) else {
            return false;
        };
        let token = self.next().expect("peeked");
        if let TokenKind::Text(t) = &token.kind
            && len < t.len()
        {
            // The rest stands where it was written, after what was read.
            self.input.unread(Token {
                kind: TokenKind::Text(t[len..].to_owned()),
                span: Span {
                    start: token
                        .span
                        .start
                        .saturating_add(u32::try_from(len).unwrap_or(u32::MAX))
                        .min(token.span.end),
                    ..token.span
                },
            });
        }
        true
    }

    pub fn skip_spaces(&mut self) {
        while matches!(self.peek_kind(), Some(TokenKind::Space)) {
            self.next();
        }
    }

    /// Skips spaces and reports whether the next token is `c`, leaving the
    /// spaces unread when it is not (so text keeps its space).
    pub fn peek_past_spaces_is(&mut self, c: char) -> bool {
        let mut skipped = Vec::new();
        while matches!(self.peek_kind(), Some(TokenKind::Space)) {
            skipped.push(self.next().expect("peeked"));
        }
        let found = self.input.peek().is_some_and(|t| t.is_char(c));
        if !found {
            for token in skipped.into_iter().rev() {
                self.input.unread(token);
            }
        }
        found
    }

    /// Whether `\name` comes next, past spaces (which stay unread).
    pub fn peek_past_command(&mut self, name: &str) -> bool {
        let mut skipped = Vec::new();
        while matches!(self.peek_kind(), Some(TokenKind::Space)) {
            skipped.push(self.next().expect("peeked"));
        }
        let found = self.input.peek().is_some_and(|t| t.is_command(name));
        if !found {
            for token in skipped.into_iter().rev() {
                self.input.unread(token);
            }
        }
        found
    }

    /// A `(...)` argument (biblatex's multicite notes), if one comes next.
    /// `(` and `)` are ordinary characters, so they sit inside text tokens
    /// that are split where the argument ends.
    pub fn read_parenthesised(&mut self) -> Option<Vec<Token>> {
        let mut skipped = Vec::new();
        while matches!(self.peek_kind(), Some(TokenKind::Space)) {
            skipped.push(self.next().expect("peeked"));
        }
        let opens = matches!(self.peek_kind(), Some(TokenKind::Text(t)) if t.starts_with('('));
        if !opens {
            for token in skipped.into_iter().rev() {
                self.input.unread(token);
            }
            return None;
        }
        let mut tokens = Vec::new();
        let mut depth = 0usize;
        let mut braces = 0usize;
        let mut first = true;
        while let Some(token) = self.next() {
            let TokenKind::Text(text) = &token.kind else {
                match token.kind {
                    TokenKind::BeginGroup => braces += 1,
                    TokenKind::EndGroup if braces > 0 => braces -= 1,
                    // The group around the command ends first: `)` is missing.
                    TokenKind::EndGroup => {
                        self.input.unread(token);
                        break;
                    }
                    _ => {}
                }
                tokens.push(token);
                continue;
            };
            let skip = if first { 1 } else { 0 };
            first = false;
            let mut close = None;
            for (i, c) in text.char_indices().skip(skip) {
                match c {
                    '(' => depth += 1,
                    ')' if depth == 0 => {
                        close = Some(i);
                        break;
                    }
                    ')' => depth -= 1,
                    _ => {}
                }
            }
            let piece = |from: usize, to: usize| Token {
                kind: TokenKind::Text(text[from..to].to_owned()),
                span: Span {
                    start: (token.span.start + from as u32).min(token.span.end),
                    end: (token.span.start + to as u32).min(token.span.end),
                    ..token.span
                },
            };
            match close {
                Some(i) => {
                    if i > skip {
                        tokens.push(piece(skip, i));
                    }
                    if i + 1 < text.len() {
                        let rest = piece(i + 1, text.len());
                        self.input.unread(rest);
                    }
                    return Some(tokens);
                }
                None if skip < text.len() => tokens.push(piece(skip, text.len())),
                None => {}
            }
        }
        Some(tokens)
    }

    /// `*` right after a command name.
    pub fn read_star(&mut self) -> bool {
        self.strip_text_prefix(|t| t.starts_with('*').then_some(1))
    }

    /// A mandatory argument: a braced group (without its braces) or one token.
    /// Returns the tokens and the span they cover (braces included).
    pub fn read_arg(&mut self) -> Option<(Vec<Token>, Span)> {
        self.skip_spaces();
        while matches!(self.peek_kind(), Some(TokenKind::ParBreak)) {
            self.next();
        }
        let token = self.next()?;
        match token.kind {
            TokenKind::BeginGroup => {
                let (tokens, end) = self.read_balanced(token.span);
                Some((tokens, token.span.join(end)))
            }
            TokenKind::EndGroup => {
                // `\foo}`: no argument; let the caller's content loop see the `}`.
                self.input.unread(token);
                None
            }
            _ => {
                let span = token.span;
                Some((vec![token], span))
            }
        }
    }

    /// The tokens up to the `}` matching an already-read `{`.
    fn read_balanced(&mut self, open: Span) -> (Vec<Token>, Span) {
        let mut depth = 0usize;
        let mut tokens = Vec::new();
        let mut last = open;
        while let Some(token) = self.next() {
            last = token.span;
            match token.kind {
                TokenKind::BeginGroup => depth += 1,
                TokenKind::EndGroup if depth == 0 => return (tokens, token.span),
                TokenKind::EndGroup => depth -= 1,
                _ => {}
            }
            tokens.push(token);
        }
        self.error(codes::UNBALANCED, open, "this `{` is never closed")
            .label = Some("unbalanced brace".into());
        (tokens, last)
    }

    /// A mandatory argument that must be there; reports its absence.
    pub fn expect_arg(&mut self, command: &str, span: Span) -> (Vec<Token>, Span) {
        match self.read_arg() {
            Some(arg) => arg,
            None => {
                self.error(
                    codes::MISSING_ARGUMENT,
                    span,
                    format!("`\\{command}` is missing an argument"),
                );
                (Vec::new(), span)
            }
        }
    }

    /// An optional `[...]` argument (brackets inside braces do not count).
    pub fn read_optional(&mut self) -> Option<(Vec<Token>, Span)> {
        if !self.peek_past_spaces_is('[') {
            return None;
        }
        let open = self.next().expect("peeked");
        // `[` may be the start of a longer text token: split it off.
        if let TokenKind::Text(t) = &open.kind
            && t.len() > 1
        {
            self.input.unread(Token {
                kind: TokenKind::Text(t[1..].to_owned()),
                span: Span {
                    start: open.span.start + 1,
                    ..open.span
                },
            });
        }
        let mut depth = 0usize;
        let mut tokens = Vec::new();
        while let Some(token) = self.next() {
            match &token.kind {
                TokenKind::BeginGroup => depth += 1,
                TokenKind::EndGroup if depth > 0 => depth -= 1,
                TokenKind::EndGroup => {
                    // `]` missing before the group ends: give the tokens back.
                    self.input.unread(token);
                    break;
                }
                TokenKind::Char(']') if depth == 0 => {
                    return Some((tokens, open.span.join(token.span)));
                }
                _ => {}
            }
            tokens.push(token);
        }
        let span = open.span;
        self.warn(codes::UNBALANCED, span, "this `[` is never closed by `]`");
        Some((tokens, span))
    }

    /// The text of an argument, with user macros and the journal's path
    /// macros expanded (for paths, keys, labels, lengths).
    pub fn arg_string(&mut self, tokens: Vec<Token>) -> String {
        let expanded = self.expand_fully(tokens);
        let mut out = String::new();
        for token in &expanded {
            match &token.kind {
                TokenKind::Command(name) => match crate::registry::in_string(name, self.ctx) {
                    Some(text) => out.push_str(text),
                    None => out.push_str(&detokenize(std::slice::from_ref(token))),
                },
                TokenKind::Char('~') => out.push(' '),
                _ => out.push_str(&detokenize(std::slice::from_ref(token))),
            }
        }
        out.trim().to_owned()
    }

    /// Expands user macros in a token list, leaving everything else.
    pub fn expand_fully(&mut self, tokens: Vec<Token>) -> Vec<Token> {
        self.with_input(tokens, |r| {
            let mut out = Vec::new();
            while let Some(token) = r.next() {
                if let TokenKind::Command(name) = &token.kind
                    && r.try_expand(name, token.span)
                {
                    continue;
                }
                out.push(token);
            }
            out
        })
    }

    /// Runs `f` with `tokens` as the whole input (for arguments).
    pub fn with_input<T>(&mut self, tokens: Vec<Token>, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved_input =
            std::mem::replace(&mut self.input, Input::new(tokens, FrameKind::Inserted));
        let saved_open = std::mem::take(&mut self.open);
        let result = f(self);
        self.input = saved_input;
        self.open = saved_open;
        result
    }

    /// Reads tokens as content.
    pub fn content_of(&mut self, tokens: Vec<Token>) -> Content {
        self.with_input(tokens, |r| r.content(Stop::Eof))
    }

    /// Reads a mandatory argument as content.
    pub fn arg_content(&mut self, command: &str, span: Span) -> (Content, Span) {
        let (tokens, arg_span) = self.expect_arg(command, span);
        (self.content_of(tokens), arg_span)
    }

    // ---- Macros -----------------------------------------------------------

    /// `\@ifstar{starred}{plain}`: how packages define starred forms
    /// (`\renewcommand\section{\@ifstar..}`); the star, if any, follows its
    /// two arguments, as it follows the command whose body they end. The
    /// branch is read in place.
    pub(crate) fn ifstar(&mut self, span: Span) {
        let (starred, _) = self.expect_arg("@ifstar", span);
        let (plain, _) = self.expect_arg("@ifstar", span);
        let star = self.read_star();
        self.input
            .push(if star { starred } else { plain }, FrameKind::Inserted);
    }

    /// Expands a user macro if `name` is one; returns whether it did.
    pub fn try_expand(&mut self, name: &str, span: Span) -> bool {
        if name == "@ifstar" {
            // Expanded as macros are, in math too (mathtools' `\abs*`).
            self.ifstar(span);
            return true;
        }
        let Some(m) = self.macros.get(name).cloned() else {
            return false;
        };
        let args = match &m.delimiters {
            Some(delimiters) => self.delimited_args(delimiters, name, span),
            None => self.macro_args(m.params, m.default.as_ref(), Some((name, span))),
        };
        let body = substitute(&m.body, &args);
        if self.over_budget(body.len(), name, span) {
            return true;
        }
        self.input.push(body, FrameKind::Inserted);
        true
    }

    /// The next token, a text token split to its first character (what TeX
    /// reads when it matches a delimiter).
    fn next_unit(&mut self) -> Option<Token> {
        let token = self.next()?;
        let mut units = split_chars(token);
        let first = units.remove(0);
        for rest in units.into_iter().rev() {
            self.input.unread(rest);
        }
        Some(first)
    }

    /// TeX's "Use of \x doesn't match its definition": an error, except
    /// right after `\expandafter`, where TeX would have expanded what
    /// follows first and wita, reading tokens as they come, may not have:
    /// then the mismatch is wita's, not the author's, and a warning.
    fn mismatch(&mut self, span: Span, message: String, outcome: &str) -> &mut Diagnostic {
        let after_expandafter = self
            .expandafter
            .is_some_and(|e| e.file == span.file && e.end == span.start);
        if after_expandafter {
            self.warn(
                codes::MACRO_EXPANSION,
                span,
                format!("{message}; {outcome}"),
            )
        } else {
            self.error(codes::MACRO_EXPANSION, span, message)
        }
    }

    /// The arguments of a `\def` with delimited parameters: the delimiter
    /// before `#1` is matched, each `#n` followed by a delimiter takes the
    /// tokens up to it (groups whole, one pair of braces around all of it
    /// dropped), each other `#n` is one argument as usual.
    fn delimited_args(
        &mut self,
        delimiters: &[Vec<Token>],
        name: &str,
        span: Span,
    ) -> Vec<Vec<Token>> {
        let same = |a: &Token, b: &Token| a.kind == b.kind;
        for expected in &delimiters[0] {
            let found = self.next_unit();
            if !found.as_ref().is_some_and(|t| same(t, expected)) {
                if let Some(found) = found {
                    self.input.unread(found);
                }
                let message = format!("`\\{name}` is not followed by what its definition needs");
                let d = self.mismatch(span, message, "its arguments are left empty");
                d.help.push(format!(
                    "its `\\def` expects `{}` first",
                    detokenize(&delimiters[0])
                ));
                return vec![Vec::new(); delimiters.len() - 1];
            }
        }
        let mut args = Vec::with_capacity(delimiters.len() - 1);
        for delimiter in &delimiters[1..] {
            if delimiter.is_empty() {
                args.push(self.read_arg().map(|a| a.0).unwrap_or_default());
                continue;
            }
            let mut arg: Vec<Token> = Vec::new();
            let mut groups = 0usize;
            let mut matched = false;
            while let Some(token) = self.next_unit() {
                if token.kind == TokenKind::BeginGroup {
                    // A group is taken whole: a delimiter inside it does not count.
                    let (inner, end) = self.read_balanced(token.span);
                    arg.push(token);
                    arg.extend(inner);
                    arg.push(Token {
                        kind: TokenKind::EndGroup,
                        span: end,
                    });
                    groups += 1;
                    continue;
                }
                if token.kind == TokenKind::EndGroup {
                    // The group around the macro ends first: TeX's runaway
                    // argument; what was read is the argument.
                    self.input.unread(token);
                    break;
                }
                arg.push(token);
                if arg.len() >= delimiter.len()
                    && arg[arg.len() - delimiter.len()..]
                        .iter()
                        .zip(delimiter)
                        .all(|(a, b)| same(a, b))
                {
                    arg.truncate(arg.len() - delimiter.len());
                    matched = true;
                    break;
                }
            }
            if !matched {
                let message = format!(
                    "`\\{name}`'s argument never ends: `{}` does not follow",
                    detokenize(delimiter)
                );
                self.mismatch(span, message, "what follows is its argument");
            }
            // `{..}` alone is the argument without its braces.
            if groups == 1
                && arg.first().is_some_and(|t| t.kind == TokenKind::BeginGroup)
                && group_end(&arg, 1) == arg.len() - 1
            {
                arg.pop();
                arg.remove(0);
            }
            args.push(arg);
        }
        args
    }

    /// The arguments of a user macro or environment: `params` of them, the
    /// first optional when it has a default. A missing one is empty, and an
    /// error at `report`'s place when given.
    pub(crate) fn macro_args(
        &mut self,
        params: u8,
        default: Option<&Vec<Token>>,
        report: Option<(&str, Span)>,
    ) -> Vec<Vec<Token>> {
        let mut args = Vec::new();
        let mut remaining = params;
        if let Some(default) = default {
            args.push(
                self.read_optional()
                    .map_or_else(|| default.clone(), |(t, _)| t),
            );
            remaining = remaining.saturating_sub(1);
        }
        for _ in 0..remaining {
            let arg = self.read_arg();
            if arg.is_none()
                && let Some((name, span)) = report
            {
                self.error(
                    codes::MISSING_ARGUMENT,
                    span,
                    format!("`\\{name}` is missing an argument"),
                );
            }
            args.push(arg.map(|a| a.0).unwrap_or_default());
        }
        args
    }

    /// Counts `tokens` more of expansion (a macro's body, an environment's
    /// code); past the budget, reports once and says to stop expanding.
    pub(crate) fn over_budget(&mut self, tokens: usize, name: &str, span: Span) -> bool {
        self.expanded += tokens + 1;
        if self.expanded <= EXPANSION_BUDGET {
            return false;
        }
        if !self.budget_reported {
            self.budget_reported = true;
            self.error(
                codes::MACRO_EXPANSION,
                span,
                format!("expanding `\\{name}` does not end"),
            )
            .help
            .push("a macro that uses itself expands forever; change its definition".into());
        }
        true
    }

    pub fn push_tokens(&mut self, tokens: Vec<Token>) {
        self.input.push(tokens, FrameKind::Inserted);
    }

    /// Starts reading an `\input` file in place.
    pub fn push_file(&mut self, tokens: Vec<Token>, span: Span) -> bool {
        let depth = self.input.file_depth() + 1;
        if depth > MAX_INPUT_DEPTH {
            self.error(
                codes::TOO_DEEP,
                span,
                format!("`\\input` nests deeper than {MAX_INPUT_DEPTH} files"),
            )
            .help
            .push("a file that inputs itself never ends".into());
            return false;
        }
        self.input.push(tokens, FrameKind::File(depth));
        true
    }

    // ---- The content loop -------------------------------------------------

    /// Reads content until `stop`.
    pub fn content(&mut self, stop: Stop) -> Content {
        let mut out = Content::new();
        if self.nesting >= MAX_NESTING {
            // Too deep: the tokens stay in the input and are read by the
            // constructs around this one (nothing is lost).
            self.report_nesting();
            return out;
        }
        self.nesting += 1;
        self.open.push(stop.clone());
        // A face chosen inside (`\ttfamily`) ends with the group.
        let mono = self.mono;
        loop {
            let Some(token) = self.next() else {
                // At the end of the input every open group is unclosed; the
                // outermost one is reported (TeX too reports one).
                let outer_group_open = matches!(stop, Stop::Group(_))
                    && self.open[..self.open.len() - 1]
                        .iter()
                        .any(|s| matches!(s, Stop::Group(_)));
                if !outer_group_open {
                    self.report_unclosed(&stop);
                }
                if matches!(stop, Stop::Cell(..)) {
                    self.cell_end = Some(CellEnd::End);
                }
                break;
            };
            match token.kind {
                TokenKind::Text(ref text) => {
                    // What a `"` at the text's start follows: a quotation
                    // opens after a space or a paragraph's start.
                    let before = match out.last().map(|n| &n.kind) {
                        Some(NodeKind::Text(t)) => t.chars().next_back(),
                        None | Some(NodeKind::Space | NodeKind::Parbreak | NodeKind::Linebreak) => {
                            None
                        }
                        Some(kind) if kind.is_block() => None,
                        // After a command's or a group's output: a word.
                        Some(_) => Some('x'),
                    };
                    if self.mono {
                        push_text(&mut out, text.clone(), token.span)
                    } else {
                        push_text_marks(&mut out, text, before, token.span)
                    }
                }
                TokenKind::Verbatim(ref text) => push_text(&mut out, text.clone(), token.span),
                TokenKind::Space => {
                    // Spaces after a paragraph's end or a line break are not
                    // printed (TeX is in vertical mode there, or `\\` skipped them).
                    let skip = out.last().is_none_or(|n| {
                        n.kind.is_block()
                            || matches!(
                                n.kind,
                                NodeKind::Parbreak | NodeKind::Space | NodeKind::Linebreak
                            )
                    });
                    if let Some(Node {
                        kind: NodeKind::Styled(Style::XeCjkMark { space_after }, mark),
                        ..
                    }) = out.last_mut()
                        && !*space_after
                        && matches!(wita_doc::plain_text(mark).as_str(), "\u{2019}" | "\u{201D}")
                    {
                        // xeCJK's own glue replaces the space after a
                        // closing mark.
                        *space_after = true;
                    } else if !skip {
                        out.push(Node::new(NodeKind::Space, token.span));
                    }
                }
                TokenKind::ParBreak => push_parbreak(&mut out, token.span),
                TokenKind::BeginGroup if self.nesting >= MAX_NESTING => {
                    // Too deep to read as a group: its tokens are read here,
                    // without their braces (reported once; nothing is lost).
                    self.report_nesting();
                    let (tokens, _) = self.read_balanced(token.span);
                    let flat: Vec<Token> = tokens
                        .into_iter()
                        .filter(|t| !matches!(t.kind, TokenKind::BeginGroup | TokenKind::EndGroup))
                        .collect();
                    self.push_tokens(flat);
                }
                TokenKind::BeginGroup => {
                    if matches!(stop, Stop::Item(..)) && self.group_of_items(&token) {
                        continue;
                    }
                    let inner = self.content(Stop::Group(token.span));
                    out.push(Node::new(NodeKind::Group(inner), token.span));
                }
                TokenKind::EndGroup => {
                    if matches!(stop, Stop::Group(_)) {
                        break;
                    }
                    if self.open.iter().any(|s| matches!(s, Stop::Group(_))) {
                        // The `}` closes an enclosing group: what is open in
                        // between was never closed.
                        self.report_unclosed(&stop);
                        self.input.unread(token);
                        break;
                    }
                    self.error(codes::UNBALANCED, token.span, "unmatched `}`")
                        .help
                        .push("remove it, or add the `{` it should close".into());
                }
                TokenKind::MathShift | TokenKind::DisplayMathShift => {
                    let node = self.inline_math(token);
                    out.push(node);
                }
                TokenKind::AlignTab if matches!(stop, Stop::Cell(..)) => {
                    self.cell_end = Some(CellEnd::Tab);
                    break;
                }
                TokenKind::AlignTab => {
                    self.warn_once(
                        codes::MISPLACED_CHARACTER,
                        token.span,
                        "&",
                        "`&` outside a table is printed as `&`",
                    );
                    push_text(&mut out, "&".into(), token.span);
                }
                TokenKind::Param(_) => {
                    self.warn_once(
                        codes::MISPLACED_CHARACTER,
                        token.span,
                        "#",
                        "`#` outside a macro definition is printed as `#`",
                    );
                    push_text(&mut out, "#".into(), token.span);
                }
                TokenKind::Char('~') => out.push(Node::new(NodeKind::NbSpace, token.span)),
                TokenKind::Char(c) => {
                    if c == '^' || c == '_' {
                        self.warn_once(
                            codes::MISPLACED_CHARACTER,
                            token.span,
                            "^_",
                            format!("`{c}` outside math is printed as `{c}`"),
                        );
                    }
                    push_text(&mut out, c.to_string(), token.span)
                }
                TokenKind::Command(ref name) => {
                    if name == "end" {
                        if self.end_environment(&stop, token.clone()) {
                            break;
                        }
                        continue;
                    }
                    if (name == "item" && matches!(stop, Stop::Item(..)))
                        || (name == "bibitem" && matches!(stop, Stop::BibItem(..)))
                    {
                        self.input.unread(token);
                        break;
                    }
                    if matches!(stop, Stop::Cell(..))
                        && matches!(name.as_str(), "\\" | "tabularnewline" | "cr")
                    {
                        self.read_star();
                        self.read_optional();
                        self.cell_end = Some(CellEnd::Row);
                        break;
                    }
                    if self.try_expand(name, token.span) {
                        continue;
                    }
                    let name = self
                        .aliases
                        .get(name)
                        .cloned()
                        .unwrap_or_else(|| name.clone());
                    self.command(&name, token.span, &mut out);
                }
            }
        }
        self.open.pop();
        self.nesting -= 1;
        self.mono = mono;
        out
    }

    /// Reports, once per document, that groups and environments nest too
    /// deep (and stops expanding macros: nearly always one recurses).
    fn report_nesting(&mut self) {
        if self.nesting_reported {
            return;
        }
        self.nesting_reported = true;
        // Stop expanding now rather than at the end of the expansion budget.
        self.expanded = self.expanded.max(EXPANSION_BUDGET);
        self.budget_reported = true;
        let span = self.input.peek().map(|t| t.span);
        let d = Diagnostic::error(codes::TOO_DEEP, format!(
            "groups and environments nest deeper than {MAX_NESTING}"
        ))
        .with_help("a macro that opens a group or an environment inside itself nests forever; change its definition");
        self.diags.push(match span {
            Some(span) => d.at(span),
            None => d,
        });
    }

    /// Handles `\end{name}`; returns whether the content being read ends here.
    fn end_environment(&mut self, stop: &Stop, end: Token) -> bool {
        let (tokens, arg_span) = match self.read_arg() {
            Some(arg) => arg,
            None => {
                self.error(
                    codes::UNBALANCED,
                    end.span,
                    "`\\end` is missing the environment's name",
                );
                return false;
            }
        };
        let name = detokenize(&tokens).trim().to_owned();
        let span = end.span.join(arg_span);
        match stop {
            Stop::Env(open, _) if *open == name => return true,
            Stop::Item(open, _) | Stop::BibItem(open, _) if *open == name => {
                self.unread_end(end, tokens, arg_span);
                return true;
            }
            Stop::Cell(open, _) if *open == name => {
                self.unread_end(end, tokens, arg_span);
                self.cell_end = Some(CellEnd::End);
                return true;
            }
            _ => {}
        }
        if name == "document" {
            // The end of a pasted-in article: LaTeX reads no further.
            self.input.end_file();
            return matches!(stop, Stop::Eof);
        }
        if self.end_user_env_early(&name, end.clone(), tokens.clone(), arg_span) {
            return false;
        }
        if let Some(at) = self.pictures_closed_early.iter().position(|p| *p == name) {
            self.pictures_closed_early.remove(at);
            return false;
        }
        let closes_outer = self.open.iter().any(|s| match s {
            Stop::Env(open, _)
            | Stop::Item(open, _)
            | Stop::BibItem(open, _)
            | Stop::Cell(open, _) => *open == name,
            _ => false,
        });
        if closes_outer {
            self.report_unclosed(stop);
            self.unread_end(end, tokens, arg_span);
            return true;
        }
        self.error(
            codes::UNBALANCED,
            span,
            format!("`\\end{{{name}}}` has no matching `\\begin{{{name}}}`"),
        );
        false
    }

    /// `\newenvironment{options}{..\begin{longtable}..}{\end{longtable}}`:
    /// the `\end{options}` that ends the table's rows is where its end code
    /// runs; the environment's own end follows it. Returns whether it did.
    /// Whether the innermost open environment is a user one whose end code
    /// runs `\\{command}` (so a list primitive in its begin code is closed).
    pub(crate) fn user_env_ends_with(&self, command: &str) -> bool {
        let Some(Stop::Env(name, _)) = self.open.iter().rev().find(|s| matches!(s, Stop::Env(..)))
        else {
            return false;
        };
        self.envs
            .get(name)
            .is_some_and(|env| env.end.iter().any(|t| t.is_command(command)))
    }

    /// Whether a list environment of this name is being read.
    /// The innermost user environment being read, if its end code ends
    /// environment `env` (which its begin code then began, maybe inside
    /// another: `{\begin{center}\begin{tikzpicture}}`).
    /// Its name and where it begins.
    pub(crate) fn user_env_ending(&self, env: &str) -> Option<(String, Span)> {
        let (name, begin, user) = self.open.iter().rev().find_map(|s| match s {
            Stop::Env(name, begin) => self.envs.get(name).map(|e| (name, *begin, e)),
            _ => None,
        })?;
        let end = &user.end;
        end.windows(4)
            .any(|w| {
                w[0].is_command("end")
                    && w[1].kind == TokenKind::BeginGroup
                    && matches!(&w[2].kind, TokenKind::Text(t) if t == env)
                    && w[3].kind == TokenKind::EndGroup
            })
            .then(|| (name.clone(), begin))
    }

    /// The list environments open here, outermost first.
    pub(crate) fn open_lists(&self) -> impl Iterator<Item = &str> {
        self.open.iter().filter_map(|s| match s {
            Stop::Item(open, _) => Some(open.as_str()),
            _ => None,
        })
    }

    pub(crate) fn list_open(&self, name: &str) -> bool {
        self.open
            .iter()
            .any(|s| matches!(s, Stop::Item(open, _) if open == name))
    }

    pub(crate) fn end_user_env_early(
        &mut self,
        name: &str,
        end: Token,
        tokens: Vec<Token>,
        arg_span: Span,
    ) -> bool {
        let Some(env) = self.envs.get(name) else {
            return false;
        };
        let closes = |t: &Token| {
            t.is_command("end") || t.is_command("endtrivlist") || t.is_command("endlist")
        };
        if !env.end.iter().any(closes)
            || self.ended_early.iter().any(|n| n == name)
            || !self
                .open
                .iter()
                .any(|s| matches!(s, Stop::Env(open, _) if open == name))
        {
            return false;
        }
        let end_code = substitute(&env.end.clone(), &[]);
        self.ended_early.push(name.to_owned());
        self.unread_end(end, tokens, arg_span);
        self.push_tokens(end_code);
        true
    }

    pub(crate) fn unread_end(&mut self, end: Token, name: Vec<Token>, arg_span: Span) {
        let mut tokens = vec![
            end,
            Token {
                kind: TokenKind::BeginGroup,
                span: arg_span.start_point(),
            },
        ];
        tokens.extend(name);
        tokens.push(Token {
            kind: TokenKind::EndGroup,
            span: Span {
                start: arg_span.end,
                ..arg_span
            },
        });
        self.push_tokens(tokens);
    }

    fn report_unclosed(&mut self, stop: &Stop) {
        match stop {
            Stop::Eof => {}
            Stop::Group(span) => {
                self.error(codes::UNBALANCED, *span, "this `{` is never closed")
                    .label = Some("unbalanced brace".into());
            }
            Stop::Env(name, span)
            | Stop::Item(name, span)
            | Stop::BibItem(name, span)
            | Stop::Cell(name, span) => self.unclosed_environment(name, *span),
        }
    }

    /// An environment that its `\begin` at `begin` opened and nothing closed.
    pub fn unclosed_environment(&mut self, name: &str, begin: Span) {
        self.error(
            codes::UNBALANCED,
            begin,
            format!("environment `{name}` is not closed"),
        )
        .help
        .push(format!("add `\\end{{{name}}}`"));
    }

    /// Collects the raw tokens of math up to its closing delimiter, expanding
    /// user macros on the way.
    pub fn math_tokens(
        &mut self,
        is_end: impl Fn(&Token) -> bool,
        open: Span,
        what: &str,
    ) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut depth = 0usize;
        // Environments open inside (`array`, `cases`): a blank line in them
        // is a space, as TeX takes it.
        let mut inner_envs = 0usize;
        self.in_math += 1;
        loop {
            let Some(token) = self.next() else {
                self.error(codes::UNBALANCED, open, format!("{what} is never closed"));
                break;
            };
            // `\newenvironment{loss}{\begin{equation}\begin{aligned}}{\end{aligned}\end{equation}}`:
            // the `\end{loss}` inside the math is where its end code, which
            // closes the math, runs.
            if token.is_command("end")
                && let Some((name, arg_span)) = self.read_arg()
            {
                let env = detokenize(&name).trim().to_owned();
                if self.end_user_env_early(&env, token.clone(), name.clone(), arg_span) {
                    continue;
                }
                let mut back = vec![Token {
                    kind: TokenKind::BeginGroup,
                    span: arg_span.start_point(),
                }];
                back.extend(name);
                back.push(Token {
                    kind: TokenKind::EndGroup,
                    span: Span {
                        start: arg_span.end,
                        ..arg_span
                    },
                });
                self.push_tokens(back);
            }
            if depth == 0 && is_end(&token) {
                break;
            }
            if token.is_command("begin") {
                inner_envs += 1;
            } else if token.is_command("end") {
                inner_envs = inner_envs.saturating_sub(1);
            }
            match &token.kind {
                TokenKind::ParBreak if depth > 0 || inner_envs > 0 => {
                    // Inside a group or an inner environment (`array` in
                    // `equation`) TeX reads on; at the top of the math it
                    // stops, and so does the reader (below).
                    tokens.push(Token {
                        kind: TokenKind::Space,
                        span: token.span,
                    });
                    continue;
                }
                TokenKind::BeginGroup => depth += 1,
                TokenKind::EndGroup if depth == 0 => {
                    self.error(codes::UNBALANCED, open, format!("{what} is never closed"));
                    self.input.unread(token);
                    break;
                }
                TokenKind::EndGroup => depth -= 1,
                TokenKind::ParBreak => {
                    self.error(
                        codes::UNBALANCED,
                        open,
                        format!("{what} is never closed before the paragraph ends"),
                    );
                    self.input.unread(token);
                    break;
                }
                // A macro's `\ifmmode … \else … \fi`, a `\newif`'s test:
                // decided here, as TeX decides them while it reads the math.
                TokenKind::Command(name) if self.conditional(&name.clone(), token.span) => {
                    continue;
                }
                TokenKind::Command(name) if self.try_expand(&name.clone(), token.span) => {
                    continue;
                }
                _ => {}
            }
            tokens.push(token);
        }
        self.in_math -= 1;
        tokens
    }

    fn inline_math(&mut self, open: Token) -> Node {
        let display = open.kind == TokenKind::DisplayMathShift;
        let end_kind = open.kind.clone();
        let tokens = self.math_tokens(|t| t.kind == end_kind, open.span, "this math");
        let span = match tokens.last() {
            Some(last) if last.span.file == open.span.file => open.span.join(last.span),
            _ => open.span,
        };
        let env = if display {
            MathEnv::Display
        } else {
            MathEnv::Inline
        };
        Node::new(NodeKind::Math(self.math_node(tokens, env, false)), span)
    }

    /// Builds a math node: labels come out of the tokens (a `\label` inside
    /// an equation names it), `\nonumber` and `\notag` unnumber it.
    pub(crate) fn math_node(
        &mut self,
        mut tokens: Vec<Token>,
        env: MathEnv,
        mut numbered: bool,
    ) -> Math {
        let mut label = None;
        let mut tag = None;
        let mut row_labels = Vec::new();
        let mut kept = Vec::with_capacity(tokens.len());
        let mut texts = Vec::new();
        // The rows of an `align` or `gather` (`\\` outside groups and
        // inner environments), each numbered unless it says otherwise.
        let multi_row = matches!(env, MathEnv::Align | MathEnv::Gather | MathEnv::Multline);
        // A starred environment's rows are unnumbered but for a `\tag`.
        let rows_numbered = numbered;
        let mut rows = vec![wita_doc::MathRow {
            numbered: rows_numbered,
            ..Default::default()
        }];
        let mut depth = 0usize;
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            match &token.kind {
                TokenKind::BeginGroup => depth += 1,
                TokenKind::EndGroup => depth = depth.saturating_sub(1),
                TokenKind::Command(c) if c == "begin" => depth += 1,
                TokenKind::Command(c) if c == "end" => depth = depth.saturating_sub(1),
                TokenKind::Command(c) if c == "\\" && depth == 0 && multi_row => {
                    rows.push(wita_doc::MathRow {
                        numbered: rows_numbered,
                        ..Default::default()
                    });
                }
                _ => {}
            }
            if token.is_command("tag") {
                // `\tag{..}` (`\tag*{..}`: without parentheses, which are
                // not kept apart here): what shows instead of the number.
                let mut j = i + 1;
                if matches!(&tokens.get(j).map(|t| &t.kind), Some(TokenKind::Text(t)) if t == "*") {
                    j += 1;
                }
                while j < tokens.len() && tokens[j].kind == TokenKind::Space {
                    j += 1;
                }
                if j < tokens.len() && tokens[j].kind == TokenKind::BeginGroup {
                    let k = group_end(&tokens, j + 1);
                    let inner = tokens[j + 1..k.min(tokens.len())].to_vec();
                    // In an `align` or `gather`, the tag is its row's.
                    let slot = match rows.last_mut() {
                        Some(row) if multi_row => {
                            row.numbered = true;
                            &mut row.tag
                        }
                        _ => &mut tag,
                    };
                    if slot.is_none() {
                        let outer = std::mem::replace(&mut self.reading_tag, true);
                        *slot = Some(self.content_of(inner));
                        self.reading_tag = outer;
                    }
                    i = k + 1;
                    numbered = true;
                    continue;
                }
            }
            if token.is_command("hyperlink")
                || token.is_command("hypertarget")
                || token.is_command("texorpdfstring")
            {
                // Links in math are not kept: the text (for `\texorpdfstring`,
                // the first argument) stays.
                let mut j = i + 1;
                while j < tokens.len() && tokens[j].kind == TokenKind::Space {
                    j += 1;
                }
                if j < tokens.len() && tokens[j].kind == TokenKind::BeginGroup {
                    let k = group_end(&tokens, j + 1);
                    if token.is_command("texorpdfstring") {
                        // Keep the first group, drop the second.
                        let kept_end = k.min(tokens.len().saturating_sub(1));
                        kept.extend(tokens[j..=kept_end].iter().cloned());
                        let mut m = k + 1;
                        while m < tokens.len() && tokens[m].kind == TokenKind::Space {
                            m += 1;
                        }
                        if m < tokens.len() && tokens[m].kind == TokenKind::BeginGroup {
                            i = group_end(&tokens, m + 1) + 1;
                        } else {
                            i = k + 1;
                        }
                    } else {
                        // Drop the name; the text group that follows is kept.
                        i = k + 1;
                    }
                    continue;
                }
            }
            if let TokenKind::Command(name) = &token.kind
                && crate::registry::si_prints_in_math(name)
            {
                // siunitx inside math: the math it prints, read on in its
                // place (its text boxes as any `\text`).
                let span = token.span;
                let (latex, next) = crate::registry::si_math_latex(self, name, &tokens, i + 1);
                let printed = crate::lex::tokens_at(&latex, span);
                tokens.splice(i..next.min(tokens.len()), printed);
                continue;
            }
            if token.is_command("Hy@raisedlink") {
                i += 1;
                continue;
            }
            if token.is_command("qedhere") {
                // The proof's end mark goes after the display.
                i += 1;
                continue;
            }
            if token.is_command("label") {
                // `\label{name}`: the name is the next group.
                let mut j = i + 1;
                while j < tokens.len() && tokens[j].kind == TokenKind::Space {
                    j += 1;
                }
                if j < tokens.len() && tokens[j].kind == TokenKind::BeginGroup {
                    let k = group_end(&tokens, j + 1);
                    let name = detokenize(&tokens[j + 1..k]).trim().to_owned();
                    if !name.is_empty() {
                        self.labels.push((name.clone(), token.span));
                        if let Some(row) = rows.last_mut()
                            && row.label.is_none()
                        {
                            row.label = Some(name.clone());
                        }
                        if label.is_none() {
                            label = Some(name);
                        } else {
                            row_labels.push(name);
                        }
                    }
                    i = k + 1;
                    continue;
                }
            }
            // In `align` and `gather` it unnumbers one row, which Typst
            // cannot: the rows stay numbered as one.
            if (token.is_command("nonumber") || token.is_command("notag"))
                && !matches!(env, MathEnv::Align | MathEnv::Gather | MathEnv::Multline)
            {
                numbered = false;
                i += 1;
                continue;
            }
            if token.is_command("nonumber") || token.is_command("notag") {
                if let Some(row) = rows.last_mut() {
                    row.numbered = false;
                }
                i += 1;
                continue;
            }
            if let Some(end) = text_box_end(&tokens, i) {
                // A text-mode box: translated here as text, its place in
                // the math held by a placeholder.
                let source = detokenize(&tokens[i..end]);
                let content = self.content_of(tokens[i..end].to_vec());
                kept.push(Token {
                    kind: TokenKind::Text(wita_doc::MathText::placeholder(texts.len())),
                    span: token.span,
                });
                texts.push(wita_doc::MathText { source, content });
                i = end;
                continue;
            }
            kept.push(token.clone());
            i += 1;
        }
        let mut tex = detokenize(&kept).trim().to_owned();
        // A `\\` that ends the last row of a numbered `align` or `gather`
        // opens an empty row, numbered, as amsmath numbers it (a common
        // slip, whose number the equations after it count). Elsewhere it
        // opens no row of its own.
        if tex.ends_with("\\\\")
            && rows.len() > 1
            && matches!(env, MathEnv::Align | MathEnv::Gather)
            && rows.last().is_some_and(|row| row.numbered)
        {
            tex.push_str(" {}");
        } else if tex.ends_with("\\\\") && rows.len() > 1 {
            let last = rows.pop().expect("more than one");
            if let Some(label) = last.label {
                rows.last_mut()
                    .expect("one at least")
                    .label
                    .get_or_insert(label);
            }
        }
        // One row: its tag, or its `\nonumber`, is the equation's.
        if rows.len() == 1 {
            if let Some(row_tag) = rows[0].tag.take() {
                tag = Some(row_tag);
            } else if !rows[0].numbered {
                numbered = false;
            }
        }
        let rows = if multi_row && numbered && tag.is_none() && rows.len() > 1 {
            labels_to_numbered_rows(rows)
        } else {
            Vec::new()
        };
        Math {
            env,
            numbered,
            tex,
            label,
            tag,
            row_labels,
            rows,
            texts,
        }
    }
}

/// Text-mode commands authors put in math, with their mandatory argument
/// counts, and whether mitex reads them itself when their argument is plain
/// text (`\text{if }`): mitex reads math, and knows no `\sc`, `\kern`,
/// `\cite` or `$..$` inside them, nor the boxes at all.
const TEXT_BOXES: &[(&str, usize, bool)] = &[
    ("text", 1, true),
    ("mbox", 1, true),
    ("hbox", 1, true),
    ("textrm", 1, true),
    ("textup", 1, true),
    ("textnormal", 1, true),
    ("textit", 1, true),
    ("textsl", 1, true),
    ("textbf", 1, true),
    ("textsf", 1, true),
    ("texttt", 1, true),
    ("textmd", 1, true),
    ("emph", 1, true),
    ("textsc", 1, false),
    ("textcircled", 1, false),
    ("reflectbox", 1, false),
    ("makebox", 1, false),
    ("framebox", 1, false),
    ("raisebox", 2, false),
    ("parbox", 2, false),
    ("scalebox", 2, false),
    ("resizebox", 3, false),
];

/// Where the text-mode box at `at` ends (after its last argument), when it
/// is one wita's reader should translate: a box mitex does not know, or
/// one whose argument holds commands or math. Optional `[..]` arguments
/// may come before or between the mandatory ones (`\raisebox{1pt}[0pt]{x}`).
fn text_box_end(tokens: &[Token], at: usize) -> Option<usize> {
    let TokenKind::Command(name) = &tokens[at].kind else {
        return None;
    };
    let &(_, count, mitex_reads) = TEXT_BOXES.iter().find(|(n, ..)| n == name)?;
    let mut i = at + 1;
    let mut groups = 0;
    let mut plain = true;
    while groups < count {
        while tokens.get(i).is_some_and(|t| t.kind == TokenKind::Space) {
            i += 1;
        }
        match tokens.get(i).map(|t| &t.kind) {
            Some(TokenKind::BeginGroup) => {
                let end = group_end(tokens, i + 1);
                if end >= tokens.len() {
                    return None;
                }
                plain &= tokens[i + 1..end].iter().all(|t| {
                    !matches!(
                        t.kind,
                        TokenKind::Command(_) | TokenKind::MathShift | TokenKind::DisplayMathShift
                    )
                });
                groups += 1;
                i = end + 1;
            }
            Some(TokenKind::Char('[')) => {
                let close = tokens[i..]
                    .iter()
                    .position(|t| t.kind == TokenKind::Char(']'))?;
                i += close + 1;
            }
            _ => return None,
        }
    }
    (!(mitex_reads && plain)).then_some(i)
}

/// A `\label` on a row that `\nonumber` leaves unnumbered names the next
/// numbered row, as in LaTeX (the counter steps for that row; in amsmath
/// and in `eqnarray` alike), or, with none after it, the one before.
fn labels_to_numbered_rows(mut rows: Vec<wita_doc::MathRow>) -> Vec<wita_doc::MathRow> {
    for i in 0..rows.len() {
        if rows[i].numbered || rows[i].label.is_none() {
            continue;
        }
        let free = |row: &wita_doc::MathRow| row.numbered && row.label.is_none();
        let target = (i + 1..rows.len())
            .find(|&j| rows[j].numbered)
            .filter(|&j| free(&rows[j]))
            .or_else(|| {
                (0..i)
                    .rev()
                    .find(|&j| rows[j].numbered)
                    .filter(|&j| free(&rows[j]))
            });
        if let Some(j) = target {
            rows[j].label = rows[i].label.take();
        }
    }
    rows
}

/// A token as TeX reads it one at a time: a text run split into characters.
pub(crate) fn split_chars(token: Token) -> Vec<Token> {
    let TokenKind::Text(text) = &token.kind else {
        return vec![token];
    };
    if text.chars().nth(1).is_none() {
        return vec![token];
    }
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let start = (token.span.start + i as u32).min(token.span.end);
        let end = (start + c.len_utf8() as u32).min(token.span.end);
        out.push(Token {
            kind: TokenKind::Text(c.to_string()),
            span: Span {
                start,
                end,
                ..token.span
            },
        });
    }
    out
}

/// Appends text, merging with text right before it from the same place.
/// Text from the source: TeX's ligatures applied, and each xeCJK mark typed
/// as itself (see [`Style::XeCjkMark`]) in a node of its own.
fn push_text_marks(out: &mut Content, text: &str, before: Option<char>, span: Span) {
    if !text.contains(is_xecjk_mark) {
        push_text(out, ligatures_after(text, before), span);
        return;
    }
    // Pieces keep their own place in the source where the token is the
    // source's text as it stands.
    let exact = (span.end - span.start) as usize == text.len();
    let sub = |from: usize, to: usize| {
        if exact {
            Span {
                start: span.start + from as u32,
                end: span.start + to as u32,
                ..span
            }
        } else {
            span
        }
    };
    let mut start = 0;
    let mut before = before;
    for (i, c) in text.char_indices() {
        if !is_xecjk_mark(c) {
            continue;
        }
        if i > start {
            let piece = ligatures_after(&text[start..i], before);
            push_text(out, piece, sub(start, i));
        }
        let end = i + c.len_utf8();
        let at = sub(i, end);
        out.push(Node::new(
            NodeKind::Styled(
                Style::XeCjkMark { space_after: false },
                vec![Node::new(NodeKind::Text(c.to_string()), at)],
            ),
            at,
        ));
        before = Some(c);
        start = end;
    }
    if start < text.len() {
        let piece = ligatures_after(&text[start..], before);
        push_text(out, piece, sub(start, text.len()));
    }
}

/// xeCJK's FullLeft and FullRight classes among characters of Western text.
fn is_xecjk_mark(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'
            | '\u{201C}'
            | '\u{2019}'
            | '\u{201D}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2025}'
            | '\u{2026}'
            | '\u{00B7}'
    )
}

pub(crate) fn push_text(out: &mut Content, text: String, span: Span) {
    if text.is_empty() {
        return;
    }
    if let Some(Node {
        kind: NodeKind::Text(prev),
        span: prev_span,
    }) = out.last_mut()
        && prev_span.file == span.file
        && prev_span.end == span.start
    {
        prev.push_str(&text);
        prev_span.end = span.end;
        return;
    }
    out.push(Node::new(NodeKind::Text(text), span));
}

/// Puts a display (a list, code, a quote…) between paragraphs: a break
/// before it and none after, so that text right after it goes on
/// unindented, as in LaTeX (a blank line there is a break of its own).
pub(crate) fn push_display(out: &mut Content, node: Node, span: Span) {
    push_parbreak(out, span);
    out.push(node);
}

pub(crate) fn push_parbreak(out: &mut Content, span: Span) {
    while matches!(out.last().map(|n| &n.kind), Some(NodeKind::Space)) {
        out.pop();
    }
    match out.last() {
        None => {}
        // After a display, a blank line is kept: the text after it then
        // opens an indented paragraph instead of going on unindented.
        Some(n) if matches!(n.kind, NodeKind::Parbreak | NodeKind::Heading(_)) => {}
        Some(_) => out.push(Node::new(NodeKind::Parbreak, span)),
    }
}

/// Appends a node that stands between paragraphs, with the paragraph
/// breaks around it (at `at`).
pub(crate) fn push_block(out: &mut Content, node: Node, at: Span) {
    push_parbreak(out, at);
    out.push(node);
    push_parbreak(out, at);
}

/// `\begin{env}` or `\end{env}` (`command`) as tokens, all at `span`: what
/// a command that opens or closes an environment puts into the input.
pub(crate) fn env_tokens(command: &str, env: &str, span: Span) -> Vec<Token> {
    [
        TokenKind::Command(command.into()),
        TokenKind::BeginGroup,
        TokenKind::Text(env.into()),
        TokenKind::EndGroup,
    ]
    .into_iter()
    .map(|kind| Token { kind, span })
    .collect()
}

/// Replaces `#n` in a macro body with the arguments (also inside verbatim
/// tokens, such as a URL that uses a parameter).
pub(crate) fn substitute(body: &[Token], args: &[Vec<Token>]) -> Vec<Token> {
    let mut out = Vec::with_capacity(body.len());
    let mut tokens = body.iter().peekable();
    while let Some(token) = tokens.next() {
        match &token.kind {
            // `##1`: the parameter of a macro defined inside this one's body.
            TokenKind::Param(0)
                if matches!(tokens.peek().map(|t| &t.kind), Some(TokenKind::Param(_))) =>
            {
                out.push(tokens.next().expect("peeked").clone());
            }
            TokenKind::Param(n) if *n >= 1 => {
                if let Some(arg) = args.get(*n as usize - 1) {
                    out.extend(arg.iter().cloned());
                }
            }
            TokenKind::Verbatim(text) if text.contains('#') => {
                let mut replaced = String::new();
                let mut chars = text.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '#'
                        && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                    {
                        chars.next();
                        if let Some(arg) = args.get((d as usize).wrapping_sub(1)) {
                            replaced.push_str(&detokenize(arg));
                        }
                        continue;
                    }
                    replaced.push(c);
                }
                out.push(Token {
                    kind: TokenKind::Verbatim(replaced),
                    span: token.span,
                });
            }
            _ => out.push(token.clone()),
        }
    }
    out
}
