//! The names that `\autoref` (hyperref) and `\cref`/`\Cref` (cleveref)
//! print before a number, decided once the whole article is read (a
//! reference may come before its label).
//!
//! What a label names is known from where it stands: a heading (a section,
//! or an appendix after `\appendix`), a float (figure, table, algorithm), an
//! equation, an item of a numbered list, a theorem (whose type for
//! cleveref is its environment: `lemma`'s words, or the name it prints for
//! a type cleveref names no word for). The name comes from the package's
//! defaults (cleveref: `fig.`, `eq.`, `table`; `Figure`, `Equation` for
//! `\Cref`; its `capitalise` and `noabbrev` options), the document's
//! `\crefname`/`\Crefname`, and hyperref's `\…autorefname` macros. Typst
//! prints the number (`Ref` with [`RefKind::Number`], or
//! [`RefKind::Equation`] for cleveref's `(1)`). A list item's number is
//! known here and printed as text, as LaTeX's `\ref` prints it (`2`, `1a`,
//! `(b)`).

use std::collections::HashMap;

use wita_diag::Span;
use wita_doc::{Content, FloatKind, ListKind, Node, NodeKind, Ref, RefKind};

use crate::reader::Reader;

mod names;

/// What a label names.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Heading {
        level: u8,
        appendix: bool,
    },
    Float(FloatKind),
    Equation,
    /// An item of a numbered list, with the number `\ref` prints.
    Item(String),
    /// Anything else (an anchor in text): LaTeX's current label, a section's.
    Other,
    /// A theorem-like environment (`lemma`), with the name it prints.
    Theorem {
        env: String,
        name: String,
    },
}

impl Target {
    /// cleveref's type name (what `\crefname` names).
    fn cleveref_type(&self) -> &'static str {
        match self {
            Target::Heading { appendix: true, .. } => "appendix",
            Target::Heading { level: 0, .. } => "chapter",
            Target::Heading { level: 1, .. } => "section",
            Target::Heading { level: 2, .. } => "subsection",
            Target::Heading { level: 3, .. } => "subsubsection",
            Target::Heading { .. } => "paragraph",
            Target::Float(FloatKind::Figure) => "figure",
            Target::Float(FloatKind::Subfigure(_)) => "subfigure",
            Target::Float(FloatKind::Table) => "table",
            Target::Float(FloatKind::Algorithm) => "algorithm",
            Target::Float(FloatKind::Listing) => "listing",
            Target::Equation => "equation",
            Target::Item(_) => "enumi",
            Target::Other => "section",
            // Its environment's name (see `ref_name`).
            Target::Theorem { .. } => "theorem",
        }
    }
}

/// Where each label points.
/// With chapters, heading levels are counted from the chapter's, 0.
fn collect_targets(
    content: &[Node],
    appendix: &mut bool,
    chapters: bool,
    out: &mut HashMap<String, Target>,
) {
    for node in content {
        let mut add = |label: &Option<String>, target: Target| {
            if let Some(label) = label {
                out.entry(label.clone()).or_insert(target);
            }
        };
        match &node.kind {
            NodeKind::Appendix(_) => *appendix = true,
            NodeKind::Heading(h) => add(
                &h.label,
                Target::Heading {
                    level: h.level - u8::from(chapters),
                    appendix: *appendix && h.level == 1,
                },
            ),
            NodeKind::Float(f) => add(&f.label, Target::Float(f.kind)),
            NodeKind::Math(m) => {
                add(&m.label, Target::Equation);
                for row in &m.row_labels {
                    add(&Some(row.clone()), Target::Equation);
                }
            }
            NodeKind::Subequations { label, .. } => add(label, Target::Equation),
            NodeKind::Anchor(name) => add(&Some(name.clone()), Target::Other),
            NodeKind::List(list) if list.kind == ListKind::Numbered => {
                collect_items(list, "", 1, appendix, chapters, out);
                continue;
            }
            _ => {}
        }
        for child in wita_doc::children(node) {
            collect_targets(child, appendix, chapters, out);
        }
    }
}

/// The labels of a numbered list's items: each the item's number as `\ref`
/// prints it (its parent item's number before it, as LaTeX's `\p@enumii`).
fn collect_items(
    list: &wita_doc::List,
    parent: &str,
    depth: usize,
    appendix: &mut bool,
    chapters: bool,
    out: &mut HashMap<String, Target>,
) {
    let start = list.start.unwrap_or(1);
    for (i, item) in list.items.iter().enumerate() {
        let n = start + i as u64;
        // LaTeX's `\p@enumii` puts the parent item's reference first.
        let own = match &list.reference {
            Some(reference) => with_counter(reference, n),
            None => default_counter(depth, n),
        };
        let number = format!("{parent}{own}");
        // Labels directly in the item (not in a nested list).
        for node in &item.body {
            match &node.kind {
                NodeKind::Anchor(name) => {
                    out.entry(name.clone())
                        .or_insert(Target::Item(number.clone()));
                }
                NodeKind::List(inner) if inner.kind == ListKind::Numbered => {
                    collect_items(inner, &number, depth + 1, appendix, chapters, out);
                }
                _ => collect_targets(std::slice::from_ref(node), appendix, chapters, out),
            }
        }
    }
}

