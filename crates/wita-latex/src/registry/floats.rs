//! Floats: LaTeX's `figure` and `table`, rotating's sideways ones, wrapfig,
//! the subfigures of subcaption and subfig, and captions (caption's
//! `\captionof`, too).

use wita_diag::Span;
use wita_doc::{Content, Float, FloatKind, Node, NodeKind};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::length::parse_length;
use crate::reader::{Reader, Stop, push_block, push_parbreak};

fn float_environment(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    if name.starts_with("wrap") {
        // `\begin{wrapfigure}[lines]{r}{width}`.
        r.read_optional();
        r.read_arg();
        r.read_arg();
    }
    float(r, &name, begin, out)
}

fn caption(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.subcaption = name == "subcaption";
    if name == "captionof" {
        r.read_star();
        r.read_arg();
    }
    caption_text(r, span, out)
}

/// `table`, `figure` and their starred forms.
pub(super) fn float(r: &mut Reader<'_>, name: &str, begin: Span, out: &mut Content) {
    let placement = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t).trim().to_owned());
    let kind = if name.starts_with("sub") {
        let width = r.read_arg().and_then(|(t, _)| {
            let text = r.arg_string(t);
            parse_length(&text)
        });
        FloatKind::Subfigure(width)
    } else if name.contains("figure") {
        FloatKind::Figure
    } else {
        FloatKind::Table
    };
    r.captions.push(None);
    r.float_kinds.push(kind);
    let body = r.content(Stop::Env(name.to_owned(), begin));
    r.float_kinds.pop();
    let caption = r.captions.pop().flatten();
    if !matches!(kind, FloatKind::Subfigure(_)) {
        push_parbreak(out, begin);
    }
    out.push(Node::new(
        NodeKind::Float(Float {
            kind,
            caption,
            body,
            label: None,
            placement,
        }),
        begin,
    ));
}

/// `\subfloat[caption]{body}` and `\subcaptionbox{caption}{body}`.
fn subfloat(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let caption = if name == "subcaptionbox" {
        r.read_optional();
        Some(r.arg_content(name, span).0)
    } else {
        r.read_optional().map(|(t, _)| r.content_of(t))
    };
    r.captions.push(None);
    let (body, arg_span) = r.arg_content(name, span);
    let _ = r.captions.pop();
    out.push(Node::new(
        NodeKind::Float(Float {
            kind: FloatKind::Subfigure(None),
            caption,
            body,
            label: None,
            placement: None,
        }),
        span.join(arg_span),
    ));
}

/// `\caption`: a float's caption; elsewhere, a paragraph.
pub(super) fn caption_text(r: &mut Reader<'_>, span: Span, out: &mut Content) {
    r.read_star();
    r.read_optional();
    let (body, arg_span) = r.arg_content("caption", span);
    place_caption(r, body, span, span.join(arg_span), out);
}

/// A caption read: the enclosing float's, if it has none yet; elsewhere, a
/// paragraph (spanning `full`, from the command at `span`).
fn place_caption(r: &mut Reader<'_>, body: Content, span: Span, full: Span, out: &mut Content) {
    if let Some(slot) = r.captions.last_mut()
        && slot.is_none()
    {
        *slot = Some(body);
        return;
    }
    push_block(out, Node::new(NodeKind::Group(body), full), span);
}

/// The bicaption package's `\bicaption[short]{main}[short]{second}`: a
/// caption in two languages, the second on a line of its own under the
/// first, as the package sets it (a Chinese thesis's 图 and its Figure).
fn bicaption(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.subcaption = false;
    r.read_optional();
    let (mut body, _) = r.arg_content(name, span);
    r.read_optional();
    let (second, arg_span) = r.arg_content(name, span);
    body.push(Node::new(NodeKind::Linebreak, arg_span));
    body.extend(second);
    place_caption(r, body, span, span.join(arg_span), out);
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("bicaption", "o m o m", Command(bicaption), "a caption in two languages, the second under the first"),
    entry("figure", "o", Environment(float_environment), "a figure, numbered, with its caption"),
    entry("figure*", "o", Environment(float_environment), "a figure"),
    entry("table", "o", Environment(float_environment), "a table, numbered, with its caption"),
    entry("table*", "o", Environment(float_environment), "a table"),
    entry("sidewaysfigure", "o", Environment(float_environment), "a figure (not rotated)"),
    entry("sidewaystable", "o", Environment(float_environment), "a table (not rotated)"),
    entry("wrapfigure", "o m m", Environment(float_environment), "a figure (not wrapped)"),
    entry("wraptable", "o m m", Environment(float_environment), "a table (not wrapped)"),
    entry("subfigure", "o m", Environment(float_environment), "a subfigure of the given width"),
    entry("subtable", "o m", Environment(float_environment), "a subtable of the given width"),
    entry("caption", "s o m", Command(caption), "the float's caption; elsewhere, a paragraph"),
    entry("captionof", "s m o m", Command(caption), "a caption (as the float's, if in one)"),
    entry("subcaption", "s o m", Command(caption), "a subfigure's caption"),
    entry("subfloat", "o o m", Command(subfloat), "a subfigure with its caption"),
    entry("subcaptionbox", "o m m", Command(subfloat), "a subfigure with its caption"),
    entry("captionsetup", "o m", Command(ignore), "ignored: caption settings"),
    entry("FloatBarrier", "", Command(ignore), "ignored: floats stay where they are written"),
];
