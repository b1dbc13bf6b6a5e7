//! Any text as an article: reading, translating to Typst markup (math
//! included) and reading a master file must not panic or hang.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use wita_diag::{FileId, Sources};
use wita_latex::{ReadContext, ResolveError, Resolver, read_article, read_master};

/// Serves one fixed `\input` file; refuses everything else.
struct Files<'a>(&'a Sources);

impl Resolver for Files<'_> {
    fn read_input(&self, written: &str) -> Result<(FileId, Arc<str>), ResolveError> {
        if written == "part" {
            let text: Arc<str> = Arc::from("Part \\textbf{text} $x$ \\input{part}");
            return Ok((self.0.add("part.tex", text.clone()), text));
        }
        Err(ResolveError::new("not here"))
    }
    fn graphic(&self, written: &str) -> Result<String, ResolveError> {
        Ok(format!("e/{written}"))
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sources = Sources::new();
    let id = sources.add("main.tex", text.as_ref());
    let files = Files(&sources);
    let ctx = ReadContext { sources: &sources, resolver: &files, entry_path: "e", issue_path: "i", today: "t" };
    let (article, diags) = read_article(&text, id, &ctx);
    let _ = wita_typst::write_content(&article.body);
    // Every diagnostic renders (spans are in range).
    let renderer = wita_diag::Renderer::new(&sources, wita_diag::Style::Rich);
    for d in diags.iter().take(20) {
        let _ = renderer.to_string(d);
    }
    let _ = read_master(&text, id, &ctx);
});
