//! TeX's registers, as far as wita follows them: count registers
//! (`\newcount\n`) with their assignments (`\n=3`, `\n 3`), `\advance`,
//! `\multiply` and `\divide`, their values printed by `\the` and `\number`
//! (an article's LaTeX counter's too: `\the\value{step}`) and tested by
//! `\ifnum`; plain TeX's `\loop … \repeat` around such tests; TeX's
//! numbered registers (`\count0`, `\dimen2`) and the kernel's scratch ones
//! (`\count@`, `\@tempdima`); token registers (`\newtoks\t`, `\t={..}`),
//! whose tokens `\the\t` gives back. Dimension, glue and box registers
//! (`\newdimen`, `\newskip`, `\newbox`) hold what is the template's:
//! assignments to them are read and dropped.

use std::rc::Rc;

use wita_diag::{Span, codes};
use wita_doc::Content;

use super::Handler::Command;
use super::core::read_tex_number;
use super::{Entry, entry};
use crate::input::FrameKind;
use crate::lex::{Token, TokenKind};
use crate::reader::{Reader, push_text};

/// How often a `\loop` runs at most (a test wita decides wrongly, or one
/// that never turns false, must not run for ever).
const MAX_ITERATIONS: usize = 1000;

/// The kernel's number constants (`\@ne`, `\z@`, `\@M` …).
const CONSTANTS: &[(&str, i64)] = &[
    ("z@", 0),
    ("@ne", 1),
    ("tw@", 2),
    ("thr@@", 3),
    ("sixt@@n", 16),
    ("@cclv", 255),
    ("@cclvi", 256),
    ("@m", 1000),
    ("@M", 10000),
    ("@MM", 20000),
    ("m@ne", -1),
];

/// What the registers of an article hold.
#[derive(Debug, Default)]
pub(crate) struct Registers {
    /// Count registers and their values.
    counts: std::collections::HashMap<String, i64>,
    /// Dimension, glue and box registers (their values are not kept), and
    /// whether each takes glue (`plus`, `minus`).
    others: std::collections::HashMap<String, bool>,
    /// Token registers and the tokens they hold (`\the\t` reads them).
    toks: std::collections::HashMap<String, Rc<Vec<Token>>>,
    /// The `\loop`s running, innermost last: each one's body, whether its
    /// test was true, and how often it ran.
    loops: Vec<(Rc<Vec<Token>>, bool, usize)>,
}

/// The kernel's scratch count registers and the numbered ones they are
/// (`\count@` is `\count255`); like every count register, 0 until set.
fn scratch_count(name: &str) -> Option<String> {
    match name {
        "count@" => Some("count255".to_owned()),
        "@tempcnta" | "@tempcntb" => Some(name.to_owned()),
        _ => None,
    }
}

/// The kernel's scratch dimension and glue registers, and its skips
/// (`\medskipamount`): whether each takes glue.
fn scratch_other(name: &str) -> Option<bool> {
    match name {
        "dimen@" | "dimen@i" | "dimen@ii" | "@tempdima" | "@tempdimb" | "@tempdimc" => Some(false),
        "skip@" | "@tempskipa" | "@tempskipb" | "smallskipamount" | "medskipamount"
        | "bigskipamount" => Some(true),
        _ => None,
    }
}

/// Whether `\name` stands for a length: a dimension or glue register of
/// the article's or the kernel's (`\medskipamount`, `\z@`, `\p@`).
pub(super) fn is_length(r: &Reader<'_>, name: &str) -> bool {
    scratch_other(name).is_some()
        || r.registers.others.contains_key(name)
        || matches!(name, "z@" | "p@")
}

/// A register, as an assignment or `\the` names it.
enum Register {
    /// A count register: its key in [`Registers::counts`].
    Count(String),
    /// A dimension or glue register (whether it takes glue): its value is
    /// the template's.
    Other(bool),
    /// A token register: its key in [`Registers::toks`].
    Toks(String),
}