/// enumerate's counters by depth: `1`, `a`, `i`, `A`.
fn default_counter(depth: usize, n: u64) -> String {
    match depth {
        1 => n.to_string(),
        2 => alpha(n, false),
        3 => roman(n).to_lowercase(),
        _ => alpha(n, true),
    }
}

/// A list item's reference with `n` for its counter's marks
/// ([`wita_doc::List::counter`]).
fn with_counter(reference: &str, n: u64) -> String {
    wita_doc::List::fill_counter(reference, |style| match style {
        'a' => alpha(n, false),
        'A' => alpha(n, true),
        'i' => roman(n).to_lowercase(),
        'I' => roman(n),
        _ => n.to_string(),
    })
}

fn alpha(n: u64, upper: bool) -> String {
    let base = if upper { b'A' } else { b'a' };
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push((base + (n % 26) as u8) as char);
        n /= 26;
    }
    out.iter().rev().collect()
}

fn roman(n: u64) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, letters) in table {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// Which command asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Autoref,
    Cref,
    CrefCapital,
}

/// hyperref's `\…autorefname` defaults (English).
fn autoref_default(target: &Target) -> &'static str {
    match target {
        Target::Heading { appendix: true, .. } => "Appendix",
        Target::Heading { level: 0, .. } => "chapter",
        Target::Heading { level: 1, .. } => "section",
        Target::Heading { level: 2, .. } => "subsection",
        Target::Heading { level: 3, .. } => "subsubsection",
        Target::Heading { .. } => "paragraph",
        Target::Float(FloatKind::Table) => "Table",
        Target::Float(FloatKind::Algorithm) => "Algorithm",
        Target::Float(FloatKind::Listing) => "Listing",
        Target::Float(_) => "Figure",
        Target::Equation => "Equation",
        Target::Item(_) => "item",
        Target::Other | Target::Theorem { .. } => "section",
    }
}

/// `text` with its first letter in small letters (cleveref's `\cref`).
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with its first letter in capitals.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn capitalise_content(mut content: Content) -> Content {
    if let Some(Node {
        kind: NodeKind::Text(t),
        ..
    }) = content.first_mut()
    {
        *t = capitalise(t);
    }
    content
}

fn text(t: impl Into<String>, span: Span) -> Node {
    Node::new(NodeKind::Text(t.into()), span)
}

