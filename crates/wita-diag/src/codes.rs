//! Every kind of problem wita reports, with a stable code: what JSON and CI
//! rules match instead of message text, what `wita explain CODE` explains,
//! and what repeats are folded by. `docs/diagnostics.md` is generated from
//! this table (`WITA_BLESS=1 cargo test -p wita-diag` writes it anew).
//!
//! A code names a kind of problem, not a message: `unknown-command` is every
//! command wita does not translate, whichever it is. Codes are never reused
//! for another kind; one that is no longer emitted stays in the table.

use std::fmt;

/// A kind of problem: its code and its explanation.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code, as printed (`unknown-command`).
    pub name: &'static str,
    /// The stage that reports it, a heading of the documentation.
    pub area: Area,
    /// One line: what the problem is.
    pub summary: &'static str,
    /// Why it matters and what wita does about it.
    pub explanation: &'static str,
    /// Sources that give it (LaTeX, BibTeX, TOML or a command line).
    pub example: &'static str,
    /// What to change.
    pub fix: &'static str,
}

/// Where in the pipeline a kind of problem is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// The command line and the files wita writes.
    Command,
    /// The journal's files: master files, `info.toml`, `meta/`, `wita.toml`.
    Journal,
    /// An article's LaTeX.
    Latex,
    /// An article's `cite.bib` and its citations.
    Bibliography,
    /// Laying out and exporting the pages.
    Output,
}

impl Area {
    pub fn title(self) -> &'static str {
        match self {
            Area::Command => "The command line and the files written",
            Area::Journal => "The journal's files",
            Area::Latex => "An article's LaTeX",
            Area::Bibliography => "Bibliographies and citations",
            Area::Output => "Pages and PDFs",
        }
    }
}

/// A stable code for a kind of problem (see [`CodeInfo`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(&'static str);

