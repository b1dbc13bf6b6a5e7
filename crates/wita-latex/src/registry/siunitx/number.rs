//! Numbers as siunitx prints them: read into sign, digits, decimal part,
//! uncertainty and exponent; rounded (`round-mode`); written with the
//! options' decimal marker, digit groups, uncertainty form and exponent.
//! Rounding works on the digits as written (no binary floating point), as
//! siunitx's own does.

use super::Piece;
use super::options::{Groups, Round, SiOptions, Uncertainty};

/// A number as siunitx reads its input: `-1.23(5)e4`, `3.5+-0.2`, `.5`.
#[derive(Debug, Clone, PartialEq)]
struct Number {
    sign: Option<char>,
    int: String,
    /// The digits after the decimal marker (`Some("")` for `5.`).
    frac: Option<String>,
    /// The uncertainty: `(5)`'s digits, or `+-0.05` as written.
    uncertainty: Option<Uncertain>,
    exponent: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Uncertain {
    /// `(5)`: digits in the value's last places.
    Compact(String),
    /// `+-0.05`: the integer and decimal digits.
    Separate(String, Option<String>),
}

/// Reads `raw` (spaces dropped, `\pm` as `+-`); `None` for what is not one
/// plain number (a comparator, a complex number…).
fn parse(raw: &str) -> Option<Number> {
    let mut chars = raw.chars().peekable();
    let mut sign = None;
    if let Some(&c) = chars.peek()
        && matches!(c, '+' | '-')
    {
        sign = Some(c);
        chars.next();
    }
    let digits = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        let mut out = String::new();
        while let Some(&c) = chars.peek() {
            if !c.is_ascii_digit() {
                break;
            }
            out.push(c);
            chars.next();
        }
        out
    };
    let int = digits(&mut chars);
    let mut frac = None;
    if let Some(&c) = chars.peek()
        && matches!(c, '.' | ',')
    {
        chars.next();
        frac = Some(digits(&mut chars));
    }
    let mut uncertainty = None;
    match chars.peek() {
        Some('(') => {
            chars.next();
            let u = digits(&mut chars);
            if chars.next() != Some(')') || u.is_empty() {
                return None;
            }
            uncertainty = Some(Uncertain::Compact(u));
        }
        Some('+') => {
            chars.next();
            if chars.next() != Some('-') {
                return None;
            }
            let u_int = digits(&mut chars);
            let mut u_frac = None;
            if let Some(&c) = chars.peek()
                && matches!(c, '.' | ',')
            {
                chars.next();
                u_frac = Some(digits(&mut chars));
            }
            if u_int.is_empty() && u_frac.as_deref().is_none_or(str::is_empty) {
                return None;
            }
            uncertainty = Some(Uncertain::Separate(u_int, u_frac));
        }
        _ => {}
    }
    let mut exponent = None;
    if let Some(&c) = chars.peek()
        && matches!(c, 'e' | 'E' | 'd' | 'D')
    {
        chars.next();
        let mut e = String::new();
        if let Some(&c) = chars.peek()
            && matches!(c, '+' | '-')
        {
            if c == '-' {
                e.push('-');
            }
            chars.next();
        }
        let d = digits(&mut chars);
        if d.is_empty() {
            return None;
        }
        let d = d.trim_start_matches('0');
        e.push_str(if d.is_empty() { "0" } else { d });
        if e == "-0" {
            e = "0".into();
        }
        exponent = Some(e);
    }
    let empty_mantissa = int.is_empty() && frac.as_deref().is_none_or(str::is_empty);
    if chars.next().is_some() || (empty_mantissa && exponent.is_none()) {
        return None;
    }
    Some(Number {
        sign,
        int,
        frac,
        uncertainty,
        exponent,
    })
}

/// `digits` with one added to its last digit, and whether it grew a digit
/// (`99` → `100`).
fn increment(digits: &str) -> (String, bool) {
    let mut out: Vec<u8> = digits.bytes().collect();
    for d in out.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return (String::from_utf8(out).unwrap_or_default(), false);
        }
    }
    out.insert(0, b'1');
    (String::from_utf8(out).unwrap_or_default(), true)
}

