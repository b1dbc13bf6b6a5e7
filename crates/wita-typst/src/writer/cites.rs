//! Citations and reference lists: keys of the article's own list (its
//! cite.bib's entries, or a hand-written `thebibliography`) printed as
//! biblatex's numeric style prints them and linked to their item; other keys
//! left to typst's bibliography.

use std::fmt::Write;

use wita_doc::CiteMode;

use super::{T, Writer};
use crate::escape::{markup, string};

impl Writer {
    /// A citation command.
    pub(super) fn cite(&mut self, cite: &wita_doc::Cite) {
        // Keys of a hand-written bibliography print their item's number
        // and link to it; the others go to typst's bibliography.
        let (items, keys): (Vec<_>, Vec<_>) = cite
            .keys
            .iter()
            .partition(|k| self.options.bibitems.contains_key(&k.value));
        if !items.is_empty() {
            self.cite_items(cite, &items);
        }
        let last = keys.len().saturating_sub(1);
        for (i, key) in keys.iter().enumerate() {
            if cite.mode == CiteMode::NoCite && key.value == "*" {
                // `\nocite{*}`: the assembler lists the whole file.
                continue;
            }
            let start = self.out.len();
            self.out.push_str("#cite(label(");
            string(&key.value, &mut self.out);
            self.out.push(')');
            match cite.mode {
                CiteMode::NoCite => self.out.push_str(", form: none"),
                CiteMode::Author => self.out.push_str(", form: \"author\""),
                CiteMode::Year => self.out.push_str(", form: \"year\""),
                CiteMode::Text => self.out.push_str(", form: \"prose\""),
                CiteMode::Full | CiteMode::FootFull => self.out.push_str(", form: \"full\""),
                _ => {}
            }
            if i == last
                && items.is_empty()
                && let Some(post) = &cite.postnote
            {
                self.out.push_str(", supplement: ");
                self.bracket(post);
            }
            self.out.push_str(");");
            self.map.push(start, self.out.len(), key.span);
        }
    }

    /// `\printbibliography`: the article's reference list, if it has one.
    pub(super) fn bibliography(&mut self) {
        // Taken out while written (no copy per `\printbibliography`).
        if let Some(items) = self.options.references.take() {
            let widest = self.options.widest_reference.take();
            self.bib_items(&items, widest.as_deref());
            self.options.widest_reference = widest;
            self.options.references = Some(items);
        }
    }

