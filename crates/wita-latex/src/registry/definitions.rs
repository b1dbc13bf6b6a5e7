//! Definitions: LaTeX's and TeX's ways of defining commands and
//! environments (expanded by the reader), and the few expansion primitives
//! packages use in them.

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind};

use super::Handler::{AtLetter, Command};
use super::{Entry, entry, ignore};
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{EnvMacro, Macro, Reader, Stop, push_text, substitute};

/// `\newcommand{\name}[n][default]{body}` and its relatives.
pub(super) fn newcommand(r: &mut Reader<'_>, command: &str, span: Span, _: &mut Content) {
    r.read_star();
    let Some((name_tokens, name_span)) = r.read_arg() else {
        r.error(span, format!("`\\{command}` is missing the command's name"));
        return;
    };
    let Some(name) = single_command(&name_tokens) else {
        r.error(
            name_span,
            format!("`\\{command}` needs a command name such as `\\foo`"),
        );
        return;
    };
    let (params, default) = read_params(r);
    let Some((body, _)) = r.read_arg() else {
        r.error(
            span,
            format!("`\\{command}` is missing the definition of `\\{name}`"),
        );
        return;
    };
    let exists = r.macros.contains_key(&name);
    match command.trim_end_matches('*') {
        "providecommand" if exists => return,
        "newcommand" if exists => {
            r.warn(
                name_span,
                format!("`\\{name}` is already defined; this definition replaces it"),
            );
        }
        _ => {}
    }
    r.macros.insert(
        name,
        Macro {
            params,
            default,
            body: body.into(),
            delimiters: None,
        },
    );
}

/// `[n]` and `[default]` after a command or environment name.
fn read_params(r: &mut Reader<'_>) -> (u8, Option<Vec<Token>>) {
    let mut params = 0u8;
    let mut default = None;
    if let Some((tokens, span)) = r.read_optional() {
        let text = detokenize(&tokens);
        match text.trim().parse::<u8>() {
            Ok(n) if n <= 9 => params = n,
            _ => {
                r.warn(
                    span,
                    format!("`[{text}]` is not a number of arguments (0 to 9)"),
                );
            }
        }
        if let Some((tokens, _)) = r.read_optional() {
            default = Some(tokens);
        }
    }
    (params, default)
}

/// `\def\name#1#2{body}` (undelimited parameters).
fn def(r: &mut Reader<'_>, _: &str, span: Span, _: &mut Content) {
    let Some(token) = r.next() else { return };
    let TokenKind::Command(name) = token.kind else {
        r.error(token.span, "`\\def` needs a command name such as `\\foo`");
        return;
    };
    let mut params = 0u8;
    // The parameter text: what comes before `#1`, and after each `#n` up to
    // the next (`\def\a#1.#2\end{..}`), one character per token.
    let mut delimiters: Vec<Vec<Token>> = vec![Vec::new()];
    loop {
        match r.peek_kind() {
            Some(TokenKind::Param(n)) => {
                params = params.max(*n);
                r.next();
                delimiters.push(Vec::new());
            }
            Some(TokenKind::BeginGroup) | None => break,
            Some(_) => {
                let t = r.next().expect("peeked");
                let last = delimiters.last_mut().expect("one at least");
                last.extend(crate::reader::split_chars(t));
            }
        }
    }
    let delimiters = delimiters
        .iter()
        .any(|d| !d.is_empty())
        .then(|| std::rc::Rc::new(delimiters));
    let Some((body, _)) = r.read_arg() else {
        r.error(span, format!("`\\def\\{name}` is missing its definition"));
        return;
    };
    r.macros.insert(
        name,
        Macro {
            params,
            default: None,
            body: body.into(),
            delimiters,
        },
    );
}

