//! The renderer against biblatex's output for our own fixture.

use super::*;

const ALL_TYPES: &str = include_str!("../../../../tests/fixtures/bib/all-types.bib");

fn rendered() -> Vec<Reference> {
    render_all(ALL_TYPES)
}

/// Every entry of a .bib, rendered, in the file's order.
fn render_all(src: &str) -> Vec<Reference> {
    let raw = biblatex::RawBibliography::parse(src).unwrap();
    let bib = biblatex::Bibliography::parse(src).unwrap();
    raw.entries
        .iter()
        .map(|e| render(bib.get(e.v.key.v).unwrap(), e.v.kind.v))
        .collect()
}

fn text(r: &Reference) -> String {
    r.plain_text()
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace('\n', "")
}

/// Expected texts: biblatex 3.18 + biber 2.18 (`style=numeric,
/// sorting=ynt`) on our own fixture, read from its PDF.
const EXPECTED: &[(&str, &str)] = &[
    (
        "art1",
        "Hiroshi Brandvold and Chiara Eriksen. “Lattice Harbour Ledger Cartography Lattice LLM Scale”. In: Annals of Quiet Computing 11.2 (Mar. 2004), pp. 14–30.",
    ),
    (
        "art2",
        "Oskar Castellanos, Jonas Fontaine, and Elif Iwasaki. “Tokens Compilers Boundaries Attention Tokens. A Second Look”. In: Review of Lattice Studies 12.3 (May 2007), p. 42. DOI: 10.5555/inv.2007.2.",
    ),
    (
        "book1",
        "Jonas Fontaine and Elif Iwasaki. Mosaic Sparse Recursive Orchard. 2nd ed. Oslo: Orchard Books, 1999. ISBN: 978-0-00-000000-1.",
    ),
    (
        "book2",
        "Quentin Gallagher and Lena Jovanović, eds. Cartography Lattice Harbour Ledger. Kyoto: Lattice House, 2003. ISBN: 978-0-00-000000-2.",
    ),
    (
        "inbook2",
        "Sven Kowalczyk. “Orchard Mosaic Sparse”. In: Yusuf Whitcombe. Ledger Cartography Lattice Harbour. Kyoto: Lattice House, 2005, pp. 22–42.",
    ),
    (
        "incoll1",
        "Noor Nakashima and Ines Quiroga. “Parsers Quiet Signals Spectral”. In: Gradient Weights Rivers. Ed. by Wen Sørensen and Rosa Valkonen. Vol. 4. Studies in Signals. Oslo: Orchard Books, 2011, pp. 101–121.",
    ),
    (
        "inproc0",
        "Ines Quiroga and Dmitri Trautmann. “Harbour Ledger Cartography Lattice Harbour”. In: Proceedings of the First Workshop on Sparse Recursive. WIS 2018 (Tallinn, June 1–4, 2018). Bergen: Invented Society, 2018, pp. 1–9.",
    ),
    (
        "procs1",
        "Vera Dąbrowski and Quentin Gallagher, eds. Proceedings of Cartography Lattice Harbour. Vol. 21. Lecture Notes in Invention. Tartu: Invented Society, 2013.",
    ),
    (
        "online1",
        "Quentin Gallagher and Lena Jovanović. Attention Tokens Compilers Boundaries Attention Tokens 知识 蒸馏. Blog post. Feb. 2024. URL: https://online.example.net/post/1 (visited on 07/11/2025).",
    ),
    (
        "www0",
        "Jonas Fontaine. Signals Spectral Parsers Quiet Signals Spectral. Mar. 20, 2025. URL: https://www.example.net/post/0 (visited on 07/10/2025).",
    ),
    (
        "electronic3",
        "Elif Iwasaki and Zofia Lindqvist. Parsers Quiet Signals Spectral Parsers Quiet. Apr. 2024. URL: https://electronic.example.net/post/3.",
    ),
    (
        "misc0",
        "Zofia Lindqvist. Ledger Cartography Lattice Harbour. Distributed on paper tape. 2020.",
    ),
    (
        "report2",
        "Boris Petrakis. Harbour Ledger Cartography Lattice. Working Paper TR-12. Lattice Centre, 2009.",
    ),
    (
        "techreport0",
        "Noor Nakashima. Gradient Weights Rivers Entropy. Tech. rep. TR-10. Institute of Invented Physics, 2005.",
    ),
    (
        "thesis1",
        "Kaveh Uribe. “Sparse Recursive Orchard Mosaic Sparse”. MA thesis. Leuven: Orchard College, 2005.",
    ),
    (
        "phdthesis3",
        "Yusuf Whitcombe. “Tokens Compilers Boundaries Attention Tokens”. PhD thesis. Harbour University, 2015. URL: https://theses.example.edu/phdthesis/3.",
    ),
    (
        "mastersthesis0",
        "Dmitri Trautmann. “Entropy Gradient Weights Rivers Entropy”. MA thesis. University of Invented Studies, 2000.",
    ),
    (
        "manual3",
        "Quentin Gallagher. Rivers Entropy Gradient User Guide. 4th ed. Version 3.4. Quiet Machines Ltd. 2018.",
    ),
    (
        "unpub2",
        "Tamsin Zeller. “Mosaic Sparse Recursive Orchard Mosaic”. Talk slides. 2023.",
    ),
    (
        "patent0",
        "Quentin Gallagher. “Cartography Lattice Harbour Ledger”. U.S. pat. 7000000. 2011.",
    ),
    (
        "patent3",
        "Lena Jovanović and Greta Moreau. “Weights Rivers Entropy Gradient”. 7003333 (DE). 2014.",
    ),
    (
        "video0",
        "Lena Jovanović. Gradient Weights Rivers Entropy. Recorded lecture. 2019. URL: https://video.example.io/0.",
    ),
    (
        "software0",
        "Lena Jovanović. Compilers Boundaries Attention Tokens. Version 1.0. 2019. URL: https://software.example.io/0.",
    ),
    (
        "dataset1",
        "Sven Kowalczyk and Noor Nakashima. Compilers Boundaries Attention Tokens. Invented Data Archive, 2020.",
    ),
    (
        "conf2",
        "Vera Dąbrowski, Quentin Gallagher, and Lena Jovanović. “Signals Spectral Parsers Quiet”. In: Proceedings of the Conference on Rivers Entropy. Ed. by Kaveh Uribe and Farid Xu. 2018, pp. 52–60.",
    ),
    (
        "corp1",
        "Weight in the Attention Working Group. “On GPU Budgets & 5% Margins: Über-élan”. In: Imaginary Transactions 3 (July 2022), pp. 1–9.",
    ),
    (
        "arxiv1",
        "Oskar Castellanos and Jonas Fontaine. Tokenisers Considered α-Harmful. 2024. arXiv: 2401.01234 [cs.CL].",
    ),
    (
        "others1",
        "Ada Ng, Ben Oduya, et al. What Is Left? A Question. Nov. 2, 2023. URL: https://others.example.org/q.",
    ),
    (
        "transl1",
        "Jonas Fontaine. Signals Spectral Parsers. With an Afterword. Trans. by Lena Jovanović. Orchard Books, 1999.",
    ),
    (
        "coll1",
        "Ugo O’Connell, Priya Rasmussen, and Kaveh Uribe, eds. Cartography Lattice Harbour Ledger. Kyoto: Lattice House, 2008. Reprinted 2010.",
    ),
];

