//! TeX's conditionals, as far as they can be decided without running TeX:
//! `\iftrue`, `\iffalse` (the usual way to comment out a passage) and the
//! conditionals of `\newif` (`\newif\ifdraft`, `\drafttrue`, `\ifdraft …
//! \else … \fi`), TeX's mode tests (text is read in a paragraph, math in
//! math mode), `\ifx` where wita knows both meanings, `\ifnum` where both
//! numbers are written out and `\ifcsname` of a command wita knows. The
//! branch not taken is skipped token by token, counting the conditionals
//! nested in it, as TeX skips it. Conditionals that test what only TeX knows
//! (`\ifdefined`, `\ifnum` of a register, `\ifx` of two commands of
//! packages) are not decided:
//! they stay unknown commands, with a warning, and both branches print.
//! The engine tests of ifpdf, ifxetex, ifluatex and iftex answer as they do
//! under XeLaTeX, the engine wita stands in for.

use wita_diag::Span;
use wita_diag::codes;

use crate::lex::TokenKind;
use crate::reader::Reader;

/// TeX's own conditionals: they nest in a skipped branch like any other.
const PRIMITIVES: &[&str] = &[
    "if",
    "ifcat",
    "ifx",
    "ifnum",
    "ifdim",
    "ifodd",
    "ifcase",
    "ifvmode",
    "ifhmode",
    "ifmmode",
    "ifinner",
    "ifvoid",
    "ifhbox",
    "ifvbox",
    "ifeof",
    "iftrue",
    "iffalse",
    "ifdefined",
    "ifcsname",
    "iffontchar",
    "ifincsname",
    "ifpdfprimitive",
];

/// The engine tests (ifpdf's `\ifpdf`, ifxetex's `\ifxetex`, iftex's
/// `\ifXeTeX` …) and their values under XeLaTeX: a document's `\ifpdf
/// … \else … \fi` prints the branch XeLaTeX prints. A document's own
/// `\newif` of the same name replaces the value.
const ENGINE: &[(&str, bool)] = &[
    ("pdf", false),
    ("pdftex", false),
    ("PDFTeX", false),
    ("xetex", true),
    ("XeTeX", true),
    ("luatex", false),
    ("LuaTeX", false),
    ("LuaHBTeX", false),
    ("vtex", false),
    ("VTeX", false),
    ("ptex", false),
    ("pTeX", false),
    ("uptex", false),
    ("upTeX", false),
];

/// The conditionals a reader starts with: the engine's.
pub(crate) fn engine() -> std::collections::HashMap<String, bool> {
    ENGINE
        .iter()
        .map(|&(name, value)| (name.to_owned(), value))
        .collect()
}

