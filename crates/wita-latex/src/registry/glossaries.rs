//! Terms and acronyms: glossaries (and glossaries-extra), and the acronym
//! package. An entry prints its long form with the short one the first time
//! it is used (`convolutional neural network (CNN)`) and the short form
//! after, as the packages print them; the lists (`\printglossaries`) need
//! makeglossaries' sorting run and are left out.

use std::collections::HashMap;

use wita_diag::{Span, codes};
use wita_doc::{Content, List, ListItem, ListKind, Node, NodeKind};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::lex::{Token, TokenKind};
use crate::reader::{Reader, Stop, push_block, push_text, split_chars};

/// A defined term or acronym.
#[derive(Debug, Clone, Default)]
pub struct Term {
    /// What later uses print (glossaries' `text`, an acronym's short form).
    pub text: Content,
    pub plural: Content,
    /// What the first use prints, when it differs (`long (short)`).
    pub first: Option<Content>,
    pub first_plural: Option<Content>,
    pub short: Content,
    pub long: Content,
    pub long_plural: Content,
    pub description: Content,
}

/// `text` followed by `suffix`.
fn with(text: &Content, suffix: &str, span: Span) -> Content {
    let mut out = text.clone();
    push_text(&mut out, suffix.into(), span);
    out
}

/// `long (short)`.
fn long_short(long: &Content, short: &Content, span: Span) -> Content {
    let mut out = long.clone();
    push_text(&mut out, " (".into(), span);
    out.extend(short.iter().cloned());
    push_text(&mut out, ")".into(), span);
    out
}

/// An acronym whose first use prints `long (short)` (`full_first`) or the
/// short form only (glossaries-extra's `\newacronym`).
fn acronym(short: Content, long: Content, full_first: bool, span: Span) -> Term {
    let plural = with(&short, "s", span);
    let long_plural = with(&long, "s", span);
    Term {
        first: full_first.then(|| long_short(&long, &short, span)),
        first_plural: full_first.then(|| long_short(&long_plural, &plural, span)),
        text: short.clone(),
        plural,
        short,
        long,
        long_plural,
        description: Content::new(),
    }
}

/// `key=value, key={value}` at the top level of `tokens`.
pub(super) fn key_values(tokens: Vec<Token>) -> Vec<(String, Vec<Token>)> {
    let mut flat = Vec::new();
    for token in tokens {
        match token.kind {
            TokenKind::Text(_) => flat.extend(split_chars(token)),
            _ => flat.push(token),
        }
    }
    let mut out = Vec::new();
    let mut key = String::new();
    let mut value: Option<Vec<Token>> = None;
    let mut depth = 0usize;
    let mut finish = |key: &mut String, value: &mut Option<Vec<Token>>| {
        let name = key.trim().to_owned();
        if !name.is_empty() {
            let mut v = value.take().unwrap_or_default();
            // `name={Foo}`: the braces around the whole value go.
            while matches!(v.first().map(|t| &t.kind), Some(TokenKind::Space)) {
                v.remove(0);
            }
            while matches!(v.last().map(|t| &t.kind), Some(TokenKind::Space)) {
                v.pop();
            }
            if v.first().map(|t| &t.kind) == Some(&TokenKind::BeginGroup)
                && v.last().map(|t| &t.kind) == Some(&TokenKind::EndGroup)
                && crate::lex::group_end(&v, 1) == v.len() - 1
            {
                v = v[1..v.len() - 1].to_vec();
            }
            out.push((name, v));
        }
        key.clear();
        *value = None;
    };
    for token in flat {
        match &token.kind {
            TokenKind::BeginGroup => depth += 1,
            TokenKind::EndGroup => depth = depth.saturating_sub(1),
            TokenKind::Text(t) if depth == 0 && t == "," => {
                finish(&mut key, &mut value);
                continue;
            }
            TokenKind::Text(t) if depth == 0 && t == "=" && value.is_none() => {
                value = Some(Vec::new());
                continue;
            }
            _ => {}
        }
        match &mut value {
            Some(v) => v.push(token),
            None => match &token.kind {
                TokenKind::Text(t) => key.push_str(t),
                TokenKind::Space => key.push(' '),
                _ => {}
            },
        }
    }
    finish(&mut key, &mut value);
    out
}

/// The content of the value of `name` among `values`, if given.
fn value(r: &mut Reader<'_>, values: &[(String, Vec<Token>)], name: &str) -> Option<Content> {
    values
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| r.content_of(v.clone()))
}

fn key_of(r: &mut Reader<'_>, name: &str, span: Span) -> String {
    let (tokens, _) = r.expect_arg(name, span);
    r.arg_string(tokens).trim().to_owned()
}

