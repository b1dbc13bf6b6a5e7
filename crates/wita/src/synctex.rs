//! SyncTeX beside the PDFs: the words of a laid-out document with the LaTeX
//! file and line each was written at (wita-output writes the format;
//! wita-compile maps typst's spans back to the LaTeX).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use wita_compile::{Compiler, PagedDocument};
use wita_diag::{FileId, SourceFile, Sources};
use wita_output::SyncTex;

/// A source file and its name as SyncTeX gives it.
type Input = (Arc<SourceFile>, Arc<str>);

/// The SyncTeX of a document that `compiler` compiled last.
pub(crate) fn collect(document: &PagedDocument, compiler: &Compiler, sources: &Sources) -> SyncTex {
    let _span = typst_timing::TimingScope::new("wita: SyncTeX");
    let mut locator = compiler.text_locator();
    let mut files: HashMap<FileId, Option<Input>> = HashMap::new();
    // The glyphs of a run are of one file: the last one is kept at hand.
    let mut last: Option<(FileId, Arc<SourceFile>, Arc<str>)> = None;
    SyncTex::collect(document, |span, offset| {
        let at = locator.locate(span, offset)?;
        if last.as_ref().is_none_or(|(id, ..)| *id != at.file) {
            let (file, name) = files
                .entry(at.file)
                .or_insert_with(|| {
                    let file = sources.try_get(at.file)?;
                    let name = input_name(file.name());
                    Some((file, name))
                })
                .clone()?;
            last = Some((at.file, file, name));
        }
        let (_, file, name) = last.as_ref()?;
        let line = file.line_index(at.start as usize) + 1;
        Some((name.clone(), u32::try_from(line).unwrap_or(u32::MAX)))
    })
}

/// How a SyncTeX file names a source: its absolute path, which viewers
/// hand to the editor as it is (sources are named relative to the
/// working folder).
fn input_name(name: &str) -> Arc<str> {
    let path = Path::new(name);
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into()
}

/// Where the SyncTeX of the PDF at `pdf` goes: beside it, as TeX engines
/// name it (`article.pdf`, `article.synctex.gz`), which is where viewers
/// and editors look for it.
pub(crate) fn beside(pdf: &Path) -> PathBuf {
    pdf.with_extension("synctex.gz")
}