impl Reader<'_> {
    /// Reads `\name` if it is a conditional this reader decides (or sets,
    /// or ends); returns whether it was one.
    pub(crate) fn conditional(&mut self, name: &str, span: Span) -> bool {
        for (suffix, value) in [("true", true), ("false", false)] {
            if let Some(base) = name.strip_suffix(suffix)
                && self.conditionals.contains_key(base)
            {
                self.conditionals.insert(base.to_owned(), value);
                return true;
            }
        }
        let value = match name {
            "iftrue" => Some(true),
            "iffalse" => Some(false),
            // TeX's mode tests: text is read in a paragraph
            // (`\ifhmode\unskip\fi` in a macro), math in math mode, and
            // neither in a box of its own.
            "ifhmode" => Some(self.in_math == 0),
            "ifmmode" => Some(self.in_math > 0),
            "ifvmode" | "ifinner" => Some(false),
            "ifx" => self.ifx(),
            "ifnum" => self.ifnum(),
            "ifcsname" => self.ifcsname(),
            _ => name
                .strip_prefix("if")
                .and_then(|base| self.conditionals.get(base).copied()),
        };
        if let Some(value) = value {
            if value || self.skip_branch(span) {
                // Reading the branch taken, up to its `\else` or `\fi`.
                self.open_conditionals += 1;
            }
            return true;
        }
        match name {
            "else" if self.open_conditionals > 0 => {
                // The end of the branch taken: the other is skipped.
                self.skip_branch(span);
                self.open_conditionals -= 1;
                true
            }
            "fi" if self.open_conditionals > 0 => {
                self.open_conditionals -= 1;
                true
            }
            _ => false,
        }
    }

    /// `\ifx A B`, decided where wita knows both meanings: the same
    /// command, two macros of the same definition, two characters
    /// (`\ifx&#1&`, the test for an empty argument), or a macro against
    /// what is not one. Otherwise `None`, the two tokens left unread.
    fn ifx(&mut self) -> Option<bool> {
        use crate::lex::Token;
        // The tokens taken from the input, and the two compared: in a run
        // of characters each character is a token of its own.
        let mut read: Vec<Token> = Vec::new();
        let mut units: Vec<TokenKind> = Vec::new();
        let mut rest: Option<Token> = None;
        while units.len() < 2 {
            let token = match rest.take() {
                Some(token) => token,
                None => {
                    // The space after `\ifx` ends the command's name.
                    if units.is_empty() {
                        while self.peek_kind() == Some(&TokenKind::Space) {
                            read.extend(self.next());
                        }
                    }
                    let Some(token) = self.next() else {
                        self.push_tokens(read);
                        return None;
                    };
                    read.push(token.clone());
                    token
                }
            };
            match &token.kind {
                TokenKind::Text(t) if t.chars().count() > 1 => {
                    let c = t.chars().next().expect("not empty");
                    units.push(TokenKind::Text(c.to_string()));
                    rest = Some(Token {
                        kind: TokenKind::Text(t[c.len_utf8()..].to_owned()),
                        span: token.span,
                    });
                }
                kind => units.push(kind.clone()),
            }
        }
        let value = match (&units[0], &units[1]) {
            (TokenKind::Command(x), TokenKind::Command(y)) if x == y => Some(true),
            (TokenKind::Command(x), TokenKind::Command(y)) => {
                // The kernel's `\@empty`, which such tests compare with.
                let empty = crate::reader::Macro {
                    params: 0,
                    default: None,
                    body: Default::default(),
                    delimiters: None,
                };
                let get = |n: &str| {
                    self.macros
                        .get(n)
                        .or_else(|| (n == "@empty").then_some(&empty))
                };
                match (get(x), get(y)) {
                    (Some(m), Some(n)) => Some(
                        m.params == n.params
                            && m.default.is_none()
                            && n.default.is_none()
                            && m.delimiters.is_none()
                            && n.delimiters.is_none()
                            && same_tokens(&m.body, &n.body),
                    ),
                    // A macro is not an undefined command, `\relax`, or a
                    // primitive.
                    (Some(_), None) | (None, Some(_)) => Some(false),
                    // Two commands that are not macros: the same if one is
                    // `\let` to the other, different otherwise, but for an
                    // undefined one (`\ifx\foo\undefined`), which wita
                    // cannot tell from a package's command it does not know.
                    (None, None) => {
                        let meaning = |n: &String| self.aliases.get(n).unwrap_or(n).clone();
                        let undefined = |n: &str| matches!(n, "undefined" | "@undefined");
                        (!undefined(x) && !undefined(y)).then(|| meaning(x) == meaning(y))
                    }
                }
            }
            (TokenKind::Command(_), _) | (_, TokenKind::Command(_)) => Some(false),
            (x, y) => Some(x == y),
        };
        match value {
            None => self.push_tokens(read),
            Some(_) => self.push_tokens(rest.into_iter().collect()),
        }
        value
    }

    /// `\ifnum A < B`, decided where both numbers are known: digits, a
    /// character code (`` `a ``), the kernel's constants (`\@ne`, `\z@`,
    /// `\@M`…), an article's counter (`\value{step}`) or count register
    /// (`\newcount`). Otherwise `None`, the tokens left unread (a register
    /// of TeX's or a package's holds what TeX knows).
    fn ifnum(&mut self) -> Option<bool> {
        use crate::lex::Token;
        let mut read: Vec<Token> = Vec::new();
        // Characters of a run not read yet: (the run's token, from byte).
        let mut pending: Option<(Token, usize)> = None;
        let mut values = Vec::new();
        let mut relation = None;
        let decided = 'scan: loop {
            if values.len() == 2 {
                break 'scan true;
            }
            let (token, from) = match pending.take() {
                Some(p) => p,
                None => {
                    while self.peek_kind() == Some(&TokenKind::Space) {
                        read.extend(self.next());
                    }
                    let Some(token) = self.next() else {
                        break 'scan false;
                    };
                    read.push(token.clone());
                    (token, 0)
                }
            };
            match &token.kind {
                TokenKind::Command(name) => {
                    let value = match name.as_str() {
                        "value" => {
                            // `\value{name}` of an article's counter.
                            let Some(group) = self.read_arg() else {
                                break 'scan false;
                            };
                            let counter = crate::lex::detokenize(&group.0).trim().to_owned();
                            read.push(Token {
                                kind: TokenKind::BeginGroup,
                                span: group.1,
                            });
                            read.extend(group.0);
                            read.push(Token {
                                kind: TokenKind::EndGroup,
                                span: group.1,
                            });
                            match self.counters.value(&counter) {
                                Some(v) => v,
                                None => break 'scan false,
                            }
                        }
                        // A constant of the kernel's or a count register.
                        other => match crate::registry::registers::command_value(self, other) {
                            Some(v) => v,
                            None => break 'scan false,
                        },
                    };
                    if values.len() == 1 && relation.is_none() {
                        break 'scan false;
                    }
                    values.push(value);
                }
                TokenKind::Text(text) => {
                    let rest = &text[from..];
                    let mut chars = rest.char_indices().peekable();
                    let mut used = rest.len();
                    while let Some((i, c)) = chars.next() {
                        if values.len() == 2 {
                            used = i;
                            break;
                        }
                        if values.len() == 1 && relation.is_none() {
                            if matches!(c, '<' | '=' | '>') {
                                relation = Some(c);
                                continue;
                            }
                            break 'scan false;
                        }
                        let negative = c == '-';
                        let start = if negative {
                            match chars.next() {
                                Some(next) => next,
                                None => break 'scan false,
                            }
                        } else {
                            (i, c)
                        };
                        let (j, d) = start;
                        if d == '`' {
                            // A character code: the next character, in this
                            // run or as the next token (`` `\_ ``, `` `#1 ``).
                            let code = match chars.next() {
                                Some((_, code)) => code,
                                None => match self.next() {
                                    Some(next) => {
                                        read.push(next.clone());
                                        match &next.kind {
                                            TokenKind::Command(c) if c.chars().count() == 1 => {
                                                c.chars().next().expect("one")
                                            }
                                            TokenKind::Text(t) => {
                                                let c = t.chars().next().expect("not empty");
                                                if t.len() > c.len_utf8() {
                                                    // The run goes on after it.
                                                    pending = Some((next.clone(), c.len_utf8()));
                                                }
                                                c
                                            }
                                            TokenKind::Char(c) => *c,
                                            _ => break 'scan false,
                                        }
                                    }
                                    None => break 'scan false,
                                },
                            };
                            let v = i64::from(u32::from(code));
                            values.push(if negative { -v } else { v });
                            continue;
                        }
                        if !d.is_ascii_digit() {
                            break 'scan false;
                        }
                        let digits_end = rest[j..]
                            .find(|c: char| !c.is_ascii_digit())
                            .map_or(rest.len(), |e| j + e);
                        let Ok(v) = rest[j..digits_end].parse::<i64>() else {
                            break 'scan false;
                        };
                        values.push(if negative { -v } else { v });
                        while chars.peek().is_some_and(|&(k, _)| k < digits_end) {
                            chars.next();
                        }
                    }
                    if values.len() == 2 && used < rest.len() {
                        // The rest of the run is text after the test.
                        pending = Some((token.clone(), from + used));
                    }
                }
                _ => break 'scan false,
            }
        };
        if !decided {
            self.push_tokens(read);
            return None;
        }
        match pending {
            Some((token, from)) => {
                if let TokenKind::Text(text) = &token.kind {
                    self.push_tokens(vec![Token {
                        kind: TokenKind::Text(text[from..].to_owned()),
                        span: token.span,
                    }]);
                }
            }
            // The space that ends a number is TeX's, not the text's.
            None if self.peek_kind() == Some(&TokenKind::Space) => {
                self.next();
            }
            None => {}
        }
        let (a, b) = (values[0], values[1]);
        Some(match relation? {
            '<' => a < b,
            '>' => a > b,
            _ => a == b,
        })
    }

    /// `\ifcsname name\endcsname`: true where `\name` is a macro of the
    /// article or a command wita knows (ctex's `\fangsong`). Otherwise
    /// `None`, the tokens left unread: a package wita does not know may
    /// define it.
    fn ifcsname(&mut self) -> Option<bool> {
        let mut read = Vec::new();
        let mut name = String::new();
        let found = loop {
            let Some(token) = self.next() else {
                break false;
            };
            let end = token.is_command("endcsname");
            match &token.kind {
                TokenKind::Text(text) => name.push_str(text),
                TokenKind::Command(_) if end => {}
                _ => {
                    read.push(token);
                    break false;
                }
            }
            read.push(token);
            if end {
                break true;
            }
            if read.len() > 64 {
                break false;
            }
        };
        let known = found
            && (self.macros.contains_key(&name)
                || crate::registry::lookup(crate::registry::Kind::Command, &name).is_some());
        if !known {
            self.push_tokens(read);
            return None;
        }
        Some(true)
    }

    fn starts_conditional(&self, name: &str) -> bool {
        PRIMITIVES.contains(&name)
            || name
                .strip_prefix("if")
                .is_some_and(|base| self.conditionals.contains_key(base))
    }

    /// Skips tokens up to the `\else` (then returns `true`: its branch is
    /// read) or the `\fi` (`false`) of the conditional being skipped.
    fn skip_branch(&mut self, span: Span) -> bool {
        let mut depth = 0usize;
        while let Some(token) = self.next() {
            let TokenKind::Command(name) = &token.kind else {
                continue;
            };
            match name.as_str() {
                "fi" if depth == 0 => return false,
                "fi" => depth -= 1,
                "else" if depth == 0 => return true,
                n if self.starts_conditional(n) => depth += 1,
                _ => {}
            }
        }
        self.warn(
            codes::UNBALANCED,
            span,
            "this conditional has no `\\fi`: the rest of the file is skipped",
        );
        false
    }
}

/// Whether two token lists are the same, their places aside.
fn same_tokens(a: &[crate::lex::Token], b: &[crate::lex::Token]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.kind == y.kind)
}
