//! The boundary between the assembler and the compiler: a set of generated
//! files, and where each one's text came from. Here rather than in the
//! compiler, so that the assembler, which makes it, does not build typst.

use crate::SourceMap;

/// Where a generated file's text came from, for mapping problems back.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Typst markup written from an article's LaTeX.
    Article(SourceMap),
    /// wita's own code (main file, template, style): a problem there is a bug
    /// in wita or in a journal's template override.
    Internal,
}

#[derive(Debug, Clone)]
pub struct ProjectFile {
    /// Absolute virtual path, e.g. `/.wita/articles/1.typ`.
    pub path: String,
    pub data: Vec<u8>,
    pub origin: Origin,
}

/// Everything the compiler needs besides the journal's own files.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// The virtual path of the main file.
    pub main: String,
    pub files: Vec<ProjectFile>,
}

impl Project {
    pub fn add(&mut self, path: impl Into<String>, data: impl Into<Vec<u8>>, origin: Origin) {
        self.files.push(ProjectFile {
            path: path.into(),
            data: data.into(),
            origin,
        });
    }

    pub fn get(&self, path: &str) -> Option<&ProjectFile> {
        self.files.iter().find(|f| f.path == path)
    }
}