/// `\let\new\old` and `\let\new=\old`.
fn let_(r: &mut Reader<'_>, _: &str, span: Span, _: &mut Content) {
    let Some(Token {
        kind: TokenKind::Command(new),
        ..
    }) = r.next()
    else {
        r.error(span, "`\\let` needs a command name such as `\\foo`");
        return;
    };
    r.skip_spaces();
    if matches!(r.peek_kind(), Some(TokenKind::Text(t)) if t == "=") {
        r.next();
        r.skip_spaces();
    }
    match r.next() {
        Some(Token {
            kind: TokenKind::Command(old),
            ..
        }) => {
            if let Some(m) = r.macros.get(&old).cloned() {
                r.macros.insert(new, m);
            } else {
                r.macros.remove(&new);
                r.aliases.insert(new, old);
            }
        }
        Some(other) => {
            r.macros.insert(
                new,
                Macro {
                    params: 0,
                    default: None,
                    body: vec![other].into(),
                    delimiters: None,
                },
            );
        }
        None => {}
    }
}

fn newenvironment(r: &mut Reader<'_>, _: &str, span: Span, _: &mut Content) {
    r.read_star();
    let Some((name_tokens, _)) = r.read_arg() else {
        r.error(span, "`\\newenvironment` is missing the environment's name");
        return;
    };
    let name = detokenize(&name_tokens).trim().to_owned();
    let (params, default) = read_params(r);
    let begin = r.read_arg().map(|a| a.0).unwrap_or_default();
    let end = r.read_arg().map(|a| a.0).unwrap_or_default();
    r.envs.insert(
        name,
        EnvMacro {
            params,
            default,
            begin: begin.into(),
            end: end.into(),
        },
    );
}

fn declare_math_operator(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    r.read_star();
    let name_arg = r.read_arg();
    let body = r.read_arg();
    if let (Some((n, _)), Some((b, b_span))) = (name_arg, body)
        && let Some(macro_name) = single_command(&n)
    {
        let mut tokens = vec![Token {
            kind: TokenKind::Command("operatorname".into()),
            span: b_span,
        }];
        tokens.push(Token {
            kind: TokenKind::BeginGroup,
            span: b_span,
        });
        tokens.extend(b);
        tokens.push(Token {
            kind: TokenKind::EndGroup,
            span: b_span,
        });
        r.macros.insert(
            macro_name,
            Macro {
                params: 0,
                default: None,
                body: tokens.into(),
                delimiters: None,
            },
        );
    }
}

/// mathtools' `\DeclarePairedDelimiter{\abs}{\lvert}{\rvert}`: `\abs{x}`
/// is `\left\lvert x \right\rvert` (its starred and sized forms are not
/// told apart).
fn declare_paired_delimiter(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    let name_arg = r.read_arg();
    let left = r.read_arg();
    let right = r.read_arg();
    let (Some((n, span)), Some((left, _)), Some((right, _))) = (name_arg, left, right) else {
        return;
    };
    let Some(macro_name) = single_command(&n) else {
        return;
    };
    let token = |kind| Token { kind, span };
    let mut body = vec![token(TokenKind::Command("left".into()))];
    body.extend(left);
    body.push(token(TokenKind::Param(1)));
    body.push(token(TokenKind::Command("right".into())));
    body.extend(right);
    r.macros.insert(
        macro_name,
        Macro {
            params: 1,
            default: None,
            body: body.into(),
            delimiters: None,
        },
    );
}

/// `\@ifstar{starred}{plain}`: how packages define starred forms
/// (`\renewcommand\section{\@ifstar..}`); the star is read here.
fn ifstar(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let star = r.read_star();
    let (starred, _) = r.expect_arg(name, span);
    let (plain, _) = r.expect_arg(name, span);
    r.push_tokens(if star { starred } else { plain });
}

/// `\detokenize{..}` and `\string\cmd`: the tokens printed as written (what
/// `\expandafter` would reorder is read as it comes).
fn detokenize_(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    while matches!(r.peek_kind(), Some(TokenKind::Command(c)) if c == "expandafter") {
        r.next();
    }
    let tokens = if name == "string" {
        r.next().map(|t| vec![t]).unwrap_or_default()
    } else {
        r.expect_arg(name, span).0
    };
    let text = detokenize(&tokens).replace("\\string", "");
    push_text(out, text, span);
}