#[test]
fn each_type_prints_as_biblatex_does() {
    let refs = rendered();
    for (key, want) in EXPECTED {
        let r = refs.iter().find(|r| r.key == *key).unwrap();
        assert_eq!(text(r), *want, "{key}");
    }
}

#[test]
fn sorted_as_biber_sorts_with_ynt() {
    let mut refs = rendered();
    sort_ynt(&mut refs);
    let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
    // biber's order (its .bbl) for the fixture.
    let want = [
        "book0",
        "transl1",
        "book1",
        "thesis0",
        "phdthesis0",
        "mastersthesis0",
        "art0",
        "book2",
        "inbook0",
        "art1",
        "inbook1",
        "inbook2",
        "report0",
        "techreport0",
        "thesis1",
        "phdthesis1",
        "mastersthesis1",
        "inbook3",
        "art2",
        "book3",
        "report1",
        "techreport1",
        "coll1",
        "report2",
        "techreport2",
        "art3",
        "incoll0",
        "thesis2",
        "phdthesis2",
        "mastersthesis2",
        "patent0",
        "incoll1",
        "report3",
        "techreport3",
        "procs0",
        "patent1",
        "incoll2",
        "procs1",
        "patent2",
        "incoll3",
        "procs2",
        "patent3",
        "manual0",
        "procs3",
        "thesis3",
        "phdthesis3",
        "mastersthesis3",
        "conf0",
        "manual1",
        "conf1",
        "manual2",
        "conf2",
        "manual3",
        "inproc0",
        "conf3",
        "software0",
        "video0",
        "dataset0",
        "inproc1",
        "dataset1",
        "video1",
        "software1",
        "misc0",
        "inproc2",
        "unpub3",
        "software2",
        "video2",
        "dataset2",
        "misc1",
        "inproc3",
        "unpub0",
        "video3",
        "dataset3",
        "software3",
        "misc2",
        "corp1",
        "unpub1",
        "others1",
        "misc3",
        "unpub2",
        "arxiv1",
        "online1",
        "electronic1",
        "www1",
        "www3",
        "electronic3",
        "online3",
        "electronic2",
        "online0",
        "electronic0",
        "www0",
        "www2",
        "online2",
    ];
    assert_eq!(keys, want);
}

