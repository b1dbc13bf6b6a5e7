//! Where the journal keeps things, as its `make.sh` laid them out: an
//! issue's master file and folder, its entries, the template overrides and
//! the wordmark, and what a build writes. Every path of the layout is here.

use std::path::{Path, PathBuf};

use crate::issue::IssueLocation;

/// Where a journal keeps its replacements for wita's templates.
pub const TEMPLATE_DIR: &str = "texlib/wita";
/// The journal's wordmark, on the cover.
pub const WORDMARK: &str = "vi/res/wm1.svg";
/// What builds write under the journal root: the outputs, and preprints.
pub const OUTPUT_DIRS: [&str; 2] = ["_dist", "workdir"];
/// What builds write into an issue's `meta/` folder, for the website.
pub const META_OUTPUTS: [&str; 3] = ["dist.toml", "dist.json", "map.toml"];

impl IssueLocation {
    /// `issue/<Y>/<ID>.tex`.
    pub fn master_path(&self) -> String {
        format!("issue/{}/{}.tex", self.year, self.id)
    }

    /// `issue/<Y>/<ID>.tex.d` (what `\issuepath` stands for).
    pub fn issue_dir(&self) -> String {
        format!("issue/{}/{}.tex.d", self.year, self.id)
    }

    /// `issue/<Y>/<ID>.tex.d/entry/<entry>` (what `\entrypath` stands for).
    pub fn entry_dir(&self, entry: &str) -> String {
        format!("{}/entry/{entry}", self.issue_dir())
    }

    /// `issue/<Y>/<ID>.tex.d/meta`: the issue's metadata, and the website's.
    pub fn meta_dir(&self) -> String {
        format!("{}/meta", self.issue_dir())
    }

    /// `_dist/issue/<Y>/<ID>.pdf`.
    pub fn issue_pdf(&self) -> String {
        format!("_dist/issue/{}/{}.pdf", self.year, self.id)
    }

    /// `_dist/issue/<Y>/<ID>.png`: the cover.
    pub fn cover_png(&self) -> String {
        format!("_dist/issue/{}/{}.png", self.year, self.id)
    }

    /// `_dist/entry/<Y>/<ID>/WITA.<ID>.<n>.pdf`: the issue's `n`th article alone.
    pub fn article_pdf(&self, n: usize) -> String {
        format!(
            "_dist/entry/{}/{}/WITA.{}.{n}.pdf",
            self.year, self.id, self.id
        )
    }

    /// `workdir/preprint/Preprint.<ID>.<entry>.pdf`.
    pub fn preprint_pdf(&self, entry: &str) -> String {
        format!("workdir/preprint/Preprint.{}.{entry}.pdf", self.id)
    }

    /// `_dist/html/issue/<Y>/<ID>`: the issue's HTML edition.
    pub fn html_dir(&self) -> String {
        format!("_dist/html/issue/{}/{}", self.year, self.id)
    }

    /// `workdir/preprint`: where preprints (and their web pages) go.
    pub fn preprint_dir(&self) -> String {
        "workdir/preprint".into()
    }

    /// `wita/<Y>/<ID>`: the issue's identifier in its PDFs.
    pub fn pdf_ident(&self) -> String {
        format!("wita/{}/{}", self.year, self.id)
    }
}

/// The master file an issue's path names: `…/<ID>.tex` itself, or the one
/// beside its `…/<ID>.tex.d` folder, spelled as the path spells it.
pub fn master_file(path: &Path) -> PathBuf {
    let text = path.to_string_lossy();
    let trimmed = text.trim_end_matches(['/', '\\']);
    let master = trimmed
        .strip_suffix(".d")
        .filter(|m| m.ends_with(".tex"))
        .unwrap_or(trimmed);
    PathBuf::from(master)
}

