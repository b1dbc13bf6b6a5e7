//! The tokenizer: LaTeX source → tokens with byte spans.
//!
//! It follows TeX's category codes and its three line states (so spaces after
//! control words vanish and a blank line is a paragraph break). The
//! registry tells it the commands whose argument TeX reads with changed
//! category codes (`\verb`, `verbatim`-like environments, `\url`, `\href`'s
//! URL): their text is captured as one [`TokenKind::Verbatim`] token, as
//! written.

use wita_diag::codes;
use wita_diag::{Diagnostic, FileId, Span};

use crate::registry::{self, Lex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// `\name` (letters) or `\x` (one other character); the name without `\`.
    Command(String),
    BeginGroup,
    EndGroup,
    /// `$` (inline math shift).
    MathShift,
    /// `$$`.
    DisplayMathShift,
    AlignTab,
    /// `#1`..`#9` in macro bodies; `#` alone is `Param(0)`.
    Param(u8),
    /// A character with a meaning of its own: `~ [ ] ^ _`.
    Char(char),
    /// A run of ordinary characters (no spaces, no specials).
    Text(String),
    /// Spaces and line breaks within a paragraph.
    Space,
    /// A blank line.
    ParBreak,
    /// Text read as written (verbatim environments, `\verb`, URLs).
    Verbatim(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

impl Token {
    pub fn is_command(&self, name: &str) -> bool {
        matches!(&self.kind, TokenKind::Command(n) if n == name)
    }

    pub fn is_char(&self, c: char) -> bool {
        matches!(&self.kind, TokenKind::Char(x) if *x == c)
            || matches!(&self.kind, TokenKind::Text(t) if t.len() == c.len_utf8() && t.starts_with(c))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Middle of a line.
    Mid,
    /// Skipping blanks after a control word or a space.
    Skip,
    /// At the start of a line.
    NewLine,
}

/// Splits a file into tokens; problems (an unterminated `\verb`) are returned
/// alongside.
pub fn tokenize(text: &str, file: FileId) -> (Vec<Token>, Vec<Diagnostic>) {
    tokenize_file(text, file, false, &[])
}

/// The tokens of a file `\input` or `\include`d where the characters
/// `inherited` read as short verbs (declared by the file that inputs it:
/// TeX's category codes are not a file's own), and the short-verb
/// characters in force at its end (what a file it inputs inherits).
pub fn tokenize_input(
    text: &str,
    file: FileId,
    inherited: &[char],
) -> (Vec<Token>, Vec<Diagnostic>, Vec<char>) {
    let (tokens, diags, verbs) = lex_file(text, file, false, inherited);
    let mut on: Vec<char> = Vec::new();
    for (_, c, declared) in verbs {
        on.retain(|&d| d != c);
        if declared {
            on.push(c);
        }
    }
    (tokens, diags, on)
}

/// A whole file's tokens, `@` a letter from the start or not.
fn tokenize_file(
    text: &str,
    file: FileId,
    at_letter: bool,
    inherited: &[char],
) -> (Vec<Token>, Vec<Diagnostic>) {
    let (tokens, diags, _) = lex_file(text, file, at_letter, inherited);
    (tokens, diags)
}

/// A whole file's tokens and its short-verb declarations (the inherited
/// ones first, in force from its start).
fn lex_file(
    text: &str,
    file: FileId,
    at_letter: bool,
    inherited: &[char],
) -> (Vec<Token>, Vec<Diagnostic>, ShortVerbs) {
    let mut verbs: ShortVerbs = inherited.iter().map(|&c| (0, c, true)).collect();
    verbs.extend(short_verbs(text));
    let mut lexer = Lexer {
        text,
        file,
        pos: 0,
        state: State::NewLine,
        out: Vec::new(),
        diags: Vec::new(),
        at_letter,
        listings: defined_listings(text),
        short_verbs: verbs,
    };
    lexer.run();
    (lexer.out, lexer.diags, lexer.short_verbs)
}

/// The listing environments a file defines (see [`Lexer::listings`]).
fn defined_listings(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (command, suffix) in [
        ("\\lstnewenvironment", ""),
        ("\\DefineVerbatimEnvironment", ""),
        ("\\newminted", "code"),
        ("\\newtcblisting", ""),
        ("\\DeclareTCBListing", ""),
    ] {
        let mut rest = text;
        while let Some(at) = rest.find(command) {
            rest = &rest[at + command.len()..];
            let after = rest.trim_start();
            // `\newminted[envname]{lang}{options}` names it itself;
            // `\newtcblisting[init options]{name}` does not.
            let (named, after) = match after.strip_prefix('[') {
                Some(a) => match a.split_once(']') {
                    Some((n, a)) if command == "\\newminted" => {
                        (Some(n.trim().to_owned()), a.trim_start())
                    }
                    Some((_, a)) => (None, a.trim_start()),
                    None => continue,
                },
                None => (None, after),
            };
            let Some((name, _)) = after.strip_prefix('{').and_then(|a| a.split_once('}')) else {
                continue;
            };
            let name = named.unwrap_or_else(|| format!("{}{suffix}", name.trim()));
            if !name.is_empty() && !name.contains(['\\', '{']) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    // A class's own listing environment (JuliaCon's `jllisting`, defined
    // with `\lstnewenvironment` in a class the entry does not have): by
    // their name, unless the file defines it as an ordinary environment.
    let mut rest = text;
    while let Some(at) = rest.find("\\begin{") {
        rest = &rest[at + "\\begin{".len()..];
        let Some((name, _)) = rest.split_once('}') else {
            break;
        };
        let listing = name.len() > "listing".len()
            && name.ends_with("listing")
            && name.chars().all(|c| c.is_ascii_alphabetic());
        if listing
            && !names.iter().any(|n| n == name)
            && !text.contains(&format!("environment{{{name}}}"))
            && registry::verbatim_environment(name).is_none()
            && registry::lookup(registry::Kind::Environment, name).is_none()
        {
            names.push(name.to_owned());
        }
    }
    names
}

/// Splits a package file (`.sty`) into tokens: `@` is a letter in it, as
/// LaTeX reads packages.
pub fn tokenize_package(text: &str, file: FileId) -> (Vec<Token>, Vec<Diagnostic>) {
    tokenize_file(text, file, true, &[])
}

struct Lexer<'a> {
    text: &'a str,
    file: FileId,
    pos: usize,
    state: State,
    out: Vec<Token>,
    diags: Vec<Diagnostic>,
    /// Between `\makeatletter` and `\makeatother`, `@` is a letter.
    at_letter: bool,
    /// Listing environments the file defines (`\lstnewenvironment{name}`,
    /// fancyvrb's `\DefineVerbatimEnvironment{name}`, minted's
    /// `\newminted{lang}` → `langcode`): their bodies are read as written.
    listings: Vec<String>,
    /// shortvrb's `\MakeShortVerb{\|}` and fancyvrb's `\DefineShortVerb`:
    /// from where each takes effect, the character that then reads as
    /// `\verb` does (on) or no longer does (off).
    short_verbs: ShortVerbs,
}

/// Short-verb declarations: from where each takes effect, the character,
/// and whether it then reads as `\verb` (on) or no longer does (off).
type ShortVerbs = Vec<(usize, char, bool)>;

/// The short-verb declarations of a file, in order (see [`Lexer::short_verbs`]).
fn short_verbs(text: &str) -> ShortVerbs {
    let mut out = Vec::new();
    for (command, on) in [
        ("\\MakeShortVerb", true),
        ("\\DefineShortVerb", true),
        ("\\DeleteShortVerb", false),
        ("\\UndefineShortVerb", false),
        // listings' `\lstMakeShortInline[options]{"}`: `"code"` is
        // `\lstinline"code"`.
        ("\\lstMakeShortInline", true),
        ("\\lstDeleteShortInline", false),
    ] {
        let mut from = 0;
        while let Some(at) = text[from..].find(command) {
            let at = from + at;
            from = at + command.len();
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].contains('%') {
                continue; // commented out (or too odd a line to tell)
            }
            let rest = &text[from..];
            if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue; // a longer name
            }
            let rest = rest.strip_prefix('*').unwrap_or(rest);
            // `[options]`, braces respected (they may span lines).
            let rest = match rest.trim_start().strip_prefix('[') {
                Some(inner) => match bracket_end(inner) {
                    Some(close) => inner[close + 1..].trim_start(),
                    None => continue,
                },
                None => rest,
            };
            let (braced, rest) = match rest.strip_prefix('{') {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let rest = rest.strip_prefix('\\').unwrap_or(rest);
            let Some(c) = rest.chars().next() else {
                continue;
            };
            if c.is_alphanumeric() || c.is_whitespace() {
                continue;
            }
            let mut end = text.len() - rest.len() + c.len_utf8();
            if braced && text[end..].starts_with('}') {
                end += 1;
            }
            out.push((end, c, on));
        }
    }
    out.sort_by_key(|&(at, _, _)| at);
    out
}

/// Where the `]` that closes an optional argument opened just before
/// `text` is, outside braces.
fn bracket_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ']' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

impl Lexer<'_> {
    /// Whether `c` at the current position reads as `\verb` (shortvrb).
    /// Only where it closes on its line: one that does not is TeX's error
    /// ("\verb ended by end of line"), or the character inside a macro
    /// body, where TeX stores it for later (`\def\x{\composite{>|}}`).
    fn is_short_verb(&self, c: char) -> bool {
        let on = self
            .short_verbs
            .iter()
            .rev()
            .find(|&&(at, d, _)| d == c && at <= self.pos)
            .is_some_and(|&(_, _, on)| on);
        // (The rest of the line is looked at only for such a character:
        // this runs for every character of a text run.)
        if !on {
            return false;
        }
        let after = &self.text[self.pos + c.len_utf8()..];
        after[..after.find('\n').unwrap_or(after.len())].contains(c)
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn span(&self, start: usize) -> Span {
        Span::new(self.file, start..self.pos)
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        let span = self.span(start);
        self.out.push(Token { kind, span });
    }

    fn run(&mut self) {
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                c if !self.short_verbs.is_empty() && self.is_short_verb(c) => {
                    // `|text|` as `\verb|text|`: the character is the delimiter.
                    self.out.push(Token {
                        kind: TokenKind::Command("verb".into()),
                        span: Span::new(self.file, start..start),
                    });
                    self.verb(start);
                }
                '\\' => self.command(),
                '{' => {
                    self.pos += 1;
                    self.push(TokenKind::BeginGroup, start);
                    self.state = State::Mid;
                }
                '}' => {
                    self.pos += 1;
                    self.push(TokenKind::EndGroup, start);
                    self.state = State::Mid;
                }
                '$' => {
                    self.pos += 1;
                    if self.peek() == Some('$') {
                        self.pos += 1;
                        self.push(TokenKind::DisplayMathShift, start);
                    } else {
                        self.push(TokenKind::MathShift, start);
                    }
                    self.state = State::Mid;
                }
                '&' => {
                    self.pos += 1;
                    self.push(TokenKind::AlignTab, start);
                    self.state = State::Mid;
                }
                '#' => {
                    self.pos += 1;
                    let n = match self.peek() {
                        Some(d @ '1'..='9') => {
                            self.pos += 1;
                            d as u8 - b'0'
                        }
                        _ => 0,
                    };
                    self.push(TokenKind::Param(n), start);
                    self.state = State::Mid;
                }
                '%' => {
                    self.skip_line();
                    self.state = State::NewLine;
                }
                '\n' => {
                    self.pos += 1;
                    match self.state {
                        State::Mid => self.push(TokenKind::Space, start),
                        State::Skip => {}
                        State::NewLine => self.push(TokenKind::ParBreak, start),
                    }
                    self.state = State::NewLine;
                }
                '\r' => self.pos += 1, // CRLF files: the \n that follows does the work
                c if is_blank(c) => {
                    self.pos += c.len_utf8();
                    if self.state == State::Mid {
                        self.push(TokenKind::Space, start);
                        self.state = State::Skip;
                    }
                }
                '~' | '[' | ']' | '^' | '_' => {
                    self.pos += 1;
                    self.push(TokenKind::Char(c), start);
                    self.state = State::Mid;
                }
                _ => {
                    // A run of ordinary characters. Unicode spaces (no-break,
                    // ideographic) are characters here, as in XeLaTeX.
                    while let Some(c) = self.peek() {
                        if is_special(c)
                            || is_blank(c)
                            || c == '\n'
                            || c == '\r'
                            || (!self.short_verbs.is_empty() && self.is_short_verb(c))
                        {
                            break;
                        }
                        self.pos += c.len_utf8();
                    }
                    let text = self.text[start..self.pos].to_owned();
                    self.push(TokenKind::Text(text), start);
                    self.state = State::Mid;
                }
            }
        }
    }

    fn skip_line(&mut self) {
        match self.text[self.pos..].find('\n') {
            Some(i) => self.pos += i + 1,
            None => self.pos = self.text.len(),
        }
    }

    fn command(&mut self) {
        let start = self.pos;
        self.pos += 1; // the backslash
        let name = match self.peek() {
            Some(c) if c.is_ascii_alphabetic() || (self.at_letter && c == '@') => {
                let at_letter = self.at_letter;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphabetic() || (at_letter && c == '@'))
                {
                    self.pos += 1;
                }
                self.state = State::Skip;
                self.text[start + 1..self.pos].to_owned()
            }
            Some(c) => {
                self.pos += c.len_utf8();
                // `\<newline>` is a control space; the line break is consumed.
                self.state = if c == '\n' {
                    State::NewLine
                } else {
                    State::Mid
                };
                if c == '\n' || c == '\t' || c == '\r' {
                    " ".to_owned()
                } else {
                    c.to_string()
                }
            }
            None => {
                self.push(TokenKind::Text("\\".into()), start);
                return;
            }
        };
        // A control word swallows the blanks after it, and at most one line break.
        if self.state == State::Skip {
            while matches!(self.peek(), Some(c) if is_blank(c)) {
                self.pos += 1;
            }
            if self.peek() == Some('\r') {
                self.pos += 1;
            }
            if self.peek() == Some('\n') {
                // Peek: the blank belongs to the command, but a following blank
                // line must still end the paragraph.
                self.pos += 1;
                self.state = State::NewLine;
            }
        }
        let name_end = start + 1 + name.len().max(1);
        let span = Span::new(self.file, start..name_end.min(self.pos));
        // `\minipage{..} … \endminipage`: an environment in its plain-TeX
        // form, which LaTeX reads as `\begin{minipage}` … `\end{minipage}`.
        let plain_env = name
            .strip_prefix("end")
            .filter(|env| PLAIN_FORM_ENVIRONMENTS.contains(env))
            .map(|env| ("end", env))
            .or_else(|| {
                PLAIN_FORM_ENVIRONMENTS
                    .contains(&name.as_str())
                    .then_some(("begin", name.as_str()))
            });
        if let Some((command, env)) = plain_env {
            for kind in [
                TokenKind::Command(command.into()),
                TokenKind::BeginGroup,
                TokenKind::Text(env.into()),
                TokenKind::EndGroup,
            ] {
                self.out.push(Token { kind, span });
            }
            return;
        }
        let kind = TokenKind::Command(name.clone());
        self.out.push(Token { kind, span });
        // The registry says which commands' arguments are read as written.
        if name == "begin" {
            self.maybe_verbatim_env();
            return;
        }
        match registry::lexing(&name) {
            Lex::Normal | Lex::Body => {}
            Lex::Delimited => {
                // `\verb \def ` (LaTeX's manual writes it so): the space
                // the control word skipped is the delimiter, as TeX's
                // `\verb` makes the space active before reading it.
                if self.text[name_end.min(self.pos)..self.pos].starts_with([' ', '\t']) {
                    self.pos = name_end;
                }
                self.verb(start)
            }
            Lex::Inline => self.lstinline(start),
            // url.sty reads a braced argument with `\` as an ordinary
            // character: `\path{C:\dir\}` ends at its last brace.
            Lex::Group => self.raw_group(!matches!(name.as_str(), "url" | "path" | "nolinkurl")),
            Lex::AtLetter => self.at_letter = true,
            Lex::AtOther => self.at_letter = false,
        }
    }

    /// `\verb|text|` and `\verb*|text|`.
    fn verb(&mut self, start: usize) {
        if self.peek() == Some('*') {
            self.pos += 1;
        }
        let Some(delim) = self.peek() else { return };
        self.pos += delim.len_utf8();
        let body_start = self.pos;
        let line_end = self.text[self.pos..]
            .find('\n')
            .map_or(self.text.len(), |i| self.pos + i);
        match self.text[self.pos..line_end].find(delim) {
            Some(i) => {
                self.pos += i;
                let body = self.text[body_start..self.pos].to_owned();
                self.pos += delim.len_utf8();
                self.push(TokenKind::Verbatim(body), body_start);
            }
            None => {
                self.pos = line_end;
                let body = self.text[body_start..self.pos].to_owned();
                self.diags.push(
                    Diagnostic::warning(
                        codes::UNBALANCED,
                        format!("`\\verb` is not closed by `{delim}` on its line"),
                    )
                    .at(Span::new(self.file, start..self.pos))
                    .with_help("the rest of the line is printed as written"),
                );
                self.push(TokenKind::Verbatim(body), body_start);
            }
        }
        self.state = State::Mid;
    }

    /// `\lstinline[opts]|code|` or `\lstinline{code}`.
    fn lstinline(&mut self, start: usize) {
        if self.peek() == Some('[') {
            self.bracket_tokens();
        }
        if self.peek() == Some('{') {
            self.raw_group(true);
        } else {
            self.verb(start);
        }
    }

    /// Lexes `[...]` normally (options), so they can be read as an argument.
    fn bracket_tokens(&mut self) {
        // The `]` that closes the `[`: brackets and braces inside it nest
        // (TikZ's `[every node/.style={..}, label={[red]x}]`).
        let mut depth = 0usize;
        let mut close = None;
        let mut chars = self.text[self.pos..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '[' | '{' => depth += 1,
                ']' | '}' if depth > 1 => depth -= 1,
                ']' if depth == 1 => {
                    close = Some(i);
                    break;
                }
                '}' => break,
                _ => {}
            }
        }
        let Some(close) = close.or_else(|| self.text[self.pos..].find(']')) else {
            return;
        };
        let end = self.pos + close + 1;
        let (tokens, diags) = tokenize_range(self.text, self.file, self.pos, end);
        self.out.extend(tokens);
        self.diags.extend(diags);
        self.pos = end;
        self.state = State::Mid;
    }

    /// Captures a balanced `{...}` as one verbatim token (between the braces);
    /// `\{` and `\}` count as braces unless `escapes`.
    fn raw_group(&mut self, escapes: bool) {
        while matches!(self.peek(), Some(c) if is_blank(c)) {
            self.pos += 1;
        }
        // An optional argument first (hyperref's `\href[options]{url}`):
        // its text as it is, in brackets.
        if self.peek() == Some('[')
            && let Some(len) = self.text[self.pos..].find([']', '\n', '{'])
            && self.text[self.pos + len..].starts_with(']')
        {
            let open = self.pos;
            self.pos += 1;
            self.push(TokenKind::Char('['), open);
            let inner = self.text[self.pos..open + len].to_owned();
            if !inner.is_empty() {
                let at = self.pos;
                self.pos = open + len;
                self.push(TokenKind::Text(inner), at);
            }
            let close = self.pos;
            self.pos += 1;
            self.push(TokenKind::Char(']'), close);
            while matches!(self.peek(), Some(c) if is_blank(c)) {
                self.pos += 1;
            }
        }
        if self.peek() != Some('{') {
            return;
        }
        let open = self.pos;
        self.pos += 1;
        self.push(TokenKind::BeginGroup, open);
        let body_start = self.pos;
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '\\' if escapes
                    || !matches!(self.text[self.pos + 1..].chars().next(), Some('{' | '}')) =>
                {
                    self.pos += 1;
                    if let Some(next) = self.peek() {
                        self.pos += next.len_utf8();
                    }
                    continue;
                }
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                _ => {}
            }
            self.pos += c.len_utf8();
        }
        let body = self.text[body_start..self.pos].to_owned();
        self.push(TokenKind::Verbatim(body), body_start);
        if self.peek() == Some('}') {
            let close = self.pos;
            self.pos += 1;
            self.push(TokenKind::EndGroup, close);
        }
        self.state = State::Mid;
    }

    /// After `\begin`: if the environment is verbatim-like, lexes its name and
    /// options normally and captures its body.
    fn maybe_verbatim_env(&mut self) {
        let rest = &self.text[self.pos..];
        let trimmed = rest.trim_start_matches(is_blank);
        let Some(after_brace) = trimmed.strip_prefix('{') else {
            return;
        };
        let Some(close) = after_brace.find('}') else {
            return;
        };
        let name = &after_brace[..close];
        // A listing environment the document defines (`\lstnewenvironment`)
        // reads its body as `lstlisting` does.
        let defined = self.listings.iter().any(|l| l == name);
        let Some(entry) = registry::verbatim_environment(name).or_else(|| {
            defined
                .then(|| registry::verbatim_environment("lstlisting"))
                .flatten()
        }) else {
            return;
        };
        let name = name.to_owned();
        let name_group_end = self.pos + (rest.len() - trimmed.len()) + 1 + close + 1;
        let (tokens, _) = tokenize_range(self.text, self.file, self.pos, name_group_end);
        self.out.extend(tokens);
        self.pos = name_group_end;
        // Options and arguments on the \begin line: `[..]` (lstlisting,
        // Verbatim, minted) and `{language}` (minted).
        if self.peek() == Some('[') {
            self.bracket_tokens();
        }
        if entry.args.contains('m') {
            while matches!(self.peek(), Some(c) if is_blank(c)) {
                self.pos += 1;
            }
            if self.peek() == Some('{')
                && let Some(close) = self.text[self.pos..].find('}')
            {
                let end = self.pos + close + 1;
                let (tokens, _) = tokenize_range(self.text, self.file, self.pos, end);
                self.out.extend(tokens);
                self.pos = end;
            }
        }
        // The rest of the \begin line is not part of the body (listings and
        // fancyvrb drop it), except in the kernel's `verbatim`, which sets it,
        // and where the environment also ends on that line
        // (`\begin{verbatim}x^2\end{verbatim}`).
        let end_marker = format!("\\end{{{name}}}");
        let after_arguments = self.pos;
        let line_end = self.text[self.pos..]
            .find('\n')
            .map_or(self.text.len(), |i| self.pos + i + 1);
        let rest_of_line = &self.text[self.pos..line_end];
        let kernel_verbatim = matches!(name.as_str(), "verbatim" | "verbatim*");
        let keeps_rest = rest_of_line.contains(&end_marker)
            || (kernel_verbatim && !rest_of_line.trim().is_empty());
        if !keeps_rest {
            self.pos = line_end;
        }
        let body_start = self.pos;
        let body_end = match matching_end(&self.text[self.pos..], &name, &end_marker) {
            Some(i) => self.pos + i,
            None => self.text.len(),
        };
        let mut body = &self.text[body_start..body_end];
        // The line holding \end is not part of the body either, when it holds
        // nothing else.
        if let Some(last_nl) = body.rfind('\n') {
            if body[last_nl + 1..].chars().all(is_blank) {
                body = &body[..last_nl + 1];
            }
        } else if body.chars().all(is_blank) {
            body = "";
        }
        // A picture whose end is not in the same group (begun in a user
        // environment's begin code, ended in its end code): no body of its
        // own here; what follows is read as it is.
        if PICTURES.contains(&name.as_str()) && !braces_balanced(body) {
            self.pos = after_arguments;
            return;
        }
        let body = body.to_owned();
        self.pos = body_end;
        self.push(TokenKind::Verbatim(body), body_start);
        self.state = State::Mid;
    }
}