#[test]
fn italics_and_links() {
    let refs = rendered();
    let art = refs.iter().find(|r| r.key == "art2").unwrap();
    let journal = art.pieces.iter().find(|p| p.italic).unwrap();
    assert_eq!(journal.text, "Review of Lattice Studies");
    let doi = art.pieces.iter().find(|p| p.link.is_some()).unwrap();
    assert_eq!(
        doi.link.as_deref(),
        Some("https://doi.org/10.5555/inv.2007.2")
    );
    let book = refs.iter().find(|r| r.key == "book1").unwrap();
    assert!(
        book.pieces
            .iter()
            .any(|p| p.italic && p.text == "Mosaic Sparse Recursive Orchard")
    );
}

#[test]
fn what_citations_print() {
    let refs = rendered();
    let r = refs.iter().find(|r| r.key == "art2").unwrap();
    assert_eq!(
        r.cite_names.as_deref(),
        Some("Castellanos, Fontaine, and Iwasaki")
    );
    assert_eq!(r.year.as_deref(), Some("2007"));
    let r = refs.iter().find(|r| r.key == "art0").unwrap();
    assert_eq!(r.cite_names.as_deref(), Some("Abernethy"));
    let many = refs.iter().find(|r| r.key == "art3").unwrap();
    assert!(many.cite_names.as_deref().unwrap().ends_with(" et al."));
    let quoted: String = r.cite_title.iter().map(|p| p.text.as_str()).collect();
    assert!(quoted.starts_with('“') && quoted.ends_with('”'), "{quoted}");
}

