//! Where a build may read: inside the journal root, and for an entry's own
//! `\input` and `\includegraphics`, inside its entry folder. Paths are checked
//! lexically (no absolute paths, no `..` out) and then on disk (no symlink
//! that leads out).

use std::path::{Component, Path, PathBuf};

use wita_diag::codes;
use wita_latex::ResolveError;

/// The journal repository: the folder that holds `issue/`.
#[derive(Debug, Clone)]
pub struct Journal {
    /// Canonical absolute path.
    root: PathBuf,
    /// The root as the user wrote it, for messages (`.` when run from it).
    shown: PathBuf,
}

/// Why a file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    /// The path (or a symlink on it) leads out of the folder it must stay in.
    Escapes,
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("the file does not exist"),
            ReadError::Escapes => f.write_str("the path leads out of the folder it must stay in"),
            ReadError::Io(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ReadError {}

impl Journal {
    /// A journal at `root` (which must exist).
    pub fn new(root: &Path) -> std::io::Result<Self> {
        let canonical = root.canonicalize()?;
        let shown = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root.to_path_buf()
        };
        Ok(Self {
            root: canonical,
            shown,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How a journal-root-relative path is shown in messages: with this
    /// platform's separators (`..\journal\issue\…` on Windows); the
    /// sources' [`key`](wita_diag::SourceFile::key) gives it back with `/`.
    pub fn display(&self, rel: &str) -> String {
        if self.shown == Path::new(".") {
            wita_diag::native_path(rel)
        } else {
            let shown = self.shown.to_string_lossy();
            let shown = shown.trim_end_matches(['/', '\\']);
            wita_diag::native_path(&format!("{shown}/{rel}"))
        }
    }

    /// The real path of a root-relative path, refusing anything outside the root.
    pub fn real_path(&self, rel: &str) -> Result<PathBuf, ReadError> {
        let rel = normalize(rel).ok_or(ReadError::Escapes)?;
        let path = self.root.join(&rel);
        self.confine(&path, &self.root)?;
        Ok(path)
    }

    /// Checks that an existing `path` resolves (through symlinks) inside `dir`.
    fn confine(&self, path: &Path, dir: &Path) -> Result<(), ReadError> {
        match path.canonicalize() {
            Ok(real) if real.starts_with(dir) => Ok(()),
            Ok(_) => Err(ReadError::Escapes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ReadError::NotFound),
            Err(e) => Err(ReadError::Io(e.to_string())),
        }
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.real_path(rel).is_ok_and(|p| p.is_file())
    }

    /// Reads a root-relative file.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, ReadError> {
        let path = self.real_path(rel)?;
        std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Io(e.to_string()),
        })
    }

    /// Resolves a path written in an entry's LaTeX to a root-relative path of
    /// an existing file inside the entry folder `entry_dir` (root-relative).
    /// `extensions` are tried, in order, when the written path has none.
    pub fn resolve_in_entry(
        &self,
        entry_dir: &str,
        written: &str,
        extensions: &[&str],
    ) -> Result<String, ResolveError> {
        let written = written.trim();
        if written.is_empty() {
            return Err(ResolveError::new(
                codes::FILE_NOT_FOUND,
                "the path is empty",
            ));
        }
        let slashed = written.replace('\\', "/");
        if is_absolute(&slashed) {
            return Err(ResolveError::new(
                codes::UNSAFE_PATH,
                format!("absolute path `{written}` is not allowed"),
            )
            .with_help(
                "write the path relative to the entry folder, or start it with `\\entrypath/`",
            ));
        }
        // `\entrypath/x` and `issue/...` are journal-root relative; anything
        // else is relative to the entry folder.
        let within_entry = if let Some(rest) = slashed.strip_prefix(&format!("{entry_dir}/")) {
            rest.to_owned()
        } else if slashed.starts_with("issue/") {
            return Err(ResolveError::new(
                codes::UNSAFE_PATH,
                format!("`{written}` is outside this entry's folder"),
            )
            .with_help("an article may only use files inside its own entry folder"));
        } else {
            slashed
        };
        let rel = normalize(&within_entry).ok_or_else(|| {
            ResolveError::new(
                codes::UNSAFE_PATH,
                format!("`{written}` leads out of the entry folder through `..`"),
            )
            .with_help("an article may only use files inside its own entry folder")
        })?;
        let entry_real = self.root.join(entry_dir);
        let entry_canonical = entry_real.canonicalize().map_err(|e| {
            ResolveError::new(
                codes::UNREADABLE_FILE,
                format!("the entry folder cannot be read: {e}"),
            )
        })?;
        // `main.labels` is `main.labels.tex` first, as TeX looks for it: a
        // dot that starts no known extension is part of the name.
        let has_extension = Path::new(&rel)
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)));
        let mut candidates = vec![rel.clone()];
        if !has_extension {
            candidates = extensions
                .iter()
                .map(|ext| format!("{rel}.{ext}"))
                .chain([rel.clone()])
                .collect();
        }
        for candidate in &candidates {
            let path = entry_real.join(candidate);
            if path.symlink_metadata().is_err() {
                continue;
            }
            return match self.confine(&path, &entry_canonical) {
                Ok(()) if path.is_file() => Ok(format!("{entry_dir}/{candidate}")),
                Ok(()) => Err(ResolveError::new(
                    codes::FILE_NOT_FOUND,
                    format!("`{written}` is not a file"),
                )),
                Err(ReadError::Escapes) => Err(ResolveError::new(
                    codes::UNSAFE_PATH,
                    format!("`{written}` is a symlink that leads out of the entry folder"),
                )
                .with_help("an article may only use files inside its own entry folder")),
                Err(ReadError::NotFound) => Err(ResolveError::new(
                    codes::FILE_NOT_FOUND,
                    format!("`{written}` is a broken symlink"),
                )),
                Err(ReadError::Io(e)) => Err(ResolveError::new(
                    codes::UNREADABLE_FILE,
                    format!("`{written}` cannot be read: {e}"),
                )),
            };
        }
        let tried = candidates
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Err(
            ResolveError::not_found(format!("file `{written}` not found in the entry folder"))
                .with_help(format!("looked for {tried} in `{entry_dir}`")),
        )
    }
}

fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('~')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

/// Lexically normalizes a relative path (`a/./b/../c` → `a/c`); `None` if it
/// climbs above its start or is absolute.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("issue/2025/202508.tex.d/entry/e");
        std::fs::create_dir_all(entry.join("sub")).unwrap();
        std::fs::write(entry.join("list.tex"), "x").unwrap();
        std::fs::write(entry.join("main.labels.tex"), "x").unwrap();
        std::fs::write(entry.join("sub/pic.png"), "x").unwrap();
        std::fs::create_dir_all(dir.path().join("issue/2025/202508.tex.d/entry/other")).unwrap();
        std::fs::write(
            dir.path()
                .join("issue/2025/202508.tex.d/entry/other/secret.tex"),
            "x",
        )
        .unwrap();
        let j = Journal::new(dir.path()).unwrap();
        (dir, j)
    }

    const E: &str = "issue/2025/202508.tex.d/entry/e";

    #[test]
    fn entry_relative_and_entrypath_forms_resolve() {
        let (_d, j) = journal();
        assert_eq!(
            j.resolve_in_entry(E, "list", &["tex"]).unwrap(),
            format!("{E}/list.tex")
        );
        assert_eq!(
            j.resolve_in_entry(E, "list.tex", &["tex"]).unwrap(),
            format!("{E}/list.tex")
        );
        // A dot that starts no known extension is part of the name (TeX).
        assert_eq!(
            j.resolve_in_entry(E, "main.labels", &["tex"]).unwrap(),
            format!("{E}/main.labels.tex")
        );
        assert_eq!(
            j.resolve_in_entry(E, &format!("{E}/list.tex"), &["tex"])
                .unwrap(),
            format!("{E}/list.tex")
        );
        assert_eq!(
            j.resolve_in_entry(E, "sub/../sub/pic", &["pdf", "png"])
                .unwrap(),
            format!("{E}/sub/pic.png")
        );
        assert_eq!(
            j.resolve_in_entry(E, "sub\\pic.png", &[]).unwrap(),
            format!("{E}/sub/pic.png")
        );
    }

    #[test]
    fn absolute_paths_are_refused() {
        let (_d, j) = journal();
        for p in [
            "/etc/passwd",
            "C:/Windows/win.ini",
            "\\\\server\\share",
            "~/x",
        ] {
            let e = j.resolve_in_entry(E, p, &["tex"]).unwrap_err();
            assert!(e.message.contains("absolute"), "{p}: {e:?}");
        }
    }

    #[test]
    fn dotdot_escapes_are_refused() {
        let (_d, j) = journal();
        let e = j
            .resolve_in_entry(E, "../other/secret.tex", &["tex"])
            .unwrap_err();
        assert!(e.message.contains("leads out"), "{e:?}");
        let e = j
            .resolve_in_entry(E, "sub/../../other/secret", &["tex"])
            .unwrap_err();
        assert!(e.message.contains("leads out"), "{e:?}");
        let e = j
            .resolve_in_entry(
                E,
                "issue/2025/202508.tex.d/entry/other/secret.tex",
                &["tex"],
            )
            .unwrap_err();
        assert!(e.message.contains("outside"), "{e:?}");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_are_refused() {
        let (d, j) = journal();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.tex"), "secret").unwrap();
        let entry = d.path().join(E);
        std::os::unix::fs::symlink(outside.path().join("x.tex"), entry.join("link.tex")).unwrap();
        std::os::unix::fs::symlink(
            d.path().join("issue/2025/202508.tex.d/entry/other"),
            entry.join("dir"),
        )
        .unwrap();
        let e = j.resolve_in_entry(E, "link", &["tex"]).unwrap_err();
        assert!(e.message.contains("symlink"), "{e:?}");
        let e = j.resolve_in_entry(E, "dir/secret", &["tex"]).unwrap_err();
        assert!(e.message.contains("symlink"), "{e:?}");
        // A symlink that stays inside is fine.
        std::os::unix::fs::symlink(entry.join("list.tex"), entry.join("alias.tex")).unwrap();
        assert!(j.resolve_in_entry(E, "alias", &["tex"]).is_ok());
        // And the journal itself refuses reads through a symlink out of the root.
        std::os::unix::fs::symlink(outside.path().join("x.tex"), d.path().join("escape.tex"))
            .unwrap();
        assert_eq!(j.read("escape.tex"), Err(ReadError::Escapes));
    }

    #[test]
    fn missing_files_say_what_was_tried() {
        let (_d, j) = journal();
        let e = j.resolve_in_entry(E, "nope", &["tex"]).unwrap_err();
        assert!(e.message.contains("not found"));
        assert!(e.help[0].contains("`nope.tex`"), "{e:?}");
    }

    #[test]
    fn normalize_rejects_climbing() {
        assert_eq!(normalize("a/./b/../c"), Some("a/c".into()));
        assert_eq!(normalize("../a"), None);
        assert_eq!(normalize("/a"), None);
    }
}