    /// A citation of keys the article's own list holds (its cite.bib's
    /// entries, or a hand-written `thebibliography`), the way biblatex's
    /// numeric style prints each command: `[see 3, p. 5]`, `Author [3]`…
    fn cite_items(&mut self, cite: &wita_doc::Cite, keys: &[&wita_doc::Spanned<String>]) {
        let data = |w: &Self, k: &str| w.options.cite_data.get(k).cloned().unwrap_or_default();
        let sep = |w: &mut Self, i: usize, n: usize| {
            if i > 0 {
                w.out.push_str(if i + 1 == n && n == 2 {
                    " and "
                } else if i + 1 == n {
                    ", and "
                } else {
                    ", "
                });
            }
        };
        let n = keys.len();
        match cite.mode {
            CiteMode::NoCite => {}
            CiteMode::Author | CiteMode::Year | CiteMode::Url => {
                for (i, key) in keys.iter().enumerate() {
                    sep(self, i, n);
                    let start = self.out.len();
                    let d = data(self, &key.value);
                    match cite.mode {
                        CiteMode::Author => {
                            markup(d.names.as_deref().unwrap_or(&key.value), &mut self.out)
                        }
                        CiteMode::Year => markup(d.year.as_deref().unwrap_or(""), &mut self.out),
                        _ => {
                            if let Some(url) = d.url {
                                let _ = write!(self.out, "#{T}.url(");
                                string(&url, &mut self.out);
                                self.out.push_str(");");
                            }
                        }
                    }
                    self.map.push(start, self.out.len(), key.span);
                }
            }
            CiteMode::Title => {
                for (i, key) in keys.iter().enumerate() {
                    sep(self, i, n);
                    let start = self.out.len();
                    let title = data(self, &key.value).title;
                    self.content(&title);
                    self.map.push(start, self.out.len(), key.span);
                }
            }
            CiteMode::Text => {
                for (i, key) in keys.iter().enumerate() {
                    sep(self, i, n);
                    if let Some(names) = data(self, &key.value).names {
                        markup(&names, &mut self.out);
                        self.out.push(' ');
                    }
                    self.out.push_str("\\[");
                    if i == 0 {
                        self.prenote(cite);
                    }
                    self.cite_link(key);
                    if i + 1 == n {
                        self.postnote(cite);
                    }
                    self.out.push_str("\\]");
                }
            }
            CiteMode::Super => {
                self.out.push_str("#super[\\[");
                for (i, key) in keys.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.cite_link(key);
                }
                self.out.push_str("\\]];");
            }
            CiteMode::Full | CiteMode::FootFull => {
                // biblatex's `\fullcite`: each entry as the reference list
                // prints it (`\footfullcite`: in a footnote), the notes
                // around them.
                let foot = cite.mode == CiteMode::FootFull;
                if foot {
                    self.out.push_str("#footnote[");
                }
                self.prenote(cite);
                for (i, key) in keys.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str("; ");
                    }
                    let start = self.out.len();
                    let target = self
                        .options
                        .bibitem_targets
                        .get(&key.value)
                        .cloned()
                        .unwrap_or_else(|| key.value.clone());
                    let body = self
                        .options
                        .references
                        .as_ref()
                        .and_then(|items| items.iter().find(|item| item.key == target))
                        .map(|item| without_final_period(item.body.clone()));
                    match body {
                        Some(body) => self.content(&body),
                        // Not in the list (a hand-written bibliography's
                        // item printed elsewhere): its number.
                        None => {
                            self.out.push_str("\\[");
                            self.cite_link(key);
                            self.out.push_str("\\]");
                        }
                    }
                    self.map.push(start, self.out.len(), key.span);
                }
                self.postnote(cite);
                if foot {
                    // A footnote is a sentence: closed by a period.
                    self.out.push_str(".];");
                }
            }
            CiteMode::Foot => {
                // biblatex's numeric `\footcite`: the numbers without
                // brackets in a footnote, closed by a period.
                self.out.push_str("#footnote[");
                self.cite_numbers(cite, keys);
                self.out.push_str(".];");
            }
            CiteMode::Normal => {
                self.out.push_str("\\[");
                self.cite_numbers(cite, keys);
                self.out.push_str("\\]");
            }
        }
    }

    /// `see 1, 3, p. 5`: the prenote, the numbers and the postnote.
    fn cite_numbers(&mut self, cite: &wita_doc::Cite, keys: &[&wita_doc::Spanned<String>]) {
        self.prenote(cite);
        for (i, key) in keys.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.cite_link(key);
        }
        self.postnote(cite);
    }

    /// A reference list: hand-written `\bibitem`s (labels sized by their
    /// own) or the rendered cite.bib (`widest`: the document's widest label).
    pub(super) fn bib_items(&mut self, items: &[wita_doc::BibItem], widest: Option<&str>) {
        self.block(|w| {
            let _ = write!(w.out, "#{T}.bibitems(");
            if let Some(widest) = widest {
                w.out.push_str("widest: ");
                string(widest, &mut w.out);
                w.out.push_str(", ");
            }
            for item in items {
                let start = w.out.len();
                let target = if w.anchored.insert(item.key.clone()) {
                    w.label_value(&format!("bibitem:{}", item.key))
                } else {
                    "none".to_owned()
                };
                w.out.push_str("(label: ");
                match &item.label {
                    Some(label) => w.bracket(label),
                    None => {
                        w.out.push('[');
                        w.item_number(&item.key);
                        w.out.push(']');
                    }
                }
                let _ = write!(w.out, ", target: {target}, body: ");
                w.bracket(&item.body);
                w.out.push_str("), ");
                w.map.push(start, w.out.len(), item.span);
            }
            w.out.push_str(");");
        })
    }

    fn cite_link(&mut self, key: &wita_doc::Spanned<String>) {
        let start = self.out.len();
        let item = self
            .options
            .bibitem_targets
            .get(&key.value)
            .unwrap_or(&key.value);
        let target = self.label_value(&format!("bibitem:{item}"));
        let _ = write!(self.out, "#link({target})[");
        self.item_number(&key.value);
        self.out.push_str("];");
        self.map.push(start, self.out.len(), key.span);
    }

    /// What a reference list item is called by: its number or `[label]`.
    fn item_number(&mut self, key: &str) {
        if let Some(shown) = self.options.bibitems.get(key) {
            markup(shown, &mut self.out);
        }
    }

    fn prenote(&mut self, cite: &wita_doc::Cite) {
        if let Some(pre) = &cite.prenote
            && !wita_doc::plain_text(pre).trim().is_empty()
        {
            self.content(pre);
            self.out.push(' ');
        }
    }

    /// `, p. 5`: a bare page number gets biblatex's `p.`/`pp.` prefix.
    fn postnote(&mut self, cite: &wita_doc::Cite) {
        let Some(post) = &cite.postnote else { return };
        let text = wita_doc::plain_text(post);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.out.push_str(", ");
        let is_number = |s: &str| {
            !s.is_empty()
                && s.chars().all(|c| {
                    c.is_ascii_digit()
                        || c.is_ascii_uppercase() && "IVXLCDM".contains(c)
                        || c.is_ascii_lowercase() && "ivxlcdm".contains(c)
                })
        };
        if is_number(text) {
            let _ = write!(self.out, "p.~");
        } else if let Some((a, b)) = text.split_once(['-', '–'])
            && is_number(a.trim_end_matches('-'))
            && is_number(b.trim_start_matches('-'))
        {
            let _ = write!(self.out, "pp.~");
            markup(
                &format!("{}–{}", a.trim_end_matches('-'), b.trim_start_matches('-')),
                &mut self.out,
            );
            return;
        }
        self.content(post);
    }
}

/// An entry's text without the period that closes it in the list: in the
/// text (`\fullcite`) the postnote, or the sentence, comes after it.
fn without_final_period(mut body: wita_doc::Content) -> wita_doc::Content {
    fn strip(content: &mut wita_doc::Content) {
        match content.last_mut().map(|n| &mut n.kind) {
            Some(wita_doc::NodeKind::Text(t)) if t.ends_with('.') => {
                t.pop();
            }
            Some(wita_doc::NodeKind::Group(c) | wita_doc::NodeKind::Styled(_, c)) => strip(c),
            _ => {}
        }
    }
    strip(&mut body);
    body
}
