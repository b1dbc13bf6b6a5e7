//! Names as biblatex prints them: given names first, `and` between the
//! last two, `et al.` past three.

use biblatex::Person;

use crate::text::field_text;

/// A name list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    pub people: Vec<Person>,
    /// `and others` at the end.
    pub others: bool,
}

/// biblatex's defaults: `maxnames=3`, `minnames=1`.
pub(super) const MAX_NAMES: usize = 3;

impl Names {
    pub(super) fn truncated(&self) -> (Vec<&Person>, bool) {
        if self.people.len() > MAX_NAMES {
            (vec![&self.people[0]], true)
        } else {
            (self.people.iter().collect(), self.others)
        }
    }

    /// `Given Family`, joined with `and` (and the serial comma), `et al.`.
    pub fn full(&self) -> String {
        self.join(full_name)
    }

    /// Family names only, as citations print them.
    pub fn family(&self) -> String {
        self.join(|p| {
            let mut s = String::new();
            if !p.prefix.is_empty() {
                s.push_str(&clean(&p.prefix));
                s.push(' ');
            }
            s.push_str(&clean(&p.name));
            s
        })
    }

    pub(super) fn join(&self, f: impl Fn(&Person) -> String) -> String {
        let (shown, etal) = self.truncated();
        let names: Vec<String> = shown.iter().map(|p| f(p)).collect();
        if etal {
            // `A et al.`, but `A, B, et al.` for an explicit `and others`.
            return format!(
                "{}{} et al.",
                names.join(", "),
                if names.len() > 1 { "," } else { "" }
            );
        }
        match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
        }
    }

    pub(super) fn same_as(&self, other: &Names) -> bool {
        self.people == other.people && self.others == other.others
    }

    pub(super) fn count(&self) -> usize {
        self.people.len() + usize::from(self.others)
    }
}

/// A name part as the crate gives it, with leftover LaTeX resolved.
pub(super) fn clean(s: &str) -> String {
    let chunks = vec![biblatex::Spanned::zero(biblatex::Chunk::Normal(
        s.to_owned(),
    ))];
    field_text(&chunks)
        .with_tex_quotes()
        .plain()
        .trim()
        .to_owned()
}

fn full_name(p: &Person) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in [&p.given_name, &p.prefix, &p.name] {
        if !part.is_empty() {
            parts.push(clean(part));
        }
    }
    let mut s = parts.join(" ");
    // `given-family` puts the suffix after a space (\bibnamedelimd):
    // "M. L. King Jr.".
    if !p.suffix.is_empty() {
        s.push(' ');
        s.push_str(&clean(&p.suffix));
    }
    s
}
