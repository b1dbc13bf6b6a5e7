//! wita's pipeline, stage by stage:
//!
//! 1. [`wita_journal`] locates the issue and reads its master file, metadata
//!    and entries, checking them;
//! 2. [`wita_latex`] translates each entry's `main.tex` into the document
//!    model ([`wita_doc`]), and [`wita_journal::check_article`] checks it
//!    against its entry and cite.bib;
//! 3. [`wita_assemble`] writes the Typst project with the template
//!    ([`wita_typst`] writes each article's markup);
//! 4. [`wita_compile`] compiles it in-process;
//! 5. [`wita_output`] writes the PDFs, the cover PNG and the metadata.
//!
//! [`Builder`] runs these stages as one function that issue builds,
//! preprints, `check` and `convert` share, each stopping where it needs. The
//! CLI (`wita-cli`) is a thin layer over it, and the only reader of the
//! environment ([`BuilderOptions`]).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use wita::{BuildOptions, Builder, Diagnostics};
//!
//! // A journal with one issue, and a new entry in it.
//! let journal = tempfile::tempdir()?;
//! let master = journal.path().join("issue/2025/202501.tex");
//! std::fs::create_dir_all(master.parent().unwrap())?;
//! std::fs::write(&master, "\\setdocmetadata{2025}{202501}{1}\n\\importarticle{hello}\n")?;
//! wita::scaffold::new_entry(&master, "hello", (2025, 1, 15)).map_err(|d| d.message)?;
//!
//! let mut builder = Builder::new();
//! // `wita check`: the sources, translated and assembled, without a layout.
//! let mut diagnostics = Diagnostics::new();
//! assert_eq!(builder.check(&master, &mut diagnostics), 1);
//! assert!(!diagnostics.has_errors());
//! // `wita build -o`: the issue PDF.
//! let pdf = journal.path().join("202501.pdf");
//! let options = BuildOptions { output: Some(pdf.clone()), ..BuildOptions::default() };
//! let report = builder.build(&master, &options);
//! assert!(report.ok());
//! let (written, pages) = report.pdf.unwrap();
//! assert_eq!(written, pdf);
//! assert!(pages > 2); // the cover, its back, then the article
//! # Ok(())
//! # }
//! ```

mod build;
mod cache;
mod check;
mod edition;
mod pipeline;
mod preprint;
pub mod scaffold;
mod synctex;
pub mod target;
pub mod timings;
pub mod today;

pub use build::{
    ArticleReport, BuildOptions, BuildReport, Builder, BuilderOptions, IssueBuild, Stage, Written,
    write_whole,
};
pub use target::{Target, issues_under};
pub use wita_diag::{
    Code, Color, Diagnostic, Diagnostics, Renderer, Severity, Sources, Span, Style, codes,
    native_path,
};
pub use wita_journal as journal;
pub use wita_latex::command_table;
pub use wita_output::Standards;