/// TikZ's and pgfplots' picture environments (read as written, as code).
const PICTURES: &[&str] = &[
    "tikzpicture",
    "axis",
    "semilogxaxis",
    "semilogyaxis",
    "loglogaxis",
    "groupplot",
];

/// Whether no `}` in `text` closes a group it did not open (`\}` is a
/// character).
fn braces_balanced(text: &str) -> bool {
    let mut depth = 0usize;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' if depth == 0 => return false,
            '}' => depth -= 1,
            _ => {}
        }
    }
    true
}

/// Environments that documents also write in their plain-TeX form
/// (`\minipage{w} … \endminipage`, `\center … \endcenter`).
const PLAIN_FORM_ENVIRONMENTS: &[&str] = &[
    "minipage",
    "center",
    "flushleft",
    "flushright",
    "quote",
    "quotation",
];

/// The index of the `}` that closes a group whose content starts at
/// `start`, or the end of the tokens when it is not closed.
pub(crate) fn group_end(tokens: &[Token], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(start) {
        match token.kind {
            TokenKind::BeginGroup => depth += 1,
            TokenKind::EndGroup if depth == 0 => return i,
            TokenKind::EndGroup => depth -= 1,
            _ => {}
        }
    }
    tokens.len()
}

/// A slice of tokens read from the front, as a command reads its
/// arguments (siunitx's units, ifthen's tests).
pub(crate) struct Cursor<'t> {
    pub tokens: &'t [Token],
    pub at: usize,
}