/// `\newacronym[options]{key}{short}{long}` (glossaries; glossaries-extra
/// prints the short form only, also the first time) and glossaries-extra's
/// `\newabbreviation`, which prints `long (short)` first.
fn new_acronym(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let options = r
        .read_optional()
        .map(|(t, _)| key_values(t))
        .unwrap_or_default();
    let key = key_of(r, name, span);
    let (short, _) = r.arg_content(name, span);
    let (long, _) = r.arg_content(name, span);
    let full_first = name == "newabbreviation" || !r.loaded("glossaries-extra");
    let mut term = acronym(short, long, full_first, span);
    if let Some(plural) = value(r, &options, "shortplural") {
        term.plural = plural.clone();
        if let Some(first) = &mut term.first_plural {
            *first = long_short(&term.long_plural, &plural, span);
        }
    }
    if let Some(long_plural) = value(r, &options, "longplural") {
        term.long_plural = long_plural;
        if term.first_plural.is_some() {
            term.first_plural = Some(long_short(&term.long_plural, &term.plural, span));
        }
    }
    if let Some(description) = value(r, &options, "description") {
        term.description = description;
    }
    r.glossary.insert(key, term);
}

/// `\newglossaryentry{key}{name=…, description=…, plural=…, first=…}` and
/// `\longnewglossaryentry{key}{…}{description}`.
fn new_entry(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let key = key_of(r, name, span);
    let (tokens, _) = r.expect_arg(name, span);
    let values = key_values(tokens);
    let term_name = value(r, &values, "name").unwrap_or_default();
    let text = value(r, &values, "text").unwrap_or_else(|| term_name.clone());
    let plural = value(r, &values, "plural").unwrap_or_else(|| with(&text, "s", span));
    let first = value(r, &values, "first");
    let first_plural =
        value(r, &values, "firstplural").or_else(|| first.as_ref().map(|f| with(f, "s", span)));
    let description = if name == "longnewglossaryentry" {
        r.arg_content(name, span).0
    } else {
        value(r, &values, "description").unwrap_or_default()
    };
    r.glossary.insert(
        key,
        Term {
            short: text.clone(),
            long: text.clone(),
            long_plural: plural.clone(),
            text,
            plural,
            first,
            first_plural,
            description,
        },
    );
}

/// The acronym package's `\acro{key}[short]{long}` (in the `acronym`
/// environment, which lists them) and `\acrodef`, `\newacro` (which do not).
fn acro(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let key = key_of(r, name, span);
    let short = match r.read_optional() {
        Some((tokens, _)) => r.content_of(tokens),
        None => {
            let mut c = Content::new();
            push_text(&mut c, key.clone(), span);
            c
        }
    };
    let (long, _) = r.arg_content(name, span);
    let term = acronym(short.clone(), long.clone(), true, span);
    r.glossary.insert(key, term);
    if name == "acro" {
        // In the environment's list: the short form, then the long one.
        out.push(Node::new(NodeKind::Group(short), span));
        out.push(Node::new(
            NodeKind::Unknown {
                name: ACRO_ITEM.into(),
                args: vec![long],
            },
            span,
        ));
    }
}

/// The marker between an `\acro`'s label and its text in the environment.
const ACRO_ITEM: &str = "\u{0}acro";

/// The acronym package's `acronym` environment: its `\acro`s, listed as a
/// description (`nolist` leaves the list out).
fn acronym_env(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_optional();
    let body = r.content(Stop::Env(name, begin));
    if r.loaded_with("acronym", "nolist") {
        return;
    }
    let mut items = Vec::new();
    let mut label = None;
    for node in body {
        match node.kind {
            NodeKind::Group(short) => label = Some(short),
            NodeKind::Unknown { name, mut args } if name == ACRO_ITEM => items.push(ListItem {
                label: label.take(),
                body: args.pop().unwrap_or_default(),
                span: node.span,
            }),
            _ => {}
        }
    }
    if !items.is_empty() {
        let list = List {
            kind: ListKind::Description,
            items,
            label: None,
            reference: None,
            start: None,
            vertical: true,
        };
        push_block(out, Node::new(NodeKind::List(list), begin), begin);
    }
}

/// What a use of a term prints.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// `\gls`, `\ac`: the first time `long (short)`, then short.
    Use,
    Short,
    Long,
    Full,
    Description,
}

