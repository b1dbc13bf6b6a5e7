//! The journal's own macros (its class `issue-v1.H`): the entry's ID, tag,
//! title block, licence box and paths.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{AuthorRow, Content, Node, NodeKind, Spanned};

use super::Handler::{Command, Path};
use super::{Entry, entry};
use crate::ReadContext;
use crate::lex::{Token, TokenKind};
use crate::reader::{Reader, push_parbreak};

fn setentryid(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let id = r.arg_string(tokens);
    if r.meta.entry_id.is_some() {
        r.warn(
            codes::ARTICLE_OPENING,
            span,
            "`\\setentryid` appears twice; the first one counts",
        );
    } else {
        r.meta.entry_id = Some(Spanned::new(id, span.join(arg_span)));
    }
}

fn setprimarytag(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (tag, _) = r.arg_content(name, span);
    r.meta.primary_tag = Some(tag);
}

fn stdarticle(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (title_tokens, title_span) = r.expect_arg(name, span);
    let title = r.content_of(title_tokens);
    let (author_tokens, _) = r.expect_arg(name, span);
    let authors = author_rows(r, author_tokens, span);
    let (date_tokens, date_span) = r.expect_arg(name, span);
    let date = r.arg_string(date_tokens);
    if r.meta.title.is_some() {
        r.warn(
            codes::ARTICLE_OPENING,
            span,
            "`\\stdarticle` appears twice; the first one counts",
        );
        return;
    }
    r.meta.title = Some(title);
    r.meta.title_span = Some(title_span);
    r.meta.authors = authors;
    r.meta.date = Some(Spanned::new(date, date_span));
    push_parbreak(out, span);
    out.push(Node::new(NodeKind::TitleBlock, span.join(date_span)));
}

/// The second argument of `\stdarticle`: `\authorrow{name}{institution}`
/// rows separated by `\\`; anything else is one author written plainly.
fn author_rows(r: &mut Reader<'_>, tokens: Vec<Token>, span: Span) -> Vec<AuthorRow> {
    r.with_input(tokens, |r| {
        let mut rows = Vec::new();
        let mut loose = Vec::new();
        while let Some(token) = r.next() {
            match &token.kind {
                TokenKind::Command(n) if n == "authorrow" => {
                    let (name, name_span) = r.arg_content("authorrow", token.span);
                    let (institution, inst_span) = r.arg_content("authorrow", token.span);
                    rows.push(AuthorRow {
                        name,
                        institution,
                        span: token.span.join(name_span).join(inst_span),
                    });
                }
                TokenKind::Command(n) if n == "\\" || n == "and" || n == "par" => {
                    r.read_star();
                    r.read_optional();
                }
                TokenKind::Command(n) if r.macros.contains_key(n) => {
                    let n = n.clone();
                    r.try_expand(&n, token.span);
                }
                TokenKind::Space | TokenKind::ParBreak => {
                    if !loose.is_empty() {
                        loose.push(token);
                    }
                }
                _ => loose.push(token),
            }
        }
        if !loose.is_empty() {
            let name = r.content_of(loose);
            if !name.is_empty() {
                rows.push(AuthorRow {
                    name,
                    institution: Vec::new(),
                    span,
                });
            }
        }
        rows
    })
}

/// `\authorrow` outside `\stdarticle`: its text, and a warning.
fn authorrow(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.warn(
        codes::ARTICLE_OPENING,
        span,
        "`\\authorrow` belongs in the second argument of `\\stdarticle`",
    );
    let (person, _) = r.arg_content(name, span);
    let (institution, _) = r.arg_content(name, span);
    out.extend(person);
    out.push(Node::new(NodeKind::Space, span));
    out.extend(institution);
}

fn articlecopyrightinfo(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let content = r.content_of(tokens);
    let text = wita_doc::plain_text(&content);
    if r.meta.licence.is_none() {
        r.meta.licence = Some(Spanned::new(text, span.join(arg_span)));
    }
    push_parbreak(out, span);
    out.push(Node::new(
        NodeKind::LicenceBox(content),
        span.join(arg_span),
    ));
}

fn entry_path<'a>(ctx: &ReadContext<'a>) -> &'a str {
    ctx.entry_path
}

fn issue_path<'a>(ctx: &ReadContext<'a>) -> &'a str {
    ctx.issue_path
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("setentryid", "m", Command(setentryid), "the entry's ID (checked against its folder)"),
    entry("setprimarytag", "m", Command(setprimarytag), "the tag in the article's header band"),
    entry("stdarticle", "m m m", Command(stdarticle), "the title block: title, `\\authorrow`s, date (checked against info.toml)"),
    entry("authorrow", "m m", Command(authorrow), "an author and their institution, in `\\stdarticle`'s second argument"),
    entry("articlecopyrightinfo", "m", Command(articlecopyrightinfo), "the licence box (checked against info.toml)"),
    entry("entrypath", "", Path(entry_path), "the entry's folder, from the journal root (in paths, too)"),
    entry("issuepath", "", Path(issue_path), "the issue's folder, from the journal root (in paths, too)"),
];
