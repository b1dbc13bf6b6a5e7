//! Translations kept between builds of one [`Builder`](crate::Builder), so
//! that a rebuild (`wita watch`) re-translates only the entries that changed.
//!
//! An entry's translation depends on its `main.tex`, the files it `\input`s,
//! whether its `\includegraphics` targets resolve, and what `\today`,
//! `\entrypath` and `\issuepath` stand for. The reader reaches files only
//! through its [`Resolver`], so recording what the resolver answered is
//! enough to tell, later, whether the answers would still be the same.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use wita_diag::{Diagnostic, FileId};
use wita_doc::Article;
use wita_journal::{EntryFiles, GRAPHIC_EXTENSIONS, Journal};
use wita_latex::{ResolveError, Resolver};

/// What the resolver answered during one translation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// `\input{written}`: the file's text, or that it could not be read.
    Input(String, Option<Arc<str>>),
    /// `\includegraphics{written}`: the resolved path, or that there was none.
    Graphic(String, Option<String>),
}

/// A resolver that serves an entry's files and remembers what it served.
pub(crate) struct RecordingResolver<'a> {
    pub files: EntryFiles<'a>,
    answers: RefCell<Vec<Answer>>,
}

impl<'a> RecordingResolver<'a> {
    pub fn new(files: EntryFiles<'a>) -> Self {
        Self {
            files,
            answers: RefCell::new(Vec::new()),
        }
    }
}

impl Resolver for RecordingResolver<'_> {
    fn read_input(&self, written: &str) -> Result<(FileId, Arc<str>), ResolveError> {
        let result = self.files.read_input(written);
        let text = result.as_ref().ok().map(|(_, text)| text.clone());
        self.answers
            .borrow_mut()
            .push(Answer::Input(written.to_owned(), text));
        result
    }

    fn graphic(&self, written: &str) -> Result<String, ResolveError> {
        let result = self.files.graphic(written);
        self.answers.borrow_mut().push(Answer::Graphic(
            written.to_owned(),
            result.as_ref().ok().cloned(),
        ));
        result
    }
}

/// Everything a translation depended on, besides the recorded answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TranslationKey {
    pub main_text: Arc<str>,
    pub issue_path: String,
    pub today: String,
}

struct Cached {
    key: TranslationKey,
    answers: Vec<Answer>,
    article: Article,
    diagnostics: Vec<Diagnostic>,
}

/// Translations by entry folder (root-relative).
#[derive(Default)]
pub(crate) struct TranslationCache {
    entries: Mutex<HashMap<String, Cached>>,
}

impl TranslationCache {
    /// The cached translation of the entry in `dir`, if nothing it depended on
    /// changed: the same key, and the resolver would answer the same now.
    pub fn get(
        &self,
        journal: &Journal,
        dir: &str,
        key: &TranslationKey,
    ) -> Option<(Article, Vec<Diagnostic>)> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let cached = entries.get(dir).filter(|c| c.key == *key)?;
        let unchanged = cached.answers.iter().all(|answer| match answer {
            Answer::Input(written, text) => {
                let now = journal
                    .resolve_in_entry(dir, written, &["tex"])
                    .ok()
                    .and_then(|rel| journal.read(&rel).ok());
                match (now, text) {
                    (Some(bytes), Some(text)) => bytes == text.as_bytes(),
                    (None, None) => true,
                    _ => false,
                }
            }
            Answer::Graphic(written, path) => {
                let now = journal
                    .resolve_in_entry(dir, written, GRAPHIC_EXTENSIONS)
                    .ok();
                now == *path
            }
        });
        unchanged.then(|| (cached.article.clone(), cached.diagnostics.clone()))
    }

    pub fn put(
        &self,
        dir: &str,
        key: TranslationKey,
        resolver: RecordingResolver,
        article: &Article,
        diagnostics: &[Diagnostic],
    ) {
        let cached = Cached {
            key,
            answers: resolver.answers.into_inner(),
            article: article.clone(),
            diagnostics: diagnostics.to_vec(),
        };
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_owned(), cached);
    }
}
