//! TeX dimensions as written in arguments (`3cm`, `.5\linewidth`, `7pt plus 1pt`),
//! read once for the translator's arguments and the math converter's
//! `\hspace`.

use crate::Length;

/// Parses a dimension; `None` when it is not one.
pub fn parse_length(text: &str) -> Option<Length> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // Glue: `7pt plus 2pt minus 1pt` keeps its natural size.
    let s = s
        .split("plus")
        .next()
        .unwrap_or("")
        .split("minus")
        .next()
        .unwrap_or("");
    let s = s.strip_prefix('=').unwrap_or(s);
    let num_end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-' || c == '+'))
        .map_or(s.len(), |(i, _)| i);
    let (num, unit) = s.split_at(num_end);
    let factor = match num {
        "" | "+" => 1.0,
        "-" => -1.0,
        n => n.replace(',', ".").parse::<f64>().ok()?,
    };
    if !factor.is_finite() {
        return None;
    }
    let unit = unit.trim_start_matches('\\');
    let pt_per = |u: &str| -> Option<f64> {
        Some(match u {
            "pt" => 1.0,
            "bp" => 72.27 / 72.0,
            "mm" => 72.27 / 25.4,
            "cm" => 72.27 / 2.54,
            "in" => 72.27,
            "pc" => 12.0,
            "dd" => 1238.0 / 1157.0,
            "cc" => 12.0 * 1238.0 / 1157.0,
            "sp" => 1.0 / 65536.0,
            "px" => 72.27 / 96.0,
            _ => return None,
        })
    };
    // TeX points are 1/72.27 in; Typst's are 1/72 in.
    let to_big_points = 72.0 / 72.27;
    if let Some(p) = pt_per(unit) {
        return Some(Length::Pt(factor * p * to_big_points));
    }
    match unit {
        "em" => Some(Length::Em(factor)),
        "ex" => Some(Length::Em(factor * 0.45)),
        "linewidth" | "textwidth" | "columnwidth" | "hsize" | "displaywidth" => {
            Some(Length::Width(factor))
        }
        "paperwidth" => Some(Length::Width(factor * 1.42)),
        "baselineskip" => Some(Length::Em(factor * 1.2)),
        "parindent" => Some(Length::Em(factor * 2.0)),
        "smallskipamount" => Some(Length::SmallSkip),
        "medskipamount" => Some(Length::MedSkip),
        "bigskipamount" => Some(Length::BigSkip),
        "fill" | "stretch" => None,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(l: Option<Length>) -> f64 {
        match l {
            Some(Length::Pt(p)) => (p * 100.0).round() / 100.0,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn units() {
        assert_eq!(pt(parse_length("72.27pt")), 72.0);
        assert_eq!(pt(parse_length("1in")), 72.0);
        assert_eq!(pt(parse_length("2.54cm")), 72.0);
        assert_eq!(pt(parse_length(" 7pt plus 2pt minus 1pt")), 6.97);
        assert_eq!(parse_length("2em"), Some(Length::Em(2.0)));
        assert_eq!(parse_length("0.5\\linewidth"), Some(Length::Width(0.5)));
        assert_eq!(parse_length("\\textwidth"), Some(Length::Width(1.0)));
        assert_eq!(parse_length("=1.5em"), Some(Length::Em(1.5)));
        assert_eq!(parse_length("banana"), None);
        assert_eq!(parse_length(""), None);
        assert_eq!(parse_length("1e999pt"), None);
    }
}
