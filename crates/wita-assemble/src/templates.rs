//! The template files: embedded in the binary, replaceable by the journal.

use wita_compile::{Origin, Project};
use wita_journal::{Journal, TEMPLATE_DIR};

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
