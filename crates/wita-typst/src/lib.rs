//! wita's Typst writer: the document model ([`wita_doc`]) written as Typst
//! markup that calls the template's functions (`wita.*`) for everything that
//! is the journal's look, with a [`SourceMap`] from every piece of generated
//! markup back to the LaTeX that produced it; and the [`Project`] of generated
//! files that the assembler hands the compiler.

mod escape;
mod math;
mod project;
mod writer;

pub use escape::{markup as escape_markup, string as escape_string, string_lit};
pub use math::{BLOCKED_IDENTIFIERS, convert as convert_math};
pub use project::{Origin, Project, ProjectFile};
pub use writer::{
    CiteData, Markup, SourceMap, SourceMapIndex, WriteOptions, write_content, write_content_with,
};

/// The name the generated markup imports the template under.
pub const TEMPLATE: &str = "wita";
