//! siunitx: numbers, units and quantities, set as siunitx sets them by
//! default: digits grouped by thin spaces from five on, `e` exponents as
//! `× 10ⁿ`, units by their symbols with a thin space between them, `\per`
//! as a negative power (`per-mode = power`), ranges with `to`, lists with
//! `and`. The options that change the printed text (`\sisetup`, a
//! command's `[..]`: rounding, markers, groups, `per-mode`…) are applied
//! (see [`options`]); those of fonts and spacing are the template's.
//!
//! In text the result is text (powers raised); inside math the commands are
//! rewritten as the math they print (see [`math_latex`]).

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind, Style};

mod number;
mod options;

use options::PerMode;
pub(crate) use options::SiOptions;

use super::Handler::Command;
use super::{Entry, entry, ignore};
use crate::lex::{Cursor, Token, TokenKind, detokenize, group_end};
use crate::reader::{Reader, push_text};

/// The space between a number and its unit, and between units.
const THIN: &str = "\u{202F}";

/// A piece of printed output: text, raised (a power) or lowered text, or
/// a fraction (`per-mode = fraction`).
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Sup(String),
    Sub(String),
    Frac(Vec<Piece>, Vec<Piece>),
}

const PREFIXES: &[(&str, &str)] = &[
    ("quecto", "q"),
    ("ronto", "r"),
    ("yocto", "y"),
    ("zepto", "z"),
    ("atto", "a"),
    ("femto", "f"),
    ("pico", "p"),
    ("nano", "n"),
    ("micro", "µ"),
    ("milli", "m"),
    ("centi", "c"),
    ("deci", "d"),
    ("deca", "da"),
    ("deka", "da"),
    ("hecto", "h"),
    ("kilo", "k"),
    ("mega", "M"),
    ("giga", "G"),
    ("tera", "T"),
    ("peta", "P"),
    ("exa", "E"),
    ("zetta", "Z"),
    ("yotta", "Y"),
    ("ronna", "R"),
    ("quetta", "Q"),
    ("kibi", "Ki"),
    ("mebi", "Mi"),
    ("gibi", "Gi"),
    ("tebi", "Ti"),
];

const UNITS: &[(&str, &str)] = &[
    ("ampere", "A"),
    ("candela", "cd"),
    ("kelvin", "K"),
    ("kilogram", "kg"),
    ("gram", "g"),
    ("metre", "m"),
    ("meter", "m"),
    ("mole", "mol"),
    ("second", "s"),
    ("becquerel", "Bq"),
    ("degreeCelsius", "°C"),
    ("celsius", "°C"),
    ("coulomb", "C"),
    ("farad", "F"),
    ("gray", "Gy"),
    ("hertz", "Hz"),
    ("henry", "H"),
    ("joule", "J"),
    ("lumen", "lm"),
    ("katal", "kat"),
    ("lux", "lx"),
    ("newton", "N"),
    ("ohm", "Ω"),
    ("pascal", "Pa"),
    ("radian", "rad"),
    ("siemens", "S"),
    ("sievert", "Sv"),
    ("steradian", "sr"),
    ("tesla", "T"),
    ("volt", "V"),
    ("watt", "W"),
    ("weber", "Wb"),
    ("day", "d"),
    ("hectare", "ha"),
    ("hour", "h"),
    ("litre", "L"),
    ("liter", "L"),
    ("minute", "min"),
    ("tonne", "t"),
    ("astronomicalunit", "au"),
    ("bel", "B"),
    ("decibel", "dB"),
    ("dalton", "Da"),
    ("electronvolt", "eV"),
    ("neper", "Np"),
    ("arcminute", "′"),
    ("arcsecond", "″"),
    ("degree", "°"),
    ("percent", "%"),
    ("angstrom", "Å"),
    ("bar", "bar"),
    ("barn", "b"),
    ("knot", "kn"),
    ("mmHg", "mmHg"),
    ("nauticalmile", "M"),
    ("bit", "bit"),
    ("byte", "B"),
    ("clight", "c"),
    ("planckbar", "ħ"),
    ("elementarycharge", "e"),
    ("electronmass", "mₑ"),
    ("atomicmassunit", "u"),
    ("micron", "µm"),
    ("gauss", "G"),
    ("parsec", "pc"),
    ("lightyear", "ly"),
    ("torr", "Torr"),
    ("molar", "M"),
];

