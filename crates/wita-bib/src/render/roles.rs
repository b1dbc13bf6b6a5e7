//! The strings biblatex prints for editors, translators and the people who
//! commented, annotated or introduced a work: `ed. and trans.`,
//! `Ed., trans., and annot. by`, `With an afterw. by`.
//!
//! english.lbx spells out every combination (`byeditortrco`,
//! `editorstran`…); they all follow one pattern, the roles joined as an
//! English list (`A and B`, `A, B, and C`), so they are composed here from
//! the roles instead of listed.

/// Roles that may be the same people as the editor or translator, in the
/// order biblatex checks them: at most one of each group is named.
pub(super) const COMMENT_GROUP: [&str; 2] = ["commentator", "annotator"];
pub(super) const PREFACE_GROUP: [&str; 3] = ["introduction", "foreword", "afterword"];

/// A role's noun at an entry's head (`Names, ed. and comm.`).
fn noun(role: &str) -> &'static str {
    match role {
        "translator" => "trans.",
        "commentator" => "comm.",
        "annotator" => "annot.",
        "introduction" => "introd.",
        "foreword" => "forew.",
        _ => "afterw.",
    }
}

/// A role's verb in a `by` phrase (`ed. and comm. by`).
fn verb(role: &str) -> &'static str {
    match role {
        "commentator" => "comm.",
        _ => "annot.",
    }
}

/// `with an introd.`: the preface roles inside a `by` phrase.
fn with_in_by(role: &str) -> &'static str {
    match role {
        "introduction" => "with an introd.",
        "foreword" => "with a forew.",
        _ => "with an afterw.",
    }
}

/// `withothers`: a role named on its own after the editors and
/// translators.
pub(super) fn with_role(role: &str) -> &'static str {
    match role {
        "commentator" => "with a comment. by",
        "annotator" => "with annots. by",
        "introduction" => "with an intro. by",
        "foreword" => "with a forew. by",
        _ => "with an afterw. by",
    }
}

/// An English list: `A`, `A and B`, `A, B, and C`.
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// An editor type's noun (`editortype = {compiler}` → `comp.`), singular
/// or plural; a type english.lbx does not know is printed as written.
pub(super) fn editor_type(kind: &str, plural: bool) -> String {
    let s = match (kind, plural) {
        ("editor", false) => "ed.",
        ("editor", true) => "eds.",
        ("compiler", _) => "comp.",
        ("redactor", _) => "red.",
        ("reviser", _) => "rev.",
        ("founder", _) => "found.",
        ("continuator", _) => "cont.",
        ("collaborator", _) => "collab.",
        ("organizer", false) => "org.",
        ("organizer", true) => "orgs.",
        (other, _) => return other.to_owned(),
    };
    s.to_owned()
}

/// `by` + an editor type (`bytypestrg`): `ed. by`, `comp. by`, `in collab.
/// with`; a type english.lbx does not know is printed as written (and, not
/// being a bibstring, never capitalised: `is_known_type`).
pub(super) fn by_type(kind: &str) -> String {
    let s = match kind {
        "editor" => "ed. by",
        "compiler" => "comp. by",
        "redactor" => "red. by",
        "reviser" => "rev. by",
        "reviewer" => "rev. by",
        "founder" => "found. by",
        "continuator" => "cont. by",
        "collaborator" => "in collab. with",
        "organizer" => "org. by",
        other => return other.to_owned(),
    };
    s.to_owned()
}

/// Whether english.lbx has strings for an editor type.
pub(super) fn is_known_type(kind: &str) -> bool {
    by_type(kind) != kind
}

/// The head's string for editors who also hold `others` roles:
/// `ed.`, `eds. and trans.`, `ed., trans., and comm.`.
pub(super) fn head(first: &str, others: &[&str]) -> String {
    let mut items = vec![first.to_owned()];
    items.extend(others.iter().map(|r| noun(r).to_owned()));
    and_list(&items)
}

/// The `by` phrase for an editor (`first` = `ed.`) or translator
/// (`first` = `trans.`) who also holds `others` roles; `from` is the
/// original language's phrase after `trans.` (`from the French`).
pub(super) fn by(first: &str, others: &[&str], from: Option<&str>) -> String {
    let trans = match from {
        Some(from) => format!("trans. {from}"),
        None => "trans.".to_owned(),
    };
    let mut verbs = vec![if first == "trans." {
        trans.clone()
    } else {
        first.to_owned()
    }];
    let mut with = None;
    for role in others {
        match *role {
            "translator" => verbs.push(trans.clone()),
            r if COMMENT_GROUP.contains(&r) => verbs.push(verb(r).to_owned()),
            r => with = Some(with_in_by(r)),
        }
    }
    match with {
        Some(w) => format!("{}, {w}, by", and_list(&verbs)),
        None => format!("{} by", and_list(&verbs)),
    }
}

/// `from the French` for an `origlanguage` list, as english.lbx's
/// `from<language>` strings print it; another language as written.
pub(super) fn from_languages(langs: &[String]) -> String {
    let items: Vec<String> = langs
        .iter()
        .map(|l| match super::drivers::language_name_known(l) {
            Some(name) => format!("from the {name}"),
            None => l.clone(),
        })
        .collect();
    and_list(&items)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each against the string english.lbx spells out for it.
    #[test]
    fn composed_like_english_lbx() {
        assert_eq!(head("ed.", &[]), "ed.");
        assert_eq!(head("eds.", &["translator"]), "eds. and trans.");
        assert_eq!(head("ed.", &["commentator"]), "ed. and comm.");
        assert_eq!(head("ed.", &["introduction"]), "ed. and introd.");
        assert_eq!(
            head("eds.", &["translator", "commentator"]),
            "eds., trans., and comm."
        );
        assert_eq!(
            head("ed.", &["translator", "commentator", "introduction"]),
            "ed., trans., comm., and introd."
        );
        assert_eq!(by("ed.", &[], None), "ed. by");
        assert_eq!(by("ed.", &["commentator"], None), "ed. and comm. by");
        assert_eq!(
            by("ed.", &["translator", "annotator"], None),
            "ed., trans., and annot. by"
        );
        assert_eq!(by("ed.", &["foreword"], None), "ed., with a forew., by");
        assert_eq!(
            by(
                "ed.",
                &["translator", "introduction"],
                Some("from the Latin")
            ),
            "ed. and trans. from the Latin, with an introd., by"
        );
        assert_eq!(
            by("ed.", &["translator", "commentator", "afterword"], None),
            "ed., trans., and comm., with an afterw., by"
        );
        assert_eq!(
            by("trans.", &[], Some("from the German")),
            "trans. from the German by"
        );
        assert_eq!(by("trans.", &["annotator"], None), "trans. and annot. by");
        assert_eq!(
            by("trans.", &["annotator", "afterword"], None),
            "trans. and annot., with an afterw., by"
        );
        assert_eq!(editor_type("organizer", true), "orgs.");
        assert_eq!(by_type("collaborator"), "in collab. with");
        assert_eq!(by_type("scribe"), "scribe");
        assert_eq!(
            from_languages(&["french".into(), "german".into()]),
            "from the French and from the German"
        );
        assert_eq!(from_languages(&["klingon".into()]), "klingon");
    }
}
