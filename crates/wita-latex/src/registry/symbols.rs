//! Characters by name: escaped specials, punctuation, letters, logos, the
//! spaces that are characters, and accents (LaTeX's text symbols, textcomp,
//! the T1 letters).

use unicode_normalization::UnicodeNormalization;
use wita_diag::Span;
use wita_doc::Content;

use super::Handler::{Accent, Command, Symbol};
use super::{Entry, entry, literal};
use crate::reader::{Reader, push_text};
use wita_diag::codes;

/// `\'e`, `\'{e}`, `\c c`: the accent on the next character or group.
pub(super) fn read_accent(r: &mut Reader<'_>, mark: char, span: Span, out: &mut Content) {
    let base = match r.read_arg() {
        Some((tokens, _)) => {
            let content = r.content_of(tokens);
            wita_doc::plain_text(&content)
        }
        None => String::new(),
    };
    // With a letter token like `\"ouml`, only the first letter is accented.
    push_text(out, apply_accent(mark, &base), span);
}

/// Puts an accent on the first character of `base` (`\'{e}` → é), composing
/// to a precomposed character where Unicode has one.
pub(crate) fn apply_accent(mark: char, base: &str) -> String {
    let mut chars = base.chars();
    let Some(first) = chars.next() else {
        // An accent on nothing prints the mark alone, as TeX does (`\^{}`):
        // the spacing form of the mark, which copies as one character.
        return spacing_mark(mark).map_or_else(|| format!(" {mark}"), String::from);
    };
    // Dotless i and j take accents in place of i and j.
    let first = match first {
        'ı' => 'i',
        'ȷ' => 'j',
        c => c,
    };
    let mut out = String::new();
    out.push(first);
    out.push(mark);
    out.extend(chars);
    out.nfc().collect()
}

/// The spacing form of a combining accent (Unicode's spacing clones).
fn spacing_mark(mark: char) -> Option<char> {
    Some(match mark {
        '\u{301}' => '´',
        '\u{300}' => '`',
        '\u{302}' => 'ˆ',
        '\u{308}' => '¨',
        '\u{303}' => '˜',
        '\u{304}' => '¯',
        '\u{307}' => '˙',
        '\u{306}' => '˘',
        '\u{30C}' => 'ˇ',
        '\u{30B}' => '˝',
        '\u{327}' => '¸',
        '\u{328}' => '˛',
        '\u{30A}' => '˚',
        _ => return None,
    })
}

#[rustfmt::skip]
/// `\char"263A`, `\char65`, `\symbol{"263A}`: the character of that code.
fn char_code(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let value = if name == "symbol" {
        let (tokens, _) = r.expect_arg(name, span);
        r.with_input(tokens, super::core::read_tex_number)
    } else {
        super::core::read_tex_number(r)
    };
    match value
        .and_then(|v| u32::try_from(v).ok())
        .and_then(char::from_u32)
    {
        Some(c) if !c.is_control() => push_text(out, c.to_string(), span),
        _ => {
            r.warn(
                codes::UNREADABLE_VALUE,
                span,
                format!("`\\{name}`: a character code wita cannot read prints nothing"),
            );
        }
    }
}

/// pifont's `\ding{n}`: the Zapf Dingbats character of code `n`, as Unicode
/// has it (Adobe's table: mostly the Dingbats block in order, with the
/// characters Unicode had elsewhere, such as ★ and ①, taken from there).
fn ding(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let code = r.with_input(tokens, super::core::read_tex_number);
    match code
        .and_then(|c| u8::try_from(c).ok())
        .and_then(zapf_dingbat)
    {
        Some(c) => push_text(out, c.to_string(), span.join(arg_span)),
        None => {
            r.warn(
                codes::UNREADABLE_VALUE,
                span.join(arg_span),
                "`\\ding`: Zapf Dingbats has no character of this code; nothing is printed",
            );
        }
    }
}

