//! Lean PDFs: typst's exporter (krilla) writes every object on its own and
//! uncompressed. Most of a tagged issue's objects are small dictionaries
//! (the tag tree's structure elements, link annotations, outline entries,
//! page dictionaries) which compress well together; [`compact`] moves them
//! into compressed object streams indexed by a compressed cross-reference
//! stream (PDF 1.5, which PDF/A-2 and later and PDF/UA allow).
//!
//! Hand-written rather than done with a PDF library: it only moves each
//! object's bytes, as the file's cross-reference table delimits them, and
//! parses none (lopdf, which did this before, parsed and re-serialized every
//! object: 14 µs an object, a third of the issue PDF's export, and its
//! memory for the whole document on top of typst's).

use std::io::Write as _;

/// Objects per object stream: larger streams compress better (the tag
/// tree's elements repeat each other), and a reader inflates a whole stream
/// to reach one object in it; past a few hundred the file hardly shrinks.
const OBJECTS_PER_STREAM: usize = 500;

/// deflate's level for the object streams and the cross-reference stream.
const LEVEL: u32 = 6;

/// A cross-reference stream entry: type (1 byte), offset or object stream
/// (4 bytes, big-endian), generation or index (2 bytes): `/W [1 4 2]`.
const ROW: usize = 7;

/// The file rewritten with its small objects in object streams, its
/// streams (pages, fonts, images, the XMP metadata) as they were, bytes and
/// filters, and every object under its number. `None` for a file older than
/// PDF 1.5 (PDF/A-1, a `1.4` build), which must not have object streams,
/// and for one not laid out as typst writes them (one cross-reference
/// table, objects of generation 0). The output is a function of the input.
pub fn compact(pdf: &[u8]) -> Option<Vec<u8>> {
    let version = pdf.strip_prefix(b"%PDF-1.")?.first()?;
    if !(b'5'..=b'9').contains(version) {
        return None;
    }
    let table = XrefTable::read(pdf)?;
    let header_end = table.offsets.iter().flatten().min().copied()?;

    // Each object's bytes, from its offset to the next object's (or the
    // table's): `N 0 obj\n<body>\nendobj`.
    let mut starts: Vec<usize> = table.offsets.iter().flatten().copied().collect();
    starts.push(table.start);
    starts.sort_unstable();
    let mut streams = Vec::new();
    let mut small = Vec::new();
    for (number, offset) in table.offsets.iter().enumerate() {
        let Some(offset) = *offset else { continue };
        let next = *starts.get(starts.partition_point(|&s| s <= offset))?;
        let object = pdf.get(offset..next)?;
        let head = format!("{number} 0 obj");
        let body = object
            .strip_prefix(head.as_bytes())?
            .trim_ascii()
            .strip_suffix(b"endobj")?
            .trim_ascii();
        if body.ends_with(b"endstream") {
            streams.push((number, object.trim_ascii_end()));
        } else {
            small.push((number, body));
        }
    }

    let size = table.offsets.len();
    let object_streams = small.len().div_ceil(OBJECTS_PER_STREAM);
    let xref_number = size + object_streams;
    // Entry per object number, the xref stream's own included.
    let mut entries = vec![[0u8; ROW]; xref_number + 1];
    entries[0] = entry(0, 0, 0xFFFF);

    let mut out = Vec::with_capacity(pdf.len() / 2);
    out.extend_from_slice(&pdf[..header_end]);
    for (number, object) in streams {
        entries[number] = entry(1, out.len(), 0);
        out.extend_from_slice(object);
        out.push(b'\n');
    }
    for (i, chunk) in small.chunks(OBJECTS_PER_STREAM).enumerate() {
        let stream_number = size + i;
        let mut index = String::new();
        let mut bodies = Vec::new();
        for (at, (number, body)) in chunk.iter().enumerate() {
            entries[*number] = entry(2, stream_number, at);
            index.push_str(&format!("{number} {} ", bodies.len()));
            bodies.extend_from_slice(body);
            bodies.push(b'\n');
        }
        let mut data = index.into_bytes();
        let first = data.len();
        data.extend_from_slice(&bodies);
        let data = deflate(&data)?;
        entries[stream_number] = entry(1, out.len(), 0);
        write!(
            out,
            "{stream_number} 0 obj\n<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
            chunk.len(),
            data.len()
        )
        .ok()?;
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    // The cross-reference stream, with the PNG "up" predictor (each row's
    // bytes minus the row above's: the rows of neighbouring objects are then
    // nearly all zero).
    let xref_at = out.len();
    entries[xref_number] = entry(1, xref_at, 0);
    let mut rows = Vec::with_capacity(entries.len() * (ROW + 1));
    let mut above = [0u8; ROW];
    for row in &entries {
        rows.push(2); // PNG's "up" filter.
        rows.extend(row.iter().zip(above).map(|(b, a)| b.wrapping_sub(a)));
        above = *row;
    }
    let data = deflate(&rows)?;
    write!(
        out,
        "{xref_number} 0 obj\n<</Type/XRef/Size {}/W[1 4 2]",
        xref_number + 1
    )
    .ok()?;
    // The trailer's entries as they are: a file identifier may be a string
    // of any bytes.
    out.extend_from_slice(table.trailer);
    write!(
        out,
        "/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns {ROW}>>/Length {}>>\nstream\n",
        data.len()
    )
    .ok()?;
    out.extend_from_slice(&data);
    write!(out, "\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF").ok()?;
    Some(out)
}

/// A cross-reference stream row.
fn entry(kind: u8, field: usize, generation: usize) -> [u8; ROW] {
    let field = u32::try_from(field).unwrap_or(u32::MAX).to_be_bytes();
    let generation = u16::try_from(generation).unwrap_or(u16::MAX).to_be_bytes();
    [
        kind,
        field[0],
        field[1],
        field[2],
        field[3],
        generation[0],
        generation[1],
    ]
}

fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 4),
        flate2::Compression::new(LEVEL),
    );
    encoder.write_all(data).ok()?;
    encoder.finish().ok()
}