impl<'t> Cursor<'t> {
    pub fn skip_spaces(&mut self) {
        while self
            .tokens
            .get(self.at)
            .is_some_and(|t| t.kind == TokenKind::Space)
        {
            self.at += 1;
        }
    }

    /// A `{..}` group (without braces) or one token.
    pub fn arg(&mut self) -> &'t [Token] {
        self.skip_spaces();
        let Some(token) = self.tokens.get(self.at) else {
            return &[];
        };
        if token.kind == TokenKind::BeginGroup {
            let end = group_end(self.tokens, self.at + 1).min(self.tokens.len());
            let inner = &self.tokens[self.at + 1..end];
            self.at = end + 1;
            inner
        } else {
            self.at += 1;
            &self.tokens[self.at - 1..self.at]
        }
    }

    /// A `[..]` group, if one comes next.
    pub fn optional(&mut self) -> Option<&'t [Token]> {
        let mut at = self.at;
        while self
            .tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Space)
        {
            at += 1;
        }
        if !self.tokens.get(at).is_some_and(|t| t.is_char('[')) {
            return None;
        }
        let start = at + 1;
        let mut depth = 0usize;
        for i in start..self.tokens.len() {
            match self.tokens[i].kind {
                TokenKind::BeginGroup => depth += 1,
                TokenKind::EndGroup => depth = depth.saturating_sub(1),
                TokenKind::Char(']') if depth == 0 => {
                    self.at = i + 1;
                    return Some(&self.tokens[start..i]);
                }
                _ => {}
            }
        }
        None
    }

    /// The name of the command that comes next, if one does.
    pub fn peek_command(&mut self) -> Option<&'t str> {
        self.skip_spaces();
        match &self.tokens.get(self.at)?.kind {
            TokenKind::Command(c) => Some(c.as_str()),
            _ => None,
        }
    }

    /// A `{..}` group's tokens, if one comes next.
    pub fn group(&mut self) -> Option<&'t [Token]> {
        self.skip_spaces();
        if self.tokens.get(self.at)?.kind != TokenKind::BeginGroup {
            return None;
        }
        Some(self.arg())
    }
}

