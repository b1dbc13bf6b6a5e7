//! Colour: xcolor's (and color's) coloured text and boxes, and the colours
//! a document defines (the models and names are in `crate::color`).

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, Node, NodeKind, Style};

use super::Handler::Command;
use super::{Entry, entry};
use crate::color::parse_color;
use crate::lex::detokenize;
use crate::reader::Reader;

fn coloured(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let model = r.read_optional().map(|(t, _)| detokenize(&t));
    if name == "fcolorbox" {
        r.read_arg(); // the frame's colour
    }
    let (tokens, color_span) = r.expect_arg(name, span);
    let spec = r.arg_string(tokens);
    let color = parse_color(model.as_deref(), &spec, &r.colors);
    if color.is_none() {
        r.warn_once(
            codes::UNKNOWN_COLOUR,
            color_span,
            &format!("color:{spec}"),
            format!("unknown colour `{spec}`; the text keeps its colour"),
        );
    }
    match name {
        "pagecolor" => {}
        "color" => {
            if let Some(c) = color {
                out.push(Node::new(
                    NodeKind::SetStyle(Style::Color(c)),
                    span.join(color_span),
                ));
            }
        }
        _ => {
            let (body, arg_span) = r.arg_content(name, span);
            let full = span.join(arg_span);
            match color {
                Some(c) if name == "textcolor" => {
                    out.push(Node::new(NodeKind::Styled(Style::Color(c), body), full))
                }
                Some(c) => out.push(Node::new(
                    NodeKind::Styled(Style::Background(c), body),
                    full,
                )),
                None => out.push(Node::new(NodeKind::Group(body), full)),
            }
        }
    }
}

fn define(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (name_tokens, _) = r.expect_arg(name, span);
    let color_name = r.arg_string(name_tokens);
    let (model, spec) = if name == "colorlet" {
        (None, r.expect_arg(name, span).0)
    } else {
        let model = r.expect_arg(name, span).0;
        (Some(detokenize(&model)), r.expect_arg(name, span).0)
    };
    let spec = r.arg_string(spec);
    if let Some(c) = parse_color(model.as_deref(), &spec, &r.colors) {
        r.colors.insert(color_name, c);
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("textcolor", "o m m", Command(coloured), "its text in the colour"),
    entry("color", "o m", Command(coloured), "the colour until the group ends"),
    entry("colorbox", "o m m", Command(coloured), "its text on the colour"),
    entry("fcolorbox", "o m m m", Command(coloured), "its text on the second colour (no frame)"),
    entry("pagecolor", "o m", Command(coloured), "ignored: pages stay white"),
    entry("definecolor", "m m m", Command(define), "names a colour (rgb, RGB, HTML, gray, cmyk)"),
    entry("providecolor", "m m m", Command(define), "names a colour"),
    entry("colorlet", "m m", Command(define), "names a colour (a mix like `blue!20`)"),
];
