//! Links: hyperref's `\href` and `\url` (url's, too), and its settings.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, Node, NodeKind, SCRIPTING_SCHEMES};

use super::Handler::Command;
use super::{Entry, entry, ignore};
use crate::lex::Token;
use crate::lex::detokenize;
use crate::reader::Reader;

fn url(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let url = url_text(&tokens);
    if name == "url" && runs_code(r, &url, span) {
        out.push(Node::new(NodeKind::InlineCode(url), span));
    } else if name == "url" {
        out.push(Node::new(NodeKind::Url(url), span));
    } else {
        out.push(Node::new(NodeKind::InlineCode(url), span));
    }
}

fn href(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    // `\href[pdfnewwindow]{url}{text}`: how a viewer opens it.
    r.read_optional();
    let (tokens, _) = r.expect_arg(name, span);
    let url = url_text(&tokens);
    let (body, arg_span) = r.arg_content(name, span);
    link(r, url, body, span.join(arg_span), out);
}

/// A link, or its text alone when its address would run code.
fn link(r: &mut Reader<'_>, url: String, body: Content, span: Span, out: &mut Content) {
    if runs_code(r, &url, span) {
        out.extend(body);
    } else {
        out.push(Node::new(NodeKind::Link { url, body }, span));
    }
}

/// Whether a link's address would run code or show content of its own in a
/// reader's browser or PDF viewer (`javascript:`, `data:`, `vbscript:`,
/// `file:`): such a link from a pull request is not made, with a warning.
fn runs_code(r: &mut Reader<'_>, url: &str, span: Span) -> bool {
    let scheme = wita_doc::url_scheme(url).filter(|s| SCRIPTING_SCHEMES.contains(&s.as_str()));
    if let Some(scheme) = &scheme {
        r.warn(codes::UNSAFE_LINK,
            span,
            format!("a link to a `{scheme}:` address would run code or content in a reader's browser; it is left out and its text kept"),
        )
        .help
        .push("link to an https:// page instead".into());
    }
    scheme.is_some()
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

/// `\hypertarget{name}{text}`: a place `\hyperlink{name}` goes to, and the text.
fn hypertarget(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let target = r.arg_string(tokens);
    // A name used twice goes to its first place, as in a PDF.
    if !target.is_empty() && r.hypertargets.insert(target.clone()) {
        out.push(Node::new(
            NodeKind::Anchor(format!("{HYPERTARGET}{target}")),
            span.join(arg_span),
        ));
    }
    let (body, _) = r.arg_content(name, span);
    out.extend(body);
}

/// What a `\hypertarget`'s name is prefixed with, to keep it apart from
/// `\label`s.
pub(crate) const HYPERTARGET: &str = "hypertarget:";

/// `\hyperlink{name}{text}`, `\hyperref[label]{text}`: the text, linked to
/// the place (`#` + the label in the link's URL; the writer makes it a link
/// within the document, or none when nothing has that name).
fn hyperlink(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let target = if name == "hyperref" {
        match r.read_optional() {
            Some((tokens, _)) => r.arg_string(tokens),
            None => {
                // `\hyperref{url}{category}{name}{text}`.
                let (tokens, _) = r.expect_arg(name, span);
                let url = url_text(&tokens);
                r.read_arg();
                r.read_arg();
                let (body, arg_span) = r.arg_content(name, span);
                link(r, url, body, span.join(arg_span), out);
                return;
            }
        }
    } else {
        let (tokens, _) = r.expect_arg(name, span);
        format!("{HYPERTARGET}{}", r.arg_string(tokens))
    };
    let (body, arg_span) = r.arg_content(name, span);
    out.push(Node::new(
        NodeKind::Link {
            url: format!("#{target}"),
            body,
        },
        span.join(arg_span),
    ));
}

/// `\texorpdfstring{text}{pdf string}`: the text.
fn texorpdfstring(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, _) = r.arg_content(name, span);
    r.read_arg();
    out.extend(body);
}

/// hyperref's internal `\Hy@raisedlink{..}` (in authors' `\makeatletter`
/// macros): its argument.
fn first_of_one(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, _) = r.arg_content(name, span);
    out.extend(body);
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("url", "v", Command(url), "a link showing its URL"),
    entry("nolinkurl", "v", Command(url), "a URL in the monospaced font, not linked"),
    entry("path", "v", Command(url), "a path in the monospaced font"),
    entry("href", "o v m", Command(href), "a link with its text (`[options]` of how it opens are the viewer's)"),
    entry("hypersetup", "m", Command(ignore), "ignored: PDF settings"),
    entry("urlstyle", "m", Command(ignore), "ignored: URLs are always monospaced"),
    entry("phantomsection", "", Command(ignore), "ignored: headings are link targets already"),
    entry("hypertarget", "m m", Command(hypertarget), "a named place for `\\hyperlink`, and its text"),
    entry("hyperlink", "m m", Command(hyperlink), "its text, linked to a `\\hypertarget`"),
    entry("hyperref", "o m", Command(hyperlink), "`\\hyperref[label]{text}`: the text, linked to the label"),
    entry("texorpdfstring", "m m", Command(texorpdfstring), "its first argument (the second is for PDF bookmarks)"),
    entry("Hy@raisedlink", "m", Command(first_of_one), "its argument"),
];
