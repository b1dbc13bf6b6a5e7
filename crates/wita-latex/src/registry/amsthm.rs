//! Theorems: LaTeX's and amsthm's `\newtheorem`, `\theoremstyle`, and the
//! `proof` environment.
//!
//! A theorem is set as LaTeX sets it: its name and number in bold, the note
//! in parentheses, the body in italics (style `plain`) or upright
//! (`definition`, `remark`). The reader numbers theorems itself (its own
//! counter, or one shared with `\newtheorem{b}[a]{..}`, reset by the headings
//! of `[section]`), so that a `\ref` to one prints its number: references to
//! theorem labels are resolved when the article has been read.

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind, Style};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::lex::detokenize;
use crate::reader::{Reader, Stop, TheoremRef, push_parbreak, push_text};

/// A theorem-like environment from `\newtheorem`.
#[derive(Debug, Clone)]
pub(crate) struct Theorem {
    /// What its head says (`Lemma`).
    pub title: Content,
    /// Its title as text, for `\autoref`.
    pub title_text: String,
    /// The counter it steps (its own name, or the shared one's); `None` when
    /// unnumbered (`\newtheorem*`).
    pub counter: Option<String>,
    /// `plain` (italic body), `definition` or `remark` (upright).
    pub style: String,
}

/// A theorem counter: its value and the heading level that resets it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counter {
    pub value: u32,
    pub within: Option<u8>,
}

/// `\newtheorem{name}[shared]{Title}[within]`, `\newtheorem*{name}{Title}`.
fn newtheorem(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let star = r.read_star();
    let (env, _) = r.expect_arg(name, span);
    let env = detokenize(&env).trim().to_owned();
    let shared = r
        .read_optional()
        .map(|(t, _)| detokenize(&t).trim().to_owned());
    let (title_tokens, _) = r.expect_arg(name, span);
    let within = r
        .read_optional()
        .map(|(t, _)| detokenize(&t).trim().to_owned());
    let title_text = r.arg_string(title_tokens.clone());
    let title = r.content_of(title_tokens);
    let counter = if star {
        None
    } else if let Some(shared) = shared {
        // A counter of its own if the shared one was never defined.
        r.theorem_counters.entry(shared.clone()).or_default();
        Some(shared)
    } else {
        let within = within.as_deref().map(heading_level);
        r.theorem_counters
            .insert(env.clone(), Counter { value: 0, within });
        Some(env.clone())
    };
    let style = r.theorem_style.clone();
    r.theorems.insert(
        env,
        Theorem {
            title,
            title_text,
            counter,
            style,
        },
    );
}

/// The theorem-like environments that article classes and journal styles
/// provide without a `\newtheorem` (llncs, svjour, IEEEtran's kin), with
/// their style: used without one, they are set as those classes set them.
const CLASS_THEOREMS: &[(&str, &str, &str)] = &[
    ("theorem", "Theorem", "plain"),
    ("lemma", "Lemma", "plain"),
    ("proposition", "Proposition", "plain"),
    ("corollary", "Corollary", "plain"),
    ("conjecture", "Conjecture", "plain"),
    ("claim", "Claim", "plain"),
    ("definition", "Definition", "definition"),
    ("example", "Example", "definition"),
    ("assumption", "Assumption", "definition"),
    ("problem", "Problem", "definition"),
    ("exercise", "Exercise", "definition"),
    ("property", "Property", "plain"),
    ("remark", "Remark", "remark"),
    ("note", "Note", "remark"),
    ("observation", "Observation", "remark"),
];

/// Defines `name` as its class would, if it is one of [`CLASS_THEOREMS`]
/// (and nothing defined it); whether it did.
pub(crate) fn class_theorem(r: &mut Reader<'_>, name: &str) -> bool {
    let Some((env, title, style)) = CLASS_THEOREMS.iter().find(|(env, ..)| *env == name) else {
        return false;
    };
    if r.envs.contains_key(name) {
        return false;
    }
    let span = r.input.peek().map(|t| t.span);
    let Some(span) = span else {
        return false;
    };
    let (counter, within) = class_numbering(r.class.as_deref(), env);
    if let Some(counter) = &counter {
        r.theorem_counters
            .entry(counter.clone())
            .or_insert(Counter { value: 0, within });
    }
    r.theorems.insert(
        (*env).to_owned(),
        Theorem {
            title: vec![Node::new(NodeKind::Text((*title).to_owned()), span)],
            title_text: (*title).to_owned(),
            counter,
            style: (*style).to_owned(),
        },
    );
    true
}

