//! The template files: embedded in the binary, replaceable by the journal.

use wita_journal::{Journal, TEMPLATE_DIR};
use wita_typst::{Origin, Project};

use crate::{MATH_PATH, TEMPLATE_PATH};

/// One template file and where it came from.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    /// The journal file that replaced the built-in one, if any.
    pub overridden_by: Option<String>,
}

/// The templates an issue is built with.
#[derive(Debug, Clone)]
pub struct Templates {
    pub issue: Template,
    pub math: Template,
    /// The HTML edition's template (it stands in for `issue`).
    pub html: Template,
    /// The HTML edition's stylesheet.
    pub css: Template,
}

impl Templates {
    /// wita's own templates.
    pub fn builtin() -> Self {
        Self {
            issue: Template {
                text: include_str!("../../../templates/issue.typ").to_owned(),
                overridden_by: None,
            },
            math: Template {
                text: include_str!("../../../templates/latex-math.typ").to_owned(),
                overridden_by: None,
            },
            html: Template {
                text: include_str!("../../../templates/html.typ").to_owned(),
                overridden_by: None,
            },
            css: Template {
                text: include_str!("../../../templates/wita.css").to_owned(),
                overridden_by: None,
            },
        }
    }

    /// wita's templates, with any the journal provides in `texlib/wita/`.
    pub fn for_journal(journal: &Journal) -> Self {
        let mut templates = Self::builtin();
        for (name, slot) in [
            ("issue.typ", &mut templates.issue),
            ("latex-math.typ", &mut templates.math),
            ("html.typ", &mut templates.html),
            ("wita.css", &mut templates.css),
        ] {
            let rel = format!("{TEMPLATE_DIR}/{name}");
            if let Ok(bytes) = journal.read(&rel)
                && let Ok(text) = String::from_utf8(bytes)
            {
                *slot = Template {
                    text,
                    overridden_by: Some(rel),
                };
            }
        }
        templates
    }

    pub fn add_to(&self, project: &mut Project) {
        project.add(
            TEMPLATE_PATH,
            self.issue.text.clone().into_bytes(),
            Origin::Internal,
        );
        project.add(
            MATH_PATH,
            self.math.text.clone().into_bytes(),
            Origin::Internal,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG's contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let luminance = |hex: &str| {
            let channel = |i: usize| {
                let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
        };
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn code_colours_are_readable_on_the_code_background() {
        let templates = Templates::builtin();
        let css = &templates.css.text;
        let pre = &css[css.find("\npre {").expect("a rule for pre")..];
        let background = pre[pre.find("background: ").unwrap() + 12..][..7].to_owned();
        let html = &templates.html.text;
        let palette = &html[html.find("#let code-colours").unwrap()..];
        let palette = &palette[..palette.find("\n)").unwrap()];
        let colours: Vec<&str> = palette
            .split('"')
            .filter(|s| s.starts_with('#') && s.len() == 7)
            .collect();
        assert!(colours.len() > 10, "{palette}");
        for colour in colours {
            // WCAG AA's 4.5:1 for text of the code's size.
            let ratio = contrast(colour, &background);
            assert!(ratio >= 4.5, "{colour} on {background}: {ratio:.2}");
            assert!(contrast(colour, "#ffffff") >= 4.5, "{colour} on white");
        }
        assert!((contrast("#d73948", "#f5f5f5") - 4.22).abs() < 0.01);
    }
}