/// The file's one cross-reference table and its trailer, as typst writes
/// them.
struct XrefTable<'a> {
    /// Where the table starts (`xref`).
    start: usize,
    /// Each object number's offset; `None` for a free one.
    offsets: Vec<Option<usize>>,
    /// The trailer's entries other than `/Size` (`/Root`, `/Info`, `/ID`),
    /// which the cross-reference stream's dictionary takes over.
    trailer: &'a [u8],
}

impl<'a> XrefTable<'a> {
    fn read(pdf: &'a [u8]) -> Option<Self> {
        let tail = &pdf[pdf.len().saturating_sub(64)..];
        let at = find(tail, b"startxref")? + b"startxref".len();
        let start: usize = std::str::from_utf8(tail[at..].trim_ascii_start())
            .ok()?
            .split_ascii_whitespace()
            .next()?
            .parse()
            .ok()?;
        let mut rest = pdf.get(start..)?.strip_prefix(b"xref")?.trim_ascii_start();
        let line_end = find(rest, b"\n")?;
        let mut section = std::str::from_utf8(&rest[..line_end])
            .ok()?
            .split_ascii_whitespace();
        // One section, from object 0.
        if section.next()? != "0" {
            return None;
        }
        let count: usize = section.next()?.parse().ok()?;
        rest = &rest[line_end + 1..];
        // Twenty bytes an entry: a count the file cannot hold is damage.
        if count > rest.len() / 20 {
            return None;
        }
        let mut offsets = Vec::with_capacity(count);
        for _ in 0..count {
            // `oooooooooo ggggg n\r\n`: twenty bytes.
            let line = std::str::from_utf8(rest.get(..20)?).ok()?;
            rest = &rest[20..];
            let mut fields = line.split_ascii_whitespace();
            let offset: usize = fields.next()?.parse().ok()?;
            let generation = fields.next()?;
            match fields.next()? {
                "n" if generation.parse::<u32>().ok()? == 0 => offsets.push(Some(offset)),
                "f" => offsets.push(None),
                _ => return None,
            }
        }
        let rest = rest
            .trim_ascii_start()
            .strip_prefix(b"trailer")?
            .trim_ascii_start();
        let dict = rest.strip_prefix(b"<<")?;
        let dict =
            &dict[..find(dict, b">>\nstartxref").or_else(|| find(dict, b">>\r\nstartxref"))?];
        // typst writes `/Size N` first; nothing else in it names the size.
        let size_end = dict
            .strip_prefix(b"/Size ")
            .map(|after| 6 + after.iter().take_while(|b| b.is_ascii_digit()).count())?;
        let trailer = dict.get(size_end..)?;
        if find(trailer, b"/Encrypt").is_some() || find(trailer, b"/Prev").is_some() {
            return None;
        }
        Some(Self {
            start,
            offsets,
            trailer,
        })
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