/// How a class numbers the theorem-like environment `env` it provides: the
/// counter it steps (`None`: unnumbered) and the heading level that resets
/// it. ElegantNote and ElegantPaper number within sections, lemmas and
/// propositions on the theorems' counter, corollaries and remarks not at
/// all; book-like classes (ElegantBook, the theses') within chapters,
/// but for ElegantBook's unnumbered remarks and notes; the
/// article classes of journals (llncs, svjour, IEEEtran's kin) straight on.
fn class_numbering(class: Option<&str>, env: &str) -> (Option<String>, Option<u8>) {
    let class = class.unwrap_or("article");
    let own = Some(env.to_owned());
    if matches!(class, "elegantnote" | "elegantpaper") {
        return match env {
            "lemma" | "proposition" => (Some("theorem".to_owned()), Some(1)),
            "corollary" | "remark" | "note" => (None, None),
            _ => (own, Some(1)),
        };
    }
    // ElegantBook's remark, note, solution, assumption, conclusion and
    // property are plain environments, with a name and no number.
    if class == "elegantbook"
        && matches!(
            env,
            "remark" | "note" | "solution" | "assumption" | "conclusion" | "property"
        )
    {
        return (None, None);
    }
    let book_like = matches!(
        class,
        "book"
            | "report"
            | "scrbook"
            | "scrreprt"
            | "memoir"
            | "elegantbook"
            | "ctexbook"
            | "ctexrep"
    ) || class.ends_with("thesis")
        || class.ends_with("thss");
    if book_like {
        return (own, Some(0));
    }
    (own, None)
}

/// The level of a heading command named in `\newtheorem{..}{..}[section]`.
fn heading_level(name: &str) -> u8 {
    match name {
        "chapter" | "part" => 0,
        "subsection" => 2,
        "subsubsection" => 3,
        _ => 1,
    }
}

fn theoremstyle(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    r.theorem_style = detokenize(&tokens).trim().to_owned();
}

/// Reads `\begin{name}[note] .. \end{name}` of a theorem defined by `\newtheorem`.
pub(crate) fn theorem(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let Some(def) = r.theorems.get(&name).cloned() else {
        return;
    };
    let note = r.read_optional().map(|(tokens, _)| r.content_of(tokens));
    let note_text = note.as_deref().map(wita_doc::plain_text);
    let number = def.counter.as_ref().map(|counter| r.step_theorem(counter));
    let mut head = def.title.clone();
    if let Some(number) = &number {
        push_text(&mut head, format!(" {number}"), begin);
        // Labels inside it name the theorem: `\ref` prints its number.
        let named = format!("{} {number}", def.title_text);
        let title = note_text.unwrap_or_else(|| named.clone());
        r.theorem_stack.push(TheoremRef {
            named,
            number: number.clone(),
            title,
            env: name.clone(),
            name: def.title_text.clone(),
        });
    } else {
        let title = note_text.unwrap_or_else(|| def.title_text.clone());
        r.theorem_stack.push(TheoremRef {
            named: def.title_text.clone(),
            number: String::new(),
            title,
            env: name.clone(),
            name: def.title_text.clone(),
        });
    }
    let body = r.content(Stop::Env(name, begin));
    r.theorem_stack.pop();
    push_parbreak(out, begin);
    out.push(Node::new(NodeKind::NoIndent, begin));
    out.push(Node::new(NodeKind::Styled(Style::Bold, head), begin));
    if let Some(note) = note {
        out.push(Node::new(NodeKind::Space, begin));
        let mut note_content = vec![Node::new(NodeKind::Text("(".into()), begin)];
        note_content.extend(note);
        note_content.push(Node::new(NodeKind::Text(")".into()), begin));
        // The note is in the head's font in `plain` (upright, not bold).
        out.push(Node::new(NodeKind::Group(note_content), begin));
    }
    out.push(Node::new(
        NodeKind::Styled(
            Style::Bold,
            vec![Node::new(NodeKind::Text(".".into()), begin)],
        ),
        begin,
    ));
    out.push(Node::new(NodeKind::Space, begin));
    let italic = matches!(def.style.as_str(), "" | "plain");
    if italic {
        let mut group = vec![Node::new(NodeKind::SetStyle(Style::Italic), begin)];
        group.extend(body);
        out.push(Node::new(NodeKind::Group(group), begin));
    } else {
        out.extend(body);
    }
    push_parbreak(out, begin);
}

