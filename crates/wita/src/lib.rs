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

mod build;
mod cache;
mod check;
mod pipeline;
mod preprint;
pub mod scaffold;
pub mod target;
pub mod today;

pub use build::{
    ArticleReport, BuildOptions, BuildReport, Builder, BuilderOptions, IssueBuild, Stage, Written,
};
pub use target::{Target, issues_under};
pub use wita_diag::{Diagnostic, Diagnostics, Renderer, Severity, Sources, Span, Style};
pub use wita_journal as journal;
pub use wita_latex::command_table;