/// The register `\name` is, reading the number after TeX's `\count`,
/// `\dimen`, `\skip` and `\muskip` (`\count0`, `\dimen 2`).
fn register(r: &mut Reader<'_>, name: &str) -> Option<Register> {
    match name {
        "count" => read_tex_number(r).map(|n| Register::Count(format!("count{n}"))),
        "dimen" | "skip" | "muskip" => {
            read_tex_number(r)?;
            Some(Register::Other(name != "dimen"))
        }
        "toks" => read_tex_number(r).map(|n| Register::Toks(format!("toks{n}"))),
        "toks@" => Some(Register::Toks("toks0".to_owned())),
        _ if r.registers.counts.contains_key(name) => Some(Register::Count(name.to_owned())),
        _ if r.registers.toks.contains_key(name) => Some(Register::Toks(name.to_owned())),
        _ => scratch_count(name)
            .map(Register::Count)
            .or_else(|| r.registers.others.get(name).copied().map(Register::Other))
            .or_else(|| scratch_other(name).map(Register::Other)),
    }
}

/// The value of a number written as one command: a kernel constant or a
/// count register.
pub(crate) fn command_value(r: &Reader<'_>, name: &str) -> Option<i64> {
    if let Some((_, v)) = CONSTANTS.iter().find(|(n, _)| *n == name) {
        return Some(*v);
    }
    if let Some(v) = r.registers.counts.get(name) {
        return Some(*v);
    }
    if let Some(key) = scratch_count(name) {
        return Some(r.registers.counts.get(&key).copied().unwrap_or(0));
    }
    // TeX's date of the run: the build's (`\today`, `January 1, 2025`).
    let mut words = r.ctx.today.split([' ', ',']).filter(|w| !w.is_empty());
    let (month, day, year) = (words.next()?, words.next()?, words.next()?);
    match name {
        "year" => year.parse().ok(),
        "day" => day.parse().ok(),
        "month" => MONTHS
            .iter()
            .position(|m| *m == month)
            .map(|i| i as i64 + 1),
        _ => None,
    }
}

/// The months' English names, as `\today` writes them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The command a register argument names (`\n`, `{\n}`).
fn register_name(r: &mut Reader<'_>) -> Option<String> {
    r.skip_spaces();
    match r.next()?.kind {
        TokenKind::Command(name) => Some(name),
        TokenKind::BeginGroup => {
            let mut name = None;
            while let Some(t) = r.next() {
                match t.kind {
                    TokenKind::EndGroup => break,
                    TokenKind::Command(c) if name.is_none() => name = Some(c),
                    _ => {}
                }
            }
            name
        }
        _ => None,
    }
}

