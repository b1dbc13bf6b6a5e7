//! siunitx's options that change what it prints (`\sisetup{..}` and a
//! command's `[..]`): rounding, the decimal marker and digit groups, the
//! uncertainty's form, the exponent's product, how `\per` is written, and
//! the words of ranges, lists and products. Options of fonts and spacing
//! (`detect-all`, `mode`) are the template's and are ignored.

use super::THIN;

/// `round-mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Round {
    None,
    /// `places`: so many decimal places.
    Places,
    /// `figures`: so many significant figures.
    Figures,
}

/// `group-digits`: which parts of a number are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Groups {
    All,
    None,
    Integer,
    Decimal,
}

/// `per-mode`: how `\per` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PerMode {
    /// `m s⁻¹` (siunitx's default).
    Power,
    /// `m/s`, `kg/(m s)`.
    Symbol,
    /// A fraction: `m` over `s`.
    Fraction,
}

/// `uncertainty-mode`: `1.23(5)` or `1.23 ± 0.05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Uncertainty {
    Compact,
    Separate,
}

/// The options in force, siunitx 3's defaults until changed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SiOptions {
    pub round_mode: Round,
    pub round_precision: i64,
    pub round_pad: bool,
    pub round_zero_positive: bool,
    pub drop_zero_decimal: bool,
    pub retain_explicit_plus: bool,
    pub decimal_marker: String,
    pub group_digits: Groups,
    pub group_separator: String,
    pub group_minimum_digits: usize,
    pub exponent_product: String,
    /// `output-exponent-marker`: `1.5e3` instead of a power of ten.
    pub exponent_marker: Option<String>,
    pub uncertainty: Uncertainty,
    pub per_mode: PerMode,
    pub inter_unit_product: String,
    pub quantity_product: String,
    pub range_phrase: String,
    pub list_separator: String,
    pub list_final_separator: String,
    pub list_pair_separator: String,
    pub product_symbol: String,
}

impl Default for SiOptions {
    fn default() -> Self {
        Self {
            round_mode: Round::None,
            round_precision: 2,
            round_pad: true,
            round_zero_positive: true,
            drop_zero_decimal: false,
            retain_explicit_plus: false,
            decimal_marker: ".".into(),
            group_digits: Groups::All,
            group_separator: THIN.into(),
            group_minimum_digits: 5,
            exponent_product: "×".into(),
            exponent_marker: None,
            uncertainty: Uncertainty::Compact,
            per_mode: PerMode::Power,
            inter_unit_product: THIN.into(),
            quantity_product: THIN.into(),
            range_phrase: " to ".into(),
            list_separator: ", ".into(),
            list_final_separator: " and ".into(),
            list_pair_separator: " and ".into(),
            product_symbol: "×".into(),
        }
    }
}