/// `\gls{key}`, `\ac{key}` and their kin: `Gls`/`Ac` capitalise, `pl`/`p`
/// make it plural, `GLS` sets it in capitals.
fn use_term(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_star();
    while r.read_optional().is_some() {}
    let key = key_of(r, name, span);
    let lower = name.to_ascii_lowercase();
    // glossaries' `…pl`, the acronym package's `…p` (`\acp`, `\aclp`).
    let base = if let Some(base) = lower.strip_suffix("pl") {
        Some(base)
    } else if lower.starts_with("ac") && !lower.starts_with("acr") {
        lower.strip_suffix('p')
    } else {
        None
    };
    let plural = base.is_some();
    let form = match base.unwrap_or(&lower) {
        "gls" | "ac" => Form::Use,
        "acrshort" | "glsxtrshort" | "acs" | "glsentryshort" => Form::Short,
        "acrlong" | "glsxtrlong" | "acl" | "glsentrylong" => Form::Long,
        "acrfull" | "glsxtrfull" | "acf" => Form::Full,
        "glsdesc" | "glsentrydesc" => Form::Description,
        // `\glstext`, `\glsentrytext`, `\glsname`, `\glsentryname`.
        _ => Form::Short,
    };
    // glossaries' final optional argument: text put after the term.
    let insert = if lower.starts_with("gls") {
        r.read_optional().map(|(t, _)| r.content_of(t))
    } else {
        None
    };
    let Some(term) = r.glossary.get(&key).cloned() else {
        r.warn(
            codes::UNDEFINED_REFERENCE,
            span,
            format!("no term or acronym `{key}` is defined; the key is printed instead"),
        );
        push_text(out, key, span);
        return;
    };
    let first = !r.glossary_used.contains(&key);
    // Marking as used: a use, or the full form of the acronym package.
    if form == Form::Use || (form == Form::Full && lower.starts_with("ac")) {
        r.glossary_used.insert(key.clone());
    }
    let mut shown = match (form, plural) {
        (Form::Use, false) if first => term.first.unwrap_or(term.text),
        (Form::Use, true) if first => term.first_plural.unwrap_or(term.plural),
        (Form::Use, false) => term.text,
        (Form::Use, true) => term.plural,
        (Form::Short, false) => term.short,
        (Form::Short, true) => term.plural,
        (Form::Long, false) => term.long,
        (Form::Long, true) => term.long_plural,
        (Form::Full, false) => long_short(&term.long, &term.short, span),
        (Form::Full, true) => long_short(&term.long_plural, &term.plural, span),
        (Form::Description, _) => term.description,
    };
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        let all = name.len() > 1 && name[..2].chars().all(|c| c.is_ascii_uppercase());
        capitalise(&mut shown, all);
    }
    if let Some(insert) = insert {
        shown.extend(insert);
    }
    out.push(Node::new(NodeKind::Group(shown), span));
}

/// The first letter (or, with `all`, every letter) of `content` in capitals.
fn capitalise(content: &mut Content, all: bool) {
    let mut done = false;
    wita_doc::walk_mut(content, &mut |node| {
        if done {
            return;
        }
        if let NodeKind::Text(t) = &mut node.kind {
            if all {
                *t = t.to_uppercase();
            } else if !t.is_empty() {
                *t = crate::crossref::capitalise(t);
                done = true;
            }
        }
    });
}

/// `\glsreset{key}`: the next use is a first use again;
/// `\glsunset`, `\acused`: it is not.
fn reset(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let key = key_of(r, name, span);
    if name.contains("reset") {
        r.glossary_used.remove(&key);
    } else {
        r.glossary_used.insert(key);
    }
}

fn reset_all(r: &mut Reader<'_>, name: &str, _: Span, _: &mut Content) {
    if name.contains("unset") {
        let keys: Vec<String> = r.glossary.keys().cloned().collect();
        r.glossary_used.extend(keys);
    } else {
        r.glossary_used.clear();
    }
}

/// `\loadglsentries[type]{file}`: the file's definitions, read as `\input`.
fn load_entries(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.read_optional();
    let (tokens, arg_span) = r.expect_arg(name, span);
    let written = r.arg_string(tokens);
    super::core::read_input_file(r, written.trim(), span.join(arg_span));
}

