//! Definitions: LaTeX's and TeX's ways of defining commands and
//! environments (expanded by the reader), and the few expansion primitives
//! packages use in them.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, Node, NodeKind};

use super::Handler::{AtLetter, Command};
use super::{Entry, entry, ignore};
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{EnvMacro, Macro, Reader, Stop, push_text, substitute};

/// `\newcommand{\name}[n][default]{body}` and its relatives.
pub(super) fn newcommand(r: &mut Reader<'_>, command: &str, span: Span, _: &mut Content) {
    r.read_star();
    let Some((name_tokens, name_span)) = r.read_arg() else {
        r.error(
            codes::MISSING_ARGUMENT,
            span,
            format!("`\\{command}` is missing the command's name"),
        );
        return;
    };
    let Some(name) = single_command(&name_tokens) else {
        r.error(
            codes::MISSING_ARGUMENT,
            name_span,
            format!("`\\{command}` needs a command name such as `\\foo`"),
        );
        return;
    };
    let (params, default) = read_params(r);
    let Some((body, _)) = r.read_arg() else {
        r.error(
            codes::MISSING_ARGUMENT,
            span,
            format!("`\\{command}` is missing the definition of `\\{name}`"),
        );
        return;
    };
    if restyles_a_heading(&name, &body)
        || package_internals_for_builtin(r, super::Kind::Command, &name, &[&body])
    {
        return;
    }
    let exists = r.macros.contains_key(&name);
    match command.trim_end_matches('*') {
        // `\providecommand{\section}{}`: defined already (by wita, as by
        // LaTeX), so nothing happens.
        "providecommand"
            if exists
                || (!r.aliases.contains_key(&name)
                    && super::lookup(super::Kind::Command, &name).is_some()) =>
        {
            return;
        }
        "newcommand" if exists => {
            r.warn(
                codes::MACRO_REDEFINED,
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

/// An article's own package redefining, with TeX's internals (`\ALC@it`,
/// `\@startsection`), a command or environment wita reads itself (a copy
/// of algorithmic with a keyword more): wita's reading is kept, as it
/// prints what LaTeX prints without running the package's internals.
fn package_internals_for_builtin(
    r: &Reader<'_>,
    kind: super::Kind,
    name: &str,
    bodies: &[&[Token]],
) -> bool {
    r.reading_package.is_some()
        && super::lookup(kind, name).is_some()
        && bodies.iter().any(|body| {
            body.iter().any(|t| {
                matches!(&t.kind, TokenKind::Command(c) if c.contains('@') || TEX_PROGRAMMING.contains(&c.as_str()))
            })
        })
}

/// TeX's primitives for glue, boxes and registers: a definition built on
/// them sets type, which the journal's template does instead. (`\hbox{..}`
/// is not one: wita reads it as the text in it, as in
/// `\def\.#1{\hbox{\texttt{\textbackslash#1}}}`, a manual's control
/// sequence.)
const TEX_PROGRAMMING: &[&str] = &[
    "rightskip",
    "leftskip",
    "parfillskip",
    "hskip",
    "vskip",
    "addvspace",
    "vbox",
    "vtop",
    "setbox",
    "box",
    "copy",
    "kern",
    "penalty",
    "skip",
    "dimen",
    "count",
    "toks",
    "advance",
    "multiply",
    "divide",
    "hrule",
    "vrule",
    "everypar",
    "futurelet",
    "afterassignment",
    "aftergroup",
    "global",
    "baselineskip",
    "lineskip",
    "parshape",
    "hangindent",
    "hangafter",
    "unvbox",
    "unhbox",
    "lastbox",
    "vsplit",
    "mark",
    "insert",
];

/// `\renewcommand\subsection{\@startsection{subsection}{2}..}`: a class's
/// or preamble's new look for a heading, built on LaTeX's internals. The
/// journal's template sets headings; the heading stays a heading.
fn restyles_a_heading(name: &str, body: &[Token]) -> bool {
    matches!(
        name,
        "part"
            | "chapter"
            | "section"
            | "subsection"
            | "subsubsection"
            | "paragraph"
            | "subparagraph"
    ) && body
        .iter()
        .any(|t| t.is_command("@startsection") || t.is_command("secdef"))
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
                    codes::UNREADABLE_VALUE,
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
fn def(r: &mut Reader<'_>, command: &str, span: Span, _: &mut Content) {
    let Some(token) = defined_name(r) else { return };
    let TokenKind::Command(name) = token.kind else {
        r.error(
            codes::MISSING_ARGUMENT,
            token.span,
            "`\\def` needs a command name such as `\\foo`",
        );
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
            // It only reorders expansion; no part of the parameter text.
            Some(TokenKind::Command(c)) if c == "expandafter" => {
                r.next();
            }
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
    let Some((mut body, _)) = r.read_arg() else {
        r.error(
            codes::MISSING_ARGUMENT,
            span,
            format!("`\\def\\{name}` is missing its definition"),
        );
        return;
    };
    if matches!(command, "edef" | "xdef") {
        // `\edef\first{\arabic{affil}}\stepcounter{affil}`: the value
        // of an article's counter now, as TeX's expansion would give it.
        body = super::counters::values_now(r, body);
    }
    if restyles_a_heading(&name, &body)
        || package_internals_for_builtin(r, super::Kind::Command, &name, &[&body])
    {
        return;
    }
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

/// The token after `\def` or `\let`: `\expandafter`s before it skipped
/// (`\expandafter\def\expandafter\x..`), `\csname b\endcsname` read as
/// the command `\b`.
fn defined_name(r: &mut Reader<'_>) -> Option<Token> {
    let mut token = r.next()?;
    while token.is_command("expandafter") {
        token = r.next()?;
    }
    if token.is_command("csname") {
        return Some(csname_token(r, token.span));
    }
    Some(token)
}

/// The command `\csname ..\endcsname` names (after `\csname`): its text,
/// with what macros of no arguments stand for expanded.
fn csname_token(r: &mut Reader<'_>, span: Span) -> Token {
    let mut name = String::new();
    let mut end = span;
    let mut budget = 256;
    while let Some(t) = r.next() {
        end = t.span;
        budget -= 1;
        match &t.kind {
            TokenKind::Command(c) if c == "endcsname" => break,
            TokenKind::Command(c) if c == "expandafter" => {}
            TokenKind::Command(c) if budget > 0 => match r.macros.get(c) {
                Some(m) if m.params == 0 && m.delimiters.is_none() => {
                    r.push_tokens(m.body.to_vec());
                }
                _ => name.push_str(c),
            },
            TokenKind::Space => {}
            _ => name.push_str(&detokenize(std::slice::from_ref(&t))),
        }
    }
    Token {
        kind: TokenKind::Command(name),
        span: span.join(end),
    }
}

/// `\csname name\endcsname` where a command may stand: `\name`.
fn csname(r: &mut Reader<'_>, _: &str, span: Span, _: &mut Content) {
    let token = csname_token(r, span);
    r.push_tokens(vec![token]);
}

/// LaTeX's `\@for\i:=list\do{body}` (the list written or a macro holding
/// it) and pgffor's `\foreach \x in {A,...,Z} {body}`: the body once per
/// item, the variable replaced by the item. Papers use them to define
/// families of commands (`\expandafter\def\csname bb#1\endcsname`).
fn for_loop(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.skip_spaces();
    let Some(var) = r.next() else { return };
    if !matches!(var.kind, TokenKind::Command(_)) {
        r.warn(
            codes::MISSING_ARGUMENT,
            var.span,
            format!("`\\{name}` needs a variable such as `\\x`"),
        );
        return;
    }
    // `:=` (LaTeX) or `in` (pgffor), then the list up to `\do` or a group.
    let mut list: Vec<Token> = Vec::new();
    if name == "foreach" {
        loop {
            r.skip_spaces();
            match r.peek_kind() {
                Some(TokenKind::BeginGroup) | None => break,
                _ => {
                    r.next(); // `in`, or options pgffor allows before it
                }
            }
        }
        if let Some((tokens, _)) = r.read_arg() {
            list = tokens;
        }
    } else {
        while let Some(t) = r.next() {
            if t.is_command("do") {
                break;
            }
            list.push(t);
        }
        // `:=` before the list.
        while let Some(first) = list.first() {
            match &first.kind {
                TokenKind::Text(t) if t.starts_with(":=") && t.len() > 2 => {
                    list[0].kind = TokenKind::Text(t[2..].to_owned());
                    break;
                }
                TokenKind::Text(t) if t == ":=" || t == ":" || t == "=" => {
                    list.remove(0);
                }
                TokenKind::Space => {
                    list.remove(0);
                }
                _ => break,
            }
        }
    }
    // A list held by a macro: what it stands for.
    if let [
        Token {
            kind: TokenKind::Command(c),
            ..
        },
    ] = list.as_slice()
        && let Some(m) = r.macros.get(c)
        && m.params == 0
    {
        list = m.body.to_vec();
    }
    r.skip_spaces();
    let body = match r.peek_kind() {
        Some(TokenKind::BeginGroup) => r.read_arg().map(|a| a.0).unwrap_or_default(),
        Some(_) => r.next().into_iter().collect(),
        None => Vec::new(),
    };
    let items = loop_items(&detokenize(&list));
    let mut tokens = Vec::new();
    for item in &items {
        for t in &body {
            if t.kind == var.kind {
                tokens.push(Token {
                    kind: TokenKind::Text(item.clone()),
                    span: t.span,
                });
            } else {
                tokens.push(t.clone());
            }
        }
    }
    if r.over_budget(tokens.len(), name, span) {
        return;
    }
    r.push_tokens(tokens);
}

/// The items of a comma list; pgffor's `A,...,Z` and `1,3,...,9` filled in.
pub(crate) fn loop_items(list: &str) -> Vec<String> {
    let parts: Vec<String> = list.split(',').map(|p| p.trim().to_owned()).collect();
    let mut out: Vec<String> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if part != "..." {
            if !part.is_empty() {
                out.push(part.clone());
            }
            continue;
        }
        let (Some(last), Some(end)) = (out.last().cloned(), parts.get(i + 1)) else {
            continue;
        };
        let step_from = (out.len() >= 2).then(|| out[out.len() - 2].clone());
        if let (Ok(a), Ok(b)) = (last.parse::<i64>(), end.parse::<i64>()) {
            let step = step_from
                .and_then(|p| p.parse::<i64>().ok())
                .map_or(if b >= a { 1 } else { -1 }, |p| a - p);
            if step == 0 || (b - a) / step > 1000 {
                continue;
            }
            let mut n = a + step;
            while (step > 0 && n < b) || (step < 0 && n > b) {
                out.push(n.to_string());
                n += step;
            }
        } else if let (Some(a), Some(b)) = (single_char(&last), single_char(end))
            && a < b
            && (b as u32 - a as u32) < 100
        {
            out.extend(
                (a as u32 + 1..b as u32)
                    .filter_map(char::from_u32)
                    .map(String::from),
            );
        }
    }
    out
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_ascii_alphanumeric()).then_some(c)
}

/// `\let\new\old` and `\let\new=\old`.
fn let_(r: &mut Reader<'_>, _: &str, span: Span, _: &mut Content) {
    let Some(Token {
        kind: TokenKind::Command(new),
        ..
    }) = defined_name(r)
    else {
        r.error(
            codes::MISSING_ARGUMENT,
            span,
            "`\\let` needs a command name such as `\\foo`",
        );
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
        r.error(
            codes::UNBALANCED,
            span,
            "`\\newenvironment` is missing the environment's name",
        );
        return;
    };
    let name = detokenize(&name_tokens).trim().to_owned();
    let (params, default) = read_params(r);
    let begin = r.read_arg().map(|a| a.0).unwrap_or_default();
    let end = r.read_arg().map(|a| a.0).unwrap_or_default();
    if package_internals_for_builtin(r, super::Kind::Environment, &name, &[&begin, &end]) {
        return;
    }
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
/// is `\left\lvert x \right\rvert`, and so are its starred form `\abs*{x}`
/// and its sized one `\abs[\big]{x}` (the delimiters grow with their
/// content either way).
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
    body.push(token(TokenKind::Param(2)));
    body.push(token(TokenKind::Command("right".into())));
    body.extend(right);
    // `\abs` reads its star, then `\abs@paired` its size and its argument.
    let inner = format!("{macro_name}@paired");
    let starred = vec![
        token(TokenKind::Command("@ifstar".into())),
        token(TokenKind::BeginGroup),
        token(TokenKind::Command(inner.clone())),
        token(TokenKind::EndGroup),
        token(TokenKind::BeginGroup),
        token(TokenKind::Command(inner.clone())),
        token(TokenKind::EndGroup),
    ];
    r.macros.insert(
        inner,
        Macro {
            params: 2,
            default: Some(Vec::new()),
            body: body.into(),
            delimiters: None,
        },
    );
    r.macros.insert(
        macro_name,
        Macro {
            params: 0,
            default: None,
            body: starred.into(),
            delimiters: None,
        },
    );
}

/// `\@ifstar` met where no macro expansion reads it first (the reader's
/// [`Reader::ifstar`] does the work).
fn ifstar(r: &mut Reader<'_>, _: &str, span: Span, _: &mut Content) {
    r.ifstar(span);
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

fn expandafter(r: &mut Reader<'_>, _: &str, span: Span, _: &mut Content) {
    r.expandafter = Some(span);
}

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
    entry("expandafter", "", Command(expandafter), "ignored: the tokens are read as they come"),
    entry("noexpand", "", Command(nothing), "ignored"),
    entry("csname", "", Command(csname), "`\\csname name\\endcsname`: the command `\\name`"),
    entry("endcsname", "", Command(nothing), "ends `\\csname`"),
    entry("@for", "", Command(for_loop), "`\\@for\\i:=list\\do{body}`: the body once per item"),
    entry("foreach", "", Command(for_loop), "pgffor: `\\foreach \\x in {A,...,Z}{body}`, the body once per item"),
    entry("makeatletter", "", AtLetter(true), "`@` becomes a letter in command names"),
    entry("makeatother", "", AtLetter(false), "`@` is no letter again"),
    entry("begingroup", "", Command(ignore), "ignored (definitions are not scoped by it)"),
    entry("endgroup", "", Command(ignore), "ignored"),
];