/// The Unicode character of a Zapf Dingbats code (Adobe's
/// zapfdingbats.txt).
fn zapf_dingbat(code: u8) -> Option<char> {
    let c = match code {
        0x20 => 0x20,
        0x25 => 0x260E,
        0x2A => 0x261B,
        0x2B => 0x261E,
        0x48 => 0x2605,
        0x6C => 0x25CF,
        0x6E => 0x25A0,
        0x73 => 0x25B2,
        0x74 => 0x25BC,
        0x75 => 0x25C6,
        0x77 => 0x25D7,
        0x21..=0x7E => 0x2701 + u32::from(code - 0x21),
        // The ornamental parentheses and brackets.
        0x80..=0x8D => 0x2768 + u32::from(code - 0x80),
        0xA1..=0xA7 => 0x2761 + u32::from(code - 0xA1),
        0xA8 => 0x2663,
        0xA9 => 0x2666,
        0xAA => 0x2665,
        0xAB => 0x2660,
        0xAC..=0xB5 => 0x2460 + u32::from(code - 0xAC),
        0xB6..=0xD4 => 0x2776 + u32::from(code - 0xB6),
        0xD5 => 0x2192,
        0xD6 => 0x2194,
        0xD7 => 0x2195,
        0xD8..=0xEF => 0x2798 + u32::from(code - 0xD8),
        0xF1..=0xFE => 0x27B1 + u32::from(code - 0xF1),
        _ => return None,
    };
    char::from_u32(c)
}

