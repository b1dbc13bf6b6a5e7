//! Reading an issue's master file (`issue/<Y>/<ID>.tex`): the commands of the
//! journal's old LaTeX class that say what the issue holds.

use wita_diag::codes;
use wita_diag::{Diagnostics, FileId, Span};
use wita_doc::{Content, Spanned};

use crate::ReadContext;
use crate::lex::{Token, TokenKind, detokenize, tokenize};
use crate::reader::Reader;

/// What an issue's master file says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Master {
    /// `\input{texlib/<class>.tex}`: the class (template) the issue asks for.
    pub class: Option<Spanned<String>>,
    /// `\setdocmetadata{year}{id}{serial}`.
    pub year: Option<Spanned<String>>,
    pub issue_id: Option<Spanned<String>>,
    pub serial: Option<Spanned<String>>,
    pub metadata_span: Option<Span>,
    /// `\author{..}`: the issue's chief editor.
    pub editor: Option<Spanned<String>>,
    /// `\addcitebib{id}`.
    pub cite_bibs: Vec<Spanned<String>>,
    /// `\makecoverpage{..}`.
    pub cover: Option<Cover>,
    /// `\importarticle{id}`, in order.
    pub articles: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub span: Span,
    /// `\markasdraft`.
    pub draft: bool,
    /// The path in `\includegraphics{..}` inside `\AddToShipoutPictureBG`
    /// (journal-root relative, `\issuepath` expanded).
    pub art: Option<Spanned<String>>,
    pub rows: Vec<CoverRow>,
}

/// `\coverarticlerow{title}{label}`.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverRow {
    pub title: Content,
    pub label: Spanned<String>,
    pub span: Span,
}

/// Reads a master file.
pub fn read_master(text: &str, file: FileId, ctx: &ReadContext) -> (Master, Diagnostics) {
    let (tokens, lex_diags) = tokenize(text, file);
    let mut r = Reader::new(ctx, tokens);
    r.diags.extend(lex_diags);
    let mut master = Master::default();
    while let Some(token) = r.next() {
        let TokenKind::Command(name) = &token.kind else {
            if let TokenKind::Text(t) = &token.kind {
                r.warn_once(
                    codes::MASTER_FILE,
                    token.span,
                    "master-text",
                    format!("text `{t}` in the issue file is ignored"),
                );
            }
            continue;
        };
        let span = token.span;
        match name.as_str() {
            "input" => {
                let (tokens, arg_span) = r.expect_arg(name, span);
                let path = r.arg_string(tokens);
                let class = path
                    .trim_end_matches(".tex")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_owned();
                master.class = Some(Spanned::new(class, span.join(arg_span)));
            }
            "setdocmetadata" => {
                let year = string_arg(&mut r, name, span);
                let id = string_arg(&mut r, name, span);
                let serial = string_arg(&mut r, name, span);
                master.metadata_span = Some(span.join(serial.span));
                master.year = Some(year);
                master.issue_id = Some(id);
                master.serial = Some(serial);
            }
            "author" => master.editor = Some(string_arg(&mut r, name, span)),
            "addcitebib" => master.cite_bibs.push(string_arg(&mut r, name, span)),
            "importarticle" => master.articles.push(string_arg(&mut r, name, span)),
            "makecoverpage" => {
                let (tokens, arg_span) = r.expect_arg(name, span);
                master.cover = Some(read_cover(&mut r, tokens, span.join(arg_span)));
            }
            "begin" | "end" => {
                r.read_arg();
            }
            "newcommand" | "renewcommand" | "providecommand" | "def" => {
                let mut sink = Vec::new();
                r.command(name, span, &mut sink);
            }
            other => {
                let other = other.to_owned();
                let mut sink = Vec::new();
                r.unknown_command(&other, span, &mut sink);
            }
        }
    }
    (master, r.diags)
}

fn string_arg(r: &mut Reader, name: &str, span: Span) -> Spanned<String> {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let inner = inner_span(&tokens).unwrap_or(arg_span);
    Spanned::new(r.arg_string(tokens), inner)
}

/// The span of an argument's tokens (without braces), when they are
/// contiguous in one file.
fn inner_span(tokens: &[Token]) -> Option<Span> {
    let first = tokens.iter().find(|t| t.kind != TokenKind::Space)?;
    let last = tokens.iter().rev().find(|t| t.kind != TokenKind::Space)?;
    (first.span.file == last.span.file && first.span.start <= last.span.end)
        .then(|| first.span.join(last.span))
}

fn read_cover(r: &mut Reader, tokens: Vec<Token>, span: Span) -> Cover {
    let mut cover = Cover {
        span,
        draft: false,
        art: None,
        rows: Vec::new(),
    };
    r.with_input(tokens, |r| {
        while let Some(token) = r.next() {
            let TokenKind::Command(name) = &token.kind else {
                continue;
            };
            match name.as_str() {
                "markasdraft" => cover.draft = true,
                "includegraphics" => {
                    r.read_optional();
                    let (tokens, arg_span) = r.expect_arg(name, token.span);
                    let inner = inner_span(&tokens).unwrap_or(arg_span);
                    cover.art = Some(Spanned::new(r.arg_string(tokens), inner));
                }
                "coverarticlerow" => {
                    let (title, _) = r.arg_content(name, token.span);
                    let label = string_arg(r, name, token.span);
                    let row_span = token.span.join(label.span);
                    cover.rows.push(CoverRow {
                        title,
                        label,
                        span: row_span,
                    });
                }
                // Containers whose arguments hold the commands above.
                "AddToShipoutPictureBG" | "AddToShipoutPictureFG" | "coverarticles" | "put" => {
                    r.read_star();
                    // `\put(0mm,0mm){..}`: skip the coordinates.
                    while let Some(TokenKind::Text(t)) = r.peek_kind() {
                        if t.starts_with('(') || t.ends_with(')') || t.contains(',') {
                            r.next();
                        } else {
                            break;
                        }
                    }
                    if let Some((inner, _)) = r.read_arg() {
                        r.push_tokens(inner);
                    }
                }
                _ => {
                    let unknown = detokenize(std::slice::from_ref(&token));
                    r.warn_once(
                        codes::MASTER_FILE,
                        token.span,
                        &unknown,
                        format!("`{unknown}` on the cover is ignored"),
                    );
                }
            }
        }
    });
    cover
}
