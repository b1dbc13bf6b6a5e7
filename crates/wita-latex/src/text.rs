//! TeX's input ligatures: what TeX fonts make of ASCII dashes and quotes
//! (characters by command name are in the registry's `symbols`).

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_and_quotes() {
        assert_eq!(ligatures("a--b---c"), "a–b—c");
        assert_eq!(ligatures("``q'' it's `s'"), "“q” it’s ‘s’");
        assert_eq!(ligatures("plain"), "plain");
    }
}