/// siunitx's abbreviations (`\kg`, `\MHz`).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("fg", "fg"),
    ("pg", "pg"),
    ("ng", "ng"),
    ("ug", "µg"),
    ("mg", "mg"),
    ("g", "g"),
    ("kg", "kg"),
    ("pm", "pm"),
    ("nm", "nm"),
    ("um", "µm"),
    ("mm", "mm"),
    ("cm", "cm"),
    ("dm", "dm"),
    ("m", "m"),
    ("km", "km"),
    ("as", "as"),
    ("fs", "fs"),
    ("ps", "ps"),
    ("ns", "ns"),
    ("us", "µs"),
    ("ms", "ms"),
    ("s", "s"),
    ("fmol", "fmol"),
    ("pmol", "pmol"),
    ("nmol", "nmol"),
    ("umol", "µmol"),
    ("mmol", "mmol"),
    ("mol", "mol"),
    ("kmol", "kmol"),
    ("pA", "pA"),
    ("nA", "nA"),
    ("uA", "µA"),
    ("mA", "mA"),
    ("A", "A"),
    ("kA", "kA"),
    ("ul", "µl"),
    ("ml", "ml"),
    ("l", "l"),
    ("hl", "hl"),
    ("uL", "µL"),
    ("mL", "mL"),
    ("L", "L"),
    ("hL", "hL"),
    ("mHz", "mHz"),
    ("Hz", "Hz"),
    ("kHz", "kHz"),
    ("MHz", "MHz"),
    ("GHz", "GHz"),
    ("THz", "THz"),
    ("mN", "mN"),
    ("N", "N"),
    ("kN", "kN"),
    ("MN", "MN"),
    ("Pa", "Pa"),
    ("kPa", "kPa"),
    ("MPa", "MPa"),
    ("GPa", "GPa"),
    ("mohm", "mΩ"),
    ("kohm", "kΩ"),
    ("Mohm", "MΩ"),
    ("pV", "pV"),
    ("nV", "nV"),
    ("uV", "µV"),
    ("mV", "mV"),
    ("V", "V"),
    ("kV", "kV"),
    ("W", "W"),
    ("nW", "nW"),
    ("uW", "µW"),
    ("mW", "mW"),
    ("kW", "kW"),
    ("MW", "MW"),
    ("GW", "GW"),
    ("J", "J"),
    ("uJ", "µJ"),
    ("mJ", "mJ"),
    ("kJ", "kJ"),
    ("eV", "eV"),
    ("meV", "meV"),
    ("keV", "keV"),
    ("MeV", "MeV"),
    ("GeV", "GeV"),
    ("TeV", "TeV"),
    ("kWh", "kWh"),
    ("F", "F"),
    ("fF", "fF"),
    ("pF", "pF"),
    ("nF", "nF"),
    ("uF", "µF"),
    ("K", "K"),
    ("dB", "dB"),
];

/// What a unit command prints, if it is one.
fn unit_symbol(name: &str) -> Option<&'static str> {
    UNITS
        .iter()
        .chain(ABBREVIATIONS)
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
}

fn prefix_symbol(name: &str) -> Option<&'static str> {
    PREFIXES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// One unit being built: its prefix, symbol, power and qualifier.
#[derive(Default)]
struct Unit {
    symbol: String,
    power: Option<String>,
    sub: Option<String>,
}