fn nothing(_: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {}

/// `\begin{name}` of an environment defined with `\newenvironment`: its
/// begin code, the body, its end code.
pub(super) fn user_environment(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let Some(env) = r.envs.get(&name).cloned() else {
        return;
    };
    let args = r.macro_args(env.params, env.default.as_ref(), None);
    let mut begin_tokens = substitute(&env.begin, &args);
    let mut end_tokens = substitute(&env.end, &args);
    // Environment code counts as expansion: an environment that
    // opens itself twice grows exponentially within the nesting limit.
    if r.over_budget(begin_tokens.len() + end_tokens.len(), &name, begin) {
        begin_tokens.clear();
        end_tokens.clear();
    }
    // An environment is a group: what its code defines (a `\def`
    // that redefines `\footcite` for a list) ends with it.
    let saved = (r.macros.clone(), r.aliases.clone());
    r.push_tokens(begin_tokens);
    let mut body = r.content(Stop::Env(name.clone(), begin));
    if r.ended_early.last() == Some(&name) {
        // Its end code already ran, inside a table it opened.
        r.ended_early.pop();
    } else {
        body.extend(r.content_of(end_tokens));
    }
    (r.macros, r.aliases) = saved;
    out.push(Node::new(NodeKind::Group(body), begin));
}

/// `\foo` alone (possibly braced) → `foo`.
fn single_command(tokens: &[Token]) -> Option<String> {
    let meaningful: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Space)
        .collect();
    match meaningful.as_slice() {
        [
            Token {
                kind: TokenKind::Command(name),
                ..
            },
        ] => Some(name.clone()),
        _ => None,
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("newcommand", "s m o o m", Command(newcommand), "defines a command (expanded where used)"),
    entry("renewcommand", "s m o o m", Command(newcommand), "redefines a command"),
    entry("providecommand", "s m o o m", Command(newcommand), "defines a command unless it is defined"),
    entry("DeclareRobustCommand", "s m o o m", Command(newcommand), "defines a command"),
    entry("def", "", Command(def), "defines a command (TeX's form, undelimited parameters)"),
    entry("gdef", "", Command(def), "defines a command (TeX's form)"),
    entry("edef", "", Command(def), "defines a command (TeX's form; not expanded first)"),
    entry("xdef", "", Command(def), "defines a command (TeX's form; not expanded first)"),
    entry("let", "", Command(let_), "makes a command mean what another means"),
    entry("newenvironment", "s m o o m m", Command(newenvironment), "defines an environment (its begin and end code expanded)"),
    entry("renewenvironment", "s m o o m m", Command(newenvironment), "redefines an environment"),
    entry("DeclareMathOperator", "s m m", Command(declare_math_operator), "defines a math operator name"),
    entry("DeclarePairedDelimiter", "m m m", Command(declare_paired_delimiter), "mathtools: defines `\\abs{x}` as `\\left\\lvert x \\right\\rvert`"),
    entry("@ifstar", "m m", Command(ifstar), "the first argument after a star, else the second"),
    entry("detokenize", "m", Command(detokenize_), "its argument, printed as written"),
    entry("string", "", Command(detokenize_), "the next token, printed as written"),
    entry("expandafter", "", Command(nothing), "ignored: the tokens are read as they come"),
    entry("noexpand", "", Command(nothing), "ignored"),
    entry("makeatletter", "", AtLetter(true), "`@` becomes a letter in command names"),
    entry("makeatother", "", AtLetter(false), "`@` is no letter again"),
    entry("begingroup", "", Command(ignore), "ignored (definitions are not scoped by it)"),
    entry("endgroup", "", Command(ignore), "ignored"),
];