/// TeX's prefixes `\global`, `\long`, `\outer` and e-TeX's `\protected`:
/// the definition or assignment after them is read as it is without them
/// (wita keeps one scope for definitions and registers).
fn prefix(_: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {}

/// `\newcount\n` and the others: a register of its kind, 0 or empty.
fn new_register(r: &mut Reader<'_>, name: &str, _: Span, _: &mut Content) {
    let Some(register) = register_name(r) else {
        return;
    };
    if name == "newcount" {
        r.registers.counts.insert(register, 0);
    } else if name == "newtoks" {
        r.registers.toks.insert(register, Rc::default());
    } else {
        let glue = matches!(name, "newskip" | "newmuskip");
        r.registers.others.insert(register, glue);
    }
}

/// `\countdef\n=12`: a count register of that number.
fn countdef(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    if let Some(register) = register_name(r) {
        let _ = read_tex_number(r);
        r.registers.counts.insert(register, 0);
    }
}

/// `\advance\n by 2`, `\multiply\n 3`, `\divide\n by 2` (TeX's division
/// truncates towards zero; by zero, TeX stops with "Arithmetic overflow",
/// and the value stays).
fn arithmetic(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let Some(written) = register_name(r) else {
        return;
    };
    let target = register(r, &written);
    r.skip_spaces();
    // The keyword `by`, in any case, and its space.
    r.strip_text_prefix(|t| t.to_ascii_lowercase().starts_with("by").then_some(2));
    let key = match target {
        Some(Register::Count(key)) => key,
        Some(Register::Other(glue)) => {
            // A dimension or glue: the template's.
            super::core::skip_dimen(r, glue);
            return;
        }
        // TeX says "You can't use `\toks` after `\advance`".
        Some(Register::Toks(_)) | None => {
            // A register wita does not know (LaTeX's `\c@page`): the
            // arithmetic is TeX's.
            let _ = read_tex_number(r);
            return;
        }
    };
    let Some(by) = read_tex_number(r) else {
        return;
    };
    let value = r.registers.counts.entry(key).or_insert(0);
    *value = match name {
        "advance" => value.saturating_add(by),
        "multiply" => value.saturating_mul(by),
        _ if by == 0 => {
            r.warn(
                codes::UNREADABLE_VALUE,
                span,
                format!("`\\divide\\{written}` by 0: TeX stops with an arithmetic overflow; the value stays"),
            );
            return;
        }
        _ => *value / by,
    };
}

/// `\the\n`, `\number\n`, `\romannumeral\n`: a count register's value (or
/// an article's counter's, `\the\value{step}`), printed.
fn the(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.skip_spaces();
    let next = r.peek_kind().cloned();
    let value = match next {
        Some(TokenKind::Command(c)) if c == "value" => {
            r.next();
            let counter = r
                .read_arg()
                .map(|(t, _)| r.arg_string(t).trim().to_owned())
                .unwrap_or_default();
            r.counters.value(&counter)
        }
        Some(TokenKind::Command(c)) if command_value(r, &c).is_some() => {
            r.next();
            command_value(r, &c)
        }
        // `\the\count0`; `\the\t` of a token register is what it holds.
        Some(TokenKind::Command(c))
            if name == "the"
                && (matches!(c.as_str(), "count" | "toks" | "toks@")
                    || r.registers.toks.contains_key(&c)) =>
        {
            r.next();
            match register(r, &c) {
                Some(Register::Count(key)) => {
                    Some(r.registers.counts.get(&key).copied().unwrap_or(0))
                }
                Some(Register::Toks(key)) => {
                    let tokens = r.registers.toks.get(&key).cloned().unwrap_or_default();
                    r.push_tokens(tokens.as_ref().clone());
                    return;
                }
                _ => None,
            }
        }
        // `\number 42`: the number as TeX reads it.
        Some(TokenKind::Text(_)) if name != "the" => read_tex_number(r),
        _ => None,
    };
    match value {
        Some(v) if name == "romannumeral" => {
            if v > 0 {
                push_text(out, super::counters::format_value("roman", v), span);
            }
        }
        Some(v) => push_text(out, v.to_string(), span),
        None => {
            // A register of TeX's or a package's: its value is TeX's.
            r.warn(
                codes::UNKNOWN_COMMAND,
                span,
                format!("`\\{name}` of what wita does not know the value of prints nothing"),
            );
        }
    }
}

/// `\n=3` or `\n 3` where `\n` is a count register (a dimension register's
/// value is read and dropped); whether `name` is one.
pub(crate) fn assignment(r: &mut Reader<'_>, name: &str, span: Span) -> bool {
    match register(r, name) {
        Some(Register::Count(key)) => {
            if let Some(value) = read_tex_number(r) {
                r.registers.counts.insert(key, value);
            }
            return true;
        }
        Some(Register::Other(glue)) => {
            super::core::skip_dimen(r, glue);
            return true;
        }
        Some(Register::Toks(key)) => {
            // `\t={tokens}`, `\t{tokens}`.
            r.skip_spaces();
            if r.strip_text_prefix(|t| t.starts_with('=').then_some(1)) {
                r.skip_spaces();
            }
            if let Some((tokens, _)) = r.read_arg() {
                r.registers.toks.insert(key, Rc::new(tokens));
            }
            return true;
        }
        None => {}
    }
    match name {
        "wita@loopagain" | "wita@loopstop" => {
            if let Some(running) = r.registers.loops.last_mut() {
                running.1 = name == "wita@loopagain";
            }
            true
        }
        "wita@loopnext" => {
            next_iteration(r, span);
            true
        }
        _ => false,
    }
}

/// Plain TeX's `\loop body \repeat`: the body runs while the test in it
/// (`\ifnum\n<5 … \repeat`, the `\repeat` closing the test) is true.
fn loop_(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let mut body = Vec::new();
    let mut depth = 0usize;
    loop {
        let Some(token) = r.next() else {
            r.warn(
                codes::UNBALANCED,
                span,
                format!("`\\{name}` has no `\\repeat`; its text is read once"),
            );
            r.push_tokens(body);
            return;
        };
        match &token.kind {
            TokenKind::BeginGroup => depth += 1,
            TokenKind::EndGroup => depth = depth.saturating_sub(1),
            TokenKind::Command(c) if c == "repeat" && depth == 0 => break,
            _ => {}
        }
        body.push(token);
    }
    r.registers.loops.push((Rc::new(body), false, 0));
    run_body(r, span);
}

/// The loop's body once more, then its test's end: `\wita@loopagain` in
/// its true branch, `\wita@loopstop` in its false one, and after its `\fi`
/// `\wita@loopnext`, which runs the body again if the test was true.
fn run_body(r: &mut Reader<'_>, span: Span) {
    let Some((body, _, _)) = r.registers.loops.last() else {
        return;
    };
    let command = |name: &str| Token {
        kind: TokenKind::Command(name.to_owned()),
        span,
    };
    let mut tokens = body.as_ref().clone();
    tokens.extend([
        command("wita@loopagain"),
        command("else"),
        command("wita@loopstop"),
        command("fi"),
        command("wita@loopnext"),
    ]);
    if r.over_budget(tokens.len(), "loop", span) {
        r.registers.loops.pop();
        return;
    }
    r.input.push(tokens, FrameKind::Inserted);
}

fn next_iteration(r: &mut Reader<'_>, span: Span) {
    let Some(running) = r.registers.loops.last_mut() else {
        return;
    };
    running.2 += 1;
    let (again, count) = (running.1, running.2);
    running.1 = false;
    if again && count < MAX_ITERATIONS {
        run_body(r, span);
    } else {
        if again {
            r.warn(
                codes::UNREADABLE_VALUE,
                span,
                format!("a `\\loop` ran {MAX_ITERATIONS} times; wita stops it there"),
            );
        }
        r.registers.loops.pop();
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("newcount", "m", Command(new_register), "a count register (`\\n=3`, `\\advance\\n by 1`, `\\the\\n`, `\\ifnum\\n<5`)"),
    entry("countdef", "m", Command(countdef), "a count register, as `\\newcount`"),
    entry("newdimen", "m", Command(new_register), "a dimension register: its values are the template's"),
    entry("newskip", "m", Command(new_register), "a glue register: its values are the template's"),
    entry("newmuskip", "m", Command(new_register), "a glue register: its values are the template's"),
    entry("newtoks", "m", Command(new_register), "a token register (`\\t={..}`, `\\the\\t`)"),
    entry("newbox", "m", Command(new_register), "a box register: its values are the template's"),
    entry("advance", "m", Command(arithmetic), "adds to a count register (`by` n)"),
    entry("multiply", "m", Command(arithmetic), "multiplies a count register"),
    entry("divide", "m", Command(arithmetic), "divides a count register (towards zero)"),
    entry("the", "m", Command(the), "the value of a count register or of `\\value{counter}`, a token register's tokens"),
    entry("number", "m", Command(the), "a number, or a count register's value"),
    entry("romannumeral", "m", Command(the), "a number in small roman numerals"),
    entry("global", "", Command(prefix), "a prefix: the definition or assignment after it is read as usual"),
    entry("long", "", Command(prefix), "a prefix: the definition after it is read as usual"),
    entry("outer", "", Command(prefix), "a prefix: the definition after it is read as usual"),
    entry("protected", "", Command(prefix), "a prefix: the definition after it is read as usual"),
    entry("loop", "", Command(loop_), "plain TeX's loop: its body runs while the test in it is true (up to 1000 times)"),
];