impl SiOptions {
    /// Sets `key` to `value` (its LaTeX, as written); a key without a value
    /// is `true`. Keys that do not change the printed text are ignored.
    pub fn set(&mut self, key: &str, value: Option<&str>) {
        let text = || value.map(option_text).unwrap_or_default();
        let flag = || value.is_none_or(|v| v.trim() == "true");
        match key {
            "round-mode" => {
                self.round_mode = match value.map(str::trim) {
                    Some("places") => Round::Places,
                    Some("figures") => Round::Figures,
                    _ => Round::None,
                }
            }
            "round-precision" => {
                if let Some(n) = value.and_then(|v| v.trim().parse().ok()) {
                    self.round_precision = n;
                }
            }
            "round-pad" => self.round_pad = flag(),
            "round-zero-positive" => self.round_zero_positive = flag(),
            "drop-zero-decimal" => self.drop_zero_decimal = flag(),
            "retain-explicit-plus" => self.retain_explicit_plus = flag(),
            "output-decimal-marker" => self.decimal_marker = text(),
            "group-digits" => {
                self.group_digits = match value.map(str::trim) {
                    Some("false" | "none") => Groups::None,
                    Some("integer") => Groups::Integer,
                    Some("decimal") => Groups::Decimal,
                    _ => Groups::All,
                }
            }
            "group-separator" => self.group_separator = text(),
            "group-minimum-digits" => {
                if let Some(n) = value.and_then(|v| v.trim().parse().ok()) {
                    self.group_minimum_digits = n;
                }
            }
            "exponent-product" => self.exponent_product = text(),
            "output-exponent-marker" => {
                self.exponent_marker = Some(text()).filter(|t| !t.is_empty())
            }
            "uncertainty-mode" | "separate-uncertainty" => {
                let separate = match key {
                    "separate-uncertainty" => flag(),
                    _ => value.is_some_and(|v| v.trim() == "separate"),
                };
                self.uncertainty = if separate {
                    Uncertainty::Separate
                } else {
                    Uncertainty::Compact
                };
            }
            "per-mode" => {
                self.per_mode = match value.map(str::trim) {
                    Some("symbol" | "repeated-symbol" | "single-symbol" | "symbol-or-fraction") => {
                        PerMode::Symbol
                    }
                    Some("fraction") => PerMode::Fraction,
                    _ => PerMode::Power,
                }
            }
            "inter-unit-product" => self.inter_unit_product = text(),
            "quantity-product" | "number-unit-product" => self.quantity_product = text(),
            "range-phrase" => self.range_phrase = text(),
            "list-separator" => self.list_separator = text(),
            "list-final-separator" => self.list_final_separator = text(),
            "list-pair-separator" => self.list_pair_separator = text(),
            "product-symbol" => self.product_symbol = text(),
            "locale" => match value.map(str::trim) {
                Some("DE") => {
                    self.decimal_marker = ",".into();
                    self.exponent_product = "·".into();
                }
                Some("FR" | "ZA" | "PL") => {
                    self.decimal_marker = ",".into();
                    self.exponent_product = "×".into();
                }
                Some("UK" | "US") => {
                    self.decimal_marker = ".".into();
                    self.exponent_product = "×".into();
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// Sets every `key=value` of `options` (siunitx's key–value list).
    pub fn set_all(&mut self, options: &str) {
        for option in super::super::graphics::split_options(options) {
            let option = option.trim();
            if option.is_empty() {
                continue;
            }
            match option.split_once('=') {
                Some((key, value)) => self.set(key.trim(), Some(value)),
                None => self.set(option, None),
            }
        }
    }
}

/// An option's LaTeX value as the text it prints: `{,}` a comma, `\cdot`
/// a centred dot, `\,` a thin space, `--` an en dash, `{ and }` with its
/// spaces.
pub(crate) fn option_text(value: &str) -> String {
    let value = value.trim();
    // One pair of braces around the whole value keeps its spaces.
    let value = match value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
        Some(inner) if !inner.contains(['{', '}']) || balanced(inner) => inner,
        _ => value,
    };
    let mut out = value
        .replace("\\ensuremath", "")
        .replace("\\mathrm", "")
        .replace("\\text", "")
        .replace("\\cdot", "·")
        .replace("\\times", "×")
        .replace("\\,", THIN)
        .replace("\\;", "\u{2005}")
        .replace("\\:", "\u{205F}")
        .replace("\\ ", " ")
        .replace('~', "\u{A0}")
        .replace("---", "—")
        .replace("--", "–");
    out.retain(|c| !matches!(c, '{' | '}' | '$'));
    out
}

/// Whether the braces of `text` pair up.
fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_read_as_siunitx_reads_them() {
        let mut o = SiOptions::default();
        o.set_all("round-mode = places, round-precision = 3, output-decimal-marker={,}, group-separator={.}");
        assert_eq!(o.round_mode, Round::Places);
        assert_eq!(o.round_precision, 3);
        assert_eq!(o.decimal_marker, ",");
        assert_eq!(o.group_separator, ".");
        o.set_all("locale=DE, per-mode=symbol, separate-uncertainty, range-phrase=--");
        assert_eq!(o.exponent_product, "·");
        assert_eq!(o.per_mode, PerMode::Symbol);
        assert_eq!(o.uncertainty, Uncertainty::Separate);
        assert_eq!(o.range_phrase, "–");
        o.set_all("inter-unit-product = \\ensuremath{{}\\cdot{}}, list-final-separator = { und }");
        assert_eq!(o.inter_unit_product, "·");
        assert_eq!(o.list_final_separator, " und ");
        // Options of fonts and spacing change nothing here.
        let before = o.clone();
        o.set_all("detect-all, mode=text");
        assert_eq!(o, before);
    }
}
