//! Citations and bibliographies: biblatex's and natbib's citation commands
//! (the cite package's, too), `\printbibliography` and `\bibliography`, a
//! hand-written `thebibliography`, and biblatex's scopes and settings.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Cite, CiteMode, Content, Node, NodeKind, Spanned};

use super::Handler::{Command, Environment};
use super::lists::trim;
use super::{Entry, entry, ignore, read_by_enclosing};
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{Reader, Stop, push_block, push_parbreak};

fn bibliography(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    while r.read_optional().is_some() {}
    if name == "bibliography" {
        r.read_arg();
    }
    push_parbreak(out, span);
    out.push(Node::new(NodeKind::Bibliography, span));
}

fn thebibliography(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_arg(); // the widest label
    let node = bibitems(r, &name, begin);
    push_block(out, node, begin);
}

/// biblatex's bibliography scopes: their argument names a context, their
/// content is ordinary text.
fn scope(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_optional();
    if name == "refcontext" && matches!(r.peek_kind(), Some(TokenKind::BeginGroup)) {
        r.read_arg();
    }
    let body = r.content(Stop::Env(name, begin));
    out.push(Node::new(NodeKind::Group(body), begin));
}

pub(super) fn cite(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let mode = match name {
        "textcite" | "Textcite" | "citet" => CiteMode::Text,
        "supercite" => CiteMode::Super,
        "footcite" | "footcitetext" => CiteMode::Foot,
        "fullcite" => CiteMode::Full,
        "footfullcite" => CiteMode::FootFull,
        "citeauthor" | "Citeauthor" | "citeauthor*" => CiteMode::Author,
        "citeyear" | "citedate" => CiteMode::Year,
        "citetitle" => CiteMode::Title,
        "citeurl" => CiteMode::Url,
        "nocite" => CiteMode::NoCite,
        _ => CiteMode::Normal,
    };
    r.read_star();
    let first = r.read_optional();
    let second = r.read_optional();
    // One optional argument is the postnote; two are prenote and postnote.
    let (pre, post) = match (first, second) {
        (Some(a), Some(b)) => (Some(a.0), Some(b.0)),
        (Some(a), None) => (None, Some(a.0)),
        _ => (None, None),
    };
    let prenote = pre.map(|t| r.content_of(t)).filter(|c| !c.is_empty());
    let postnote = post.map(|t| r.content_of(t)).filter(|c| !c.is_empty());
    let (tokens, arg_span) = r.expect_arg(name, span);
    let tokens = r.expand_fully(tokens);
    let keys = split_keys(&tokens);
    if keys.is_empty() {
        r.warn(
            codes::UNREADABLE_VALUE,
            span.join(arg_span),
            format!("`\\{name}` names no key"),
        );
        return;
    }
    out.push(Node::new(
        NodeKind::Cite(Cite {
            keys,
            mode,
            prenote,
            postnote,
        }),
        span.join(arg_span),
    ));
}

/// `\cites[pre][post]{a}[pre][post]{b}`: one citation per key group,
/// separated by biblatex's `\multicitedelim` (`; `).
fn multicite(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let single = &name[..name.len() - 1];
    // `\cites(multiprenote)(multipostnote)`: notes for the whole list;
    // one parenthesised argument alone is the postnote.
    let first_note = r.read_parenthesised();
    let second_note = first_note.as_ref().and_then(|_| r.read_parenthesised());
    let (pre, post) = match (first_note, second_note) {
        (Some(a), Some(b)) => (Some(a), Some(b)),
        (Some(a), None) => (None, Some(a)),
        _ => (None, None),
    };
    let pre = pre.map(|t| r.content_of(t)).filter(|c| !c.is_empty());
    let post = post.map(|t| r.content_of(t)).filter(|c| !c.is_empty());
    if let Some(pre) = pre {
        out.extend(pre);
        out.push(Node::new(NodeKind::Text(" ".into()), span));
    }
    cite_list(r, single, span, out);
    if let Some(post) = post {
        out.push(Node::new(NodeKind::Text(", ".into()), span));
        out.extend(post);
    }
}