/// An entry folder, as a path names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryPath {
    /// The issue's master file.
    pub master: PathBuf,
    /// The entry's ID (its folder's name).
    pub id: String,
    /// The entry's folder.
    pub dir: PathBuf,
}

/// The entry a path is in: `<…>/issue/<Y>/<ID>.tex.d/entry/<E>`, or a file
/// or folder anywhere inside it.
pub fn entry_of(path: &Path) -> Option<EntryPath> {
    let dir = if path.is_file() { path.parent()? } else { path };
    let mut candidate = dir;
    loop {
        let parent = candidate.parent()?;
        if parent.file_name().is_some_and(|n| n == "entry") {
            let issue_dir = parent.parent()?;
            let name = issue_dir.file_name()?.to_str()?;
            if let Some(master) = name.strip_suffix(".d").filter(|m| m.ends_with(".tex")) {
                return Some(EntryPath {
                    master: issue_dir.with_file_name(master),
                    id: candidate.file_name()?.to_str()?.to_owned(),
                    dir: candidate.to_path_buf(),
                });
            }
        }
        candidate = parent;
        if candidate.as_os_str().is_empty() {
            return None;
        }
    }
}

/// Whether a path (relative to the journal root or to one of its folders)
/// is something a build writes.
pub fn is_build_output(path: &Path) -> bool {
    let in_output_dir = path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|n| OUTPUT_DIRS.contains(&n))
    });
    let in_meta = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "meta");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    in_output_dir || (in_meta && META_OUTPUTS.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::Journal;

    #[test]
    fn what_a_build_writes_is_where_make_sh_wrote_it() {
        let dir = tempfile::tempdir().unwrap();
        let location = IssueLocation {
            journal: Journal::new(dir.path()).unwrap(),
            year: "2025".into(),
            id: "202508".into(),
        };
        assert_eq!(location.issue_pdf(), "_dist/issue/2025/202508.pdf");
        assert_eq!(location.cover_png(), "_dist/issue/2025/202508.png");
        assert_eq!(
            location.article_pdf(3),
            "_dist/entry/2025/202508/WITA.202508.3.pdf"
        );
        assert_eq!(
            location.preprint_pdf("e1"),
            "workdir/preprint/Preprint.202508.e1.pdf"
        );
        assert_eq!(location.meta_dir(), "issue/2025/202508.tex.d/meta");
        assert_eq!(location.entry_dir("e1"), "issue/2025/202508.tex.d/entry/e1");
    }

    #[test]
    fn paths_name_issues_and_entries() {
        assert_eq!(
            master_file(Path::new("issue/2025/202501.tex.d/")),
            PathBuf::from("issue/2025/202501.tex")
        );
        assert_eq!(
            master_file(Path::new("j/issue/2025/202501.tex")),
            PathBuf::from("j/issue/2025/202501.tex")
        );
        let entry = entry_of(Path::new("j/issue/2025/202501.tex.d/entry/e1/parts")).unwrap();
        assert_eq!(entry.master, PathBuf::from("j/issue/2025/202501.tex"));
        assert_eq!(entry.id, "e1");
        assert_eq!(
            entry.dir,
            PathBuf::from("j/issue/2025/202501.tex.d/entry/e1")
        );
        assert_eq!(entry_of(Path::new("j/issue/2025/202501.tex.d/meta")), None);
    }

    #[test]
    fn build_outputs_are_told_apart() {
        for path in [
            "_dist/issue/2025/202501.pdf",
            "workdir/preprint/Preprint.202501.e1.pdf",
            "issue/2025/202501.tex.d/meta/dist.toml",
            "meta/map.toml",
        ] {
            assert!(is_build_output(Path::new(path)), "{path}");
        }
        for path in [
            "issue/2025/202501.tex.d/meta/toc.csv",
            "issue/2025/202501.tex.d/entry/e1/dist.toml",
            "texlib/wita/issue.typ",
        ] {
            assert!(!is_build_output(Path::new(path)), "{path}");
        }
    }
}