/// Reads a unit (`\kilo\metre\per\second\squared`, `kg.m/s^2`) into pieces.
fn unit_pieces(r: &Reader<'_>, tokens: &[Token], depth: usize, options: &SiOptions) -> Vec<Piece> {
    // Units (which `\squared` and `\of` change after the fact) and literal
    // pieces, in order.
    let mut units: Vec<Result<Unit, Vec<Piece>>> = Vec::new();
    let mut prefix = String::new();
    let mut pending_power: Option<String> = None;
    let mut per = false;
    let mut cursor = Cursor { tokens, at: 0 };
    let negate = |p: Option<String>| -> String {
        match p {
            Some(p) if p.starts_with('-') => p[1..].to_owned(),
            Some(p) => format!("-{p}"),
            None => "-1".to_owned(),
        }
    };
    let push_unit = |units: &mut Vec<Result<Unit, Vec<Piece>>>,
                     prefix: &mut String,
                     pending: &mut Option<String>,
                     per: &mut bool,
                     symbol: &str| {
        let mut power = pending.take();
        if std::mem::take(per) {
            power = Some(negate(power));
        }
        units.push(Ok(Unit {
            symbol: format!("{}{symbol}", std::mem::take(prefix)),
            power,
            sub: None,
        }));
    };
    while let Some(token) = tokens.get(cursor.at) {
        cursor.at += 1;
        match &token.kind {
            TokenKind::Command(name) => {
                let name = name.as_str();
                if let Some(p) = prefix_symbol(name) {
                    prefix.push_str(p);
                } else if let Some(s) = unit_symbol(name) {
                    push_unit(&mut units, &mut prefix, &mut pending_power, &mut per, s);
                } else if let Some(body) = r.si_units.get(name).filter(|_| depth < 8) {
                    // `\DeclareSIUnit`: its definition (as one unit, when
                    // prefixed or raised).
                    let inner = unit_pieces(r, body, depth + 1, options);
                    if prefix.is_empty() && pending_power.is_none() && !per {
                        units.push(Err(inner));
                    } else {
                        let text = pieces_text(&inner);
                        push_unit(&mut units, &mut prefix, &mut pending_power, &mut per, &text);
                    }
                } else {
                    match name {
                        "per" => per = true,
                        "square" => pending_power = Some("2".into()),
                        "cubic" => pending_power = Some("3".into()),
                        "raiseto" => {
                            pending_power = Some(detokenize(cursor.arg()).trim().to_owned())
                        }
                        "squared" | "cubed" | "tothe" => {
                            let p = match name {
                                "squared" => "2".to_owned(),
                                "cubed" => "3".to_owned(),
                                _ => detokenize(cursor.arg()).trim().to_owned(),
                            };
                            if let Some(Ok(last)) = units.last_mut() {
                                last.power = Some(match last.power.take() {
                                    Some(old) if old.starts_with('-') => format!("-{p}"),
                                    _ => p,
                                });
                            }
                        }
                        "of" => {
                            let q = detokenize(cursor.arg()).trim().to_owned();
                            if let Some(Ok(last)) = units.last_mut() {
                                last.sub = Some(q);
                            }
                        }
                        "highlight" => {
                            cursor.arg();
                        }
                        "cancel" => {}
                        // Anything else (`\text`, `\mathrm` in a literal unit):
                        // its argument, as written.
                        _ => {
                            let text = crate::text::ligatures(&detokenize(cursor.arg()));
                            if !text.is_empty() {
                                units.push(Err(vec![Piece::Text(text)]));
                            }
                        }
                    }
                }
            }
            TokenKind::Text(text) => units.push(Err(vec![Piece::Text(text.replace('.', THIN))])),
            TokenKind::Char('~') => units.push(Err(vec![Piece::Text(THIN.into())])),
            TokenKind::Char('^') => {
                let power = detokenize(cursor.arg()).trim().replace('-', "−");
                units.push(Err(vec![Piece::Sup(power)]));
            }
            TokenKind::Char('_') => {
                units.push(Err(vec![Piece::Sub(
                    detokenize(cursor.arg()).trim().to_owned(),
                )]));
            }
            TokenKind::BeginGroup => {
                let end = group_end(tokens, cursor.at).min(tokens.len());
                let inner = &tokens[cursor.at..end];
                // Groups nested past any real unit are its text as written.
                if depth < 8 {
                    units.push(Err(unit_pieces(r, inner, depth + 1, options)));
                } else {
                    units.push(Err(vec![Piece::Text(detokenize(inner))]));
                }
                cursor.at = end + 1;
            }
            TokenKind::Space => {}
            _ => units.push(Err(vec![Piece::Text(detokenize(std::slice::from_ref(
                token,
            )))])),
        }
    }
    if !prefix.is_empty() {
        // A prefix alone (`\kilo`): printed as it is.
        units.push(Ok(Unit {
            symbol: prefix,
            ..Unit::default()
        }));
    }
    if options.per_mode != PerMode::Power
        && units.iter().any(
            |u| matches!(u, Ok(unit) if unit.power.as_deref().is_some_and(|p| p.starts_with('-'))),
        )
    {
        // `m/s`, `kg/(m s)` or a fraction: the units of negative powers
        // below, their powers made positive.
        let (mut above, mut below) = (Vec::new(), Vec::new());
        for item in units {
            match item {
                Ok(mut unit) if unit.power.as_deref().is_some_and(|p| p.starts_with('-')) => {
                    unit.power = unit.power.map(|p| p[1..].to_owned()).filter(|p| p != "1");
                    below.push(Ok(unit));
                }
                other => above.push(other),
            }
        }
        let several = below.len() > 1;
        let mut above = assemble(above, options);
        if above.is_empty() {
            above.push(Piece::Text("1".into()));
        }
        let below = assemble(below, options);
        if options.per_mode == PerMode::Fraction {
            return vec![Piece::Frac(above, below)];
        }
        above.push(Piece::Text(if several { "/(" } else { "/" }.into()));
        above.extend(below);
        if several {
            above.push(Piece::Text(")".into()));
        }
        return above;
    }
    assemble(units, options)
}