/// Invented entries that probe the collation: accents, case,
/// punctuation, the padding of name parts, `et al.`, `key` and missing
/// or non-numeric years.
const COLLATION: &str = r#"
@book{zola, author = {Zola, Émile}, title = {Alpha}, year = {2000}}
@book{eclair1, author = {Éclair, Anne}, title = {Alpha}, year = {2000}}
@book{eclair2, author = {Eclair, Bob}, title = {Alpha}, year = {2000}}
@book{ezra, author = {Ezra, Anne}, title = {Alpha}, year = {2000}}
@book{ecl, author = {Ecl, Zed}, title = {Alpha}, year = {2000}}
@book{vandyke1, author = {{van Dyke}, Anne}, title = {Alpha}, year = {2000}}
@book{vandyke2, author = {{Van Dyke}, Anne}, title = {Alpha}, year = {2000}}
@book{obrien1, author = {O'Brien, Anne}, title = {Alpha}, year = {2000}}
@book{obrien2, author = {Obrien, Anne}, title = {Alpha}, year = {2000}}
@book{obrien3, author = {{O Brien}, Anne}, title = {Alpha}, year = {2000}}
@book{muller1, author = {Müller, Adam}, title = {Alpha}, year = {2000}}
@book{muller2, author = {Muller, Zed}, title = {Alpha}, year = {2000}}
@book{lukasz, author = {Łukasz, Anne}, title = {Alpha}, year = {2000}}
@book{lz, author = {Lz, Anne}, title = {Alpha}, year = {2000}}
@book{lukas, author = {Lukas, Anne}, title = {Alpha}, year = {2000}}
@book{oster, author = {Øster, Anne}, title = {Alpha}, year = {2000}}
@book{oz, author = {Oz, Anne}, title = {Alpha}, year = {2000}}
@book{farabi, author = {al-Farabi, Anne}, title = {Alpha}, year = {2000}}
@book{fa, author = {Fa, Anne}, title = {Alpha}, year = {2000}}
@book{four, author = {Smith, Anne and Jones, Bob and Brown, Carl and White, Dan}, title = {Alpha}, year = {2001}}
@book{two, author = {Smith, Anne and Zed, Bob}, title = {Alpha}, year = {2001}}
@book{one, author = {Smith, Anne}, title = {Beta}, year = {2001}}
@book{others, author = {Smith, Anne and others}, title = {Alpha}, year = {2001}}
@book{apple1, title = {the apple}, year = {2002}}
@book{apple2, title = {The apple}, year = {2002}}
@book{ten, title = {10 things}, year = {2002}}
@book{nine, title = {9 things}, year = {2002}}
@book{pie1, title = {Apple-pie}, year = {2002}}
@book{pie2, title = {Apple pie}, year = {2002}}
@book{pie3, title = {Applepie}, year = {2002}}
@book{quoted, title = {“Quoted” title}, year = {2002}}
@book{strasse1, author = {Straße, Anne}, title = {Alpha}, year = {2003}}
@book{strasse2, author = {Strasse, Bob}, title = {Alpha}, year = {2003}}
@book{strasser, author = {Strasser, Anne}, title = {Alpha}, year = {2003}}
@book{gaulle1, author = {de Gaulle, Charles}, title = {Alpha}, year = {2003}}
@book{gaulle2, author = {Gaulle, Anne}, title = {Alpha}, year = {2003}}
@book{gaulle3, author = {Gaulle, Charles}, title = {Alpha}, year = {2003}}
@book{ozil1, author = {{\"O}zil, Anne}, title = {Alpha}, year = {2004}}
@book{ozil2, author = {Ozil, Bob}, title = {Alpha}, year = {2004}}
@book{ozi, author = {Ozi, Zed}, title = {Alpha}, year = {2004}}
@book{vdg1, author = {Van de Graaff, R. J.}, title = {Alpha}, year = {2005}}
@book{vdg2, author = {Graaff, Z.}, title = {Alpha}, year = {2005}}
@book{vanner, author = {Vanner, A.}, title = {Alpha}, year = {2005}}
@book{neumann, author = {von Neumann, John}, title = {Alpha}, year = {2005}}
@book{nyman, author = {Nyman, A.}, title = {Alpha}, year = {2005}}
@book{vdg3, author = {R. J. Van de Graff}, title = {Alpha}, year = {2005}}
@book{waals1, author = {Van der Waals, Johannes}, title = {Alpha}, year = {2005}}
@book{waals2, author = {Waals, A.}, title = {Alpha}, year = {2005}}
@book{keyz, title = {Kappa}, key = {zzz}, year = {1990}}
@book{keya, title = {Kappa}, key = {aaa}}
@book{inpress, title = {Kappa}, year = {in press}}
@book{noyear, title = {Kappa}}
"#;

#[test]
fn collated_as_biber_collates() {
    let mut refs = render_all(COLLATION);
    sort_ynt(&mut refs);
    let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
    // biber 2.18's order (its .bbl) for these entries.
    let want = [
        // 2000: accents and strokes are secondary, punctuation counts
        // (space < apostrophe < letters), upper case first.
        "ecl", "eclair2", "eclair1", "ezra", "fa", "farabi", "lukas", "lukasz", "lz",
        // Müller after Muller although Adam < Zed: biber pads each name
        // part to a common number of NFD characters, and the combining
        // diaeresis leaves Müller one space short.
        "muller2", "muller1", "obrien3", "obrien1", "obrien2", "oster", "oz", "vandyke2",
        "vandyke1", "zola",
        // 2001: `and others` adds nothing, four names are one + et al.
        "others", "one", "two", "four",
        // 2002: punctuation < digits < letters, upper case first.
        "quoted", "ten", "nine", "pie2", "pie1", "pie3", "apple2", "apple1",
        // 2003: the prefix comes last; ß is ss.
        "gaulle2", "gaulle3", "gaulle1", "strasse1", "strasse2", "strasser",
        // 2004: Özil's diaeresis again.
        "ozi", "ozil2", "ozil1",
        // 2005: a "von" part that starts in upper case is the family's.
        "vdg2", "vdg3", "neumann", "nyman", "vdg1", "waals1", "vanner", "waals2",
        // No year (9999), then a `key` or a year that is no number.
        "noyear", "keya", "inpress", "keyz",
    ];
    assert_eq!(keys, want);
}

#[test]
fn an_empty_author_sorts_by_title_among_years_that_are_no_numbers() {
    // Years written as notes (a trick of some .bib files): biber sorts
    // them after the numbers, by name, and by title where the author is
    // empty (biber 2.19's order for these entries).
    const BIB: &str = r#"
@misc{carlson, title={{Control.jl}}, author={B. Carlson, Fredrik}, year={2016 [Online]. Available: \url{https://a.example}}}
@misc{saavedra, title={{Models.jl}}, author={Raphael Saavedra}, year={[Online]. Available: \url{https://b.example}}}
@misc{schauer, title={{Kalman.jl}}, author={Moritz Schauer}, year={[Online]. Available: \url{https://c.example}}}
@misc{state, title={{StateSpace.jl}}, author={}, year={[Online]. Available: \url{https://d.example}}}
@misc{plain, title={Plain}, author={Zed, Ann}, year={2015}}
"#;
    let mut refs = render_all(BIB);
    sort_ynt(&mut refs);
    let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["plain", "carlson", "saavedra", "schauer", "state"]);
}

#[test]
fn years_before_the_common_era_print_without_padding() {
    const BIB: &str = "@book{old, author={Ann Zed}, title={Old}, date={-0379-02}}\n@book{older, author={Ann Zed}, title={Older}, date={-0249}}";
    let texts: Vec<String> = render_all(BIB).iter().map(text).collect();
    assert!(texts[0].contains("Feb. \u{2212}379"), "{}", texts[0]);
    assert!(texts[1].contains("\u{2212}249"), "{}", texts[1]);
}

const ROLES_SETS_RELATED: &str =
    include_str!("../../../../tests/fixtures/bib/roles-sets-related.bib");

/// Expected texts for the roles, lists, sets and related entries fixture:
/// biblatex 3.18 + biber 2.18 (`style=numeric, sorting=ynt`), read from
/// its PDF.
const EXPECTED_ROLES_SETS_RELATED: &[(&str, &str)] = &[
    (
        "roles1",
        "Mirela Osterberg. Lantern Tables of the Northern Coast. Ed. and comm. by Tobiah Quennell. With an afterw. by Ilse Varga. Bergen, Tromsø, and Vardø: Fjord Press, 1911.",
    ),
    (
        "roles2",
        "Anselm Vey. Über die stillen Häfen. German and Latin. Ed., trans. from the German, and annot. by Carys Wend. With a forew. by Rhun Adair. Cardiff: Severn Books, 1932.",
    ),
    (
        "roles3",
        "Paz Ibarra and Onni Lahti, comp. Harbour Ledgers, 1700–1750. Red. by Sabeth Morrow. Quay House et al., 1964.",
    ),
    (
        "roles4",
        "Wendell Hask, trans. The Lantern Tables. Cove Editions, 1951.",
    ),
    (
        "roles5",
        "A Dictionary of Tides. Ed. by Vivian Strand. 3rd ed. Brine and Sons, 1977.",
    ),
    (
        "series1",
        "Hedda Lunde. “The ‘Quiet’ Harbour and Its ‘Loud’ Neighbour”. In: Coastal Quarterly. 3rd ser. 12 (1960), pp. 1–20.",
    ),
    (
        "series2",
        "Hedda Lunde. “Tide-table Arithmetic”. Version 2. In: Coastal Quarterly. New ser. 4.2 (Mar. 1970), pp. 30–41.",
    ),
    (
        "periodical1",
        "Coastal Quarterly 20.1 (1985): Lighthouses Revisited.",
    ),
    (
        "tideset",
        "Ansel Brook. “Spring Tides”. In: Journal of Invented Oceans 7 (1990), pp. 11–19; Imke Sol. “Neap Tides”. In: Journal of Invented Oceans 7 (1990), pp. 20–28.",
    ),
    (
        "orig1:reprint",
        "Noor Falk. Salt Roads. Leiden: Polder Reprints, 1999. (Orig. pub. in 1931 by Dune Press).",
    ),
    (
        "orig2",
        "Noor Falk. Les routes du sel. Paris: Maison Dune, 1935. Trans. by Piet Marr as Salt Roads Again (London: Tern Books, 1960).",
    ),
    (
        "orig3",
        "Piet Marr, trans. The Salt Atlas. Tern Books, 1962. Trans. of Noor Falk. Les routes du sel. Paris: Maison Dune, 1935. Trans. by Piet Marr as Salt Roads Again (London: Tern Books, 1960).",
    ),
    (
        "orig4:reprint",
        "Inga Roe. “Lamp Oil”. In: Keeper’s Anthology. Ed. by Odo Venn. Tern Books, 1975, pp. 101–105. Repr. from Keeper’s Review 2.4 (1950), pp. 5–9.",
    ),
    (
        "atlas",
        "Arvo Penn. Atlas of Invented Shores. 2 vols. Tern Books, 1980–1982. Vol. 1: The North. 1980. Vol. 2: The South. 1982.",
    ),
    (
        "excerpt1",
        "Lio Marsh. “Fog Signals”. In: Keeper’s Review 9 (1957), pp. 40–44. Excerpt in Arvo Penn. Atlas of Invented Shores. Vol. 2: The South. Tern Books, 1982.",
    ),
];

#[test]
fn roles_lists_sets_and_related_entries_print_as_biblatex_does() {
    let sources = wita_diag::Sources::new();
    let file = sources.add("cite.bib", ROLES_SETS_RELATED);
    let mut diags = wita_diag::Diagnostics::new();
    let bib = crate::parse(std::sync::Arc::from(ROLES_SETS_RELATED), file, &mut diags).unwrap();
    for (key, want) in EXPECTED_ROLES_SETS_RELATED {
        assert_eq!(text(&bib.references[*key]), *want, "{key}");
    }
    // Each volume of a multivolume work on a line of its own.
    assert_eq!(
        bib.references["atlas"].plain_text().matches("\n").count(),
        2
    );
    // A set is cited as its first member, and names its members.
    let set = &bib.references["tideset"];
    assert_eq!(set.set_members, ["tide1", "tide2"]);
    assert_eq!(set.sort, bib.references["tide1"].sort);
}

#[test]
fn a_set_member_that_is_no_entry_is_a_warning() {
    let src = "@set{s, entryset={a,ghost}}\n@book{a, author={Ann Zed}, title={A}, date={2001}}";
    let sources = wita_diag::Sources::new();
    let file = sources.add("cite.bib", src);
    let mut diags = wita_diag::Diagnostics::new();
    let bib = crate::parse(std::sync::Arc::from(src), file, &mut diags).unwrap();
    assert_eq!(text(&bib.references["s"]), "Ann Zed. A. 2001.");
    assert!(
        diags.iter().any(|d| d.message.contains("`ghost`")),
        "{diags:?}"
    );
}

/// Each checked against biblatex 3.18 + biber 2.18.
#[test]
fn odd_fields_print_as_biblatex_prints_them() {
    const BIB: &str = r#"
@article{x, author={Ann Able}, title={T}, journal={J}}
@inproceedings{p, author={Ann Able}, title={T}, booktitle={B}, year={2020}, month={13--18 Jul}, pages={1 -- 9}}
@book{q, author={Ann Able}, title={Sonata}, editor={Bo Bell}, editortype={pianist}, year={2001}}
"#;
    let texts: Vec<String> = render_all(BIB).iter().map(text).collect();
    assert_eq!(
        texts,
        [
            // An article without a date still has its parentheses.
            "Ann Able. “T”. In: J ().",
            // A month that is no month is printed as written.
            "Ann Able. “T”. In: B. 13–18 Jul 2020, pp. 1–9.",
            // An editor type english.lbx does not know, as written.
            "Ann Able. Sonata. pianist Bo Bell. 2001.",
        ]
    );
}

/// Lists of languages as biblatex prints them, checked against biblatex
/// 3.18 + biber 2.18: `clearlang` clears a one-language list (its `and
/// others` with it) in English, never a longer one.
#[test]
fn language_lists_as_biblatex_prints_them() {
    const BIB: &str = r#"
@book{a, author={Ann Able}, title={T}, year={2001}, language={english and german and others}}
@book{b, author={Bo Bell}, title={T}, year={2002}, language={english and german and french and others}}
@book{c, author={Cy Cole}, title={T}, year={2003}, language={english and others}}
@book{d, author={Di Dunn}, title={T}, year={2004}, language={english and german}}
@book{e, author={Ed Eck}, title={T}, year={2005}, language={langenglish}}
@book{f, author={Fay Fox}, title={T}, year={2006}, language={german and french}}
"#;
    let texts: Vec<String> = render_all(BIB).iter().map(text).collect();
    assert_eq!(
        texts,
        [
            "Ann Able. T. English, German, et al. 2001.",
            "Bo Bell. T. English, German, French, et al. 2002.",
            "Cy Cole. T. 2003.",
            "Di Dunn. T. English and German. 2004.",
            "Ed Eck. T. 2005.",
            "Fay Fox. T. German and French. 2006.",
        ]
    );
}

/// EDTF's dates as biber reads them: each text and the order checked
/// against biblatex 3.18 + biber 2.18 (`Digits`, in Devanagari digits in
/// biblatex's PDF, sorts as 1987).
#[test]
fn edtf_dates_print_and_sort_as_biber_reads_them() {
    const BIB: &str = r#"
@book{a, author={Ann Able}, title={Long Ago}, date={Y-20000001}}
@book{b, author={Ann Able}, title={Sometime}, date={198X}, urldate={2001-02-XX}}
@book{c, author={Ann Able}, title={Until}, date={../2004-03-02}}
@book{d, author={Ann Able}, title={Year Long}, date={2011-XX-XX}}
@book{e, author={Ann Able}, title={Maybe}, date={2013-05~}}
@book{f, author={Ann Able}, title={Digits}, date={१९८७}}
"#;
    let mut refs = render_all(BIB);
    sort_ynt(&mut refs);
    let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["a", "b", "f", "d", "e", "c"]);
    let texts: Vec<String> = refs.iter().map(text).collect();
    assert_eq!(texts[0], "Ann Able. Long Ago. \u{2212}20000001.");
    assert_eq!(
        texts[1],
        "Ann Able. Sometime. 1980–1989. (Visited on 02/01/2001–02/28/2001)."
    );
    assert_eq!(texts[3], "Ann Able. Year Long. Jan. 1–Dec. 31, 2011.");
    assert_eq!(texts[4], "Ann Able. Maybe. May 2013.");
    assert_eq!(texts[5], "Ann Able. Until. –Mar. 2, 2004.");
}

/// Each checked against biblatex 3.18 + biber 2.18 (which prints the TeX
/// logos as logos, read from its PDF as `LATEX`).
#[test]
fn quotes_urls_and_logos_print_as_biblatex_prints_them() {
    const BIB: &str = r#"
@book{l1, author={Ann Able}, title={{\LaTeX:} A Guide}, year={1994}}
@book{l2, author={Ann Able}, title={Tables in \LaTeX*}, year={1995}}
@incollection{l3, author={Ann Able}, title={Chapters}, booktitle={Book}, chapter={12, "Quoted Part"}, year={1996}}
@article{l6, author={Ann Able}, title={Links2}, journal={J}, year={1999}, url={http://example.org/a<b>|b^c"d}}
"#;
    let texts: Vec<String> = render_all(BIB).iter().map(text).collect();
    assert_eq!(
        texts,
        [
            "Ann Able. LaTeX: A Guide. 1994.",
            "Ann Able. Tables in LaTeX*. 1995.",
            "Ann Able. “Chapters”. In: Book. 1996. Chap. 12, ”Quoted Part”.",
            "Ann Able. “Links2”. In: J (1999). URL: http://example.org/a%3Cb%3E%7Cb%5Ec%22d.",
        ]
    );
}

/// A parenthesis typed in a field lets the sentence end through it; one
/// biblatex puts around a field does not (checked against biblatex 3.18).
#[test]
fn a_period_after_a_parenthesis_as_biblatex_sets_it() {
    const BIB: &str = r#"
@patent{p, author={Ann Able}, title={Widget}, number={123}, location={U.S.}, holder={Acme}, date={2001}}
@incollection{c, author={Ann Able}, title={Part}, booktitle={Systems (2nd Ed.)}, editor={Bo Bell}, year={1993}, pages={1--2}}
"#;
    let texts: Vec<String> = render_all(BIB).iter().map(text).collect();
    assert_eq!(
        texts,
        [
            "Ann Able. “Widget”. 123 (U.S.). Acme. 2001.",
            "Ann Able. “Part”. In: Systems (2nd Ed.) Ed. by Bo Bell. 1993, pp. 1–2.",
        ]
    );
}
