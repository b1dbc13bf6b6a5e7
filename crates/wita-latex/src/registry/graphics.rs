//! Images: graphicx's `\includegraphics` (a file inside the entry) and
//! `\rotatebox` (its text, upright).

use wita_diag::Span;
use wita_doc::{Content, Image, Node, NodeKind};

use super::Handler::Command;
use super::core::text_box;
use super::{Entry, entry, ignore};
use crate::length::parse_length;
use crate::reader::Reader;

fn includegraphics(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_star();
    let options = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t))
        .unwrap_or_default();
    let (tokens, arg_span) = r.expect_arg(name, span);
    let written = r.arg_string(tokens);
    let full = span.join(arg_span);
    let path = match r.ctx.resolver.graphic(&written) {
        Ok(path) => path,
        Err(e) => {
            let d = r.error(full, e.message);
            d.label = Some(format!("`{written}`"));
            d.help.extend(e.help);
            return;
        }
    };
    let mut image = Image {
        path,
        width: None,
        height: None,
        scale: None,
        alt: None,
    };
    for option in split_options(&options) {
        let Some((key, value)) = option.split_once('=') else {
            continue;
        };
        match key.trim() {
            // The key LaTeX's tagging project gives the alternative text.
            "alt" => image.alt = Some(plain_value(value)),
            "width" => image.width = parse_length(value),
            "height" | "totalheight" => image.height = parse_length(value),
            "scale" => {
                image.scale = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s > 0.0)
            }
            _ => {}
        }
    }
    out.push(Node::new(NodeKind::Image(image), full));
}

/// `key=value` options split at the commas outside braces (`alt={a, b}`).
fn split_options(options: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in options.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&options[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&options[start..]);
    parts
}

/// An option's value as text: its braces and TeX's escapes gone.
fn plain_value(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' => match chars.peek() {
                Some(&n) if !n.is_alphabetic() => {
                    out.push(n);
                    chars.next();
                }
                _ => {}
            },
            '~' => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("includegraphics", "s o m", Command(includegraphics), "an image of the entry (`width=`, `height=`, `scale=`, `alt=`)"),
    entry("rotatebox", "o m m", Command(text_box), "its text, not rotated"),
    entry("graphicspath", "m", Command(ignore), "ignored: images are found in the entry folder"),
];