/// Units and literal pieces in order, units set apart by the
/// inter-unit product.
fn assemble(units: Vec<Result<Unit, Vec<Piece>>>, options: &SiOptions) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut after_unit = false;
    for item in units {
        match item {
            Ok(unit) => {
                // Units (not literal text) are set apart by a thin space.
                if after_unit {
                    out.push(Piece::Text(options.inter_unit_product.clone()));
                }
                after_unit = true;
                out.push(Piece::Text(unit.symbol));
                if let Some(sub) = unit.sub {
                    out.push(Piece::Sub(sub));
                }
                if let Some(power) = unit.power {
                    out.push(Piece::Sup(power.replace('-', "−")));
                }
            }
            Err(pieces) => {
                let declared = !matches!(pieces.first(), Some(Piece::Sup(_) | Piece::Sub(_)));
                if after_unit && declared && pieces.len() > 1 {
                    out.push(Piece::Text(options.inter_unit_product.clone()));
                }
                after_unit = declared && pieces.len() > 1;
                out.extend(pieces);
            }
        }
    }
    out
}

fn pieces_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Sub(t) => t.clone(),
            Piece::Sup(t) => format!("^{t}"),
            Piece::Frac(above, below) => format!("{}/{}", pieces_text(above), pieces_text(below)),
        })
        .collect()
}

/// A number as siunitx prints it (see [`number`]); `quantity`: a unit
/// follows.
fn number_pieces(raw: &str, options: &SiOptions, quantity: bool) -> Vec<Piece> {
    let raw: String = raw.split_whitespace().collect::<Vec<_>>().join("");
    let raw = raw.replace("\\pm", "+-");
    number::format_number(&raw, options, quantity).unwrap_or_else(|| written_number(&raw))
}

/// What is not one plain number (`<5`, `1+2i`), nearly as written: `e`
/// exponents as `× 10ⁿ`, `+-` as `±`, a minus sign, digits grouped from
/// five on.
fn written_number(raw: &str) -> Vec<Piece> {
    let raw = raw.replace(',', ".");
    let (mantissa, exponent) = match raw.find(['e', 'E']) {
        Some(at) if at > 0 || raw.len() > 1 => (&raw[..at], Some(&raw[at + 1..])),
        _ => (raw.as_str(), None),
    };
    let mut out = Vec::new();
    let parts: Vec<&str> = mantissa.split("+-").collect();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(Piece::Text(" ± ".into()));
        }
        out.push(Piece::Text(group_digits(part)));
    }
    if let Some(exponent) = exponent {
        let exponent = exponent.trim_start_matches('+').replace('-', "−");
        if mantissa.is_empty() {
            out.push(Piece::Text("10".into()));
        } else {
            out.push(Piece::Text(" × 10".into()));
        }
        out.push(Piece::Sup(exponent));
    }
    out
}