impl Reader<'_> {
    /// babel's main language (the last language option the class or babel
    /// is given) or polyglossia's: hyperref's `\autoref` speaks it.
    fn babel_language(&self) -> Option<&str> {
        if let Some(language) = &self.main_language {
            return Some(language);
        }
        self.options_seen_by("babel")
            .filter(|o| names::is_babel_language(o))
            .last()
    }

    /// cleveref's words: its language's (its options' or the class's).
    fn cleveref_words(&self) -> &'static names::Cleveref {
        names::cleveref(self.options_seen_by("cleveref"))
    }

    /// The name printed before the number(s) of a reference.
    fn ref_name(&mut self, target: &Target, form: Form, plural: bool, span: Span) -> Content {
        if form == Form::Autoref {
            // `\renewcommand{\sectionautorefname}{Section}`.
            let macro_name = match target {
                Target::Heading { appendix: true, .. } => "appendixautorefname".to_owned(),
                Target::Item(_) => "itemautorefname".to_owned(),
                Target::Other => "sectionautorefname".to_owned(),
                t => format!("{}autorefname", t.cleveref_type()),
            };
            if let Some(m) = self
                .macros
                .get(&macro_name)
                .filter(|m| m.params == 0)
                .cloned()
            {
                return self.content_of(m.body.as_ref().clone());
            }
            let kind = match target {
                Target::Other => "section",
                t => t.cleveref_type(),
            };
            let name = self
                .babel_language()
                .and_then(|language| names::autoref(language, kind))
                .unwrap_or_else(|| autoref_default(target));
            return vec![text(name, span)];
        }
        let kind = match target {
            Target::Theorem { env, .. } => env.as_str(),
            t => match t.cleveref_type() {
                // cleveref names subsections and deeper as sections.
                "subsection" | "subsubsection" => "section",
                "subfigure" => "figure",
                k => k,
            },
        };
        let capital = form == Form::CrefCapital || self.cleveref_capitalises();
        let pick = |names: &(Content, Content)| {
            if plural {
                names.1.clone()
            } else {
                names.0.clone()
            }
        };
        if form == Form::CrefCapital
            && let Some(names) = self.cref_names.get(&(true, kind.to_owned()))
        {
            return pick(names);
        }
        if let Some(names) = self.cref_names.get(&(false, kind.to_owned())) {
            let name = pick(names);
            return if capital {
                capitalise_content(name)
            } else {
                name
            };
        }
        // `\Cref`'s names are the full words; `\cref`'s are abbreviated
        // unless `noabbrev`, and in small letters unless `capitalise` (in
        // the languages that write them so). A kind the language names no
        // word for gets English's, and a kind English names none for a
        // section's.
        let abbreviate = !self.loaded_with("cleveref", "noabbrev");
        let capital_form = form == Form::CrefCapital;
        if let Target::Theorem { name, .. } = target {
            // A theorem of a type cleveref names (`lemma`) gets its words;
            // another (`\newtheorem{obs}{Observation}`) the name it prints,
            // in small letters for `\cref` in every language.
            let words = self.cleveref_words();
            let (name, lowercases) = match words.names(kind, capital_form, abbreviate) {
                Some((one, many)) => (if plural { many } else { one }, words.lowercases),
                None => (name.as_str(), true),
            };
            let name = if lowercases && !capital {
                lowercase_first(name)
            } else {
                name.to_owned()
            };
            return vec![text(name, span)];
        }
        let english = names::cleveref(std::iter::empty());
        let (words, (one, many)) = [self.cleveref_words(), english]
            .into_iter()
            .find_map(|w| Some((w, w.names(kind, capital_form, abbreviate)?)))
            .or_else(|| Some((english, english.names("section", capital_form, abbreviate)?)))
            .expect("English names sections");
        let name = if plural { many } else { one };
        let name = if words.lowercases && !capital {
            lowercase_first(name)
        } else {
            name.to_owned()
        };
        vec![text(name, span)]
    }

    /// The number of one target, as the form prints it.
    fn ref_number(&self, label: &str, target: &Target, form: Form, span: Span) -> Node {
        if let Target::Item(number) = target {
            return text(number.clone(), span);
        }
        if let Target::Theorem { .. } = target {
            let number = self.theorem_refs.get(label).map(|t| t.number.clone());
            return text(number.unwrap_or_default(), span);
        }
        let kind = if *target == Target::Equation && form != Form::Autoref {
            RefKind::Equation
        } else {
            RefKind::Number
        };
        Node::new(
            NodeKind::Ref(Ref {
                label: label.to_owned(),
                kind,
            }),
            span,
        )
    }

    /// Writes the names of `\autoref`, `\cref` and `\Cref` references, and
    /// the numbers of references to list items, into the body.
    pub(crate) fn name_references(&mut self, body: &mut Content) {
        let mut targets = HashMap::new();
        collect_targets(body, &mut false, self.chapters, &mut targets);
        self.name_in(body, &targets);
    }

    fn name_in(&mut self, content: &mut Content, targets: &HashMap<String, Target>) {
        for node in content.iter_mut() {
            let refs = match &node.kind {
                NodeKind::Ref(r) => vec![r.clone()],
                NodeKind::Group(inner)
                    if !inner.is_empty()
                        && inner.iter().all(
                            |n| matches!(&n.kind, NodeKind::Ref(r) if form_of(r.kind).is_some()),
                        ) =>
                {
                    inner
                        .iter()
                        .filter_map(|n| match &n.kind {
                            NodeKind::Ref(r) => Some(r.clone()),
                            _ => None,
                        })
                        .collect()
                }
                _ => Vec::new(),
            };
            if !refs.is_empty() {
                if let Some(replacement) = self.named(&refs, targets, node.span) {
                    node.kind = NodeKind::Group(replacement);
                }
                continue;
            }
            for child in wita_doc::children_mut(node) {
                self.name_in(child, targets);
            }
        }
    }

    /// The text of one reference command, or `None` to leave it as it is
    /// (a theorem's label, resolved apart; a label nothing defines, `??`).
    fn named(
        &mut self,
        refs: &[Ref],
        targets: &HashMap<String, Target>,
        span: Span,
    ) -> Option<Content> {
        let first = refs.first()?;
        let Some(form) = form_of(first.kind) else {
            // `\ref` to a list item: its number.
            if first.kind == RefKind::Number
                && let Some(Target::Item(number)) = targets.get(&first.label)
                && refs.len() == 1
            {
                return Some(vec![text(number.clone(), span)]);
            }
            return None;
        };
        let theorem = |r: &Ref| self.theorem_refs.contains_key(&r.label);
        let undefined = |r: &Ref| !targets.contains_key(&r.label) && !theorem(r);
        if refs.iter().any(undefined) || (form == Form::Autoref && refs.iter().any(theorem)) {
            if refs.len() == 1 {
                return None;
            }
            // Each on its own, as before (theorems print their own names).
            let mut out = Vec::new();
            for (i, r) in refs.iter().enumerate() {
                if i > 0 {
                    out.push(text(", ", span));
                }
                match targets.get(&r.label) {
                    Some(target) if !self.theorem_refs.contains_key(&r.label) => {
                        out.extend(self.ref_name(target, form, false, span));
                        out.push(Node::new(NodeKind::NbSpace, span));
                        out.push(self.ref_number(&r.label, target, form, span));
                    }
                    _ => out.push(Node::new(NodeKind::Ref(r.clone()), span)),
                }
            }
            return Some(out);
        }
        // cleveref groups the labels by type, in the order the types come
        // (a theorem's type is its environment).
        let mut groups: Vec<(String, Vec<(&Ref, Target)>)> = Vec::new();
        for r in refs {
            let (key, target) = match self.theorem_refs.get(&r.label) {
                Some(t) => (
                    format!("theorem:{}", t.env),
                    Target::Theorem {
                        env: t.env.clone(),
                        name: t.name.clone(),
                    },
                ),
                None => {
                    let target = targets[&r.label].clone();
                    (target.cleveref_type().to_owned(), target)
                }
            };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push((r, target)),
                None => groups.push((key, vec![(r, target)])),
            }
        }
        let words = self.cleveref_words();
        let mut out = Vec::new();
        let count = groups.len();
        for (g, (_, members)) in groups.iter().enumerate() {
            if g > 0 {
                out.push(text(
                    match (count, g + 1 == count) {
                        (2, _) => words.group_pair,
                        (_, true) => words.group_last,
                        _ => ", ",
                    },
                    span,
                ));
            }
            let form = if g > 0 && form == Form::CrefCapital {
                // Only the first name starts a sentence.
                Form::Cref
            } else {
                form
            };
            out.extend(self.ref_name(&members[0].1, form, members.len() > 1, span));
            out.push(Node::new(NodeKind::NbSpace, span));
            let n = members.len();
            let range = n == 2 && self.ranges.contains(&span);
            // Three or more numbers: cleveref makes ranges of the
            // consecutive ones, which only the laid-out article knows.
            let numbers: Vec<Ref> = members
                .iter()
                .filter_map(|(r, target)| {
                    match self.ref_number(&r.label, target, form, span).kind {
                        NodeKind::Ref(r) => Some(r),
                        // A list item's number is known here, as text.
                        _ => None,
                    }
                })
                .collect();
            if n >= 3 && !range && numbers.len() == n {
                out.push(Node::new(
                    NodeKind::RefList {
                        refs: numbers,
                        from: words.range_before.to_owned(),
                        to: words.range.to_owned(),
                        last: words.and.to_owned(),
                    },
                    span,
                ));
                continue;
            }
            if range && !words.range_before.is_empty() {
                out.push(text(words.range_before, span));
            }
            for (i, (r, target)) in members.iter().enumerate() {
                if i > 0 {
                    let conjunction = if range {
                        words.range
                    } else if i + 1 == n {
                        words.and
                    } else {
                        ", "
                    };
                    out.push(text(conjunction, span));
                }
                out.push(self.ref_number(&r.label, target, form, span));
            }
        }
        Some(out)
    }
}

fn form_of(kind: RefKind) -> Option<Form> {
    match kind {
        RefKind::Named => Some(Form::Autoref),
        RefKind::Clever => Some(Form::Cref),
        RefKind::NamedCapital => Some(Form::CrefCapital),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_references_number_as_ref_prints_them() {
        let mark = wita_doc::List::counter;
        assert_eq!(with_counter(&format!("({})", mark('a')), 2), "(b)");
        assert_eq!(with_counter(&mark('i'), 4), "iv");
        assert_eq!(
            with_counter(&format!("Step {}.", mark('1')), 12),
            "Step 12."
        );
        assert_eq!(
            with_counter(&format!("{}-{}", mark('A'), mark('I')), 3),
            "C-III"
        );
        assert_eq!(alpha(27, false), "aa");
        assert_eq!(default_counter(2, 3), "c");
    }
}
