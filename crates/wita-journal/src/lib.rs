//! The journal repository: locating an issue from a path, reading its master
//! file, metadata and entries, and the journal's rules for them.
//!
//! This is the first stage of the pipeline. It reads files only inside the
//! journal root (and an entry's own files only inside its folder, see
//! [`paths`]), and turns every problem into a located diagnostic.

mod check;
mod config;
mod info;
mod issue;
mod language;
mod layout;
mod meta;
pub mod paths;

pub use check::{
    check_article, check_issue_files, check_licence, print_missing_keys, resolve_key_case,
};
pub use config::{CONFIG, Config, read_config};
pub use info::{Info, check_date, parse_info};
pub use issue::{
    CoverArt, Entry, EntryFiles, GRAPHIC_EXTENSIONS, Issue, IssueLocation, KNOWN_CLASSES,
    list_entries, load_entry_as_issue, load_issue, locate, read_text,
};
pub use language::{Language, article_language};
pub use layout::{
    EntryPath, META_OUTPUTS, OUTPUT_DIRS, TEMPLATE_DIR, WORDMARK, entry_of, is_build_output,
    master_file,
};
pub use meta::{Meta, TocLine, parse_meta, parse_toc};
pub use paths::{Journal, ReadError};