/// `12345.678` as `12 345.678` (siunitx's `group-minimum-digits = 5`),
/// `-3` with a minus sign.
fn group_digits(number: &str) -> String {
    let (sign, digits) = match number.strip_prefix('-') {
        Some(rest) => ("−", rest),
        None => ("", number.strip_prefix('+').unwrap_or(number)),
    };
    let (int, frac) = match digits.find('.') {
        Some(at) => (&digits[..at], Some(&digits[at + 1..])),
        None => (digits, None),
    };
    let int = if int.len() >= 5 && int.chars().all(|c| c.is_ascii_digit()) {
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push_str(THIN);
            }
            grouped.push(c);
        }
        grouped
    } else {
        int.to_owned()
    };
    match frac {
        Some(frac) => format!("{sign}{int}.{frac}"),
        None => format!("{sign}{int}"),
    }
}

/// `\ang{12;34;56}`: degrees, minutes, seconds.
fn angle_pieces(raw: &str, options: &SiOptions) -> Vec<Piece> {
    let mut out = Vec::new();
    for (part, mark) in raw.split(';').zip(["°", "′", "″"]) {
        let part = part.trim();
        if !part.is_empty() {
            out.extend(number_pieces(part, options, false));
            out.push(Piece::Text(mark.into()));
        }
    }
    out
}

/// What one siunitx command prints, from its arguments, under `options`.
fn format(r: &Reader<'_>, name: &str, args: &[&[Token]], options: &SiOptions) -> Vec<Piece> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(&[]);
    let text = |i: usize| detokenize(arg(i));
    let quantity = |number: &[Token], unit: &[Token]| {
        let unit = unit_pieces(r, unit, 0, options);
        let mut out = number_pieces(&detokenize(number), options, !unit.is_empty());
        // A degree sign follows the number directly (a percent sign, in
        // siunitx 3, after a thin space as any unit).
        let joined =
            matches!(unit.first(), Some(Piece::Text(t)) if t == "°" || t == "′" || t == "″");
        if !joined && !unit.is_empty() {
            out.push(Piece::Text(options.quantity_product.clone()));
        }
        out.extend(unit);
        out
    };
    // siunitx's lists: `a and b`, `a, b and c`.
    let list = |items: Vec<Vec<Piece>>, out: &mut Vec<Piece>| {
        let n = items.len();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                let sep = match (n, i + 1 == n) {
                    (2, _) => &options.list_pair_separator,
                    (_, true) => &options.list_final_separator,
                    _ => &options.list_separator,
                };
                out.push(Piece::Text(sep.clone()));
            }
            out.extend(item);
        }
    };
    // siunitx's products: `a × b × c`.
    let product = |items: Vec<Vec<Piece>>, out: &mut Vec<Piece>| {
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(Piece::Text(format!(" {} ", options.product_symbol)));
            }
            out.extend(item);
        }
    };
    let range = |a: Vec<Piece>, b: Vec<Piece>| {
        let mut out = a;
        out.push(Piece::Text(options.range_phrase.clone()));
        out.extend(b);
        out
    };
    match name {
        "num" => number_pieces(&text(0), options, false),
        "si" | "unit" => unit_pieces(r, arg(0), 0, options),
        "SI" | "qty" => quantity(arg(0), arg(1)),
        "ang" => angle_pieces(&text(0), options),
        "numrange" => range(
            number_pieces(&text(0), options, false),
            number_pieces(&text(1), options, false),
        ),
        "SIrange" | "qtyrange" => range(quantity(arg(0), arg(2)), quantity(arg(1), arg(2))),
        "numlist" | "numproduct" => {
            let separator = if name == "numlist" { ';' } else { 'x' };
            let items = text(0)
                .split(separator)
                .map(|n| number_pieces(n, options, false))
                .collect();
            let mut out = Vec::new();
            if name == "numlist" {
                list(items, &mut out);
            } else {
                product(items, &mut out);
            }
            out
        }
        "SIlist" | "qtylist" | "qtyproduct" => {
            let separator = if name == "qtyproduct" { 'x' } else { ';' };
            let items: Vec<Vec<Piece>> = text(0)
                .split(separator)
                .map(|n| {
                    let mut item = number_pieces(n, options, true);
                    item.push(Piece::Text(options.quantity_product.clone()));
                    item.extend(unit_pieces(r, arg(1), 0, options));
                    item
                })
                .collect();
            let mut out = Vec::new();
            if name == "qtyproduct" {
                product(items, &mut out);
            } else {
                list(items, &mut out);
            }
            out
        }
        _ => Vec::new(),
    }
}