impl Number {
    /// Rounds to `round-precision` places or figures (half up, as
    /// siunitx's `round-half = up`), padding with zeros if `round-pad`.
    fn round(&mut self, options: &SiOptions) {
        let precision = options.round_precision;
        if options.round_mode == Round::None || self.int.is_empty() && self.frac.is_none() {
            return;
        }
        let frac = self.frac.clone().unwrap_or_default();
        let all = format!("{}{frac}", self.int);
        let point = self.int.len() as i64;
        // How many of `all`'s digits are kept.
        let keep = match options.round_mode {
            Round::Places => point + precision,
            _ => match all.bytes().position(|b| b != b'0') {
                Some(first) => first as i64 + precision,
                None => return,
            },
        };
        if keep < 0 {
            self.int = "0".into();
            self.frac = None;
            return;
        }
        let keep = keep as usize;
        let (mut kept, mut point) = (all.clone(), point as usize);
        if all.len() > keep {
            kept = all[..keep].to_owned();
            if all.as_bytes()[keep] >= b'5' {
                let (grown, longer) = increment(if kept.is_empty() { "0" } else { &kept });
                kept = grown;
                if longer || all[..keep].is_empty() {
                    point += 1;
                }
            }
        } else if options.round_pad {
            kept.push_str(&"0".repeat(keep - all.len()));
        }
        if kept.len() < point {
            // Rounded within the integer part: zeros stand for the rest.
            kept.push_str(&"0".repeat(point - kept.len()));
        }
        let (int, frac) = kept.split_at(point);
        self.int = if int.is_empty() {
            "0".into()
        } else {
            int.to_owned()
        };
        self.frac = Some(frac.to_owned()).filter(|f| !f.is_empty());
        if options.round_zero_positive && self.int.bytes().chain(frac.bytes()).all(|b| b == b'0') {
            self.sign = None;
        }
    }

    /// The compact uncertainty's digits, and the value's decimal part
    /// padded to the uncertainty's places (`3.5+-0.25` is `3.50(25)`).
    fn compact_uncertainty(&mut self) -> Option<String> {
        match self.uncertainty.clone()? {
            Uncertain::Compact(digits) => Some(digits),
            Uncertain::Separate(int, frac) => {
                let frac = frac.unwrap_or_default();
                let places = self.frac.as_ref().map_or(0, String::len).max(frac.len());
                let value = self.frac.get_or_insert_with(String::new);
                while value.len() < places {
                    value.push('0');
                }
                let padded = format!("{int}{frac}{}", "0".repeat(places - frac.len()));
                let digits = padded.trim_start_matches('0');
                Some(if digits.is_empty() {
                    "0".into()
                } else {
                    digits.to_owned()
                })
            }
        }
    }
}

/// `digits` in groups of three from the right (`from_right`, an integer
/// part) or from the left (a decimal part), when it has at least
/// `group-minimum-digits` digits.
fn group(digits: &str, from_right: bool, options: &SiOptions) -> String {
    if digits.len() < options.group_minimum_digits.max(1) {
        return digits.to_owned();
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        let boundary = if from_right {
            i > 0 && (digits.len() - i).is_multiple_of(3)
        } else {
            i > 0 && i.is_multiple_of(3)
        };
        if boundary {
            out.push_str(&options.group_separator);
        }
        out.push(c);
    }
    out
}

