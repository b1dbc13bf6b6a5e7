//! An issue: its master file, metadata and entries, read and checked.

use std::path::Path;
use std::sync::Arc;

use wita_bib::BibFile;
use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, FileId, Sources, Span};
use wita_latex::{Master, NoFiles, ReadContext, ResolveError, Resolver, read_master};

use crate::info::{Info, parse_info};
use crate::layout::{WORDMARK, master_file};
use crate::meta::{Meta, TocLine, parse_meta, parse_toc};
use crate::paths::{Journal, ReadError};

/// The class files of the old build that wita's built-in template replaces.
pub const KNOWN_CLASSES: &[&str] = &["issue-v1.H"];

/// Where an issue is: its journal, year and ID.
#[derive(Debug, Clone)]
pub struct IssueLocation {
    pub journal: Journal,
    pub year: String,
    pub id: String,
}

/// Finds the issue a command-line path names: `issue/<Y>/<ID>.tex` or its
/// `.tex.d` folder, from anywhere. The journal root is the folder above `issue/`.
pub fn locate(path: &Path) -> Result<IssueLocation, Box<Diagnostic>> {
    let master = master_file(path);
    let usage = || {
        Box::new(Diagnostic::error(codes::NOT_AN_ISSUE, format!("`{}` is not an issue of a journal", path.display())).with_help(
            "give the issue's master file or its folder, e.g. `wita build issue/2025/202508.tex`",
        ))
    };
    if master.extension().and_then(|e| e.to_str()) != Some("tex") {
        return Err(usage());
    }
    let id = master
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(usage)?
        .to_owned();
    let year_dir = master.parent().ok_or_else(usage)?;
    let year = year_dir
        .file_name()
        .and_then(|s| s.to_str())
        .ok_or_else(usage)?
        .to_owned();
    let issue_dir = year_dir.parent().ok_or_else(usage)?;
    if issue_dir.file_name().and_then(|s| s.to_str()) != Some("issue") {
        return Err(Box::new(usage().with_note(
            "the master file must sit in `issue/<Year>/` of the journal",
        )));
    }
    let root = issue_dir.parent().unwrap_or(Path::new(""));
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let journal = Journal::new(root).map_err(|e| {
        Diagnostic::error(
            codes::UNREADABLE_FILE,
            format!(
                "the journal folder `{}` cannot be read: {e}",
                root.display()
            ),
        )
    })?;
    if !journal
        .root()
        .join("issue")
        .join(&year)
        .join(format!("{id}.tex"))
        .is_file()
    {
        return Err(Box::new(
            Diagnostic::error(
                codes::NOT_AN_ISSUE,
                format!("`{}` does not exist", master.display()),
            )
            .with_help("check the year folder and the issue ID"),
        ));
    }
    Ok(IssueLocation { journal, year, id })
}

/// An article of the issue, read and checked (not yet translated).
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    /// 1-based position in the issue (`WITA.<ID>.<n>`).
    pub index: usize,
    /// Root-relative folder.
    pub dir: String,
    /// Where `\importarticle{..}` names it (`None` for an entry read alone).
    pub import_span: Option<Span>,
    pub info: Info,
    pub main: FileId,
    pub main_text: Arc<str>,
    /// `cite.bib`, parsed; `None` when absent.
    pub bib: Option<BibFile>,
}

/// The issue's cover art file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverArt {
    /// Root-relative path of the file to draw (an SVG, or the PDF made from it).
    pub path: String,
}

/// An issue, read and checked.
#[derive(Debug, Clone)]
pub struct Issue {
    pub location: IssueLocation,
    pub master: Master,
    pub master_file: FileId,
    pub meta: Meta,
    pub toc: Option<Vec<TocLine>>,
    pub entries: Vec<Entry>,
    pub cover_art: Option<CoverArt>,
    /// Root-relative path of the wordmark SVG, when the journal has one.
    pub wordmark: Option<String>,
    /// The journal's `wita.toml`.
    pub config: crate::Config,
}

impl Issue {
    pub fn is_draft(&self) -> bool {
        self.master.cover.as_ref().is_some_and(|c| c.draft)
    }

    pub fn editor(&self) -> Option<String> {
        self.master
            .editor
            .as_ref()
            .map(|e| e.value.clone())
            .or_else(|| self.meta.editors().first().cloned())
    }
}