/// How many mandatory arguments a siunitx command takes (after its options).
fn arity(name: &str) -> usize {
    match name {
        "SI" | "qty" | "numrange" | "SIlist" | "qtylist" | "qtyproduct" => 2,
        "SIrange" | "qtyrange" => 3,
        _ => 1,
    }
}

/// The options in force, with a command's own `[..]` on top.
fn options_with(r: &Reader<'_>, own: Option<&[Token]>) -> SiOptions {
    let mut options = r.si_options.clone();
    if let Some(own) = own {
        options.set_all(&detokenize(own));
    }
    options
}

/// A command of this module that prints something, in text.
fn print(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let own = r.read_optional().map(|(t, _)| t);
    let options = options_with(r, own.as_deref());
    let mut args = Vec::new();
    let mut full = span;
    for i in 0..arity(name) {
        // `\SI{1}[\$]{}`: a unit before the number (dropped here).
        if i == 1 && name == "SI" {
            r.read_optional();
        }
        let (tokens, arg_span) = r.expect_arg(name, span);
        full = full.join(arg_span);
        args.push(r.expand_fully(tokens));
    }
    let refs: Vec<&[Token]> = args.iter().map(Vec::as_slice).collect();
    let pieces = format(r, name, &refs, &options);
    if pieces.iter().any(|p| matches!(p, Piece::Frac(..))) {
        // A fraction is math: the whole quantity, as inside math.
        let tokens = crate::lex::tokens_at(&pieces_latex(&pieces), full);
        let math = r.math_node(tokens, wita_doc::MathEnv::Inline, false);
        out.push(Node::new(NodeKind::Math(math), full));
        return;
    }
    for piece in pieces {
        match piece {
            Piece::Text(t) => push_text(out, t, full),
            Piece::Sup(t) => out.push(Node::new(
                NodeKind::Styled(Style::Superscript, vec![Node::new(NodeKind::Text(t), full)]),
                full,
            )),
            Piece::Sub(t) => out.push(Node::new(
                NodeKind::Styled(Style::Subscript, vec![Node::new(NodeKind::Text(t), full)]),
                full,
            )),
            Piece::Frac(..) => {}
        }
    }
}

/// Whether `name` is a siunitx command that prints (and so is rewritten
/// inside math).
pub(crate) fn prints_in_math(name: &str) -> bool {
    matches!(
        name,
        "num"
            | "si"
            | "unit"
            | "SI"
            | "qty"
            | "ang"
            | "numrange"
            | "SIrange"
            | "qtyrange"
            | "numlist"
            | "numproduct"
            | "SIlist"
            | "qtylist"
            | "qtyproduct"
    )
}

