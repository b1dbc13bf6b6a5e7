//! The registry against the repository: the README's command list is
//! generated from it, and every command and environment in it is used by at
//! least one test input.
//!
//! `WITA_BLESS=1 cargo test -p wita-latex --test registry` writes the list
//! into the README.

use std::path::{Path, PathBuf};

use wita_latex::{Kind, command_list_markdown, commands};

const BEGIN: &str = "<!-- The list below is generated from the registry (crates/wita-latex/src/registry/): WITA_BLESS=1 cargo test -p wita-latex --test registry -->\n";
const END: &str = "<!-- End of the generated list. -->\n";

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_readme_lists_what_the_registry_holds() {
    let path = repository().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(BEGIN)
        .expect("the README has the list's start marker")
        + BEGIN.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("the README has the list's end marker");
    let list = command_list_markdown();
    if readme[start..end] == list {
        return;
    }
    if std::env::var_os("WITA_BLESS").is_some() {
        let updated = format!("{}{list}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "the README's command list is not the registry's; run\n  WITA_BLESS=1 cargo test -p wita-latex --test registry\n(expected:\n{list})"
    );
}

/// The files tests read or are: test sources, fixtures, the example journal.
fn test_inputs(root: &Path) -> Vec<String> {
    let mut inputs = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for path in std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
        {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    folders.push(path);
                }
                continue;
            }
            // `/` between folders on Windows too.
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let is_input = rel.starts_with("tests/")
                || rel.starts_with("examples/journal/")
                || (rel.starts_with("crates/") && rel.contains("/tests/"))
                || name == "tests.rs"
                || name == "proptests.rs";
            if is_input && let Ok(text) = std::fs::read_to_string(&path) {
                inputs.push(text);
            }
        }
    }
    inputs
}

/// Whether `\name` stands in `text` as that command (not as the start of a
/// longer name).
fn uses(text: &str, written: &str) -> bool {
    let ends_in_letter = written.ends_with(|c: char| c.is_ascii_alphabetic());
    text.match_indices(written).any(|(at, _)| {
        !ends_in_letter
            || !text[at + written.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
    })
}

#[test]
fn every_entry_is_used_by_a_test_input() {
    let inputs = test_inputs(&repository());
    assert!(inputs.len() > 10, "found only {} test inputs", inputs.len());
    let missing: Vec<String> = commands()
        .iter()
        .map(|k| match k.kind {
            Kind::Environment => format!("\\begin{{{}}}", k.name),
            _ => format!("\\{}", k.name),
        })
        .filter(|written| !inputs.iter().any(|text| uses(text, written)))
        .collect();
    assert!(
        missing.is_empty(),
        "no test input uses {}",
        missing.join(" ")
    );
}
