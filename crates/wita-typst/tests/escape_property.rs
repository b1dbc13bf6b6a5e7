//! Whatever text an author writes, its escaped markup parses as text only and
//! reads back as the same characters.

use proptest::prelude::*;
use typst::syntax::{SyntaxKind, SyntaxNode, parse};

fn read_back(node: &SyntaxNode, out: &mut String) -> Result<(), String> {
    match node.kind() {
        SyntaxKind::Markup => {
            for child in node.children() {
                read_back(child, out)?;
            }
            Ok(())
        }
        SyntaxKind::Text => {
            out.push_str(node.leaf_text().as_str());
            Ok(())
        }
        SyntaxKind::Space => {
            out.push(' ');
            Ok(())
        }
        SyntaxKind::Escape => {
            out.push_str(&node.leaf_text()[1..]);
            Ok(())
        }
        other => Err(format!("{other:?} node {:?}", node.leaf_text())),
    }
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let mut escaped = String::new();
    wita_typst::escape_markup(text, &mut escaped);
    let root = parse(&escaped);
    let mut back = String::new();
    read_back(&root, &mut back)
        .map_err(|e| TestCaseError::fail(format!("{text:?} → {escaped:?}: {e}")))?;
    prop_assert_eq!(back, text, "escaped as {:?}", escaped);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn ascii_punctuation_and_words(text in "[a-zA-Z0-9 #*_`$\\[\\]<>@~'\"=+\\-./:\\\\(){}!?,;%&^|]{1,40}") {
        // Runs of spaces collapse in markup; authors' text reaches the writer
        // with single spaces, and no space at either end.
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assume!(!text.is_empty());
        check(&text)?;
    }

    #[test]
    fn any_characters_without_whitespace(text in "\\PC{1,20}") {
        prop_assume!(!text.chars().any(char::is_whitespace));
        check(&text)?;
    }
}

#[test]
fn tricky_cases() {
    for text in [
        "- a",
        "+ b",
        "1. c",
        "= d",
        "/ e: f",
        "http://x.org",
        "https://y.org/a_b",
        "a // b",
        "a /* b */",
        "*/",
        "'quoted'",
        "...",
        "-1",
        "--",
        "---",
        "-?",
        "x-",
        "2025.",
        "\\u{41}",
        "#let x = 1",
        "$x$",
        "<label>",
        "@ref",
        "a~b",
        "`raw`",
    ] {
        check(text).unwrap();
    }
}