/// `\begin{proof}[heading] .. \end{proof}`: "Proof." in italics, the body,
/// and the end mark (∎) at the end of its last line.
fn proof(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let heading = match r.read_optional() {
        Some((tokens, _)) => r.content_of(tokens),
        None => vec![Node::new(NodeKind::Text("Proof".into()), begin)],
    };
    let placed = std::mem::replace(&mut r.qed_placed, false);
    let mut body = r.content(Stop::Env(name, begin));
    while matches!(
        body.last().map(|n| &n.kind),
        Some(NodeKind::Space | NodeKind::Parbreak)
    ) {
        body.pop();
    }
    push_parbreak(out, begin);
    let mut head = heading;
    head.push(Node::new(NodeKind::Text(".".into()), begin));
    out.push(Node::new(NodeKind::Styled(Style::Italic, head), begin));
    out.push(Node::new(NodeKind::Space, begin));
    out.extend(body);
    if !std::mem::replace(&mut r.qed_placed, placed) {
        qed(r, "qed", begin, out);
    }
    push_parbreak(out, begin);
}

/// The end-of-proof mark, pushed to the end of the line.
fn qed(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    if name == "qedhere" {
        r.qed_placed = true;
    }
    out.push(Node::new(NodeKind::HFill, span));
    out.push(Node::new(NodeKind::Text("∎".into()), span));
}

impl Reader<'_> {
    /// Steps a theorem counter; its number as printed (`2.3` when reset by
    /// sections).
    pub(crate) fn step_theorem(&mut self, counter: &str) -> String {
        let entry = self.theorem_counters.entry(counter.to_owned()).or_default();
        entry.value += 1;
        let (value, within) = (entry.value, entry.within);
        match within {
            Some(level) => format!("{}.{value}", self.heading_number(level)),
            None => value.to_string(),
        }
    }

    /// The number of the heading of `level` the reader is in, as
    /// `\thesection` prints it: within sections of a document with
    /// chapters the chapter's number leads (`2.1`), and after `\appendix`
    /// the top level is lettered (`A.1`).
    pub(crate) fn heading_number(&self, level: u8) -> String {
        let level = level.min(3);
        let first = if self.saw_chapter { 0 } else { 1.min(level) };
        let mut parts: Vec<String> = self.heading_numbers[first as usize..=level as usize]
            .iter()
            .map(u32::to_string)
            .collect();
        if self.in_appendix
            && let Some(top) = parts.first_mut()
            && let Some(n) = self.heading_numbers[first as usize].checked_sub(1)
            && n < 26
        {
            *top = char::from(b'A' + n as u8).to_string();
        }
        parts.join(".")
    }

    /// `\appendix`: the sections (a book's chapters) after it are counted
    /// from A.
    pub(crate) fn start_appendix(&mut self) {
        self.in_appendix = true;
        self.heading_numbers = [0; 4];
    }

    /// A numbered heading of `level` (0, a chapter, to 3) starts: theorem
    /// counters reset by it (or by a higher one) start again.
    pub(crate) fn count_heading(&mut self, level: u8) {
        let i = (level as usize).min(3);
        if i == 0 {
            self.saw_chapter = true;
        }
        self.heading_numbers[i] += 1;
        for deeper in &mut self.heading_numbers[i + 1..] {
            *deeper = 0;
        }
        for counter in self.theorem_counters.values_mut() {
            if counter.within.is_some_and(|w| w >= level) {
                counter.value = 0;
            }
        }
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("newtheorem", "s m o m o", Command(newtheorem), "defines a theorem-like environment (own counter, `[shared]`, reset `[within]`, `*` unnumbered)"),
    entry("newframedtheorem", "s m o m o", Command(newtheorem), "ntheorem's framed theorem: defined as `\\newtheorem` (the frame is not drawn)"),
    entry("newshadedtheorem", "s m o m o", Command(newtheorem), "ntheorem's shaded theorem: defined as `\\newtheorem` (the shading is not drawn)"),
    entry("theoremstyle", "m", Command(theoremstyle), "the style of the theorems defined next (`plain`: italic body; `definition`, `remark`: upright)"),
    entry("newtheoremstyle", "m m m m m m m m m", Command(ignore), "ignored: theorems are set in the three amsthm styles"),
    entry("swapnumbers", "", Command(ignore), "ignored"),
    entry("proof", "o", Environment(proof), "a proof: \"Proof.\" in italics, ending with ∎"),
    entry("qed", "", Command(qed), "the end-of-proof mark ∎"),
    entry("qedhere", "", Command(qed), "the end-of-proof mark here (not again at the proof's end)"),
    entry("qedsymbol", "", Command(qed), "the end-of-proof mark ∎"),
];
