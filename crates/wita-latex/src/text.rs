//! Characters: TeX's input ligatures, symbol commands and accents.

use unicode_normalization::UnicodeNormalization;

/// Applies the ligatures TeX fonts make from ASCII input: dashes and quotes.
pub fn ligatures(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let next2 = chars.get(i + 2).copied();
        match (c, next, next2) {
            ('-', Some('-'), Some('-')) => {
                out.push('—');
                i += 3;
                continue;
            }
            ('-', Some('-'), _) => {
                out.push('–');
                i += 2;
                continue;
            }
            ('`', Some('`'), _) => {
                out.push('“');
                i += 2;
                continue;
            }
            ('\'', Some('\''), _) => {
                out.push('”');
                i += 2;
                continue;
            }
            ('!', Some('`'), _) => {
                out.push('¡');
                i += 2;
                continue;
            }
            ('?', Some('`'), _) => {
                out.push('¿');
                i += 2;
                continue;
            }
            ('`', _, _) => out.push('‘'),
            ('\'', _, _) => out.push('’'),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Commands that print one symbol (no arguments).
pub fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        // Escaped specials.
        "%" => "%",
        "&" => "&",
        "$" => "$",
        "#" => "#",
        "_" => "_",
        "{" => "{",
        "}" => "}",
        "textbackslash" => "\\",
        "textbraceleft" => "{",
        "textbraceright" => "}",
        "textasciitilde" => "~",
        "textasciicircum" => "^",
        "textunderscore" => "_",
        "textbar" => "|",
        "textless" => "<",
        "textgreater" => ">",
        "textdollar" => "$",
        "textquotedbl" => "\"",
        "textquotesingle" => "'",
        "textasciigrave" => "`",
        // Punctuation.
        "ldots" | "dots" | "textellipsis" => "…",
        "textendash" => "–",
        "textemdash" => "—",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "guillemotleft" | "guillemetleft" => "«",
        "guillemotright" | "guillemetright" => "»",
        "guilsinglleft" => "‹",
        "guilsinglright" => "›",
        "quotedblbase" => "„",
        "quotesinglbase" => "‚",
        "textexclamdown" => "¡",
        "textquestiondown" => "¿",
        "slash" => "/",
        "textbullet" => "•",
        "textperiodcentered" => "·",
        "textdagger" | "dag" => "†",
        "textdaggerdbl" | "ddag" => "‡",
        "textsection" | "S" => "§",
        "textparagraph" | "P" => "¶",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "textdegree" | "degree" => "°",
        "pounds" | "textsterling" => "£",
        "euro" | "texteuro" => "€",
        "textyen" => "¥",
        "textcent" => "¢",
        "textmu" => "µ",
        "textonehalf" => "½",
        "textonequarter" => "¼",
        "textthreequarters" => "¾",
        "texttimes" => "×",
        "textdiv" => "÷",
        "textpm" => "±",
        "textminus" => "−",
        "textrightarrow" => "→",
        "textleftarrow" => "←",
        "checkmark" => "✓",
        // Letters.
        "ss" => "ß",
        "SS" => "SS",
        "o" => "ø",
        "O" => "Ø",
        "aa" => "å",
        "AA" => "Å",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "l" => "ł",
        "L" => "Ł",
        "i" => "ı",
        "j" => "ȷ",
        "dh" => "ð",
        "DH" => "Ð",
        "th" => "þ",
        "TH" => "Þ",
        "ng" => "ŋ",
        "NG" => "Ŋ",
        // Logos.
        "TeX" => "TeX",
        "LaTeX" => "LaTeX",
        "LaTeXe" => "LaTeX2ε",
        "XeTeX" => "XeTeX",
        "XeLaTeX" => "XeLaTeX",
        "LuaTeX" => "LuaTeX",
        "LuaLaTeX" => "LuaLaTeX",
        "BibTeX" => "BibTeX",
        "pdfTeX" => "pdfTeX",
        "pdfLaTeX" => "pdfLaTeX",
        // Spaces that are characters.
        "," | "thinspace" => "\u{202F}",
        ":" | ">" | "medspace" => "\u{205F}",
        ";" | "thickspace" => "\u{2004}",
        "enspace" => "\u{2002}",
        "quad" => "\u{2003}",
        "qquad" => "\u{2003}\u{2003}",
        "-" => "\u{AD}",
        _ => return None,
    })
}

/// Accent commands and the combining mark each puts on its argument.
pub fn accent_mark(name: &str) -> Option<char> {
    Some(match name {
        "'" => '\u{301}',
        "`" => '\u{300}',
        "^" => '\u{302}',
        "\"" => '\u{308}',
        "~" => '\u{303}',
        "=" => '\u{304}',
        "." => '\u{307}',
        "u" => '\u{306}',
        "v" => '\u{30C}',
        "H" => '\u{30B}',
        "c" => '\u{327}',
        "k" => '\u{328}',
        "d" => '\u{323}',
        "b" => '\u{331}',
        "r" => '\u{30A}',
        "t" => '\u{361}',
        _ => return None,
    })
}

/// Puts an accent on the first character of `base` (`\'{e}` → é), composing
/// to a precomposed character where Unicode has one.
pub fn apply_accent(mark: char, base: &str) -> String {
    let mut chars = base.chars();
    let Some(first) = chars.next() else {
        // An accent on nothing prints the mark on a space, as TeX does.
        return format!(" {mark}").nfc().collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_and_quotes() {
        assert_eq!(ligatures("a--b---c"), "a–b—c");
        assert_eq!(ligatures("``q'' it's `s'"), "“q” it’s ‘s’");
        assert_eq!(ligatures("plain"), "plain");
    }

    #[test]
    fn accents_compose() {
        assert_eq!(apply_accent(accent_mark("'").unwrap(), "e"), "é");
        assert_eq!(apply_accent(accent_mark("\"").unwrap(), "o"), "ö");
        assert_eq!(apply_accent(accent_mark("c").unwrap(), "c"), "ç");
        assert_eq!(apply_accent(accent_mark("v").unwrap(), "s"), "š");
        assert_eq!(apply_accent(accent_mark("'").unwrap(), "ı"), "í");
        assert_eq!(apply_accent(accent_mark("'").unwrap(), ""), " \u{301}");
    }
}