fn cite_list(r: &mut Reader<'_>, single: &str, span: Span, out: &mut Content) {
    let mut first = true;
    loop {
        let next_is_arg =
            matches!(r.peek_kind(), Some(TokenKind::BeginGroup)) || r.peek_past_spaces_is('[');
        if !next_is_arg && !first {
            break;
        }
        if !first {
            out.push(Node::new(NodeKind::Text("; ".into()), span));
        }
        let before = out.len();
        cite(r, single, span, out);
        first = false;
        if out.len() == before {
            break;
        }
    }
}

/// The `\bibitem`s of a `thebibliography`.
fn bibitems(r: &mut Reader<'_>, name: &str, begin: Span) -> Node {
    // Before the first \bibitem: nothing that prints (LaTeX would fail).
    let _ = content_until_bibitem(r, name, begin);
    let mut items = Vec::new();
    loop {
        match r.next() {
            Some(t) if t.is_command("bibitem") => {
                let label = r.read_optional().map(|(tokens, _)| r.content_of(tokens));
                let (key_tokens, key_span) = r.expect_arg("bibitem", t.span);
                let key = r.arg_string(key_tokens);
                let body = content_until_bibitem(r, name, begin);
                items.push(wita_doc::BibItem {
                    key,
                    label,
                    body: trim(body),
                    span: t.span.join(key_span),
                });
            }
            Some(t) if t.is_command("end") => {
                r.read_arg();
                break;
            }
            Some(_) | None => break,
        }
    }
    Node::new(NodeKind::BibItems(items), begin)
}

fn content_until_bibitem(r: &mut Reader<'_>, name: &str, begin: Span) -> Content {
    // `\bibitem` ends an entry the way `\item` ends a list item.
    r.content(Stop::BibItem(name.to_owned(), begin))
}

