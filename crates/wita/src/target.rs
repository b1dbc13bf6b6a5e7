//! What a path on the command line names: an issue, one entry of an issue,
//! or a folder of issues.

use std::path::{Path, PathBuf};

use wita_journal::{OUTPUT_DIRS, entry_of};

/// A command-line path, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `issue/<Y>/<ID>.tex` or its `.tex.d` folder.
    Issue(PathBuf),
    /// `issue/<Y>/<ID>.tex.d/entry/<EntryID>/` (or a file inside it): the
    /// issue's master file and the entry's ID.
    Entry { master: PathBuf, id: String },
    /// Any other folder: every issue under it.
    Folder(PathBuf),
}

impl Target {
    pub fn of(path: &Path) -> Target {
        if let Some(entry) = entry_of(path) {
            return Target::Entry {
                master: entry.master,
                id: entry.id,
            };
        }
        let text = path.to_string_lossy();
        let trimmed = text.trim_end_matches(['/', '\\']);
        if path.is_dir() && !trimmed.ends_with(".tex.d") {
            return Target::Folder(path.to_path_buf());
        }
        Target::Issue(path.to_path_buf())
    }
}

/// Every issue master file (`issue/<Y>/<ID>.tex`) under a folder, sorted.
pub fn issues_under(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect(folder, &mut found);
    found.sort();
    found
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            // Outputs and issue folders hold no master files; entries are big.
            if name.starts_with('.') || OUTPUT_DIRS.contains(&&*name) || name.ends_with(".tex.d") {
                continue;
            }
            collect(&path, found);
        } else if name.ends_with(".tex") && is_master_file(&path) {
            found.push(path);
        }
    }
}

/// A master file sits at `issue/<Year>/<IssueID>.tex`.
fn is_master_file(path: &Path) -> bool {
    path.parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .is_some_and(|n| n == "issue")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let entry = root.join("issue/2025/202501.tex.d/entry/e1");
        std::fs::create_dir_all(&entry).unwrap();
        std::fs::write(entry.join("main.tex"), "").unwrap();
        std::fs::write(root.join("issue/2025/202501.tex"), "").unwrap();
        std::fs::create_dir_all(root.join("issue/0000/000000.tex.d")).unwrap();
        std::fs::write(root.join("issue/0000/000000.tex"), "").unwrap();
        std::fs::write(root.join("issue/2025/notes.txt"), "").unwrap();

        let master = root.join("issue/2025/202501.tex");
        let want = Target::Entry {
            master: master.clone(),
            id: "e1".into(),
        };
        assert_eq!(Target::of(&entry), want);
        assert_eq!(Target::of(&entry.join("main.tex")), want);
        assert_eq!(Target::of(&master), Target::Issue(master.clone()));
        let folder = root.join("issue/2025/202501.tex.d/");
        assert_eq!(Target::of(&folder), Target::Issue(folder.clone()));
        assert_eq!(
            Target::of(&root.join("issue")),
            Target::Folder(root.join("issue"))
        );
        assert_eq!(
            issues_under(&root.join("issue")),
            [root.join("issue/0000/000000.tex"), master]
        );
    }
}
