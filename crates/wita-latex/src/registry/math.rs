//! Math: where math starts and ends (LaTeX's and amsmath's display
//! environments, `\(..\)`, `\[..\]`, `\ensuremath`). The math itself is
//! kept as LaTeX for mitex; `$..$` and `$$..$$` are the lexer's.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, MathEnv, Node, NodeKind};

use super::Handler::{Command, Environment};
use super::{Entry, entry};
use crate::lex::{Token, TokenKind};
use crate::reader::{Reader, Stop, push_parbreak};

fn delimited(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let close = if name == "(" { ")" } else { "]" };
    let tokens = r.math_tokens(|t| t.is_command(close), span, "this math");
    let env = if name == "[" {
        MathEnv::Display
    } else {
        MathEnv::Inline
    };
    let math = r.math_node(tokens, env, false);
    out.push(Node::new(NodeKind::Math(math), span));
}

fn ensuremath(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let tokens = r.expand_fully(tokens);
    let math = r.math_node(tokens, MathEnv::Inline, false);
    out.push(Node::new(NodeKind::Math(math), span.join(arg_span)));
}

fn display(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    // Stop at the `\end` that closes this environment, not at
    // one of a nested `\begin{cases}..\end{cases}`.
    let nesting = std::cell::Cell::new(0usize);
    let tokens = r.math_tokens(
        |t| {
            if t.is_command("begin") {
                nesting.set(nesting.get() + 1);
            } else if t.is_command("end") {
                if nesting.get() == 0 {
                    return true;
                }
                nesting.set(nesting.get() - 1);
            }
            false
        },
        begin,
        &format!("environment `{name}`"),
    );
    // Read the `{name}` after `\end`.
    if let Some((end_name, _)) = r.read_arg() {
        let end_name = crate::lex::detokenize(&end_name);
        if end_name.trim() != name {
            r.error(
                codes::UNBALANCED,
                begin,
                format!(
                    "environment `{name}` is closed by `\\end{{{}}}`",
                    end_name.trim()
                ),
            );
        }
    }
    let base = name.trim_end_matches('*');
    let env = match base {
        "align" | "alignat" | "flalign" | "eqnarray" | "aligned" | "split" => MathEnv::Align,
        "gather" => MathEnv::Gather,
        "multline" => MathEnv::Multline,
        _ => MathEnv::Display,
    };
    let numbered = !name.ends_with('*') && !matches!(base, "displaymath" | "math");
    let mut tokens = tokens;
    if base == "alignat" {
        // `\begin{alignat}{2}`: the column count is not math.
        let skip = tokens
            .iter()
            .take_while(|t| t.kind == TokenKind::Space)
            .count();
        if tokens
            .get(skip)
            .is_some_and(|t| t.kind == TokenKind::BeginGroup)
            && let Some(close) = tokens
                .iter()
                .skip(skip)
                .position(|t| t.kind == TokenKind::EndGroup)
        {
            tokens.drain(..skip + close + 1);
        }
    }
    // amsmath's `\intertext{..}`: a line of text between the rows, which
    // splits the display in two (the rows go on being numbered).
    for (rows, text) in intertext_parts(&tokens) {
        display_part(r, rows, env, numbered, begin, out);
        if let Some(text) = text {
            let content = r.content_of(text);
            out.extend(content);
        }
    }
}

