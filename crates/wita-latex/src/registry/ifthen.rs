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
use crate::lex::{Token, TokenKind, detokenize, group_end};
use crate::reader::Reader;

/// Splits `tokens` at the top level into the groups and tokens of a test.
struct Test<'t> {
    tokens: &'t [Token],
    at: usize,
}

impl<'t> Test<'t> {
    fn skip_spaces(&mut self) {
        while self
            .tokens
            .get(self.at)
            .is_some_and(|t| t.kind == TokenKind::Space)
        {
            self.at += 1;
        }
    }

    fn peek_command(&mut self) -> Option<&'t str> {
        self.skip_spaces();
        match &self.tokens.get(self.at)?.kind {
            TokenKind::Command(c) => Some(c.as_str()),
            _ => None,
        }
    }

    /// A `{..}` group's tokens.
    fn group(&mut self) -> Option<Vec<Token>> {
        self.skip_spaces();
        if self.tokens.get(self.at)?.kind != TokenKind::BeginGroup {
            return None;
        }
        let end = group_end(self.tokens, self.at + 1).min(self.tokens.len());
        let inner = self.tokens[self.at + 1..end].to_vec();
        self.at = end + 1;
        Some(inner)
    }

    /// `a or b or …`
    fn or(&mut self, r: &mut Reader<'_>) -> Option<bool> {
        let mut value = self.and(r);
        while matches!(self.peek_command(), Some("or" | "OR")) {
            self.at += 1;
            let next = self.and(r);
            value = match (value, next) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            };
        }
        value
    }

    /// `a and b and …`
    fn and(&mut self, r: &mut Reader<'_>) -> Option<bool> {
        let mut value = self.not(r);
        while matches!(self.peek_command(), Some("and" | "AND")) {
            self.at += 1;
            let next = self.not(r);
            value = match (value, next) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            };
        }
        value
    }

    fn not(&mut self, r: &mut Reader<'_>) -> Option<bool> {
        match self.peek_command() {
            Some("not" | "NOT") => {
                self.at += 1;
                self.not(r).map(|v| !v)
            }
            Some("(") => {
                self.at += 1;
                let value = self.or(r);
                if self.peek_command() == Some(")") {
                    self.at += 1;
                }
                value
            }
            _ => self.atom(r),
        }
    }

    fn atom(&mut self, r: &mut Reader<'_>) -> Option<bool> {
        match self.peek_command() {
            Some("equal") => {
                self.at += 1;
                let a = self.group()?;
                let b = self.group()?;
                let (a, b) = (r.expand_fully(a), r.expand_fully(b));
                // Only what is written out compares: a command left after
                // expansion means something wita does not know.
                let known =
                    |t: &[Token]| !t.iter().any(|t| matches!(t.kind, TokenKind::Command(_)));
                (known(&a) && known(&b)).then(|| detokenize(&a).trim() == detokenize(&b).trim())
            }
            Some("boolean") => {
                self.at += 1;
                let name = detokenize(&self.group()?).trim().to_owned();
                r.conditionals.get(&name).copied()
            }
            Some("isodd") => {
                self.at += 1;
                let number = self.group()?;
                super::counters::value_of(r, number).map(|n| n % 2 != 0)
            }
            _ => self.compare(r),
        }
    }

    /// `A < B`, `A = B`, `A > B` of numbers and the article's counters.
    fn compare(&mut self, r: &mut Reader<'_>) -> Option<bool> {
        let start = self.at;
        let mut depth = 0usize;
        let mut relation = None;
        let mut end = self.tokens.len();
        for (i, token) in self.tokens.iter().enumerate().skip(start) {
            match &token.kind {
                TokenKind::BeginGroup => depth += 1,
                TokenKind::EndGroup => depth = depth.saturating_sub(1),
                TokenKind::Command(c)
                    if depth == 0 && matches!(c.as_str(), "and" | "AND" | "or" | "OR" | ")") =>
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
        self.at = end;
        let (i, at, relation) = relation?;
        let TokenKind::Text(text) = &self.tokens[i].kind else {
            return None;
        };
        let mut left = self.tokens[start..i].to_vec();
        let mut right = Vec::new();
        let span = self.tokens[i].span;
        let before = &text[..at];
        let after = &text[at + 1..];
        if !before.is_empty() {
            left.push(Token {
                kind: TokenKind::Text(before.to_owned()),
                span,
            });
        }
        if !after.is_empty() {
            right.push(Token {
                kind: TokenKind::Text(after.to_owned()),
                span,
            });
        }
        right.extend_from_slice(&self.tokens[i + 1..end]);
        let a = super::counters::value_of(r, left)?;
        let b = super::counters::value_of(r, right)?;
        Some(match relation {
            '<' => a < b,
            '>' => a > b,
            _ => a == b,
        })
    }
}

/// `\ifthenelse{test}{then}{else}`.
fn ifthenelse(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (test, test_span) = r.expect_arg(name, span);
    let (then, _) = r.expect_arg(name, span);
    let (otherwise, _) = r.expect_arg(name, span);
    let mut reading = Test {
        tokens: &test,
        at: 0,
    };
    let mut decided = reading.or(r);
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