/// A source file's text as the readers take it: without the byte order mark
/// that Windows editors put first, and with Windows' CRLF line endings as
/// `\n` (as TeX ends a line at its CR), so that verbatim text carries no
/// `\r` into the PDF. Lines and columns stay those of the file.
fn source_text(text: &str) -> Arc<str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains("\r\n") {
        Arc::from(text.replace("\r\n", "\n"))
    } else {
        Arc::from(text)
    }
}

/// Reads a text file of the journal into the sources; problems become
/// diagnostics at `span` (or at no place).
pub fn read_text(
    journal: &Journal,
    sources: &Sources,
    rel: &str,
    what: &str,
    span: Option<Span>,
    diags: &mut Diagnostics,
) -> Option<(FileId, Arc<str>)> {
    let bytes = match journal.read(rel) {
        Ok(bytes) => bytes,
        Err(e) => {
            let (code, message) = match e {
                ReadError::NotFound => (
                    codes::FILE_NOT_FOUND,
                    format!("{what} `{}` does not exist", journal.display(rel)),
                ),
                ReadError::Escapes => (
                    codes::UNSAFE_PATH,
                    format!(
                        "{what} `{}` leads out of the journal folder",
                        journal.display(rel)
                    ),
                ),
                ReadError::Io(io) => (
                    codes::UNREADABLE_FILE,
                    format!("{what} `{}` cannot be read: {io}", journal.display(rel)),
                ),
            };
            diags.push(Diagnostic::error(code, message).at_opt(span));
            return None;
        }
    };
    let name = journal.display(rel);
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = source_text(&text);
            Some((sources.add(name, text.clone()), text))
        }
        Err(e) => {
            // Show the file as far as it reads, pointing at the first bad byte.
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = lossy
                .char_indices()
                .nth(
                    String::from_utf8_lossy(&e.as_bytes()[..valid])
                        .chars()
                        .count(),
                )
                .map_or(lossy.len(), |(i, _)| i);
            let id = sources.add(name, lossy.as_str());
            diags.push(
                Diagnostic::error(codes::NOT_UTF8, format!("{what} is not UTF-8 text"))
                    .at(Span::new(id, at..at + 1))
                    .with_label("this byte is not UTF-8")
                    .with_help("save the file as UTF-8"),
            );
            None
        }
    }
}