/// The rows of a display around its `\intertext{..}`s (and mathtools'
/// `\shortintertext`), each with the text that follows it.
fn intertext_parts(tokens: &[Token]) -> Vec<(Vec<Token>, Option<Vec<Token>>)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i].kind {
            TokenKind::BeginGroup => depth += 1,
            TokenKind::EndGroup => depth = depth.saturating_sub(1),
            TokenKind::Command(c) if c == "begin" => depth += 1,
            TokenKind::Command(c) if c == "end" => depth = depth.saturating_sub(1),
            TokenKind::Command(c) if depth == 0 && (c == "intertext" || c == "shortintertext") => {
                let mut j = i + 1;
                while tokens.get(j).is_some_and(|t| t.kind == TokenKind::Space) {
                    j += 1;
                }
                if tokens
                    .get(j)
                    .is_some_and(|t| t.kind == TokenKind::BeginGroup)
                {
                    let end = crate::lex::group_end(tokens, j + 1);
                    let text = tokens[j + 1..end.min(tokens.len())].to_vec();
                    // The `\\` that ends the row before the text ends it.
                    let mut rows = tokens[start..i].to_vec();
                    while rows.last().is_some_and(|t| t.kind == TokenKind::Space) {
                        rows.pop();
                    }
                    if rows.last().is_some_and(|t| t.is_command("\\")) {
                        rows.pop();
                    }
                    parts.push((rows, Some(text)));
                    start = (end + 1).min(tokens.len());
                    i = start;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    parts.push((tokens[start..].to_vec(), None));
    parts
}

/// One display (or the rows of one between `\intertext`s).
fn display_part(
    r: &mut Reader<'_>,
    tokens: Vec<Token>,
    env: MathEnv,
    numbered: bool,
    begin: Span,
    out: &mut Content,
) {
    if tokens.iter().all(|t| t.kind == TokenKind::Space) {
        return;
    }
    let mut math = r.math_node(tokens, env, numbered);
    if env == MathEnv::Multline && !math.rows.is_empty() {
        // One equation on several lines: one number (or a row's `\tag`;
        // a `\nonumber` on any row unnumbers it).
        if math.tag.is_none() {
            math.tag = math.rows.iter_mut().find_map(|row| row.tag.take());
        }
        if math.tag.is_none() && math.rows.iter().any(|row| !row.numbered) {
            math.numbered = false;
        }
        math.rows.clear();
    }
    // The paragraph before ends; the text right after the display goes on
    // unindented, as in LaTeX, unless a blank line follows it.
    push_parbreak(out, begin);
    out.push(Node::new(NodeKind::Math(math), begin));
}

/// `subequations`: its equations share the next number, lettered. A
/// `\label` before the first of them names that number.
fn subequations(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let mut body = r.content(Stop::Env(name, begin));
    let first = body.iter().position(|node| match &node.kind {
        NodeKind::Text(t) => !t.trim().is_empty(),
        NodeKind::Parbreak => false,
        _ => true,
    });
    let label = match first.map(|i| &body[i].kind) {
        Some(NodeKind::Anchor(name)) => {
            let name = name.clone();
            body.remove(first.unwrap_or_default());
            Some(name)
        }
        _ => None,
    };
    push_parbreak(out, begin);
    out.push(Node::new(NodeKind::Subequations { label, body }, begin));
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("(", "", Command(delimited), "inline math, up to `\\)`"),
    entry("[", "", Command(delimited), "display math, up to `\\]`"),
    entry("ensuremath", "m", Command(ensuremath), "its argument as inline math"),
    entry("equation", "", Environment(display), "a numbered equation"),
    entry("equation*", "", Environment(display), "an unnumbered equation"),
    entry("align", "", Environment(display), "numbered aligned equations"),
    entry("align*", "", Environment(display), "unnumbered aligned equations"),
    entry("alignat", "m", Environment(display), "numbered aligned equations"),
    entry("alignat*", "m", Environment(display), "unnumbered aligned equations"),
    entry("gather", "", Environment(display), "numbered centred equations"),
    entry("gather*", "", Environment(display), "unnumbered centred equations"),
    entry("multline", "", Environment(display), "a numbered equation on several lines"),
    entry("multline*", "", Environment(display), "an unnumbered equation on several lines"),
    entry("flalign", "", Environment(display), "numbered aligned equations"),
    entry("flalign*", "", Environment(display), "unnumbered aligned equations"),
    entry("eqnarray", "", Environment(display), "numbered aligned equations"),
    entry("eqnarray*", "", Environment(display), "unnumbered aligned equations"),
    entry("displaymath", "", Environment(display), "unnumbered display math"),
    entry("math", "", Environment(display), "math, displayed"),
    entry("subequations", "", Environment(subequations), "its equations lettered under one number (2.1a, 2.1b)"),
];
