//! The table's own rules.

use std::collections::HashSet;

use super::*;

#[test]
fn a_name_is_known_once_per_kind() {
    let mut seen = HashSet::new();
    for package in PACKAGES {
        for entry in package.entries {
            assert!(
                seen.insert((entry.kind(), entry.name)),
                "`{}` ({:?}) is in the registry twice (again in `{}`)",
                entry.name,
                entry.kind(),
                package.name
            );
        }
    }
}

#[test]
fn every_entry_says_what_it_does() {
    for known in commands() {
        assert!(
            !known.description.is_empty(),
            "`{}` has no description",
            known.written()
        );
    }
}

#[test]
fn shapes_are_latex3_argument_specs() {
    for known in commands() {
        let mut rest = known.args;
        while !rest.is_empty() {
            rest = rest.trim_start();
            rest = ["s", "o", "m", "v", "d()"]
                .iter()
                .find_map(|spec| rest.strip_prefix(spec))
                .unwrap_or_else(|| panic!("`{}`: bad shape `{}`", known.written(), known.args));
        }
    }
}

#[test]
fn the_shape_tells_the_lexer_what_it_reads_as_written() {
    let lex = |kind, name| lookup(kind, name).map(Entry::lex);
    assert_eq!(lex(Kind::Command, "url"), Some(Lex::Group));
    assert_eq!(lex(Kind::Command, "href"), Some(Lex::Group));
    assert_eq!(lex(Kind::Command, "verb"), Some(Lex::Delimited));
    assert_eq!(lex(Kind::Command, "lstinline"), Some(Lex::Inline));
    assert_eq!(lex(Kind::Command, "makeatletter"), Some(Lex::AtLetter));
    assert_eq!(lex(Kind::Command, "makeatother"), Some(Lex::AtOther));
    assert_eq!(lex(Kind::Environment, "minted"), Some(Lex::Body));
    assert_eq!(lex(Kind::Environment, "itemize"), Some(Lex::Normal));
    assert_eq!(lex(Kind::Command, "section"), Some(Lex::Normal));
    for package in PACKAGES {
        for entry in package.entries {
            if entry.args.contains('v') && entry.kind() != Kind::Environment {
                assert!(
                    matches!(entry.args, "v" | "v m" | "o v m" | "s v" | "o v"),
                    "`{}`: the lexer knows no `v` shaped `{}`",
                    entry.name,
                    entry.args
                );
            }
        }
    }
}

#[test]
fn what_stands_for_its_text_in_a_string() {
    let sources = wita_diag::Sources::new();
    let ctx = ReadContext {
        sources: &sources,
        resolver: &crate::NoFiles,
        entry_path: "issue/2025/202501.tex.d/entry/e",
        issue_path: "issue/2025/202501.tex.d",
        today: "",
    };
    assert_eq!(in_string("%", &ctx), Some("%"));
    assert_eq!(in_string("textunderscore", &ctx), Some("_"));
    assert_eq!(in_string("~", &ctx), Some("~"));
    assert_eq!(in_string(" ", &ctx), Some(" "));
    assert_eq!(in_string("entrypath", &ctx), Some(ctx.entry_path));
    assert_eq!(in_string("issuepath", &ctx), Some(ctx.issue_path));
    assert_eq!(in_string("ldots", &ctx), None);
    assert_eq!(in_string("emph", &ctx), None);
}

#[test]
fn lookup_finds_each_kind_apart() {
    assert!(matches!(
        lookup(Kind::Command, "label").map(|e| &e.handler),
        Some(Handler::Command(_))
    ));
    assert!(matches!(
        lookup(Kind::Row, "label").map(|e| &e.handler),
        Some(Handler::Row(_))
    ));
    assert!(lookup(Kind::Command, "itemize").is_none());
    assert!(lookup(Kind::Environment, "itemize").is_some());
    assert!(lookup(Kind::Command, "hline").is_none());
    assert_eq!(lexing("url"), Lex::Group);
    assert!(verbatim_environment("lstlisting").is_some());
    assert!(verbatim_environment("itemize").is_none());
}

#[test]
fn the_listing_has_every_entry_under_its_package() {
    let table = command_table();
    assert!(table.starts_with("journal ("));
    assert!(table.contains("\n  \\begin{itemize} o"));
    let lines = table.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(lines, commands().len());
}
