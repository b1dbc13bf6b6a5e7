//! TeX's input ligatures: what TeX fonts make of ASCII dashes and quotes
//! (characters by command name are in the registry's `symbols`).

/// Applies the ligatures TeX fonts make from ASCII input: dashes and quotes.
/// A `"` at the start opens a quotation (see [`ligatures_after`]).
pub fn ligatures(s: &str) -> String {
    ligatures_after(s, None)
}

/// [`ligatures`] for text that follows `before` (the last character printed
/// before it, `None` after a space or at a paragraph's start).
///
/// XeLaTeX's TeX ligatures make every ASCII `"` a closing quote (”), which
/// is right after a word and the journal's old build's mistake before one:
/// a `"` opens (“) where a quotation can start, after a space, an opening
/// bracket or quote, or a dash, and closes (”) elsewhere.
pub fn ligatures_after(s: &str, before: Option<char>) -> String {
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
            ('"', _, _) => {
                // Nothing printed yet: what came before the text.
                let prev = out.chars().next_back().or(before);
                let opens = prev.is_none_or(|p| {
                    p.is_whitespace()
                        || matches!(p, '(' | '[' | '{' | '‘' | '“' | '—' | '–' | '-' | '/')
                });
                out.push(if opens { '“' } else { '”' });
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
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
    fn ascii_double_quotes_open_and_close() {
        assert_eq!(
            ligatures(r#""Hard to Solve" and ("this")"#),
            "“Hard to Solve” and (“this”)"
        );
        assert_eq!(ligatures(r#"``mixed" --"x""#), "“mixed” –“x”");
        // After a word printed before the text, a closing quote.
        assert_eq!(ligatures_after(r#"". Next"#, Some('d')), "”. Next");
        assert_eq!(ligatures_after(r#""Next""#, Some(' ')), "“Next”");
    }
}
