//! wita's LaTeX reader: the LaTeX that journal articles are written in, read
//! into the document model ([`wita_doc`]) with a span on every node.
//!
//! TeX's grammar depends on what each command means, so this is a small
//! interpreter rather than a parser: a tokenizer that follows TeX's category
//! codes ([`lex`]), an input stack with macro expansion, and a table of the
//! commands and environments it knows (the registry, one module per LaTeX
//! package; [`commands`] lists it). A command it does not know is a warning
//! at its place, and the text of its arguments is kept.
//!
//! ```
//! use wita_diag::Sources;
//! use wita_latex::{NoFiles, ReadContext, read_article};
//!
//! let text = "\\setentryid{hello}\n\\section{Greeting}\nHello, \\emph{world} \\cite{knuth}.\n\\foo{bar}";
//! let sources = Sources::new();
//! let file = sources.add("main.tex", text);
//! let ctx = ReadContext {
//!     sources: &sources,
//!     resolver: &NoFiles, // an entry's files are served by wita-journal
//!     entry_path: "issue/2025/202501.tex.d/entry/hello",
//!     issue_path: "issue/2025/202501.tex.d",
//!     today: "January 1, 2025",
//! };
//! let (article, diagnostics) = read_article(text, file, &ctx);
//!
//! assert_eq!(article.meta.entry_id.unwrap().value, "hello");
//! assert_eq!(article.meta.cited[0].key.value, "knuth");
//! let text = wita_doc::plain_text(&article.body);
//! assert!(text.contains("Hello, world"), "{text}");
//! // `\foo` is not known: a warning at its place, and its text is kept.
//! let warning = diagnostics.iter().next().unwrap();
//! assert!(warning.message.contains("\\foo"));
//! assert!(text.ends_with("bar"), "{text}");
//! ```

mod color;
mod conditionals;
mod crossref;
mod input;
mod labels;
mod length;
pub mod lex;
mod master;
mod reader;
mod registry;
mod text;

use std::sync::Arc;

use wita_diag::{Code, Diagnostics, FileId, Sources, codes};
use wita_doc::Article;

pub use length::parse_length;
pub use master::{Cover, CoverRow, Master, read_master};
pub use registry::registers::MONTHS;
pub use registry::{Kind, Known, command_list_markdown, command_table, commands, packages};

/// Why a file named in the document cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    /// The kind of problem: a path out of the entry ([`codes::UNSAFE_PATH`]),
    /// a file not there, one that cannot be read…
    pub code: Code,
    pub message: String,
    pub help: Vec<String>,
    /// The file is not there (as opposed to refused, or unreadable): the
    /// reader may look elsewhere (`\graphicspath`, a converted EPS).
    pub not_found: bool,
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResolveError {}

impl ResolveError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            help: Vec::new(),
            not_found: false,
        }
    }

    /// A file that is not there.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            not_found: true,
            ..Self::new(codes::FILE_NOT_FOUND, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }
}

/// Finds the files an article names, enforcing where it may read.
pub trait Resolver {
    /// `\input{written}`: registers the file in the sources and returns it.
    fn read_input(&self, written: &str) -> Result<(FileId, Arc<str>), ResolveError>;
    /// `\includegraphics{written}`: the journal-root-relative path of the image.
    fn graphic(&self, written: &str) -> Result<String, ResolveError>;
}

/// A resolver that refuses every file (for text without an entry folder).
pub struct NoFiles;

impl Resolver for NoFiles {
    fn read_input(&self, written: &str) -> Result<(FileId, Arc<str>), ResolveError> {
        Err(ResolveError::new(
            codes::UNSAFE_PATH,
            format!("cannot read `{written}` here"),
        ))
    }
    fn graphic(&self, written: &str) -> Result<String, ResolveError> {
        Err(ResolveError::new(
            codes::UNSAFE_PATH,
            format!("cannot include `{written}` here"),
        ))
    }
}

/// What the reader needs to know about where the document lives.
pub struct ReadContext<'a> {
    pub sources: &'a Sources,
    pub resolver: &'a dyn Resolver,
    /// What `\entrypath` stands for (journal-root relative).
    pub entry_path: &'a str,
    /// What `\issuepath` stands for.
    pub issue_path: &'a str,
    /// What `\today` prints.
    pub today: &'a str,
}

