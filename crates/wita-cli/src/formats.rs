//! Diagnostics for machines: JSON, GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…::message`), which GitHub shows on the lines
//! of a pull request's diff, and the one-line form of compilers
//! (`path:line:col: error: message`) that editors read.

use serde_json::{Value, json};
use wita::{Diagnostic, Severity, Sources};

/// Where a diagnostic is: file name and 1-based start and end line/column.
struct Place {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn place(diagnostic: &Diagnostic, sources: &Sources) -> Option<Place> {
    let span = diagnostic.span?;
    let file = sources.try_get(span.file)?;
    let start = file.line_col(span.start as usize);
    let end = file.line_col(span.end as usize);
    Some(Place {
        // `/` on every platform: GitHub matches it against the repository.
        file: file.key().into_owned(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    })
}

fn severity(diagnostic: &Diagnostic) -> &'static str {
    match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// One diagnostic as a JSON object.
pub fn json(diagnostic: &Diagnostic, sources: &Sources) -> Value {
    let mut value = json!({
        "severity": severity(diagnostic),
        "code": diagnostic.code.name(),
        "message": diagnostic.message,
        "label": diagnostic.label,
        "notes": diagnostic.notes,
        "help": diagnostic.help,
    });
    if let Some(p) = place(diagnostic, sources) {
        value["file"] = json!(p.file);
        value["line"] = json!(p.line);
        value["column"] = json!(p.column);
        value["end_line"] = json!(p.end_line);
        value["end_column"] = json!(p.end_column);
    }
    value
}

/// One diagnostic as compilers print it for editors: `path:line:col:
/// severity: message`, then its notes and help as `note:` lines at the same
/// place, as gcc prints them; `wita: severity: message` where there is no
/// place. VS Code's `$gcc` problem matcher, Emacs' compilation mode, Vim's
/// quickfix list and LaTeX Workshop read it. The path is the one the other
/// messages show (relative to the working folder, or as the user gave it).
pub fn short(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let place = diagnostic
        .span
        .and_then(|span| Some((sources.try_get(span.file)?, span)))
        .map_or_else(
            || "wita".to_owned(),
            |(file, span)| {
                let at = file.line_col(span.start as usize);
                format!("{}:{}:{}", file.name(), at.line, at.column)
            },
        );
    // The code at the end, in brackets, as gcc gives a warning's flag.
    let mut out = format!(
        "{place}: {}: {} [{}]",
        severity(diagnostic),
        one_line(&diagnostic.message),
        diagnostic.code
    );
    for note in &diagnostic.notes {
        out.push_str(&format!("\n{place}: note: {}", one_line(note)));
    }
    for help in &diagnostic.help {
        out.push_str(&format!("\n{place}: note: help: {}", one_line(help)));
    }
    out
}

/// A message on one line: a line break (in a quoted source) as a space.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One diagnostic as a GitHub Actions workflow command (one line).
pub fn github(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let mut properties = Vec::new();
    if let Some(p) = place(diagnostic, sources) {
        properties.push(format!("file={}", escape_property(&p.file)));
        properties.push(format!("line={}", p.line));
        properties.push(format!("col={}", p.column));
        if p.end_line != p.line {
            properties.push(format!("endLine={}", p.end_line));
        } else if p.end_column > p.column {
            properties.push(format!("endColumn={}", p.end_column));
        }
    }
    properties.push(format!(
        "title=wita {}",
        escape_property(diagnostic.code.name())
    ));
    let mut message = diagnostic.message.clone();
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    for help in &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!(
        "::{} {}::{}",
        severity(diagnostic),
        properties.join(","),
        escape_data(&message)
    )
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita::codes;

    /// A span over `needle` in a file registered under `name`.
    fn span(sources: &Sources, name: &str, text: &str, needle: &str) -> wita::Span {
        let file = sources.add(name, text);
        let at = text.find(needle).unwrap();
        wita::Span::new(file, at..at + needle.len())
    }

    #[test]
    fn github_commands_name_the_place_and_escape_the_message() {
        let sources = Sources::new();
        let at = span(&sources, "issue/e,1/main.tex", "a\nb \\cite{x}\n", "x");
        let d = Diagnostic::error(codes::MISSING_CITE_KEY, "no entry `x` in 100% of cite.bib")
            .at(at)
            .with_help("did you mean `y`?");
        assert_eq!(
            github(&d, &sources),
            "::error file=issue/e%2C1/main.tex,line=2,col=9,endColumn=10,title=wita missing-cite-key::no entry `x` in 100%25 of cite.bib%0Ahelp: did you mean `y`?"
        );
        let w = Diagnostic::warning(codes::COVER, "no place");
        assert_eq!(github(&w, &sources), "::warning title=wita cover::no place");
    }

    #[test]
    fn short_lines_are_read_by_vs_codes_gcc_matcher() {
        // VS Code's `$gcc` problem matcher (its pattern, as VS Code defines
        // it): file, line, column, severity, message.
        let gcc =
            regex::Regex::new(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
                .unwrap();
        let sources = Sources::new();
        let text = "x\n  see \\cite{nokey} here\n";
        let at = span(&sources, "issue/0000/e/main.tex", text, "nokey");
        let d = Diagnostic::warning(codes::MISSING_CITE_KEY, "no entry `nokey`\nin cite.bib")
            .at(at)
            .with_note("the key is printed")
            .with_help("add it");
        let out = short(&d, &sources);
        let lines: Vec<&str> = out.lines().collect();
        let caps = gcc.captures(lines[0]).expect("matched");
        assert_eq!(&caps[1], "issue/0000/e/main.tex");
        assert_eq!((&caps[2], &caps[3]), ("2", "13"));
        assert_eq!(&caps[4], "warning");
        assert_eq!(&caps[5], "no entry `nokey` in cite.bib [missing-cite-key]");
        // Notes and help stay out of the problems list, at the same place.
        assert_eq!(
            &lines[1..],
            [
                "issue/0000/e/main.tex:2:13: note: the key is printed",
                "issue/0000/e/main.tex:2:13: note: help: add it"
            ]
        );
        assert!(lines[1..].iter().all(|l| !gcc.is_match(l)));
        // An error; one of no place is no problem at a line.
        let e = Diagnostic::error(codes::INTERNAL_ERROR, "boom").at(at);
        assert_eq!(&gcc.captures(&short(&e, &sources)).unwrap()[4], "error");
        let nowhere = short(
            &Diagnostic::error(codes::NOT_AN_ISSUE, "no journal here"),
            &sources,
        );
        assert_eq!(nowhere, "wita: error: no journal here [not-an-issue]");
        assert!(!gcc.is_match(&nowhere));
    }

    #[test]
    fn json_objects_carry_the_place() {
        let sources = Sources::new();
        let at = span(&sources, "info.toml", "id = 1\n", "1");
        let d = Diagnostic::warning(codes::INFO_TOML, "w")
            .at(at)
            .with_note("n");
        let v = json(&d, &sources);
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["code"], "info-toml");
        assert_eq!(v["file"], "info.toml");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(1), Some(6))
        );
        assert_eq!(v["notes"][0], "n");
        assert!(
            json(&Diagnostic::error(codes::INFO_TOML, "e"), &sources)
                .get("file")
                .is_none()
        );
    }
}