/// The tokens of LaTeX that wita wrote itself (siunitx's math, a dirtree
/// entry's text), every one of them said to stand at `span`, where the
/// author's command is.
pub(crate) fn tokens_at(text: &str, span: Span) -> Vec<Token> {
    let (mut tokens, _) = tokenize(text, span.file);
    for token in &mut tokens {
        token.span = span;
    }
    tokens
}

/// The tokens of a piece of text alone (for tests).
#[cfg(test)]
pub(crate) fn tokens_of(text: &str) -> Vec<Token> {
    let sources = wita_diag::Sources::new();
    let id = sources.add("t.tex", text);
    tokenize(text, id).0
}

/// Tokenizes a sub-range of a file, keeping spans relative to the file.
fn tokenize_range(
    text: &str,
    file: FileId,
    start: usize,
    end: usize,
) -> (Vec<Token>, Vec<Diagnostic>) {
    let mut lexer = Lexer {
        text: &text[..end],
        file,
        pos: start,
        state: State::Mid,
        out: Vec::new(),
        diags: Vec::new(),
        at_letter: false,
        listings: Vec::new(),
        short_verbs: Vec::new(),
    };
    lexer.run();
    (lexer.out, lexer.diags)
}

/// Where the body of a verbatim-read environment ends: its first `\end`
/// (TeX's verbatim ends there, whatever it holds), except for a TikZ
/// picture, which may hold pictures of its own (`\node {\begin{tikzpicture}..}`).
fn matching_end(text: &str, name: &str, end_marker: &str) -> Option<usize> {
    if name != "tikzpicture" {
        return text.find(end_marker);
    }
    let begin_marker = format!("\\begin{{{name}}}");
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let next_end = text[at..].find(end_marker)? + at;
        match text[at..].find(&begin_marker).map(|i| i + at) {
            Some(begin) if begin < next_end => {
                depth += 1;
                at = begin + begin_marker.len();
            }
            _ if depth == 0 => return Some(next_end),
            _ => {
                depth -= 1;
                at = next_end + end_marker.len();
            }
        }
    }
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{0B}' | '\u{0C}')
}