/// The terms defined so far, by key.
pub type Glossary = HashMap<String, Term>;

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("newacronym", "o m m m", Command(new_acronym), "an acronym: `long (short)` the first time, the short form after"),
    entry("newabbreviation", "o m m m", Command(new_acronym), "glossaries-extra's abbreviation: `long (short)` the first time"),
    entry("loadglsentries", "o m", Command(load_entries), "reads the file of term definitions, as `\\input`"),
    entry("newglossaryentry", "m m", Command(new_entry), "a term (`name=`, `text=`, `plural=`, `first=`, `description=`)"),
    entry("longnewglossaryentry", "m m m", Command(new_entry), "a term with a long description"),
    entry("gls", "s o m", Command(use_term), "a term: `long (short)` the first time, then the short form"),
    entry("Gls", "s o m", Command(use_term), "`\\gls`, capitalised"),
    entry("GLS", "s o m", Command(use_term), "`\\gls`, in capitals"),
    entry("glspl", "s o m", Command(use_term), "`\\gls`, plural"),
    entry("Glspl", "s o m", Command(use_term), "`\\glspl`, capitalised"),
    entry("GLSpl", "s o m", Command(use_term), "`\\glspl`, in capitals"),
    entry("glstext", "s o m", Command(use_term), "a term's text"),
    entry("Glstext", "s o m", Command(use_term), "a term's text, capitalised"),
    entry("glsentrytext", "m", Command(use_term), "a term's text"),
    entry("glsentryname", "m", Command(use_term), "a term's name"),
    entry("glsname", "s o m", Command(use_term), "a term's name"),
    entry("glsdesc", "s o m", Command(use_term), "a term's description"),
    entry("glsentrydesc", "m", Command(use_term), "a term's description"),
    entry("acrshort", "s o m", Command(use_term), "an acronym's short form"),
    entry("Acrshort", "s o m", Command(use_term), "an acronym's short form, capitalised"),
    entry("acrshortpl", "s o m", Command(use_term), "an acronym's short form, plural"),
    entry("acrlong", "s o m", Command(use_term), "an acronym's long form"),
    entry("Acrlong", "s o m", Command(use_term), "an acronym's long form, capitalised"),
    entry("acrlongpl", "s o m", Command(use_term), "an acronym's long form, plural"),
    entry("acrfull", "s o m", Command(use_term), "an acronym's `long (short)`"),
    entry("Acrfull", "s o m", Command(use_term), "an acronym's `long (short)`, capitalised"),
    entry("acrfullpl", "s o m", Command(use_term), "an acronym's `long (short)`, plural"),
    entry("glsxtrshort", "s o m", Command(use_term), "an abbreviation's short form"),
    entry("glsxtrlong", "s o m", Command(use_term), "an abbreviation's long form"),
    entry("glsxtrfull", "s o m", Command(use_term), "an abbreviation's `long (short)`"),
    entry("glsreset", "m", Command(reset), "the next use of a term is a first use again"),
    entry("glsunset", "m", Command(reset), "the next use of a term is not a first use"),
    entry("glsresetall", "o", Command(reset_all), "every term's next use is a first use again"),
    entry("glsunsetall", "o", Command(reset_all), "no term's next use is a first use"),
    entry("glsadd", "o m", Command(ignore), "ignored: the glossary's list is not printed"),
    entry("glsaddall", "o", Command(ignore), "ignored: the glossary's list is not printed"),
    entry("makeglossaries", "", Command(ignore), "ignored: the glossary's list is not printed"),
    entry("makenoidxglossaries", "", Command(ignore), "ignored: the glossary's list is not printed"),
    entry("printglossaries", "", Command(ignore), "ignored: the list needs makeglossaries' sorting run"),
    entry("printglossary", "o", Command(ignore), "ignored: the list needs makeglossaries' sorting run"),
    entry("printnoidxglossaries", "", Command(ignore), "ignored: the list needs sorting"),
    entry("printacronyms", "o", Command(ignore), "ignored: the list needs makeglossaries' sorting run"),
    entry("printunsrtglossaries", "", Command(ignore), "ignored: the list needs sorting"),
    entry("setacronymstyle", "m", Command(ignore), "ignored: acronyms print `long (short)` first"),
    entry("setabbreviationstyle", "o m", Command(ignore), "ignored: abbreviations print `long (short)` first"),
    entry("glsdisablehyper", "", Command(ignore), "ignored"),
    entry("acro", "m o m", Command(acro), "an acronym of the `acronym` list: `long (short)` the first time"),
    entry("acrodef", "m o m", Command(acro), "an acronym: `long (short)` the first time, the short form after"),
    entry("newacro", "m o m", Command(acro), "an acronym: `long (short)` the first time, the short form after"),
    entry("ac", "s m", Command(use_term), "an acronym: `long (short)` the first time, then the short form"),
    entry("Ac", "s m", Command(use_term), "`\\ac`, capitalised"),
    entry("acp", "s m", Command(use_term), "`\\ac`, plural"),
    entry("Acp", "s m", Command(use_term), "`\\acp`, capitalised"),
    entry("acs", "s m", Command(use_term), "an acronym's short form"),
    entry("acsp", "s m", Command(use_term), "an acronym's short form, plural"),
    entry("acl", "s m", Command(use_term), "an acronym's long form"),
    entry("Acl", "s m", Command(use_term), "an acronym's long form, capitalised"),
    entry("aclp", "s m", Command(use_term), "an acronym's long form, plural"),
    entry("acf", "s m", Command(use_term), "an acronym's `long (short)`, marked used"),
    entry("Acf", "s m", Command(use_term), "`\\acf`, capitalised"),
    entry("acfp", "s m", Command(use_term), "`\\acf`, plural"),
    entry("acused", "m", Command(reset), "the acronym's next use is not a first use"),
    entry("acresetall", "", Command(reset_all), "every acronym's next use is a first use again"),
    entry("acronym", "o", Environment(acronym_env), "the acronym package's list of its `\\acro`s (none with `nolist`)"),
];
