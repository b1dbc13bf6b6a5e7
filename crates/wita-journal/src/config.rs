//! The journal's own settings for wita: `wita.toml` at the journal root,
//! optional. The journal's LaTeX build never reads it.
//!
//! ```toml
//! [pdf]
//! # The PDF standards every PDF of the journal conforms to (typst's names).
//! standard = "a-2b,ua-1"
//! ```

use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, Sources, Span};

use crate::paths::Journal;

/// Where the settings live, under the journal root.
pub const CONFIG: &str = "wita.toml";

/// `wita.toml`'s settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// `[pdf] standard`: as written, and where.
    pub pdf_standard: Option<(String, Span)>,
}

/// Reads `wita.toml` when the journal has one; a problem in it is an error at
/// its line.
pub fn read_config(journal: &Journal, sources: &Sources, diags: &mut Diagnostics) -> Config {
    if !journal.exists(CONFIG) {
        return Config::default();
    }
    let Some((file, text)) =
        crate::read_text(journal, sources, CONFIG, "the settings", None, diags)
    else {
        return Config::default();
    };
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    codes::WITA_TOML,
                    format!("wita.toml: {}", e.message().trim()),
                )
                .at(Span::new(file, e.span().unwrap_or(0..0))),
            );
            return Config::default();
        }
    };
    // toml's tables do not keep spans: a value is found again in the text.
    let at = |needle: &str| {
        let start = text.find(needle).unwrap_or(0);
        Span::new(file, start..start + needle.len().min(text.len() - start))
    };
    let mut config = Config::default();
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("pdf", toml::Value::Table(pdf)) => {
                for (key, value) in pdf {
                    match (key.as_str(), value) {
                        ("standard", toml::Value::String(s)) => {
                            config.pdf_standard = Some((s.clone(), at(s)));
                        }
                        ("standard", _) => diags.push(
                            Diagnostic::error(
                                codes::WITA_TOML,
                                "`pdf.standard` must be a string, like \"a-2b,ua-1\"",
                            )
                            .at(at("standard")),
                        ),
                        (other, _) => diags.push(
                            Diagnostic::warning(
                                codes::WITA_TOML,
                                format!("`pdf.{other}` is not a setting wita knows"),
                            )
                            .at(at(other)),
                        ),
                    }
                }
            }
            (other, _) => diags.push(
                Diagnostic::warning(
                    codes::WITA_TOML,
                    format!("`{other}` is not a setting wita knows"),
                )
                .at(at(other))
                .with_help("wita.toml has a `[pdf]` table with `standard`"),
            ),
        }
    }
    config
}