/// A number as siunitx prints it; `None` for input that is not one plain
/// number. `quantity`: a unit follows, so that a separate uncertainty is
/// bracketed with its value (`(3.5 ± 0.2) m`).
pub(super) fn format_number(raw: &str, options: &SiOptions, quantity: bool) -> Option<Vec<Piece>> {
    let mut n = parse(raw)?;
    n.round(options);
    if options.drop_zero_decimal
        && n.frac
            .as_deref()
            .is_some_and(|f| f.bytes().all(|b| b == b'0'))
    {
        n.frac = None;
    }
    let compact = match options.uncertainty {
        Uncertainty::Compact => n.compact_uncertainty(),
        Uncertainty::Separate => None,
    };
    let groups_int = matches!(options.group_digits, Groups::All | Groups::Integer);
    let groups_frac = matches!(options.group_digits, Groups::All | Groups::Decimal);
    let write = |int: &str, frac: Option<&str>| {
        let mut s = if groups_int {
            group(int, true, options)
        } else {
            int.to_owned()
        };
        if let Some(frac) = frac.filter(|f| !f.is_empty()) {
            s.push_str(&options.decimal_marker);
            s.push_str(&if groups_frac {
                group(frac, false, options)
            } else {
                frac.to_owned()
            });
        }
        s
    };
    let mut value = String::new();
    match n.sign {
        Some('-') => value.push('−'),
        Some('+') if options.retain_explicit_plus => value.push('+'),
        _ => {}
    }
    let mantissa = !(n.int.is_empty() && n.frac.is_none());
    if mantissa {
        let int = if n.int.is_empty() { "0" } else { &n.int };
        value.push_str(&write(int, n.frac.as_deref()));
    }
    let mut out = Vec::new();
    match (&n.uncertainty, compact) {
        (_, Some(digits)) => value.push_str(&format!("({digits})")),
        (Some(Uncertain::Separate(int, frac)), None) => {
            let int = if int.is_empty() { "0" } else { int };
            value = format!("{value} ± {}", write(int, frac.as_deref()));
            if quantity || n.exponent.is_some() {
                value = format!("({value})");
            }
        }
        (Some(Uncertain::Compact(_)), None) | (None, None) => {}
    }
    out.push(Piece::Text(value));
    if let Some(exponent) = n.exponent {
        let exponent = exponent.replace('-', "−");
        match &options.exponent_marker {
            Some(marker) => out.push(Piece::Text(format!("{marker}{exponent}"))),
            None => {
                let product = if mantissa {
                    format!(" {} 10", options.exponent_product)
                } else {
                    "10".into()
                };
                out.push(Piece::Text(product));
                out.push(Piece::Sup(exponent));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::THIN;
    use super::*;

    fn text(raw: &str, options: &SiOptions) -> String {
        format_number(raw, options, false)
            .unwrap()
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.replace(THIN, " "),
                Piece::Sup(t) => format!("^{t}"),
                Piece::Sub(t) => format!("_{t}"),
                Piece::Frac(..) => "frac".into(),
            })
            .collect()
    }

    // Each expectation is what XeLaTeX with siunitx 3 printed for it.
    #[test]
    fn numbers_print_as_siunitx_prints_them() {
        let o = SiOptions::default();
        assert_eq!(text("1.23456", &o), "1.234 56");
        assert_eq!(text("12345.678901", &o), "12 345.678 901");
        assert_eq!(text("0.000012345", &o), "0.000 012 345");
        assert_eq!(text("1e-5", &o), "1 × 10^−5");
        assert_eq!(text("1.23e+4", &o), "1.23 × 10^4");
        assert_eq!(text("-3.5+-0.2", &o), "−3.5(2)");
        assert_eq!(text("3.5+-0.25", &o), "3.50(25)");
        assert_eq!(text("12.3+-1.2", &o), "12.3(12)");
        assert_eq!(text("0.05+-0.0012", &o), "0.0500(12)");
        assert_eq!(text("1.23(5)", &o), "1.23(5)");
        assert_eq!(text("+5", &o), "5");
        assert_eq!(text(".5", &o), "0.5");
        assert_eq!(text("5.", &o), "5");
        assert_eq!(text("1,5", &o), "1.5");
        assert!(format_number("<5", &o, false).is_none());
        assert!(format_number("1+2i", &o, false).is_none());
    }

    #[test]
    fn rounding_as_siunitx_rounds() {
        let mut o = SiOptions::default();
        o.set_all("round-mode=places, round-precision=3");
        assert_eq!(text("1.23456", &o), "1.235");
        assert_eq!(text("2.5", &o), "2.500");
        assert_eq!(text("1234567.89", &o), "1 234 567.890");
        assert_eq!(text("1.5e3", &o), "1.500 × 10^3");
        o.set_all("round-precision=2");
        assert_eq!(text("0.004", &o), "0.00");
        assert_eq!(text("-0.004", &o), "0.00");
        assert_eq!(text("9.999", &o), "10.00");
        assert_eq!(text("123", &o), "123.00");
        o.set_all("round-mode=figures, round-precision=2");
        assert_eq!(text("1.23456", &o), "1.2");
        assert_eq!(text("0.0045678", &o), "0.0046");
        assert_eq!(text("123456", &o), "120 000");
        o.set_all("round-precision=3");
        assert_eq!(text("0.00012345", &o), "0.000 123");
        assert_eq!(text("99999", &o), "100 000");
        assert_eq!(text("1.5", &o), "1.50");
        o.set_all("round-mode=places, round-precision=1");
        assert_eq!(text("2.25", &o), "2.3");
        o.set_all("round-precision=2, round-pad=false");
        assert_eq!(text("2.5", &o), "2.5");
    }

    #[test]
    fn markers_groups_and_forms_as_options_say() {
        let mut o = SiOptions::default();
        o.set_all("output-decimal-marker={,}, group-separator={.}, group-minimum-digits=4");
        assert_eq!(text("1234.5", &o), "1.234,5");
        assert_eq!(text("12345,678", &o), "12.345,678");
        let mut o = SiOptions::default();
        o.set_all("locale=DE");
        assert_eq!(text("3.14", &o), "3,14");
        assert_eq!(text("1e3", &o), "1 · 10^3");
        let mut o = SiOptions::default();
        o.set_all("separate-uncertainty");
        assert_eq!(text("3.5+-0.2", &o), "3.5 ± 0.2");
        assert_eq!(
            format_number("3.5+-0.2", &o, true).unwrap(),
            vec![Piece::Text("(3.5 ± 0.2)".into())]
        );
        o.set_all("group-digits=false, output-exponent-marker=\\text{e}");
        assert_eq!(text("12345e3", &o), "12345e3");
    }
}