/// Reads an article's `main.tex`.
pub fn read_article(text: &str, file: FileId, ctx: &ReadContext) -> (Article, Diagnostics) {
    let (tokens, lex_diags, short_verbs) = lex::tokenize_input(text, file, &[]);
    // A pasted-in article with a preamble: everything before
    // `\begin{document}` only defines. Decided on the tokens, so that one in
    // a comment or a verbatim listing does not count.
    let preamble = has_document_environment(&tokens);
    let mut reader = reader::Reader::new(ctx, tokens);
    reader.short_verbs = short_verbs;
    reader.diags.extend(lex_diags);
    reader.preamble = preamble;
    let mut body = reader.content(reader::Stop::Eof);
    // `\thanks` of an `\author` without a `\maketitle` after it.
    body.append(&mut reader.thanks);
    // `\printnomenclature`'s list, now that its entries are known.
    let is_mark = |n: &wita_doc::Node| matches!(&n.kind, wita_doc::NodeKind::Unknown { name, .. } if name == registry::NOMENCLATURE_MARK);
    let mut mark = None;
    wita_doc::walk(&body, &mut |n| {
        if mark.is_none() && is_mark(n) {
            mark = Some(n.span);
        }
    });
    if let Some(span) = mark {
        let mut list = Some(registry::nomenclature_list(&mut reader, span));
        wita_doc::walk_mut(&mut body, &mut |n| {
            if is_mark(n) {
                n.kind = wita_doc::NodeKind::Group(list.take().unwrap_or_default());
            }
        });
    }
    while matches!(
        body.last().map(|n| &n.kind),
        Some(wita_doc::NodeKind::Space | wita_doc::NodeKind::Parbreak)
    ) {
        body.pop();
    }
    let mut meta = std::mem::take(&mut reader.meta);
    meta.chinese_chapters = chinese_chapters(&body);
    meta.chapters = chapters(&mut body);
    meta.class = reader.class.clone();
    reader.chapters = meta.chapters;
    let mut diags = std::mem::take(&mut reader.diags);
    labels::attach_labels(&mut body);
    labels::pair_footnotes(&mut body);
    let mut defined = std::collections::HashSet::new();
    for (label, span) in &reader.labels {
        if !defined.insert(label.clone()) {
            diags.push(
                wita_diag::Diagnostic::warning(
                    codes::DUPLICATE_LABEL,
                    format!("`\\label{{{label}}}` is defined twice; references go to the last, as in LaTeX"),
                )
                .at(*span),
            );
        }
    }
    labels::drop_repeated_labels(&mut body);
    reader.name_references(&mut body);
    diags.extend(std::mem::take(&mut reader.diags));
    labels::resolve_theorem_refs(&mut body, &reader.theorem_refs);
    labels::check_refs(&mut body, &defined, &mut diags);
    // What a package's definitions do where the article uses them is a
    // program for TeX too: what wita cannot follow there is not the
    // author's error, and not theirs to fix. One warning per package says
    // how much was skipped.
    for &(file, span) in &reader.local_packages {
        let (_, all) = diags.drop_in_file(file);
        if all > 0 {
            diags.push(
                wita_diag::Diagnostic::warning(codes::LOCAL_PACKAGE, format!(
                    "where the article uses this package's commands, {all} part(s) of its definitions wita cannot follow were skipped"
                ))
                .at(span)
                .with_help("the text they hold is printed; if something looks wrong, define those commands in main.tex with LaTeX's basic commands"),
            );
        }
    }
    diags.dedup();
    // One mistake repeated (an unknown command used a thousand times, a
    // thousand stray braces) reads as twenty and a count.
    diags.fold_repeats(20);
    meta.record_references(&body);
    (Article { meta, body }, diags)
}

/// Whether the article's chapters have Chinese titles (a document of
/// ctex's classes, whose chapters are `第一章`).
fn chinese_chapters(body: &wita_doc::Content) -> bool {
    use wita_doc::NodeKind;
    let mut chinese = false;
    wita_doc::walk(body, &mut |n| {
        if let NodeKind::Heading(h) = &n.kind
            && h.level == 0
            && h.numbered
        {
            chinese |= wita_doc::plain_text(&h.body)
                .chars()
                .any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'));
        }
    });
    chinese
}

/// Whether the article has chapters (`\chapter`, read as level 0): then
/// every heading moves one level down (chapter 1, section 2, …, and
/// `\subsubsection` unnumbered, as book's and report's `secnumdepth`);
/// else a `\part` (level 0) is a top-level heading.
fn chapters(body: &mut wita_doc::Content) -> bool {
    use wita_doc::NodeKind;
    let mut any = false;
    wita_doc::walk(body, &mut |n| {
        any |= matches!(&n.kind, NodeKind::Heading(h) if h.level == 0 && h.numbered);
    });
    wita_doc::walk_mut(body, &mut |n| {
        if let NodeKind::Heading(h) = &mut n.kind {
            if any {
                h.level += 1;
                h.numbered &= h.level <= 3;
            } else if h.level == 0 {
                h.level = 1;
            }
        }
    });
    any
}

/// Whether the tokens hold `\begin{document}` (as a command, not in a
/// comment or verbatim text).
fn has_document_environment(tokens: &[lex::Token]) -> bool {
    use lex::TokenKind;
    tokens.windows(4).any(|w| {
        w[0].is_command("begin")
            && w[1].kind == TokenKind::BeginGroup
            && matches!(&w[2].kind, TokenKind::Text(t) if t == "document")
            && w[3].kind == TokenKind::EndGroup
    })
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