pub(super) const ENTRIES: &[Entry] = &[
    entry(
        "char",
        "",
        Command(char_code),
        "the character of a code (`\\char\"263A`)",
    ),
    entry(
        "symbol",
        "m",
        Command(char_code),
        "the character of a code (`\\symbol{\"263A}`)",
    ),
    entry(
        "ding",
        "m",
        Command(ding),
        "pifont's Zapf Dingbats character of a code",
    ),
    // Escaped specials.
    literal("%", "", Symbol("%"), ""),
    literal("&", "", Symbol("&"), ""),
    literal("$", "", Symbol("$"), ""),
    literal("#", "", Symbol("#"), ""),
    literal("_", "", Symbol("_"), ""),
    literal("{", "", Symbol("{"), ""),
    literal("}", "", Symbol("}"), ""),
    entry("textbackslash", "", Symbol("\\"), ""),
    entry("textbraceleft", "", Symbol("{"), ""),
    entry("textbraceright", "", Symbol("}"), ""),
    entry("textasciitilde", "", Symbol("~"), ""),
    entry("textasciicircum", "", Symbol("^"), ""),
    literal("textunderscore", "", Symbol("_"), ""),
    entry("textbar", "", Symbol("|"), ""),
    entry("textless", "", Symbol("<"), ""),
    entry("textgreater", "", Symbol(">"), ""),
    entry("textdollar", "", Symbol("$"), ""),
    entry("textquotedbl", "", Symbol("\""), ""),
    entry("textquotesingle", "", Symbol("'"), ""),
    entry("textasciigrave", "", Symbol("`"), ""),
    // Punctuation.
    entry("ldots", "", Symbol("…"), ""),
    entry("dots", "", Symbol("…"), ""),
    // Math's dots, which LaTeX also sets in text (in a table's cells).
    entry("vdots", "", Symbol("⋮"), ""),
    entry("cdots", "", Symbol("⋯"), ""),
    entry("ddots", "", Symbol("⋱"), ""),
    entry("textellipsis", "", Symbol("…"), ""),
    entry("textendash", "", Symbol("–"), ""),
    entry("textemdash", "", Symbol("—"), ""),
    entry("textquoteleft", "", Symbol("‘"), ""),
    entry("textquoteright", "", Symbol("’"), ""),
    entry("textquotedblleft", "", Symbol("“"), ""),
    entry("textquotedblright", "", Symbol("”"), ""),
    entry("guillemotleft", "", Symbol("«"), ""),
    entry("guillemetleft", "", Symbol("«"), ""),
    entry("guillemotright", "", Symbol("»"), ""),
    entry("guillemetright", "", Symbol("»"), ""),
    entry("guilsinglleft", "", Symbol("‹"), ""),
    entry("guilsinglright", "", Symbol("›"), ""),
    entry("quotedblbase", "", Symbol("„"), ""),
    entry("quotesinglbase", "", Symbol("‚"), ""),
    entry("textexclamdown", "", Symbol("¡"), ""),
    entry("textquestiondown", "", Symbol("¿"), ""),
    entry("slash", "", Symbol("/"), ""),
    entry("textbullet", "", Symbol("•"), ""),
    entry("textperiodcentered", "", Symbol("·"), ""),
    entry("textdagger", "", Symbol("†"), ""),
    entry("dag", "", Symbol("†"), ""),
    entry("textdaggerdbl", "", Symbol("‡"), ""),
    entry("ddag", "", Symbol("‡"), ""),
    entry("textsection", "", Symbol("§"), ""),
    entry("S", "", Symbol("§"), ""),
    entry("textparagraph", "", Symbol("¶"), ""),
    entry("P", "", Symbol("¶"), ""),
    entry("copyright", "", Symbol("©"), ""),
    entry("textcopyright", "", Symbol("©"), ""),
    entry("textregistered", "", Symbol("®"), ""),
    entry("texttrademark", "", Symbol("™"), ""),
    entry("textdegree", "", Symbol("°"), ""),
    entry("degree", "", Symbol("°"), ""),
    entry("pounds", "", Symbol("£"), ""),
    entry("textsterling", "", Symbol("£"), ""),
    entry("euro", "", Symbol("€"), ""),
    entry("texteuro", "", Symbol("€"), ""),
    entry("textyen", "", Symbol("¥"), ""),
    entry("textcent", "", Symbol("¢"), ""),
    entry("textmu", "", Symbol("µ"), ""),
    entry("textonehalf", "", Symbol("½"), ""),
    entry("textonequarter", "", Symbol("¼"), ""),
    entry("textthreequarters", "", Symbol("¾"), ""),
    entry("texttimes", "", Symbol("×"), ""),
    entry("textdiv", "", Symbol("÷"), ""),
    entry("textpm", "", Symbol("±"), ""),
    entry("textminus", "", Symbol("−"), ""),
    entry("textrightarrow", "", Symbol("→"), ""),
    entry("textleftarrow", "", Symbol("←"), ""),
    entry("checkmark", "", Symbol("✓"), ""),
    // Letters.
    entry("ss", "", Symbol("ß"), ""),
    entry("SS", "", Symbol("SS"), ""),
    entry("o", "", Symbol("ø"), ""),
    entry("O", "", Symbol("Ø"), ""),
    entry("aa", "", Symbol("å"), ""),
    entry("AA", "", Symbol("Å"), ""),
    entry("ae", "", Symbol("æ"), ""),
    entry("AE", "", Symbol("Æ"), ""),
    entry("oe", "", Symbol("œ"), ""),
    entry("OE", "", Symbol("Œ"), ""),
    entry("l", "", Symbol("ł"), ""),
    entry("L", "", Symbol("Ł"), ""),
    entry("i", "", Symbol("ı"), ""),
    entry("j", "", Symbol("ȷ"), ""),
    entry("dh", "", Symbol("ð"), ""),
    entry("DH", "", Symbol("Ð"), ""),
    entry("th", "", Symbol("þ"), ""),
    entry("TH", "", Symbol("Þ"), ""),
    entry("ng", "", Symbol("ŋ"), ""),
    entry("NG", "", Symbol("Ŋ"), ""),
    // Logos.
    entry("TeX", "", Symbol("TeX"), ""),
    entry("LaTeX", "", Symbol("LaTeX"), ""),
    entry("LaTeXe", "", Symbol("LaTeX2ε"), ""),
    entry("XeTeX", "", Symbol("XeTeX"), ""),
    entry("XeLaTeX", "", Symbol("XeLaTeX"), ""),
    entry("LuaTeX", "", Symbol("LuaTeX"), ""),
    entry("LuaLaTeX", "", Symbol("LuaLaTeX"), ""),
    entry("BibTeX", "", Symbol("BibTeX"), ""),
    entry("pdfTeX", "", Symbol("pdfTeX"), ""),
    entry("pdfLaTeX", "", Symbol("pdfLaTeX"), ""),
    entry("pTeX", "", Symbol("pTeX"), ""),
    entry("pLaTeX", "", Symbol("pLaTeX"), ""),
    entry("upTeX", "", Symbol("upTeX"), ""),
    entry("upLaTeX", "", Symbol("upLaTeX"), ""),
    // Math's backslash, met in text (LaTeX sets it, after a complaint).
    entry("backslash", "", Symbol("\\"), ""),
    // Spaces that are characters.
    entry(",", "", Symbol("\u{202F}"), ""),
    entry("thinspace", "", Symbol("\u{202F}"), ""),
    entry(":", "", Symbol("\u{205F}"), ""),
    entry(">", "", Symbol("\u{205F}"), ""),
    entry("medspace", "", Symbol("\u{205F}"), ""),
    entry(";", "", Symbol("\u{2004}"), ""),
    entry("thickspace", "", Symbol("\u{2004}"), ""),
    entry("enspace", "", Symbol("\u{2002}"), ""),
    entry("quad", "", Symbol("\u{2003}"), ""),
    entry("qquad", "", Symbol("\u{2003}\u{2003}"), ""),
    entry("-", "", Symbol("\u{AD}"), ""),
    // Accents.
    entry("'", "m", Accent('\u{301}'), ""),
    entry("`", "m", Accent('\u{300}'), ""),
    entry("^", "m", Accent('\u{302}'), ""),
    entry("\"", "m", Accent('\u{308}'), ""),
    literal("~", "m", Accent('\u{303}'), ""),
    entry("=", "m", Accent('\u{304}'), ""),
    entry(".", "m", Accent('\u{307}'), ""),
    entry("u", "m", Accent('\u{306}'), ""),
    entry("v", "m", Accent('\u{30C}'), ""),
    entry("H", "m", Accent('\u{30B}'), ""),
    entry("c", "m", Accent('\u{327}'), ""),
    entry("k", "m", Accent('\u{328}'), ""),
    entry("d", "m", Accent('\u{323}'), ""),
    entry("b", "m", Accent('\u{331}'), ""),
    entry("r", "m", Accent('\u{30A}'), ""),
    entry("t", "m", Accent('\u{361}'), ""),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{Handler, Kind, lookup};

    fn mark(name: &str) -> char {
        match lookup(Kind::Command, name).map(|e| &e.handler) {
            Some(Handler::Accent(mark)) => *mark,
            _ => panic!("`\\{name}` is no accent"),
        }
    }

    #[test]
    fn accents_compose() {
        assert_eq!(apply_accent(mark("'"), "e"), "é");
        assert_eq!(apply_accent(mark("\""), "o"), "ö");
        assert_eq!(apply_accent(mark("c"), "c"), "ç");
        assert_eq!(apply_accent(mark("v"), "s"), "š");
        assert_eq!(apply_accent(mark("'"), "ı"), "í");
        // An accent on nothing: the mark alone (`2\^{}10`, `\~{}/home`),
        // on a space where Unicode has no spacing form of it.
        assert_eq!(apply_accent(mark("'"), ""), "´");
        assert_eq!(apply_accent(mark("^"), ""), "ˆ");
        assert_eq!(apply_accent(mark("~"), ""), "˜");
        assert_eq!(apply_accent(mark("d"), ""), " \u{323}");
    }
}