/// Reads an issue: the master file, meta.toml and toc.csv, and every entry it
/// imports. Errors are collected; `None` when the issue cannot be built.
pub fn load_issue(
    location: IssueLocation,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Option<Issue> {
    load(location, None, sources, diags)
}

/// Reads one entry of an issue as an issue of its own (a preprint, or `wita
/// check` of one entry): the entry need not be imported by the master file,
/// and problems of the master file and the issue's other entries are not its
/// author's business, so they are left out.
pub fn load_entry_as_issue(
    location: IssueLocation,
    entry: &str,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Option<Issue> {
    load(location, Some(entry), sources, diags)
}

fn load(
    location: IssueLocation,
    only: Option<&str>,
    sources: &Sources,
    all_diags: &mut Diagnostics,
) -> Option<Issue> {
    // The journal's settings concern every build, a preprint's too.
    let config = crate::read_config(&location.journal, sources, all_diags);
    // With `only`, the issue-level problems go to a scratch list.
    let mut issue_diags = Diagnostics::new();
    let diags = if only.is_some() {
        &mut issue_diags
    } else {
        &mut *all_diags
    };
    let journal = location.journal.clone();
    let Some((master_file, master_text)) = read_text(
        &journal,
        sources,
        &location.master_path(),
        "the issue file",
        None,
        diags,
    ) else {
        all_diags.extend(issue_diags.into_vec());
        return None;
    };
    let issue_dir = location.issue_dir();
    let ctx = ReadContext {
        sources,
        resolver: &NoFiles,
        entry_path: &issue_dir,
        issue_path: &issue_dir,
        today: "",
    };
    let (master, master_diags) = read_master(&master_text, master_file, &ctx);
    diags.extend(master_diags);
    check_master(&location, &master, master_file, diags);

    let meta_dir = location.meta_dir();
    let meta_rel = format!("{meta_dir}/meta.toml");
    let meta = if journal.exists(&meta_rel) {
        read_text(&journal, sources, &meta_rel, "meta.toml", None, diags)
            .and_then(|(file, text)| parse_meta(text, file, diags))
    } else {
        diags.push(
            Diagnostic::warning(
                codes::META_TOML,
                format!(
                    "`{}` is missing; using the issue file's metadata",
                    journal.display(&meta_rel)
                ),
            )
            .at_opt(master.metadata_span),
        );
        let get = |s: &Option<wita_doc::Spanned<String>>, d: &str| {
            s.as_ref().map_or(d.to_owned(), |s| s.value.clone())
        };
        Some(Meta::synthesize(
            &get(&master.year, &location.year),
            &get(&master.issue_id, &location.id),
            &get(&master.serial, "1"),
            master.editor.as_ref().map(|e| e.value.as_str()),
        ))
    };

    let toc_rel = format!("{meta_dir}/toc.csv");
    let toc = if journal.exists(&toc_rel) {
        read_text(&journal, sources, &toc_rel, "toc.csv", None, diags)
            .map(|(file, text)| parse_toc(&text, file, diags))
    } else {
        None
    };

    let mut entries = Vec::new();
    let mut failed = false;
    if let Some(id) = only {
        let entry = load_entry(&location, id, None, 1, sources, all_diags)?;
        let meta =
            meta.unwrap_or_else(|| Meta::synthesize(&location.year, &location.id, "1", None));
        return Some(Issue {
            location,
            master,
            master_file,
            meta,
            toc: None,
            entries: vec![entry],
            cover_art: None,
            wordmark: None,
            config,
        });
    }
    let meta = meta?;
    for (i, import) in master.articles.iter().enumerate() {
        if master.articles[..i].iter().any(|a| a.value == import.value) {
            diags.push(
                Diagnostic::error(
                    codes::MASTER_FILE,
                    format!("`{}` is imported twice", import.value),
                )
                .at(import.span)
                .with_help("remove one of the `\\importarticle` lines"),
            );
            failed = true;
            continue;
        }
        let index = entries.len() + 1;
        match load_entry(
            &location,
            &import.value,
            Some(import.span),
            index,
            sources,
            diags,
        ) {
            Some(entry) => entries.push(entry),
            None => failed = true,
        }
    }
    if master.articles.is_empty() {
        diags.push(
            Diagnostic::warning(codes::MASTER_FILE, "the issue imports no article").at(Span::new(master_file, 0..0)).with_help(
                "add `\\importarticle{<EntryID>}` lines between `\\begin{document}` and `\\end{document}`",
            ),
        );
    }
    for bib in &master.cite_bibs {
        if !master.articles.iter().any(|a| a.value == bib.value) {
            diags.push(
                Diagnostic::warning(
                    codes::BIB_NOT_LINKED,
                    format!(
                        "`\\addcitebib{{{}}}` names an entry the issue does not import",
                        bib.value
                    ),
                )
                .at(bib.span),
            );
        }
    }

    let cover_art = master.cover.as_ref().and_then(|cover| {
        let art = cover.art.as_ref()?;
        find_cover_art(&journal, &art.value).or_else(|| {
            diags.push(
                Diagnostic::warning(
                    codes::COVER,
                    format!(
                        "cover art `{}` is missing; the cover is built without it",
                        art.value
                    ),
                )
                .at(art.span)
                .with_help("commit the generated `meta/cover.js.svg` (or its `.svg.pdf`)"),
            );
            None
        })
    });
    let wordmark_rel = WORDMARK;
    let wordmark = if journal.exists(wordmark_rel) {
        Some(wordmark_rel.to_owned())
    } else {
        diags.push(Diagnostic::warning(
            codes::COVER,
            format!(
                "the wordmark `{}` is missing; the cover prints the journal's name instead",
                journal.display(wordmark_rel)
            ),
        ));
        None
    };
    if failed {
        return None;
    }
    Some(Issue {
        location,
        master,
        master_file,
        meta,
        toc,
        entries,
        cover_art,
        wordmark,
        config,
    })
}

/// The master file against the path it was found at.
fn check_master(location: &IssueLocation, master: &Master, file: FileId, diags: &mut Diagnostics) {
    match &master.class {
        Some(class) if !KNOWN_CLASSES.contains(&class.value.as_str()) => diags.push(
            Diagnostic::warning(
                codes::MASTER_FILE,
                format!(
                    "unknown class `{}`; the issue is built in wita's built-in look",
                    class.value
                ),
            )
            .at(class.span),
        ),
        _ => {}
    }
    match &master.issue_id {
        Some(id) if id.value != location.id => diags.push(
            Diagnostic::warning(codes::MASTER_FILE, format!(
                "`\\setdocmetadata` says issue `{}` but the file is `{}.tex`; the file name counts",
                id.value, location.id
            ))
            .at(id.span),
        ),
        None => diags.push(
            Diagnostic::warning(codes::MASTER_FILE,
                "the issue file has no `\\setdocmetadata{<Year>}{<IssueID>}{<Serial>}`",
            )
            .at(Span::new(file, 0..0)),
        ),
        _ => {}
    }
    if let Some(year) = &master.year
        && year.value != location.year
    {
        diags.push(
            Diagnostic::warning(
                codes::MASTER_FILE,
                format!(
                    "`\\setdocmetadata` says year `{}` but the file is in `issue/{}/`",
                    year.value, location.year
                ),
            )
            .at(year.span),
        );
    }
}

/// The cover art to draw for what the master file names: the PDF if it was
/// generated, else the committed SVG it is made from.
fn find_cover_art(journal: &Journal, written: &str) -> Option<CoverArt> {
    let candidates = match written.strip_suffix(".pdf") {
        Some(svg) if svg.ends_with(".svg") => vec![written.to_owned(), svg.to_owned()],
        _ => vec![written.to_owned()],
    };
    candidates
        .into_iter()
        .find(|c| journal.exists(c))
        .map(|path| CoverArt { path })
}

fn load_entry(
    location: &IssueLocation,
    id: &str,
    import_span: Option<Span>,
    index: usize,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Option<Entry> {
    let journal = &location.journal;
    let id = id.to_owned();
    let dir = location.entry_dir(&id);
    let valid_name = !id.is_empty() && !id.contains(['/', '\\']) && id != "." && id != "..";
    if !valid_name || !journal.real_path(&dir).is_ok_and(|p| p.is_dir()) {
        let available = list_entries(journal, &location.issue_dir());
        let mut d = Diagnostic::error(codes::MISSING_ENTRY, format!("entry `{id}` does not exist"))
            .at_opt(import_span)
            .with_label(format!("no folder `{dir}`"));
        if !available.is_empty() {
            d = d.with_note(format!("this issue has: {}", available.join(", ")));
        }
        diags.push(d);
        return None;
    }
    let info = read_text(
        journal,
        sources,
        &format!("{dir}/info.toml"),
        "info.toml",
        import_span,
        diags,
    )
    .and_then(|(file, text)| parse_info(text, file, &id, diags));
    let main = read_text(
        journal,
        sources,
        &format!("{dir}/main.tex"),
        "main.tex",
        import_span,
        diags,
    );
    let bib_rel = format!("{dir}/cite.bib");
    let bib = if journal.exists(&bib_rel) {
        match read_text(journal, sources, &bib_rel, "cite.bib", None, diags) {
            Some((file, text)) => Some(wita_bib::parse(text, file, diags)?),
            None => return None,
        }
    } else {
        None
    };
    let info = info?;
    let (main, main_text) = main?;
    Some(Entry {
        id,
        index,
        dir,
        import_span,
        info,
        main,
        main_text,
        bib,
    })
}

/// The entry folders of an issue (`issue_dir` root-relative), sorted.
pub fn list_entries(journal: &Journal, issue_dir: &str) -> Vec<String> {
    let Ok(dir) = journal.real_path(&format!("{issue_dir}/entry")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// The extensions tried for an `\includegraphics` path written without one.
pub const GRAPHIC_EXTENSIONS: &[&str] = &["pdf", "png", "jpg", "jpeg", "svg", "gif", "webp"];

/// Serves an entry's `\input` and `\includegraphics`, confined to its folder.
pub struct EntryFiles<'a> {
    pub journal: &'a Journal,
    pub sources: &'a Sources,
    pub dir: &'a str,
}

impl Resolver for EntryFiles<'_> {
    fn read_input(&self, written: &str) -> Result<(FileId, Arc<str>), ResolveError> {
        let rel = self.journal.resolve_in_entry(self.dir, written, &["tex"])?;
        let bytes = self.journal.read(&rel).map_err(|e| {
            ResolveError::new(
                codes::UNREADABLE_FILE,
                format!("`{written}` cannot be read: {e:?}"),
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            ResolveError::new(codes::NOT_UTF8, format!("`{written}` is not UTF-8 text"))
                .with_help("save the file as UTF-8")
        })?;
        let text = source_text(&text);
        Ok((
            self.sources.add(self.journal.display(&rel), text.clone()),
            text,
        ))
    }

    fn graphic(&self, written: &str) -> Result<String, ResolveError> {
        self.journal
            .resolve_in_entry(self.dir, written, GRAPHIC_EXTENSIONS)
    }
}