fn is_special(c: char) -> bool {
    matches!(
        c,
        '\\' | '{' | '}' | '$' | '&' | '#' | '%' | '~' | '[' | ']' | '^' | '_'
    )
}

/// Writes tokens back as LaTeX source (for arguments that are data: paths,
/// keys, lengths, math).
pub fn detokenize(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match &token.kind {
            TokenKind::Command(name) => {
                out.push('\\');
                out.push_str(name);
                let letters = name.chars().all(|c| c.is_ascii_alphabetic());
                let next_is_letter = match tokens.get(i + 1).map(|t| &t.kind) {
                    Some(TokenKind::Text(t)) => t.starts_with(|c: char| c.is_ascii_alphabetic()),
                    _ => false,
                };
                if letters && next_is_letter {
                    out.push(' ');
                }
            }
            TokenKind::BeginGroup => out.push('{'),
            TokenKind::EndGroup => out.push('}'),
            TokenKind::MathShift => out.push('$'),
            TokenKind::DisplayMathShift => out.push_str("$$"),
            TokenKind::AlignTab => out.push('&'),
            TokenKind::Param(0) => out.push('#'),
            TokenKind::Param(n) => {
                out.push('#');
                out.push((b'0' + n) as char);
            }
            TokenKind::Char(c) => out.push(*c),
            TokenKind::Text(t) | TokenKind::Verbatim(t) => out.push_str(t),
            TokenKind::Space => out.push(' '),
            TokenKind::ParBreak => out.push_str("\n\n"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokens_of(text).into_iter().map(|t| t.kind).collect()
    }

    fn cmd(n: &str) -> TokenKind {
        TokenKind::Command(n.into())
    }
    fn text(t: &str) -> TokenKind {
        TokenKind::Text(t.into())
    }

    #[test]
    fn control_words_swallow_following_blanks() {
        assert_eq!(kinds("\\foo  bar"), vec![cmd("foo"), text("bar")]);
        assert_eq!(kinds("\\% x"), vec![cmd("%"), TokenKind::Space, text("x")]);
    }

    #[test]
    fn blank_lines_are_paragraph_breaks_and_newlines_are_spaces() {
        assert_eq!(
            kinds("a\nb\n\n  c"),
            vec![
                text("a"),
                TokenKind::Space,
                text("b"),
                TokenKind::Space,
                TokenKind::ParBreak,
                text("c")
            ]
        );
        assert_eq!(
            kinds("\\foo\n\nx"),
            vec![cmd("foo"), TokenKind::ParBreak, text("x")]
        );
    }

    #[test]
    fn comments_eat_the_line_break_and_next_indentation() {
        assert_eq!(kinds("a%c\n   b"), vec![text("a"), text("b")]);
        assert_eq!(
            kinds("a%c\n\nb"),
            vec![text("a"), TokenKind::ParBreak, text("b")]
        );
    }

    #[test]
    fn spans_point_at_the_source() {
        let src = "ab \\cite{k}";
        let tokens = tokens_of(src);
        assert_eq!(&src[tokens[2].span.range()], "\\cite");
        assert_eq!(&src[tokens[4].span.range()], "k");
    }

    #[test]
    fn verbatim_environments_keep_their_body_as_written() {
        let k =
            kinds("\\begin{lstlisting}[language=C]\nx = {%#}\n  \\end{y}\n\\end{lstlisting}after");
        assert_eq!(k[0], cmd("begin"));
        assert!(
            k.contains(&TokenKind::Verbatim("x = {%#}\n  \\end{y}\n".into())),
            "{k:?}"
        );
        assert!(k.contains(&text("language=C")));
        assert_eq!(
            k[k.len() - 5..],
            [
                cmd("end"),
                TokenKind::BeginGroup,
                text("lstlisting"),
                TokenKind::EndGroup,
                text("after")
            ]
        );
    }

    #[test]
    fn a_tikz_picture_holds_pictures_and_bracketed_options() {
        let k = kinds(
            "\\begin{tikzpicture}[a/.style={[red]b},\nc=d]\n\\node {\\begin{tikzpicture}x\\end{tikzpicture}};\n\\end{tikzpicture}after",
        );
        assert!(
            k.contains(&TokenKind::Verbatim(
                "\\node {\\begin{tikzpicture}x\\end{tikzpicture}};\n".into()
            )),
            "{k:?}"
        );
        assert_eq!(k.last(), Some(&text("after")));
    }

    #[test]
    fn unclosed_verbatim_runs_to_the_end() {
        let k = kinds("\\begin{verbatim}\nab");
        assert_eq!(k.last(), Some(&TokenKind::Verbatim("ab".into())));
    }

    #[test]
    fn listings_short_inline_and_inputs_inherit_short_verbs() {
        let src = "\\lstMakeShortInline[basicstyle=\\ttfamily,\n  emph={}]{\"}\nrun \"$a\" now";
        let k = kinds(src);
        assert!(k.contains(&TokenKind::Verbatim("$a".into())), "{k:?}");
        let sources = wita_diag::Sources::new();
        let main = sources.add("main.tex", src);
        assert_eq!(tokenize_input(src, main, &[]).2, vec!['"']);
        let id = sources.add("chapter.tex", "see \"$x\" here");
        let (tokens, _, _) = tokenize_input("see \"$x\" here", id, &['"']);
        assert!(
            tokens
                .iter()
                .any(|t| t.kind == TokenKind::Verbatim("$x".into()))
        );
    }

    #[test]
    fn plain_form_environments_read_as_begin_and_end() {
        let k = kinds("\\minipage{2cm}x\\endminipage\\center y\\endcenter");
        let begin = |env: &str| {
            vec![
                cmd("begin"),
                TokenKind::BeginGroup,
                TokenKind::Text(env.into()),
                TokenKind::EndGroup,
            ]
        };
        assert_eq!(k[..4], begin("minipage")[..], "{k:?}");
        assert!(
            k.windows(4)
                .any(|w| w[0] == cmd("end") && w[2] == TokenKind::Text("center".into()))
        );
        // Other commands that begin with `end` are left alone.
        assert_eq!(kinds("\\endinput"), vec![cmd("endinput")]);
    }

    #[test]
    fn a_path_may_end_in_a_backslash() {
        let k = kinds("\\path{C:\\texlive\\2026\\}. and \\url{a\\}b}");
        assert!(
            k.contains(&TokenKind::Verbatim("C:\\texlive\\2026\\".into())),
            "{k:?}"
        );
        assert!(k.contains(&TokenKind::Verbatim("a\\".into())), "{k:?}");
    }

    #[test]
    fn verbatim_may_begin_and_end_on_one_line() {
        let k = kinds("\\begin{verbatim}\\sum_{a} b\\end{verbatim} after");
        assert!(
            k.contains(&TokenKind::Verbatim("\\sum_{a} b".into())),
            "{k:?}"
        );
        assert_eq!(k.last(), Some(&TokenKind::Text("after".into())));
        // The kernel's verbatim sets what follows \begin on its line.
        let k = kinds("\\begin{verbatim} ab\ncd\n\\end{verbatim}");
        assert!(
            k.contains(&TokenKind::Verbatim(" ab\ncd\n".into())),
            "{k:?}"
        );
        // listings drops it (its options go there).
        let k = kinds("\\begin{lstlisting} ab\ncd\n\\end{lstlisting}");
        assert!(k.contains(&TokenKind::Verbatim("cd\n".into())), "{k:?}");
    }

    #[test]
    fn short_verbs_read_as_verb_where_declared() {
        let k = kinds("a|b|\\MakeShortVerb{\\|}|\\x{|\\DeleteShortVerb{\\|}|c|");
        assert_eq!(
            k,
            vec![
                TokenKind::Text("a|b|".into()),
                cmd("MakeShortVerb"),
                TokenKind::BeginGroup,
                cmd("|"),
                TokenKind::EndGroup,
                cmd("verb"),
                TokenKind::Verbatim("\\x{".into()),
                cmd("DeleteShortVerb"),
                TokenKind::BeginGroup,
                cmd("|"),
                TokenKind::EndGroup,
                TokenKind::Text("|c|".into()),
            ]
        );
        let k = kinds("\\MakeShortVerb*{+}x +a b+");
        assert_eq!(k[k.len() - 1], TokenKind::Verbatim("a b".into()));
        // Not closed on its line: the character itself.
        let k = kinds("\\MakeShortVerb{\\|}\\def\\x{{>|}}\n|y|");
        assert!(k.contains(&TokenKind::Text(">|".into())), "{k:?}");
        assert_eq!(k[k.len() - 1], TokenKind::Verbatim("y".into()));
    }

    #[test]
    fn verb_and_urls_are_raw() {
        assert_eq!(
            kinds("\\verb \\def  and"),
            vec![
                cmd("verb"),
                TokenKind::Verbatim("\\def".into()),
                TokenKind::Space,
                TokenKind::Text("and".into())
            ]
        );
        assert_eq!(
            kinds("\\verb|a%b{|"),
            vec![cmd("verb"), TokenKind::Verbatim("a%b{".into())]
        );
        assert_eq!(
            kinds("\\url{http://x.org/a%20b#c_d~e}"),
            vec![
                cmd("url"),
                TokenKind::BeginGroup,
                TokenKind::Verbatim("http://x.org/a%20b#c_d~e".into()),
                TokenKind::EndGroup
            ]
        );
        let (_, diags) = {
            let sources = Sources::new();
            let id = sources.add("t", "\\verb|open\nnext");
            tokenize("\\verb|open\nnext", id)
        };
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn params_and_specials() {
        assert_eq!(
            kinds("#1&~$$x$"),
            vec![
                TokenKind::Param(1),
                TokenKind::AlignTab,
                TokenKind::Char('~'),
                TokenKind::DisplayMathShift,
                text("x"),
                TokenKind::MathShift
            ]
        );
    }

    #[test]
    fn detokenize_round_trips_ordinary_source() {
        let src = "\\textbf{a} b \\\\ c$x^2$ #1";
        assert_eq!(detokenize(&tokens_of(src)), src);
    }

    #[test]
    fn unicode_spaces_are_characters_and_control_spaces_are_blanks() {
        assert_eq!(kinds("a\u{A0}b\u{3000}c"), vec![text("a\u{A0}b\u{3000}c")]);
        assert_eq!(
            kinds("a\u{0C}b\u{0B}c"),
            vec![
                text("a"),
                TokenKind::Space,
                text("b"),
                TokenKind::Space,
                text("c")
            ]
        );
        assert_eq!(kinds("\u{A0}"), vec![text("\u{A0}")]);
    }

    #[test]
    fn at_is_a_letter_between_makeatletter_and_makeatother() {
        assert_eq!(
            kinds("\\makeatletter\\env@matrix\\makeatother\\a@b"),
            vec![
                cmd("makeatletter"),
                cmd("env@matrix"),
                cmd("makeatother"),
                cmd("a"),
                text("@b")
            ]
        );
    }

    #[test]
    fn lone_backslash_at_end_does_not_panic() {
        assert_eq!(kinds("a\\"), vec![text("a"), text("\\")]);
        assert_eq!(kinds("\\verb"), vec![cmd("verb")]);
        assert_eq!(
            kinds("\\url{unclosed"),
            vec![
                cmd("url"),
                TokenKind::BeginGroup,
                TokenKind::Verbatim("unclosed".into())
            ]
        );
    }
}
