//! Text as Typst markup and as Typst string literals.

/// Escapes text so that Typst markup prints it literally.
///
/// Characters that start markup (`# * _ $ [ ] < > @ ~ \` …) are always
/// escaped; those that only matter in some contexts (`-` before a digit or
/// `-`, `.` of `...` or after a number, `/` of a comment, `:` of a URL) are
/// escaped there, so the generated markup stays readable.
pub fn markup(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let escape = match c {
            '\\' | '#' | '*' | '_' | '`' | '$' | '[' | ']' | '<' | '>' | '@' | '~' | '\'' | '"'
            | '=' | '+' => true,
            '-' => next.is_none_or(|n| n == '-' || n == '?' || n.is_numeric() || n.is_whitespace()),
            '.' => {
                next == Some('.')
                    || (prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_none_or(char::is_whitespace))
            }
            '/' => next.is_none_or(|n| n == '/' || n == '*' || n.is_whitespace()),
            ':' => next == Some('/'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Writes a Typst string literal.
pub fn string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

pub fn string_lit(text: &str) -> String {
    let mut out = String::new();
    string(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut out = String::new();
        markup(s, &mut out);
        out
    }

    #[test]
    fn specials_are_escaped_and_plain_text_is_not() {
        assert_eq!(esc("pre-COVID 2014-2020 a/b"), "pre-COVID 2014\\-2020 a/b");
        assert_eq!(
            esc("#1 *x* _y_ $5 [a] <b> @c ~ \\"),
            "\\#1 \\*x\\* \\_y\\_ \\$5 \\[a\\] \\<b\\> \\@c \\~ \\\\"
        );
        assert_eq!(esc("a--b -1 x-"), "a\\--b \\-1 x\\-");
        assert_eq!(
            esc("1. item... https://x.org // no"),
            "1\\. item\\.\\.. https\\:\\//x.org \\/\\/ no"
        );
        assert_eq!(esc("it's \"q\""), "it\\'s \\\"q\\\"");
    }

    #[test]
    fn strings() {
        assert_eq!(string_lit("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u{1}\"");
    }
}
