//! Characters by name: escaped specials, punctuation, letters, logos, the
//! spaces that are characters, and accents (LaTeX's text symbols, textcomp,
//! the T1 letters).

use unicode_normalization::UnicodeNormalization;
use wita_diag::Span;
use wita_doc::Content;

use super::Handler::{Accent, Symbol};
use super::{Entry, entry, literal};
use crate::reader::{Reader, push_text};

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
pub(super) const ENTRIES: &[Entry] = &[
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
