//! Template debugging: compiles ROOT/MAIN.typ with wita's world and writes
//! page N as OUT.png. `cargo run -p wita-output --example typ2png -- ROOT /main.typ 1 out.png`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = std::path::Path::new(&args[1]);
    let main = &args[2];
    let page: usize = args[3].parse().unwrap();
    let text = std::fs::read(root.join(main.trim_start_matches('/'))).unwrap();
    let mut project = wita_compile::Project {
        main: main.clone(),
        files: vec![],
    };
    project.add(main.clone(), text, wita_compile::Origin::Internal);
    let mut c = wita_compile::Compiler::new(root);
    let out = c.compile(&project, (2025, 1, 1));
    for d in out.diagnostics.iter() {
        eprintln!("{}: {} {:?}", d.severity, d.message, d.notes);
    }
    let doc = out.document.unwrap();
    std::fs::write(
        &args[4],
        wita_output::page_png(&doc, page - 1, 800).unwrap(),
    )
    .unwrap();
}
