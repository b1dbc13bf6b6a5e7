//! Small packages: csquotes' `\enquote`, nth's ordinals, hologo's logos.

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind};

use super::Handler::Command;
use super::core::text_box;
use super::{Entry, entry};
use crate::reader::{Reader, push_text};

/// `\enquote{..}` and, one level in, `\enquote*{..}`.
fn enquote(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (open, close) = if r.read_star() {
        ("‘", "’")
    } else {
        ("“", "”")
    };
    let (body, arg_span) = r.arg_content(name, span);
    push_text(out, open.into(), span);
    out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
    push_text(out, close.into(), arg_span);
}

fn nth(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let n = r.arg_string(tokens).trim().to_owned();
    let suffix = match n.parse::<u64>() {
        Ok(v) if (11..=13).contains(&(v % 100)) => "th",
        Ok(v) if v % 10 == 1 => "st",
        Ok(v) if v % 10 == 2 => "nd",
        Ok(v) if v % 10 == 3 => "rd",
        _ => "th",
    };
    push_text(out, format!("{n}{suffix}"), span);
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("enquote", "s m", Command(enquote), "its text in quotation marks (`*`: single ones)"),
    entry("nth", "m", Command(nth), "an ordinal: `\\nth{3}` is 3rd"),
    entry("hologo", "m", Command(text_box), "a logo's name, as text"),
];