/// Splits `\cite`'s argument into keys, each with its own span.
fn split_keys(tokens: &[Token]) -> Vec<Spanned<String>> {
    let mut keys = Vec::new();
    let mut current = String::new();
    let mut current_span: Option<Span> = None;
    let mut finish = |current: &mut String, span: &mut Option<Span>| {
        if let Some(s) = span.take()
            && !current.is_empty()
        {
            keys.push(Spanned::new(std::mem::take(current), s));
        }
        current.clear();
    };
    for token in tokens {
        match &token.kind {
            TokenKind::Text(text) => {
                let exact = (token.span.end - token.span.start) as usize == text.len();
                for (offset, c) in text.char_indices() {
                    if c == ',' {
                        finish(&mut current, &mut current_span);
                        continue;
                    }
                    let char_span = if exact {
                        let start = token.span.start as usize + offset;
                        Span::new(token.span.file, start..start + c.len_utf8())
                    } else {
                        token.span
                    };
                    current.push(c);
                    current_span = Some(current_span.map_or(char_span, |s| s.join(char_span)));
                }
            }
            TokenKind::Space | TokenKind::ParBreak => {}
            other => {
                let text = detokenize(&[Token {
                    kind: other.clone(),
                    span: token.span,
                }]);
                current.push_str(&text);
                current_span = Some(current_span.map_or(token.span, |s| s.join(token.span)));
            }
        }
    }
    finish(&mut current, &mut current_span);
    keys
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("cite", "s o o m", Command(cite), "`[n]`, with a prenote and a postnote"),
    entry("Cite", "s o o m", Command(cite), "`[n]`"),
    entry("parencite", "s o o m", Command(cite), "`[n]`"),
    entry("Parencite", "s o o m", Command(cite), "`[n]`"),
    entry("autocite", "s o o m", Command(cite), "`[n]`"),
    entry("Autocite", "s o o m", Command(cite), "`[n]`"),
    entry("citep", "s o o m", Command(cite), "`[n]`"),
    entry("citealp", "s o o m", Command(cite), "`[n]`"),
    entry("citealt", "s o o m", Command(cite), "`[n]`"),
    entry("citenum", "s o o m", Command(cite), "`[n]`"),
    entry("citen", "s o o m", Command(cite), "`[n]`"),
    entry("supercite", "s o o m", Command(cite), "the number, raised"),
    entry("footcite", "s o o m", Command(cite), "the citation in a footnote"),
    entry("footcitetext", "s o o m", Command(cite), "the citation in a footnote"),
    entry("footfullcite", "s o o m", Command(cite), "the entry, as the reference list prints it, in a footnote"),
    entry("fullcite", "s o o m", Command(cite), "the entry, as the reference list prints it, in the text"),
    entry("citereset", "", Command(ignore), "ignored (the journal's citations have no short forms to reset)"),
    entry("textcite", "s o o m", Command(cite), "`Author [n]`"),
    entry("Textcite", "s o o m", Command(cite), "`Author [n]`"),
    entry("citet", "s o o m", Command(cite), "`Author [n]`"),
    entry("citeauthor", "s o o m", Command(cite), "the authors' names"),
    entry("Citeauthor", "s o o m", Command(cite), "the authors' names"),
    entry("citeyear", "s o o m", Command(cite), "the year"),
    entry("citedate", "s o o m", Command(cite), "the year"),
    entry("citetitle", "s o o m", Command(cite), "the title"),
    entry("citeurl", "s o o m", Command(cite), "the URL"),
    entry("nocite", "m", Command(cite), "lists works without citing them (`*`: all of cite.bib)"),
    entry("cites", "d() d() o o m", Command(multicite), "several citations, `; ` between them"),
    entry("Cites", "d() d() o o m", Command(multicite), "several citations"),
    entry("parencites", "d() d() o o m", Command(multicite), "several citations"),
    entry("Parencites", "d() d() o o m", Command(multicite), "several citations"),
    entry("autocites", "d() d() o o m", Command(multicite), "several citations"),
    entry("Autocites", "d() d() o o m", Command(multicite), "several citations"),
    entry("textcites", "d() d() o o m", Command(multicite), "several citations, with authors"),
    entry("Textcites", "d() d() o o m", Command(multicite), "several citations, with authors"),
    entry("supercites", "d() d() o o m", Command(multicite), "several citations, raised"),
    entry("printbibliography", "o", Command(bibliography), "the article's reference list"),
    entry("bibliography", "m", Command(bibliography), "the article's reference list"),
    entry("printbibheading", "o", Command(bibliography), "the article's reference list"),
    entry("thebibliography", "m", Environment(thebibliography), "a hand-written reference list of `\\bibitem`s"),
    entry("bibitem", "o m", Command(read_by_enclosing), "an item of `thebibliography`, cited by its key"),
    entry("newblock", "", super::Handler::Symbol(" "), "in a `\\bibitem`: the space between its blocks"),
    entry("refsection", "o", Environment(scope), "its content (one reference list per article)"),
    entry("refsegment", "o", Environment(scope), "its content"),
    entry("refcontext", "o m", Environment(scope), "its content"),
    entry("bibliographystyle", "m", Command(ignore), "ignored: biblatex's standard numeric style is used"),
    entry("addbibresource", "o m", Command(ignore), "ignored: the entry's cite.bib is read"),
    entry("ExecuteBibliographyOptions", "o m", Command(ignore), "ignored"),
    entry("newrefcontext", "o", Command(ignore), "ignored"),
    entry("printshorthands", "o", Command(ignore), "ignored"),
    entry("defbibenvironment", "m m m m", Command(ignore), "ignored"),
    entry("defbibheading", "m o m", Command(ignore), "ignored"),
];
