//! Any bytes as an info.toml, a cite.bib or a toc.csv: parsing must report
//! problems, never panic.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use wita_diag::{Diagnostics, Sources};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sources = Sources::new();
    let id = sources.add("x", text.as_ref());
    let mut diags = Diagnostics::new();
    let _ = wita_journal::parse_info(Arc::from(text.as_ref()), id, "e", &mut diags);
    let _ = wita_bib::parse(Arc::from(text.as_ref()), id, &mut diags);
    let _ = wita_journal::parse_toc(&text, id, &mut diags);
    let _ = wita_journal::parse_meta(Arc::from(text.as_ref()), id, &mut diags);
    let renderer = wita_diag::Renderer::new(&sources, wita_diag::Style::Rich);
    for d in diags.iter() {
        let _ = renderer.to_string(d);
    }
});
