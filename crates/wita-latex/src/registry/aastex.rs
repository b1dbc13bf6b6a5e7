//! AASTeX (the American Astronomical Society's class): `deluxetable`,
//! whose rows sit between `\startdata` and `\enddata`, and its table
//! commands.

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind, Style};

use super::Handler::{Command, Environment};
use super::core::text_box;
use super::floats::{caption_text, float};
use super::{Entry, entry};
use crate::input::FrameKind;
use crate::lex::{Token, TokenKind};
use crate::reader::{Reader, Stop, env_tokens, push_parbreak};

fn deluxetable(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_optional();
    let spec = r.read_arg().map(|(t, _)| t).unwrap_or_default();
    r.deluxe_tables.push((spec, Vec::new()));
    float(r, &name, begin, out);
    r.deluxe_tables.pop();
}

fn floattable(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let body = r.content(Stop::Env(name, begin));
    out.push(Node::new(NodeKind::Group(body), begin));
}

/// AASTeX's table commands (`deluxetable`).
fn deluxe_command(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let token = |kind: TokenKind| Token { kind, span };
    let command = |name: &str| token(TokenKind::Command(name.into()));
    let group = |inner: Vec<Token>| {
        let mut tokens = vec![token(TokenKind::BeginGroup)];
        tokens.extend(inner);
        tokens.push(token(TokenKind::EndGroup));
        tokens
    };
    match name {
        "tablecaption" => caption_text(r, span, out),
        "tablehead" => {
            let (tokens, _) = r.expect_arg(name, span);
            if let Some(table) = r.deluxe_tables.last_mut() {
                table.1 = tokens;
            }
        }
        // The rows become a tabular: its head between rules, its data.
        "startdata" => {
            // The head is used once (a `\startdata` inside it, or a
            // second one, opens a table without it).
            let Some((spec, head)) = r
                .deluxe_tables
                .last_mut()
                .map(|(spec, head)| (spec.clone(), std::mem::take(head)))
            else {
                return;
            };
            if r.over_budget(spec.len() + head.len(), name, span) {
                return;
            }
            let mut tokens = env_tokens("begin", "tabular", span);
            tokens.extend(group(spec));
            tokens.push(command("hline"));
            if !head.is_empty() {
                tokens.extend(head);
                tokens.push(command("\\"));
                tokens.push(command("hline"));
            }
            r.input.push(tokens, FrameKind::Inserted);
        }
        "enddata" => {
            if r.deluxe_tables.is_empty() {
                return;
            }
            // The last row needs no `\\` before it (nor gets a rule).
            r.input
                .push(env_tokens("end", "tabular", span), FrameKind::Inserted);
        }
        "tablenotemark" => {
            let (mark, arg_span) = r.arg_content(name, span);
            out.push(Node::new(
                NodeKind::Styled(Style::Superscript, mark),
                span.join(arg_span),
            ));
        }
        "tablenotetext" | "tablecomments" | "tablerefs" => {
            let mark = (name == "tablenotetext").then(|| r.arg_content(name, span).0);
            let (body, arg_span) = r.arg_content(name, span);
            push_parbreak(out, span);
            if let Some(mark) = mark {
                out.push(Node::new(NodeKind::Styled(Style::Superscript, mark), span));
            }
            if name == "tablecomments" {
                out.push(Node::new(NodeKind::Text("Note. — ".into()), span));
            }
            out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
            push_parbreak(out, span);
        }
        // Layout settings: widths, font size, column count, rotation.
        "rotate" => {}
        _ => {
            r.read_arg();
        }
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("deluxetable", "o m", Environment(deluxetable), "a table float"),
    entry("deluxetable*", "o m", Environment(deluxetable), "a table float"),
    entry("floattable", "", Environment(floattable), "its content"),
    entry("tablecaption", "m", Command(deluxe_command), "the table's caption"),
    entry("tablehead", "m", Command(deluxe_command), "the table's head rows"),
    entry("colhead", "m", Command(text_box), "a column head's text"),
    entry("startdata", "", Command(deluxe_command), "the table's rows start"),
    entry("enddata", "", Command(deluxe_command), "the table's rows end"),
    entry("tablenotemark", "m", Command(deluxe_command), "a note's mark, raised"),
    entry("tablenotetext", "m m", Command(deluxe_command), "a note under the table"),
    entry("tablecomments", "m", Command(deluxe_command), "a note under the table (`Note. —`)"),
    entry("tablerefs", "m", Command(deluxe_command), "references under the table"),
    entry("tablewidth", "m", Command(deluxe_command), "ignored: the table's width"),
    entry("tabletypesize", "m", Command(deluxe_command), "ignored: the table's font size"),
    entry("tablecolumns", "m", Command(deluxe_command), "ignored: the number of columns"),
    entry("tablenum", "m", Command(deluxe_command), "ignored: the table's number"),
    entry("rotate", "", Command(deluxe_command), "ignored: the table is not rotated"),
];
