//! xcolor's colours: names, mixes (`red!50`, `red!30!blue`) and models
//! (`[rgb]{1,0,0}`, `[RGB]{255,0,0}`, `[HTML]{FF0000}`, `[gray]{0.5}`).

use std::collections::HashMap;

use wita_doc::Rgb;

/// xcolor's base colours and the dvipsnames authors use most.
fn named(name: &str) -> Option<Rgb> {
    Some(match name {
        "red" => Rgb(255, 0, 0),
        "green" => Rgb(0, 255, 0),
        "blue" => Rgb(0, 0, 255),
        "cyan" => Rgb(0, 255, 255),
        "magenta" => Rgb(255, 0, 255),
        "yellow" => Rgb(255, 255, 0),
        "black" => Rgb(0, 0, 0),
        "white" => Rgb(255, 255, 255),
        "gray" => Rgb(128, 128, 128),
        "darkgray" => Rgb(64, 64, 64),
        "lightgray" => Rgb(191, 191, 191),
        "brown" => Rgb(191, 128, 64),
        "lime" => Rgb(191, 255, 0),
        "olive" => Rgb(128, 128, 0),
        "orange" => Rgb(255, 128, 0),
        "pink" => Rgb(255, 191, 191),
        "purple" => Rgb(191, 0, 64),
        "teal" => Rgb(0, 128, 128),
        "violet" => Rgb(128, 0, 128),
        "Maroon" => Rgb(175, 50, 53),
        "NavyBlue" => Rgb(0, 110, 184),
        "ForestGreen" => Rgb(0, 155, 85),
        "RoyalBlue" => Rgb(0, 113, 188),
        "BrickRed" => Rgb(182, 50, 28),
        "Goldenrod" => Rgb(255, 223, 66),
        "Gray" => Rgb(148, 150, 152),
        _ => return None,
    })
}

/// A colour as written, with the colours the document defined.
pub fn parse_color(model: Option<&str>, spec: &str, defined: &HashMap<String, Rgb>) -> Option<Rgb> {
    let spec = spec.trim();
    let numbers = |sep: char| -> Vec<f64> {
        spec.split(sep)
            .filter_map(|n| n.trim().parse::<f64>().ok())
            .collect()
    };
    let unit = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    match model.map(str::trim) {
        Some("rgb") => match numbers(',').as_slice() {
            [r, g, b] => Some(Rgb(unit(*r), unit(*g), unit(*b))),
            _ => None,
        },
        Some("RGB") => match numbers(',').as_slice() {
            [r, g, b] => Some(Rgb(
                r.clamp(0.0, 255.0) as u8,
                g.clamp(0.0, 255.0) as u8,
                b.clamp(0.0, 255.0) as u8,
            )),
            _ => None,
        },
        Some("HTML") => {
            let hex = spec.trim_start_matches('#');
            if hex.len() != 6 || !hex.is_ascii() {
                return None;
            }
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
            Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
        }
        Some("gray") => numbers(',')
            .first()
            .map(|g| Rgb(unit(*g), unit(*g), unit(*g))),
        Some("cmyk") => match numbers(',').as_slice() {
            [c, m, y, k] => Some(Rgb(
                unit((1.0 - c) * (1.0 - k)),
                unit((1.0 - m) * (1.0 - k)),
                unit((1.0 - y) * (1.0 - k)),
            )),
            _ => None,
        },
        Some(_) => None,
        None => mix(spec, defined),
    }
}

/// `red`, `red!50` (with white), `red!30!blue`, `-red` (complement).
fn mix(expr: &str, defined: &HashMap<String, Rgb>) -> Option<Rgb> {
    let lookup = |name: &str| defined.get(name).copied().or_else(|| named(name));
    let (complement, expr) = match expr.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, expr),
    };
    let mut parts = expr.split('!');
    let mut color = lookup(parts.next()?.trim())?;
    while let Some(percent) = parts.next() {
        let percent: f64 = percent.trim().parse().ok()?;
        let other = match parts.next() {
            Some(name) => lookup(name.trim())?,
            None => Rgb(255, 255, 255),
        };
        let p = (percent / 100.0).clamp(0.0, 1.0);
        let blend = |a: u8, b: u8| (f64::from(a) * p + f64::from(b) * (1.0 - p)).round() as u8;
        color = Rgb(
            blend(color.0, other.0),
            blend(color.1, other.1),
            blend(color.2, other.2),
        );
    }
    if complement {
        color = Rgb(255 - color.0, 255 - color.1, 255 - color.2);
    }
    Some(color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        let d = HashMap::new();
        assert_eq!(parse_color(None, "red", &d), Some(Rgb(255, 0, 0)));
        assert_eq!(parse_color(None, "red!50", &d), Some(Rgb(255, 128, 128)));
        assert_eq!(parse_color(None, "red!50!blue", &d), Some(Rgb(128, 0, 128)));
        assert_eq!(
            parse_color(Some("HTML"), "1A2B3C", &d),
            Some(Rgb(0x1a, 0x2b, 0x3c))
        );
        assert_eq!(
            parse_color(Some("rgb"), "1,0.5,0", &d),
            Some(Rgb(255, 128, 0))
        );
        assert_eq!(
            parse_color(Some("RGB"), "10,20,30", &d),
            Some(Rgb(10, 20, 30))
        );
        assert_eq!(parse_color(None, "nosuch", &d), None);
        assert_eq!(parse_color(Some("HTML"), "日本語xx", &d), None);
        let mut defined = HashMap::new();
        defined.insert("brand".to_owned(), Rgb(1, 2, 3));
        assert_eq!(parse_color(None, "brand", &defined), Some(Rgb(1, 2, 3)));
    }
}
