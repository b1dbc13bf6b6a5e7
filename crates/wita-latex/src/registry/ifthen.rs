//! The ifthen package: `\ifthenelse{test}{then}{else}` decided where wita
//! can decide its test (`\equal` of what is written out, numbers and the
//! article's counters compared, `\boolean` of ifthen's and `\newif`'s
//! flags, `\isodd`, with `\not`, `\and`, `\or` and `\(..\)`), and ifthen's
//! flags (`\newboolean`, `\setboolean`). A test wita cannot decide (a
//! length, a register) is a warning, and both branches print, as for TeX's
//! own conditionals.

use wita_diag::{Span, codes};
use wita_doc::Content;

use super::Handler::Command;
use super::{Entry, entry};
use crate::lex::{Cursor, Token, TokenKind, detokenize};
use crate::reader::Reader;

/// `a or b or …`, read from `c`.
fn or(c: &mut Cursor<'_>, r: &mut Reader<'_>) -> Option<bool> {
    let mut value = and(c, r);
    while matches!(c.peek_command(), Some("or" | "OR")) {
        c.at += 1;
        let next = and(c, r);
        value = match (value, next) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        };
    }
    value
}

/// `a and b and …`
fn and(c: &mut Cursor<'_>, r: &mut Reader<'_>) -> Option<bool> {
    let mut value = not(c, r);
    while matches!(c.peek_command(), Some("and" | "AND")) {
        c.at += 1;
        let next = not(c, r);
        value = match (value, next) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        };
    }
    value
}

/// `\not a`, `\( … \)` or a test.
fn not(c: &mut Cursor<'_>, r: &mut Reader<'_>) -> Option<bool> {
    match c.peek_command() {
        Some("not" | "NOT") => {
            c.at += 1;
            not(c, r).map(|v| !v)
        }
        Some("(") => {
            c.at += 1;
            let value = or(c, r);
            if c.peek_command() == Some(")") {
                c.at += 1;
            }
            value
        }
        _ => atom(c, r),
    }
}

fn atom(c: &mut Cursor<'_>, r: &mut Reader<'_>) -> Option<bool> {
    match c.peek_command() {
        Some("equal") => {
            c.at += 1;
            let a = r.expand_fully(c.group()?.to_vec());
            let b = r.expand_fully(c.group()?.to_vec());
            // Only what is written out compares: a command left after
            // expansion means something wita does not know.
            let known = |t: &[Token]| !t.iter().any(|t| matches!(t.kind, TokenKind::Command(_)));
            (known(&a) && known(&b)).then(|| detokenize(&a).trim() == detokenize(&b).trim())
        }
        Some("boolean") => {
            c.at += 1;
            let name = detokenize(c.group()?).trim().to_owned();
            r.conditionals.get(&name).copied()
        }
        Some("isodd") => {
            c.at += 1;
            let number = c.group()?.to_vec();
            super::counters::value_of(r, number).map(|n| n % 2 != 0)
        }
        _ => compare(c, r),
    }
}

/// `A < B`, `A = B`, `A > B` of numbers and the article's counters.
fn compare(c: &mut Cursor<'_>, r: &mut Reader<'_>) -> Option<bool> {
    let tokens = c.tokens;
    let start = c.at;
    let mut depth = 0usize;
    let mut relation = None;
    let mut end = tokens.len();
    for (i, token) in tokens.iter().enumerate().skip(start) {
        match &token.kind {
            TokenKind::BeginGroup => depth += 1,
            TokenKind::EndGroup => depth = depth.saturating_sub(1),
            TokenKind::Command(name)
                if depth == 0 && matches!(name.as_str(), "and" | "AND" | "or" | "OR" | ")") =>
            {
                end = i;
                break;
            }
            TokenKind::Text(t) if depth == 0 && relation.is_none() => {
                if let Some(at) = t.find(['<', '=', '>']) {
                    relation = Some((i, at, t.as_bytes()[at] as char));
                }
            }
            _ => {}
        }
    }
    c.at = end;
    let (i, at, relation) = relation?;
    let TokenKind::Text(text) = &tokens[i].kind else {
        return None;
    };
    let span = tokens[i].span;
    let piece = |text: &str| Token {
        kind: TokenKind::Text(text.to_owned()),
        span,
    };
    let mut left = tokens[start..i].to_vec();
    let mut right = Vec::new();
    if at > 0 {
        left.push(piece(&text[..at]));
    }
    if at + 1 < text.len() {
        right.push(piece(&text[at + 1..]));
    }
    right.extend_from_slice(&tokens[i + 1..end]);
    let a = super::counters::value_of(r, left)?;
    let b = super::counters::value_of(r, right)?;
    Some(match relation {
        '<' => a < b,
        '>' => a > b,
        _ => a == b,
    })
}

/// `\ifthenelse{test}{then}{else}`.
fn ifthenelse(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (test, test_span) = r.expect_arg(name, span);
    let (then, _) = r.expect_arg(name, span);
    let (otherwise, _) = r.expect_arg(name, span);
    let mut reading = Cursor {
        tokens: &test,
        at: 0,
    };
    let mut decided = or(&mut reading, r);
    // Something left over is a test wita did not read.
    reading.skip_spaces();
    if reading.at < test.len() {
        decided = None;
    }
    match decided {
        Some(true) => out.extend(r.content_of(then)),
        Some(false) => out.extend(r.content_of(otherwise)),
        None => {
            r.warn(
                codes::UNKNOWN_COMMAND,
                span.join(test_span),
                format!(
                    "`\\{name}{{{}}}`: a test wita cannot decide; both branches are printed",
                    detokenize(&test).trim()
                ),
            );
            out.extend(r.content_of(then));
            out.extend(r.content_of(otherwise));
        }
    }
}

/// ifthen's flags: `\newboolean{name}` (false), `\provideboolean`,
/// `\setboolean{name}{true}`.
fn boolean(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (flag, _) = r.expect_arg(name, span);
    let flag = detokenize(&flag).trim().to_owned();
    match name {
        "setboolean" => {
            let (value, _) = r.expect_arg(name, span);
            let value = detokenize(&value).trim().eq_ignore_ascii_case("true");
            r.conditionals.insert(flag, value);
        }
        "provideboolean" => {
            r.conditionals.entry(flag).or_insert(false);
        }
        _ => {
            r.conditionals.insert(flag, false);
        }
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("ifthenelse", "m m m", Command(ifthenelse), "the branch its test chooses (`\\equal`, numbers and counters, `\\boolean`, `\\isodd`; `\\not`, `\\and`, `\\or`)"),
    entry("newboolean", "m", Command(boolean), "an ifthen flag, false until set"),
    entry("provideboolean", "m", Command(boolean), "an ifthen flag, unless there is one"),
    entry("setboolean", "m m", Command(boolean), "sets an ifthen flag (`true`, `false`)"),
];
