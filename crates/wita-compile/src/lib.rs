//! Compiling in-process: wita's implementation of typst's `World` (the one
//! seam between the compiler and its environment) and the mapping of typst's
//! diagnostics back to the LaTeX an author wrote.
//!
//! The world serves the generated project (main file, template, articles,
//! bibliographies) from memory and everything else from the journal folder,
//! refusing paths that lead out of it; packages and the network do not exist.

mod accessible;
mod locate;
mod settle;
mod world;

pub use locate::TextLocator;
pub use settle::{MAX_LAYOUTS, compile_paged};
pub use typst_layout::PagedDocument;
// What the compiler compiles: defined with the writer, so that the assembler
// makes one without building typst.
pub use wita_typst::{Origin, Project, ProjectFile};
pub use world::{
    CompileOutput, Compiler, HtmlOutput, HtmlPage, TracePlace, forget_memoized, missing_characters,
};
