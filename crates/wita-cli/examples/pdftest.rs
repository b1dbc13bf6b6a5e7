fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    match pdf_extract::extract_text_from_mem_by_pages(&bytes) {
        Ok(pages) => {
            for (i, p) in pages.iter().enumerate().take(5) {
                println!("=== page {}\n{}", i + 1, p);
            }
            eprintln!("{} pages in {:?}", pages.len(), t.elapsed());
        }
        Err(e) => println!("ERR {e}"),
    }
}