impl Code {
    /// The code, as printed and as JSON carries it.
    pub fn name(self) -> &'static str {
        self.0
    }

    /// Its explanation.
    pub fn info(self) -> &'static CodeInfo {
        ALL.iter()
            .find(|info| info.name == self.0)
            .expect("every code has an entry in the table")
    }

    /// The code of this name (`wita explain`'s argument).
    pub fn find(name: &str) -> Option<Code> {
        let name = name.trim().to_ascii_lowercase();
        ALL.iter()
            .find(|info| info.name == name)
            .map(|info| Code(info.name))
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

macro_rules! codes {
    ($( $(#[$attr:meta])* $konst:ident = $name:literal, $area:ident, $summary:literal,
        $explanation:literal, $example:literal, $fix:literal; )*) => {
        $( $(#[$attr])* #[doc = $summary] pub const $konst: Code = Code($name); )*
        /// Every kind of problem, in the documentation's order.
        pub static ALL: &[CodeInfo] = &[ $( CodeInfo {
            name: $name,
            area: Area::$area,
            summary: $summary,
            explanation: $explanation,
            example: $example,
            fix: $fix,
        }, )* ];
    };
}

codes! {
    // ---- The command line and the files written ---------------------------
    NOT_AN_ISSUE = "not-an-issue", Command,
        "a path given to wita is not an issue, an entry or a folder of issues",
        "wita builds an issue from its master file (`issue/<Year>/<IssueID>.tex`) or its `.tex.d` folder, a preprint from an entry folder, and every issue under any other folder. A path that is none of these, or that does not exist, stops the command.",
        "wita build issue/2025/202599.tex",
        "Give an existing master file, its `.tex.d` folder or an entry folder (`issue/<Y>/<ID>.tex.d/entry/<EntryID>/`).";
    COMMAND_LINE = "command-line", Command,
        "the command's arguments do not go together",
        "Some options need one issue (`-o FILE`, `--timings`), and `wita convert` needs a file it can read. The command stops before building anything.",
        "wita build issue/ -o all.pdf",
        "Give a single issue with `-o`, or leave `-o` out to build every issue to its place.";
    WRITE_FAILED = "write-failed", Command,
        "an output could not be written",
        "wita writes every output to a temporary file beside it and renames it over the old one, so a write that fails leaves the last good file as it was. A full disk, a folder without write permission or (on Windows) a viewer that locks the PDF make it fail.",
        "wita build issue/2025/202508.tex   # with _dist/ read-only",
        "Free space or give write permission; on Windows close the PDF in a viewer that locks it (Adobe Reader), or use one that does not (SumatraPDF).";
    UNREADABLE_FILE = "unreadable-file", Command,
        "a file exists but cannot be read",
        "The operating system refused to read a file wita needs (permissions, a broken disk, a folder where a file was expected).",
        "chmod 000 issue/2025/202508.tex.d/entry/001/main.tex",
        "Make the file readable.";
    FILE_WATCH = "file-watch", Command,
        "`wita watch` cannot watch the issue's files",
        "The operating system's file watcher refused a folder, or reported an error while watching; changes there may go unseen.",
        "wita watch issue/2025/202508.tex   # on a system out of inotify watches",
        "Raise the system's limit (on Linux, `fs.inotify.max_user_watches`), or rebuild by hand with `wita build`.";
    NEW_ENTRY = "new-entry", Command,
        "`wita new` cannot create the entry",
        "An entry's ID is also its folder name: letters, digits, `-`, `_` and `.`, and not the name of an entry the issue already has.",
        "wita new issue/0000/000000.tex 'my article'",
        "Choose another ID, such as `my-article`.";
    // ---- The journal's files ----------------------------------------------
    NOT_UTF8 = "not-utf8", Journal,
        "a source file is not UTF-8 text",
        "LaTeX sources, `cite.bib` and the TOML files are read as UTF-8, as XeLaTeX reads them. The message points at the first byte that is not UTF-8; the file is shown as far as it reads.",
        "a main.tex saved as Latin-1 with `é` in it",
        "Save the file as UTF-8 (in most editors: File → Save with encoding → UTF-8).";
    MASTER_FILE = "master-file", Journal,
        "the issue's master file is not as the journal's build expects it",
        "The master file gives the issue's metadata (`\\setdocmetadata{<Year>}{<IssueID>}{<Serial>}`, which must agree with its file name and year folder) and imports each article once with `\\importarticle`. Text and commands wita does not know there are ignored.",
        "\\setdocmetadata{2025}{202509}{9}   % in issue/2025/202508.tex",
        "Make `\\setdocmetadata` agree with the file's name and folder, and import each entry once.";
    MISSING_ENTRY = "missing-entry", Journal,
        "the master file imports an entry that has no folder",
        "`\\importarticle{<EntryID>}` reads `<IssueID>.tex.d/entry/<EntryID>/`; without that folder the article cannot be built.",
        "\\importarticle{attention-sink}   % the folder is attention-sinks",
        "Correct the ID, or add the entry's folder.";
    ENTRY_NOT_IMPORTED = "entry-not-imported", Journal,
        "an entry folder is not imported by its issue",
        "`wita check` finds entry folders that the master file does not `\\importarticle`: they are not in the issue. A preprint builds them all the same.",
        "entry/new-paper/ without `\\importarticle{new-paper}`",
        "Add `\\importarticle{<EntryID>}` to the master file when the article belongs in the issue.";
    BIB_NOT_LINKED = "bib-not-linked", Journal,
        "`\\addcitebib` and the entries' `cite.bib` files do not agree",
        "The journal's master file names each article's bibliography with `\\addcitebib{<EntryID>}`, as biber needed. wita reads every imported entry's `cite.bib` by itself and says where the two differ.",
        "\\addcitebib{old-entry}   % not imported",
        "Add or remove the `\\addcitebib` line as the message says.";
    META_TOML = "meta-toml", Journal,
        "the issue's `meta/meta.toml` is missing or does not read",
        "The issue's website metadata comes from `meta/meta.toml`; without it the issue file's metadata is used.",
        "title = \"WITA 202508   # an unclosed string",
        "Write valid TOML; `wita check` points at the first error.";
    COVER = "cover", Journal,
        "the cover names something that is missing or wrong",
        "The cover's art and wordmark are files of the journal, and each article row gives the page its article starts on (`P.<n>`). wita checks the page against the laid-out issue.",
        "\\coverarticlerow{Our Paper}{P.3}   % it starts on page 4",
        "Add the missing file, or write the page number the message gives.";
    TOC_CSV = "toc-csv", Journal,
        "`meta/toc.csv` disagrees with the issue",
        "Each line of `toc.csv` is `EntryID,first-last`, the article's pages; wita checks them against the laid-out issue.",
        "001,3-9   # the article is on pages 4-9",
        "Write the line `wita build` gives.";
    INFO_TOML = "info-toml", Journal,
        "an entry's `info.toml` is invalid",
        "`info.toml` holds one `[[article]]` table with the entry's id (its folder name), title, authors, date, licence and an optional language tag. A value of the wrong type or form is reported at its line.",
        "[[article]]\nid = \"my-article\"\ndate = \"2025-13-01\"",
        "Correct the value the message points at.";
    LICENCE = "licence", Journal,
        "the licence does not let the journal redistribute the article, or disagrees with main.tex",
        "The journal publishes under licences that let it redistribute an article (CC BY, CC BY-SA, CC0, public domain…). A licence it does not know is a warning; `\\articlecopyrightinfo` in main.tex must name the licence info.toml gives.",
        "license = \"All rights reserved\"",
        "Choose a redistributable licence and write it the same in info.toml and main.tex.";
    WITA_TOML = "wita-toml", Journal,
        "the journal's `wita.toml` has a setting wita does not know or cannot use",
        "`wita.toml` at the journal's root holds wita's own settings, such as `[pdf] standard = \"a-2b\"`.",
        "[pdf]\nstandards = \"a-2b\"",
        "Correct the setting's name or value.";
    ARTICLE_OPENING = "article-opening", Journal,
        "main.tex does not open the way the journal's articles open",
        "An entry's main.tex starts with `\\setentryid{<EntryID>}`, `\\stdarticle{title}{authors}{date}` and `\\articlecopyrightinfo{licence}`, which must agree with info.toml. Where they are missing or differ, info.toml counts.",
        "\\setentryid{draft}   % in entry/my-article/",
        "Write the entry's folder name, info.toml's date and licence.";
    // ---- An article's LaTeX -----------------------------------------------
    UNKNOWN_COMMAND = "unknown-command", Latex,
        "a LaTeX command wita does not translate",
        "XeLaTeX stops on a command that no package defines; wita translates a subset of LaTeX and its packages, so a command it does not know may well be defined in a package. It warns, and prints the command's arguments as plain text, so no text is lost. `wita convert --list-commands` lists what it translates.",
        "\\mysteryformat{important}",
        "Define it with `\\newcommand` in the article (wita expands it), or use a command from the list.";
    UNKNOWN_ENVIRONMENT = "unknown-environment", Latex,
        "a LaTeX environment wita does not translate",
        "Its content is printed as plain text, so no text is lost.",
        "\\begin{sidebar} Remember this. \\end{sidebar}",
        "Define it with `\\newenvironment`, or use an environment wita translates.";
    UNBALANCED = "unbalanced", Latex,
        "a brace, bracket, environment, conditional or `\\verb` is not closed, or closed by the wrong thing",
        "LaTeX reads groups and environments as nested pairs. wita closes what is open where LaTeX would stop, and keeps the text.",
        "\\textbf{bold text\n\\begin{itemize} \\item one \\end{enumerate}",
        "Add the missing `}`, `]` or `\\end{..}`, or correct the mismatched one.";
    MISSING_ARGUMENT = "missing-argument", Latex,
        "a command or definition lacks an argument it needs",
        "A command that takes arguments (or a `\\newcommand`, `\\def`, `\\newenvironment`) was given fewer than it needs, or a name where one is required.",
        "\\newcommand{}{text}",
        "Give the missing argument.";
    MACRO_REDEFINED = "macro-redefined", Latex,
        "`\\newcommand` defines a command that already exists",
        "LaTeX stops here; wita lets the new definition replace the old one and warns.",
        "\\newcommand{\\emph}[1]{\\textbf{#1}}",
        "Use `\\renewcommand`, or choose a new name.";
    MACRO_EXPANSION = "macro-expansion", Latex,
        "a macro cannot be expanded as written",
        "A macro that uses itself, or an expansion that does not end, would make TeX run forever; wita stops it and prints what it read. A parameter (`#1`) outside a definition is printed as written.",
        "\\newcommand{\\loop}{\\loop x}",
        "Change the macro's definition so that it ends.";
    MISPLACED_CHARACTER = "misplaced-character", Latex,
        "a special character outside the place it belongs",
        "`&` belongs in tables, `^` and `_` in math, `#` in definitions. LaTeX stops; wita prints the character as written.",
        "Profit & loss",
        "Write `\\&`, `\\^{}`, `\\_` or `\\#` for the character itself.";
    MISPLACED_ITEM = "misplaced-item", Latex,
        "`\\item` outside a list, or text before a list's first `\\item`",
        "The text is kept: before the list as a paragraph, or in place.",
        "\\begin{itemize} Intro \\item one \\end{itemize}",
        "Start the list with `\\item`, or move the text before `\\begin{..}`.";
    DUPLICATE_LABEL = "duplicate-label", Latex,
        "a `\\label` is defined twice",
        "LaTeX warns `Label … multiply defined`; references go to the last one.",
        "\\label{sec:intro} … \\label{sec:intro}",
        "Rename one of them.";
    UNDEFINED_REFERENCE = "undefined-reference", Latex,
        "a `\\ref` (or `\\cref`, `\\eqref`…) names no `\\label` of the article",
        "It prints `??`, as LaTeX prints it.",
        "see Section~\\ref{sec:method}   % no \\label{sec:method}",
        "Add the `\\label`, or correct the name.";
    LOCAL_PACKAGE = "local-package", Latex,
        "parts of a package shipped with the article could not be read",
        "wita reads a `.sty` in the entry folder for its definitions. What it cannot follow (TeX's internals, primitives) is skipped, and wita keeps its own meaning of commands it translates itself.",
        "\\usepackage{mystyle}   % mystyle.sty redefines \\@startsection",
        "Usually nothing: check the places the warning names. Move definitions the article needs into main.tex to be sure.";
    MATH_CONVERSION = "math-conversion", Latex,
        "a formula could not be converted to Typst math",
        "The formula is printed as its LaTeX source, so nothing is lost.",
        "$\\begin{xy} \\ar[r] \\end{xy}$",
        "Write the formula with amsmath's commands, or include it as a picture.";
    TABLE = "table", Latex,
        "a table that cannot be set as written",
        "A column specification that names no column, a `\\newcolumntype` that is not one letter, a column range that does not read, a table too large to set, or an environment closed inside a table.",
        "\\begin{tabular}{} a & b \\end{tabular}",
        "Give the table a column specification such as `{lc}`.";
    UNSAFE_PATH = "unsafe-path", Latex,
        "a path leads outside the entry's folder",
        "A build of an untrusted pull request reads an entry's `\\input`, `\\includegraphics` and code files only inside the entry's folder: absolute paths, `..` that climbs out and symbolic links out are refused.",
        "\\input{/etc/passwd}\n\\includegraphics{../other-entry/figure.png}",
        "Copy the file into the entry's folder and write its path relative to it (or `\\entrypath/…`).";
    FILE_NOT_FOUND = "file-not-found", Latex,
        "a file the article includes is not in its folder",
        "`\\input`, `\\include`, `\\includegraphics`, `\\lstinputlisting`… name a file relative to the entry folder (or to `\\graphicspath`).",
        "\\includegraphics{figs/plot}   % no figs/plot.pdf, .png, .jpg or .svg",
        "Add the file, or correct its name.";
    TOO_DEEP = "too-deep", Latex,
        "groups, environments or `\\input`s nest deeper than wita follows",
        "A limit protects the build from runaway input; what is deeper is printed as read.",
        "\\input{a}   % a.tex inputs itself",
        "Remove the recursion.";
    PICTURE_PLACEHOLDER = "picture-placeholder", Latex,
        "a picture that needs TeX to be drawn",
        "TikZ, pgfplots and EPS figures are drawn by TeX (and Ghostscript). wita prints a framed placeholder of the picture's size instead of its code.",
        "\\begin{tikzpicture} \\draw (0,0) -- (1,1); \\end{tikzpicture}",
        "Include the picture as PDF, SVG or PNG (`\\includegraphics`), made once with TeX or another tool.";
    UNSAFE_LINK = "unsafe-link", Latex,
        "a link to an address that would run code in a reader's browser",
        "`javascript:`, `data:` and similar links are left out of the PDF and the web page; their text is kept.",
        "\\href{javascript:alert(1)}{click}",
        "Link to an `https:` address.";
    UNKNOWN_COLOUR = "unknown-colour", Latex,
        "a colour wita does not know",
        "The text keeps its colour.",
        "\\textcolor{brandblue}{text}   % no \\definecolor{brandblue}",
        "Define it with `\\definecolor`, or use a named colour of xcolor.";
    UNREADABLE_VALUE = "unreadable-value", Latex,
        "a length, number or key that wita cannot read",
        "The value is taken as its default (a length as 0pt).",
        "\\rule{\\mywidth}{1pt}",
        "Write a plain length such as `2cm`.";
    // ---- Bibliographies and citations --------------------------------------
    BIB_SYNTAX = "bib-syntax", Bibliography,
        "a `cite.bib`, an entry or a field does not parse",
        "biber skips an entry it cannot read and warns; so does wita. A field it cannot read is left empty.",
        "@article{key, title = {Unclosed, year = 2024}",
        "Close the brace or quote the message points at.";
    BIB_DUPLICATE_KEY = "bib-duplicate-key", Bibliography,
        "two entries of a `cite.bib` have the same key",
        "biber keeps the first and warns; so does wita.",
        "@book{smith2020, …}\n@article{smith2020, …}",
        "Rename one key, and its citations.";
    BIB_UNDEFINED_STRING = "bib-undefined-string", Bibliography,
        "a field uses an `@string` abbreviation that is not defined",
        "The field is left empty.",
        "month = sept,   % no @string{sept = …}",
        "Write the value in braces, or define the abbreviation.";
    BIB_CROSSREF = "bib-crossref", Bibliography,
        "an entry's `crossref`, `xdata` or `entryset` names no entry, or leads back to itself",
        "It is ignored (a set's missing member is left out of the set).",
        "crossref = {proc2024},   % no @proceedings{proc2024}",
        "Add the entry it names, or remove the field.";
    BIB_MISSING_FIELD = "bib-missing-field", Bibliography,
        "an entry lacks a field its type needs",
        "The reference is printed without it.",
        "@article{key, title = {T}, year = 2024}   % no author, no journal",
        "Add the field.";
    BIB_UNSUPPORTED_COMMAND = "bib-unsupported-command", Bibliography,
        "a field holds a command wita cannot print",
        "Its argument is printed as plain text.",
        "title = {\\mymacro{Deep} Learning}",
        "Write the text itself.";
    EMPTY_BIB = "empty-bib", Bibliography,
        "an entry's `cite.bib` has no entries",
        "",
        "an empty cite.bib",
        "Add the works the article cites, or delete the file if it cites none.";
    MISSING_CITE_KEY = "missing-cite-key", Bibliography,
        "a `\\cite` names a key that is not in the article's `cite.bib`",
        "biblatex prints the key in bold and warns; wita prints the key.",
        "\\cite{vaswani2017}   % the entry is attention2017",
        "Correct the key, or add the entry to cite.bib.";
    CITE_KEY_CASE = "cite-key-case", Bibliography,
        "a `\\cite` spells a key with other capitals than `cite.bib`",
        "biber matches keys exactly; wita finds the entry and says so.",
        "\\cite{Smith2020}   % @book{smith2020, …}",
        "Spell the key as cite.bib does.";
    NO_PRINTBIBLIOGRAPHY = "no-printbibliography", Bibliography,
        "the article cites works but has no `\\printbibliography`",
        "The references are printed at the article's end.",
        "\\cite{smith2020} … \\end{document}",
        "Add `\\printbibliography` where the references should go.";
    // ---- Pages and PDFs -----------------------------------------------------
    MISSING_GLYPH = "missing-glyph", Output,
        "no font has a character of the article",
        "It prints as a box. wita's fonts cover Latin, Greek, Cyrillic, Chinese, Japanese, Korean and mathematics.",
        "a character of a script no embedded font has",
        "Write the character another way, or include it as a picture.";
    IMAGE_ALT_TEXT = "image-alt-text", Output,
        "an image has no alternative text, which PDF/UA asks for",
        "A screen reader has nothing to say for it.",
        "\\includegraphics{plot.png}   % with --pdf-standard ua-1",
        "Give it a description: `\\includegraphics[alt={What it shows}]{plot.png}`.";
    PDF_STANDARD = "pdf-standard", Output,
        "a PDF does not conform to a standard it is asked to",
        "typst's exporter checks each PDF against the standards asked (`--pdf-standard`, `wita.toml`) and reports what does not conform, at its source where it can.",
        "wita build issue/2025/202508.tex --pdf-standard a-1b   # with a transparent image",
        "Change what the message points at, or ask for a standard that allows it.";
    TYPST = "typst", Output,
        "typst reports a problem with a file the article uses",
        "An image that does not decode, a font file that does not load: typst's own message, at the LaTeX that uses the file.",
        "\\includegraphics{broken.png}   % a PNG cut short",
        "Replace the file.";
    INTERNAL_ERROR = "internal-error", Output,
        "wita generated Typst that does not compile",
        "This is a bug in wita, not in the LaTeX. The message points at the LaTeX that produced the markup.",
        "",
        "Report it with the message and the LaTeX it points at.";
}

impl CodeInfo {
    /// The explanation as `wita explain` prints it: the code and summary,
    /// the explanation, an example and the fix.
    pub fn text(&self) -> String {
        let mut out = format!("{}: {}\n", self.name, self.summary);
        if !self.explanation.is_empty() {
            out.push('\n');
            out.push_str(&wrap(self.explanation, 78));
        }
        if !self.example.is_empty() {
            out.push_str("\nFor example:\n\n");
            for line in self.example.lines() {
                out.push_str("    ");
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
        out.push_str(&wrap(&format!("To fix it: {}", self.fix), 78));
        out
    }
}

/// Text broken into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out.push('\n');
    out
}

/// The documentation of every code (`docs/diagnostics.md`).
pub fn markdown() -> String {
    let mut out = String::from(
        "# wita's diagnostics\n\n\
         Every problem wita reports has a stable code, printed by every format \
         (`warning[unknown-command]: …`, `… [unknown-command]` with `--format short`, \
         `\"code\"` in `--format json`, the annotation's title with `--format github`). \
         `wita explain CODE` prints its entry. This page is generated from \
         `crates/wita-diag/src/codes.rs`; do not edit it by hand \
         (`WITA_BLESS=1 cargo test -p wita-diag` writes it anew).\n",
    );
    let mut areas: Vec<Area> = ALL.iter().map(|info| info.area).collect();
    areas.sort();
    areas.dedup();
    for area in areas {
        out.push_str(&format!(
            "\n## {}\n\n| code | what |\n|---|---|\n",
            area.title()
        ));
        for info in ALL.iter().filter(|info| info.area == area) {
            out.push_str(&format!(
                "| [`{0}`](#{0}) | {1} |\n",
                info.name,
                cell(info.summary)
            ));
        }
        for info in ALL.iter().filter(|info| info.area == area) {
            out.push_str(&format!(
                "\n### {}\n\n{}.",
                info.name,
                capitalised(info.summary)
            ));
            if !info.explanation.is_empty() {
                out.push(' ');
                out.push_str(info.explanation);
            }
            out.push('\n');
            if !info.example.is_empty() {
                out.push_str(&format!("\n```\n{}\n```\n", info.example));
            }
            out.push_str(&format!("\n**Fix:** {}\n", info.fix));
        }
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() => {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for info in ALL {
            assert!(seen.insert(info.name), "{} twice", info.name);
            assert!(
                info.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                info.name
            );
            assert!(
                !info.summary.is_empty() && !info.fix.is_empty(),
                "{}",
                info.name
            );
            assert_eq!(Code::find(info.name).map(Code::name), Some(info.name));
        }
        assert_eq!(UNKNOWN_COMMAND.info().area, Area::Latex);
        assert_eq!(Code::find(" Unknown-Command "), Some(UNKNOWN_COMMAND));
        assert_eq!(Code::find("no-such-code"), None);
    }

    #[test]
    fn an_explanation_gives_the_example_and_the_fix() {
        let text = UNKNOWN_COMMAND.info().text();
        assert!(
            text.starts_with("unknown-command: a LaTeX command"),
            "{text}"
        );
        assert!(text.contains("\nFor example:\n\n    \\mysteryformat{important}\n"));
        assert!(text.contains("\nTo fix it: Define it with `\\newcommand`"));
        assert!(text.lines().all(|l| l.chars().count() <= 78), "{text}");
    }

    /// `docs/diagnostics.md` is what [`markdown`] writes from this table.
    #[test]
    fn the_documentation_is_generated_from_the_table() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics.md");
        let text = markdown();
        for info in ALL {
            assert!(text.contains(&format!("\n### {}\n", info.name)));
        }
        if std::env::var_os("WITA_BLESS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "docs/diagnostics.md is not what codes.rs gives: run `WITA_BLESS=1 cargo test -p wita-diag`"
        );
    }
}
