//! The language an article is written in: `language` in its info.toml (a
//! BCP 47 tag such as `de` or `pt-BR`), else the main language its LaTeX
//! asks babel or polyglossia for, else English. Screen readers and
//! hyphenation go by it.

use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, Span};

use crate::Entry;

/// An ISO 639 language, with an ISO 3166 region when one is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub lang: String,
    pub region: Option<String>,
}

impl Language {
    fn parse(tag: &str) -> Option<Self> {
        let mut parts = tag.trim().split(['-', '_']);
        let lang = parts.next()?.to_ascii_lowercase();
        let region = parts.next().map(str::to_ascii_uppercase);
        let lang_ok = (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase());
        let region_ok = region
            .as_ref()
            .is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()));
        (lang_ok && region_ok && parts.next().is_none()).then_some(Self { lang, region })
    }

    pub fn is_english(&self) -> bool {
        self.lang == "en"
    }
}

/// The article's language (English when nothing says otherwise); a
/// `language` in info.toml that is no language tag is an error there.
pub fn article_language(entry: &Entry, diags: &mut Diagnostics) -> Language {
    let english = Language {
        lang: "en".into(),
        region: None,
    };
    match entry.info.table.get("language") {
        Some(toml::Value::String(tag)) => {
            if let Some(language) = Language::parse(tag) {
                return language;
            }
            let text = &entry.info.text;
            let start = text.find(tag.as_str()).unwrap_or(0);
            diags.push(
                Diagnostic::error(codes::INFO_TOML, format!("info.toml's language `{tag}` is not a language tag"))
                    .at(Span::new(entry.info.file, start..start + tag.len()))
                    .with_help("write an ISO 639 code, with a region if needed: `language = \"de\"`, `\"pt-BR\"`, `\"zh\"`"),
            );
            return english;
        }
        Some(_) => {
            diags.push(
                Diagnostic::error(
                    codes::INFO_TOML,
                    "info.toml's language must be a string, like \"de\"",
                )
                .at(Span::new(entry.info.file, 0..0)),
            );
            return english;
        }
        None => {}
    }
    babel_language(&entry.main_text).unwrap_or(english)
}

/// The main language babel (its last option) or polyglossia
/// (`\setdefaultlanguage`, `\setmainlanguage`) is given in the LaTeX, by
/// the names those packages know.
fn babel_language(tex: &str) -> Option<Language> {
    let mut found = None;
    let mut class_options = String::new();
    for line in tex.lines() {
        let line = uncommented(line);
        for command in ["\\setdefaultlanguage", "\\setmainlanguage"] {
            if let Some(at) = line.find(command) {
                let rest = skip_options(&line[at + command.len()..]);
                if let Some(name) = braced(rest) {
                    found = by_name(name).or(found);
                }
            }
        }
        if let Some(at) = line.find("\\documentclass[") {
            let rest = &line[at + "\\documentclass[".len()..];
            if let Some(end) = rest.find(']') {
                class_options = rest[..end].to_owned();
            }
        }
        if let Some(at) = line.find("\\usepackage") {
            let rest = &line[at + "\\usepackage".len()..];
            let (options, after) = match rest
                .strip_prefix('[')
                .and_then(|r| r.find(']').map(|e| (&r[..e], &r[e + 1..])))
            {
                Some((options, after)) => (options, after),
                None => ("", rest),
            };
            if braced(after).is_some_and(|p| p.split(',').any(|p| p.trim() == "babel")) {
                // babel's main language is the last one named, the class's
                // options (which every package sees) first.
                let last = class_options
                    .split(',')
                    .chain(options.split(','))
                    .filter_map(by_name)
                    .next_back();
                found = last.or(found);
            }
        }
    }
    found
}

fn uncommented(line: &str) -> &str {
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' => escaped = !escaped,
            '%' if !escaped => return &line[..i],
            _ => escaped = false,
        }
    }
    line
}

fn skip_options(text: &str) -> &str {
    let text = text.trim_start();
    match text
        .strip_prefix('[')
        .and_then(|t| t.find(']').map(|e| &t[e + 1..]))
    {
        Some(rest) => rest.trim_start(),
        None => text,
    }
}

fn braced(text: &str) -> Option<&str> {
    let text = text.trim_start().strip_prefix('{')?;
    text.find('}').map(|end| &text[..end])
}

/// babel's and polyglossia's names for the languages most often met.
fn by_name(name: &str) -> Option<Language> {
    let code = match name.trim() {
        "english" | "american" | "british" | "USenglish" | "UKenglish" | "australian"
        | "canadian" | "newzealand" => "en",
        "german" | "ngerman" | "austrian" | "naustrian" | "swissgerman" | "nswissgerman" => "de",
        "french" | "francais" | "acadian" | "canadien" => "fr",
        "spanish" | "spanishmx" => "es",
        "italian" => "it",
        "portuguese" | "portuges" | "brazil" | "brazilian" => "pt",
        "dutch" => "nl",
        "russian" => "ru",
        "ukrainian" => "uk",
        "polish" => "pl",
        "czech" => "cs",
        "slovak" => "sk",
        "swedish" => "sv",
        "danish" => "da",
        "norsk" | "norwegian" | "nynorsk" | "bokmal" => "no",
        "finnish" => "fi",
        "greek" => "el",
        "turkish" => "tr",
        "hungarian" | "magyar" => "hu",
        "romanian" => "ro",
        "catalan" => "ca",
        "croatian" => "hr",
        "serbian" => "sr",
        "slovene" | "slovenian" => "sl",
        "estonian" => "et",
        "latvian" => "lv",
        "lithuanian" => "lt",
        "hebrew" => "he",
        "arabic" => "ar",
        "persian" | "farsi" => "fa",
        "hindi" => "hi",
        "chinese" => "zh",
        "japanese" => "ja",
        "korean" => "ko",
        "vietnamese" => "vi",
        "indonesian" | "bahasa" => "id",
        _ => return None,
    };
    let region = match name.trim() {
        "brazil" | "brazilian" => Some("BR".to_owned()),
        _ => None,
    };
    Some(Language {
        lang: code.to_owned(),
        region,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked() {
        assert_eq!(
            Language::parse("pt-br"),
            Some(Language {
                lang: "pt".into(),
                region: Some("BR".into())
            })
        );
        assert_eq!(Language::parse("de").unwrap().lang, "de");
        assert_eq!(Language::parse("German"), None);
        assert_eq!(Language::parse("d3"), None);
        assert_eq!(Language::parse("en-US-x"), None);
    }

    #[test]
    fn babel_names_its_main_language_last() {
        let tex = "\\usepackage[french, ngerman]{babel}\n";
        assert_eq!(babel_language(tex).unwrap().lang, "de");
        let tex =
            "\\usepackage{polyglossia}\n\\setdefaultlanguage[variant=brazilian]{portuguese}\n";
        assert_eq!(babel_language(tex).unwrap().lang, "pt");
        // Commented out: not asked for.
        assert_eq!(babel_language("% \\usepackage[french]{babel}\n"), None);
        assert_eq!(babel_language("\\usepackage[utf8]{inputenc}\n"), None);
        // The class's options reach babel too.
        let tex = "\\documentclass[a4paper,ngerman]{article}\n\\usepackage{csquotes,babel}\n";
        assert_eq!(babel_language(tex).unwrap().lang, "de");
        let tex = "\\documentclass[ngerman]{article}\n\\usepackage[english]{babel}\n";
        assert_eq!(babel_language(tex).unwrap().lang, "en");
        assert_eq!(babel_language("\\documentclass[ngerman]{article}\n"), None);
    }
}
