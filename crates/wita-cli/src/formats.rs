//! Diagnostics for machines: JSON, and GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…::message`), which GitHub shows on the lines
//! of a pull request's diff.

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
    properties.push("title=wita".into());
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
        let d = Diagnostic::error("no entry `x` in 100% of cite.bib")
            .at(at)
            .with_help("did you mean `y`?");
        assert_eq!(
            github(&d, &sources),
            "::error file=issue/e%2C1/main.tex,line=2,col=9,endColumn=10,title=wita::no entry `x` in 100%25 of cite.bib%0Ahelp: did you mean `y`?"
        );
        let w = Diagnostic::warning("no place");
        assert_eq!(github(&w, &sources), "::warning title=wita::no place");
    }

    #[test]
    fn json_objects_carry_the_place() {
        let sources = Sources::new();
        let at = span(&sources, "info.toml", "id = 1\n", "1");
        let d = Diagnostic::warning("w").at(at).with_note("n");
        let v = json(&d, &sources);
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["file"], "info.toml");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(1), Some(6))
        );
        assert_eq!(v["notes"][0], "n");
        assert!(
            json(&Diagnostic::error("e"), &sources)
                .get("file")
                .is_none()
        );
    }
}