/// The siunitx command at `tokens[at]` inside math, as the LaTeX math it
/// prints, and the index after its arguments.
pub(crate) fn math_latex(
    r: &Reader<'_>,
    name: &str,
    tokens: &[Token],
    at: usize,
) -> (String, usize) {
    let mut cursor = Cursor { tokens, at };
    let own = cursor.optional();
    let options = options_with(r, own);
    let mut args = Vec::new();
    for i in 0..arity(name) {
        if i == 1 && name == "SI" {
            cursor.optional();
        }
        args.push(cursor.arg());
    }
    let pieces = format(r, name, &args, &options);
    (format!("{{{}}}", pieces_latex(&pieces)), cursor.at)
}

/// Pieces as the LaTeX math they print.
fn pieces_latex(pieces: &[Piece]) -> String {
    let mut latex = String::new();
    for piece in pieces {
        match piece {
            // Text, in the body's face, as siunitx prints in text (and in
            // math a comma or a space would be math's).
            Piece::Text(t) => {
                let mut escaped = String::new();
                for c in t.chars() {
                    match c {
                        '\\' => escaped.push_str("\\textbackslash "),
                        '{' | '}' | '%' | '#' | '&' | '$' | '_' => {
                            escaped.push('\\');
                            escaped.push(c);
                        }
                        _ => escaped.push(c),
                    }
                }
                let t = escaped;
                latex.push_str(&format!("\\text{{{t}}}"));
            }
            Piece::Sup(t) => latex.push_str(&format!("^{{{}}}", t.replace('−', "-"))),
            Piece::Sub(t) => latex.push_str(&format!("_{{\\text{{{t}}}}}")),
            Piece::Frac(above, below) => latex.push_str(&format!(
                "\\frac{{{}}}{{{}}}",
                pieces_latex(above),
                pieces_latex(below)
            )),
        }
    }
    latex
}

/// `\sisetup{options}`: the options from here on.
fn sisetup(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let options = detokenize(&tokens);
    r.si_options.set_all(&options);
}

/// `\DeclareSIUnit[options]{\name}{definition}`: a unit of the author's.
fn declare_unit(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.read_optional();
    let (unit, _) = r.expect_arg(name, span);
    let (body, _) = r.expect_arg(name, span);
    if let Some(Token {
        kind: TokenKind::Command(unit),
        ..
    }) = unit.iter().find(|t| t.kind != TokenKind::Space)
    {
        r.si_units.insert(unit.clone(), body);
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("num", "o m", Command(print), "a number: digits grouped, `e` as `× 10ⁿ`, `+-` as `±`"),
    entry("si", "o m", Command(print), "a unit: `\\kilo\\metre\\per\\second` as km s⁻¹"),
    entry("unit", "o m", Command(print), "a unit (siunitx 3's `\\si`)"),
    entry("SI", "o m o m", Command(print), "a number and its unit"),
    entry("qty", "o m m", Command(print), "a number and its unit (siunitx 3's `\\SI`)"),
    entry("ang", "o m", Command(print), "an angle: `\\ang{12;30;0}` as 12°30′0″"),
    entry("numrange", "o m m", Command(print), "two numbers: `a to b`"),
    entry("SIrange", "o m m m", Command(print), "two quantities of one unit: `a m to b m`"),
    entry("qtyrange", "o m m m", Command(print), "two quantities of one unit"),
    entry("numlist", "o m", Command(print), "numbers `1;2;3` as `1, 2 and 3`"),
    entry("numproduct", "o m", Command(print), "numbers `1x2` as `1 and 2`"),
    entry("SIlist", "o m m", Command(print), "quantities of one unit, listed"),
    entry("qtylist", "o m m", Command(print), "quantities of one unit, listed"),
    entry("qtyproduct", "o m m", Command(print), "quantities of one unit, listed"),
    entry("sisetup", "m", Command(sisetup), "siunitx's options from here on (rounding, markers, groups, `per-mode`…)"),
    entry("DeclareSIUnit", "o m m", Command(declare_unit), "a unit of the author's, for `\\si` and `\\SI`"),
    entry("DeclareSIPrefix", "m m m", Command(ignore), "ignored"),
    entry("DeclareSIPower", "m m m", Command(ignore), "ignored"),
    entry("DeclareSIQualifier", "m m", Command(ignore), "ignored"),
];
