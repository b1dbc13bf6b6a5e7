//! Links: hyperref's `\href` and `\url` (url's, too), and its settings.

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind};

use super::Handler::Command;
use super::{Entry, entry, ignore};
use crate::lex::Token;
use crate::lex::detokenize;
use crate::reader::Reader;

fn url(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let url = url_text(&tokens);
    if name == "url" {
        out.push(Node::new(NodeKind::Url(url), span));
    } else {
        out.push(Node::new(NodeKind::InlineCode(url), span));
    }
}

fn href(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let url = url_text(&tokens);
    let (body, arg_span) = r.arg_content(name, span);
    out.push(Node::new(NodeKind::Link { url, body }, span.join(arg_span)));
}

/// The text of a URL argument: `\%`, `\#`, `\_`, `\&`, `\~` stand for the character.
fn url_text(tokens: &[Token]) -> String {
    let raw = detokenize(tokens);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && "%#_&~$".contains(next)
        {
            out.push(next);
            chars.next();
            continue;
        }
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("url", "v", Command(url), "a link showing its URL"),
    entry("nolinkurl", "v", Command(url), "a URL in the monospaced font, not linked"),
    entry("path", "v", Command(url), "a path in the monospaced font"),
    entry("href", "v m", Command(href), "a link with its text"),
    entry("hypersetup", "m", Command(ignore), "ignored: PDF settings"),
    entry("urlstyle", "m", Command(ignore), "ignored: URLs are always monospaced"),
    entry("phantomsection", "", Command(ignore), "ignored"),
];
