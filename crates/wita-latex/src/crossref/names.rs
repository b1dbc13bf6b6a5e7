//! The words cleveref and hyperref print around a reference's number, in
//! the languages those packages know.
//!
//! cleveref takes its language from its own options or the class's
//! (`\usepackage[german]{cleveref}`), never from babel: with babel's
//! `ngerman` alone it still prints `section 1`. hyperref's `\autoref` takes
//! babel's (or polyglossia's) main language. The words are those of
//! cleveref 0.21 and hyperref 7 (`\HyLang@…`), checked against XeLaTeX.
//! A language a package does not know, or a kind of target it names no
//! word for, gets the package's English.

/// A kind of target's names in one language: cleveref's `\Cref` names
/// (singular, plural) and, when `\cref` abbreviates them (unless
/// `noabbrev`), the abbreviations, both capitalised.
type Names = (
    &'static str,
    (&'static str, &'static str),
    Option<(&'static str, &'static str)>,
);

/// cleveref's words in one language.
pub(super) struct Cleveref {
    /// The options that choose it.
    options: &'static [&'static str],
    /// Between the ends of a range (`1 to 3`).
    pub range: &'static str,
    /// Before a range (Italian's `da 1 a 3`).
    pub range_before: &'static str,
    /// Between two numbers, and before the last of more.
    pub and: &'static str,
    /// Between two groups of one kind each, before the last of more.
    pub group_pair: &'static str,
    pub group_last: &'static str,
    /// Whether `\cref` writes the names in small letters (unless
    /// `capitalise`); German's nouns keep their capital.
    pub lowercases: bool,
    names: &'static [Names],
}

impl Cleveref {
    /// The names (singular, plural) of a kind of target: `capital` for
    /// `\Cref` (never abbreviated), else `\cref`'s, abbreviated when
    /// `abbreviate`. `None` when this language names no such kind.
    pub fn names(
        &self,
        kind: &str,
        capital: bool,
        abbreviate: bool,
    ) -> Option<(&'static str, &'static str)> {
        let (_, full, abbreviated) = self.names.iter().find(|(k, ..)| *k == kind)?;
        Some(match abbreviated {
            Some(short) if abbreviate && !capital => *short,
            _ => *full,
        })
    }
}

/// cleveref's language among the options given to it and to the class (the
/// last one named wins, as cleveref reads them); English when none.
pub(super) fn cleveref<'a>(options: impl IntoIterator<Item = &'a str>) -> &'static Cleveref {
    options
        .into_iter()
        .filter_map(|o| CLEVEREF.iter().find(|l| l.options.contains(&o.trim())))
        .last()
        .unwrap_or(&CLEVEREF[0])
}

/// hyperref's `\…autorefname` in the language babel names (`ngerman`,
/// `french`), for a kind of target as cleveref names it; `None` for
/// English, a language hyperref does not know, or a kind it names no word
/// for.
pub(super) fn autoref(language: &str, kind: &str) -> Option<&'static str> {
    let (_, names) = AUTOREF
        .iter()
        .find(|(options, _)| options.contains(&language))?;
    names
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, name)| *name)
}

/// Whether babel knows the option as a language hyperref has words for
/// (English's included).
pub(super) fn is_babel_language(option: &str) -> bool {
    CLEVEREF[0].options.contains(&option)
        || AUTOREF.iter().any(|(names, _)| names.contains(&option))
}

#[rustfmt::skip]
static CLEVEREF: &[Cleveref] = &[
    Cleveref {
        options: &["english", "american", "british", "USenglish", "UKenglish"],
        range: " to\u{a0}", range_before: "", and: " and\u{a0}", group_pair: " and\u{a0}", group_last: ", and\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Equation", "Equations"), Some(("Eq.", "Eqs."))),
            ("figure", ("Figure", "Figures"), Some(("Fig.", "Figs."))),
            ("table", ("Table", "Tables"), None),
            ("chapter", ("Chapter", "Chapters"), None),
            ("section", ("Section", "Sections"), None),
            ("appendix", ("Appendix", "Appendices"), None),
            ("enumi", ("Item", "Items"), None),
            ("algorithm", ("Algorithm", "Algorithms"), None),
            ("listing", ("Listing", "Listings"), None),
            ("paragraph", ("Paragraph", "Paragraphs"), None),
            ("theorem", ("Theorem", "Theorems"), None),
            ("lemma", ("Lemma", "Lemmas"), None),
            ("corollary", ("Corollary", "Corollaries"), None),
            ("proposition", ("Proposition", "Propositions"), None),
            ("definition", ("Definition", "Definitions"), None),
            ("result", ("Result", "Results"), None),
            ("example", ("Example", "Examples"), None),
            ("remark", ("Remark", "Remarks"), None),
            ("note", ("Note", "Notes"), None),
        ],
    },
    Cleveref {
        options: &["german", "ngerman", "austrian", "naustrian"],
        range: " bis\u{a0}", range_before: "", and: " und\u{a0}", group_pair: " und\u{a0}", group_last: " und\u{a0}",
        lowercases: false,
        names: &[
            ("equation", ("Gleichung", "Gleichungen"), None),
            ("figure", ("Abbildung", "Abbildungen"), Some(("Abb.", "Abb."))),
            ("table", ("Tabelle", "Tabellen"), None),
            ("chapter", ("Kapitel", "Kapitel"), None),
            ("section", ("Abschnitt", "Abschnitte"), None),
            ("appendix", ("Anhang", "Anhänge"), None),
            ("enumi", ("Punkt", "Punkte"), None),
            ("algorithm", ("Algorithmus", "Algorithmen"), None),
            ("listing", ("Listing", "Listings"), None),
            ("theorem", ("Theorem", "Theoreme"), None),
            ("lemma", ("Lemma", "Lemmata"), None),
            ("corollary", ("Korollar", "Korollare"), None),
            ("proposition", ("Satz", "Sätze"), None),
            ("definition", ("Definition", "Definitionen"), None),
            ("result", ("Ergebnis", "Ergebnisse"), None),
            ("example", ("Beispiel", "Beispiele"), None),
            ("remark", ("Bemerkung", "Bemerkungen"), None),
            ("note", ("Anmerkung", "Anmerkungen"), None),
        ],
    },
    Cleveref {
        options: &["dutch"],
        range: " tot\u{a0}", range_before: "", and: " en\u{a0}", group_pair: " en\u{a0}", group_last: " en\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Vergelijking", "Vergelijkingen"), Some(("Verg.", "Verg.'s"))),
            ("figure", ("Figuur", "Figuren"), Some(("Fig.", "Fig.'s"))),
            ("table", ("Tabel", "Tabellen"), None),
            ("chapter", ("Hoofdstuk", "Hoofdstukken"), None),
            ("section", ("Paragraaf", "Paragrafen"), None),
            ("appendix", ("Appendix", "Appendices"), None),
            ("enumi", ("Punt", "Punten"), None),
            ("algorithm", ("Algoritme", "Algoritmen"), None),
            ("listing", ("Listing", "Listings"), None),
            ("lemma", ("Lemma", "Lemma's"), None),
            ("corollary", ("Corollarium", "Corollaria"), None),
            ("proposition", ("Bewering", "Beweringen"), None),
            ("definition", ("Definitie", "Definities"), None),
            ("result", ("Resultaat", "Resultaten"), None),
            ("example", ("Voorbeeld", "Voorbeelden"), None),
            ("remark", ("Opmerking", "Opmerkingen"), None),
            ("note", ("Aantekening", "Aantekeningen"), None),
        ],
    },
    Cleveref {
        options: &["french", "francais", "frenchb"],
        range: " à\u{a0}", range_before: "", and: " et\u{a0}", group_pair: " et\u{a0}", group_last: ", et\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Équation", "Équations"), None),
            ("figure", ("Figure", "Figures"), None),
            ("table", ("Tableau", "Tableaux"), None),
            ("chapter", ("Chapitre", "Chapitres"), None),
            ("section", ("Section", "Sections"), None),
            ("appendix", ("Annexe", "Annexes"), None),
            ("enumi", ("Point", "Points"), None),
            ("algorithm", ("Algorithme", "Algorithmes"), None),
            ("listing", ("Liste", "Listes"), None),
            ("theorem", ("Théorème", "Théorèmes"), None),
            ("lemma", ("Lemme", "Lemmes"), None),
            ("corollary", ("Corollaire", "Corollaires"), None),
            ("proposition", ("Proposition", "Propositions"), None),
            ("definition", ("Définition", "Définitions"), None),
            ("result", ("Résultat", "Résultats"), None),
            ("example", ("Exemple", "Exemples"), None),
            ("remark", ("Remarque", "Remarques"), None),
        ],
    },
    Cleveref {
        options: &["spanish"],
        range: " a\u{a0}", range_before: "", and: " y\u{a0}", group_pair: " y\u{a0}", group_last: " y\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Ecuación", "Ecuaciones"), None),
            ("figure", ("Figura", "Figuras"), None),
            ("table", ("Cuadro", "Cuadros"), None),
            ("chapter", ("Capítulo", "Capítulos"), None),
            ("section", ("Apartado", "Apartados"), None),
            ("appendix", ("Apéndice", "Apéndices"), None),
            ("enumi", ("Punto", "Puntos"), None),
            ("algorithm", ("Algoritmo", "Algoritmos"), None),
            ("listing", ("Listado", "Listados"), None),
            ("theorem", ("Teorema", "Teoremas"), None),
            ("lemma", ("Lema", "Lemas"), None),
            ("corollary", ("Corolario", "Corolarios"), None),
            ("proposition", ("Proposición", "Proposiciones"), None),
            ("definition", ("Definición", "Definiciones"), None),
            ("result", ("Resultado", "Resultados"), None),
            ("example", ("Ejemplo", "Ejemplos"), None),
            ("remark", ("Observación", "Observaciones"), None),
            ("note", ("Nota", "Notas"), None),
        ],
    },
    Cleveref {
        options: &["italian"],
        range: " a\u{a0}", range_before: "da\u{a0}", and: " e\u{a0}", group_pair: " e\u{a0}", group_last: " e\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Equazione", "Equazioni"), Some(("Eq.", "Eq."))),
            ("figure", ("Figura", "Figure"), Some(("Fig.", "Fig."))),
            ("table", ("Tabella", "Tabelle"), None),
            ("chapter", ("Capitolo", "Capitoli"), None),
            ("section", ("Sezione", "Sezioni"), None),
            ("appendix", ("Appendice", "Appendici"), None),
            ("enumi", ("Voce", "Voci"), None),
            ("algorithm", ("Algoritmo", "Algoritmi"), None),
            ("listing", ("Elenco", "Elenchi"), None),
            ("theorem", ("Teorema", "Teoremi"), None),
            ("lemma", ("Lemma", "Lemmi"), None),
            ("corollary", ("Corollario", "Corollari"), None),
            ("proposition", ("Proposizione", "Proposizioni"), None),
            ("definition", ("Definizioni", "Definizioni"), None),
            ("result", ("Risultato", "Risultati"), None),
            ("example", ("esempio", "esempi"), None),
            ("remark", ("Osservazione", "Osservazioni"), None),
            ("note", ("Nota", "Note"), None),
        ],
    },
    Cleveref {
        options: &["norsk"],
        range: " til\u{a0}", range_before: "", and: " og\u{a0}", group_pair: " og\u{a0}", group_last: " og\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Likning", "Likningene"), None),
            ("figure", ("Figur", "Figurene"), None),
            ("table", ("Tabell", "Tabellene"), None),
            ("chapter", ("Kapittel", "Kapitlene"), None),
            ("section", ("Avsnitt", "Avsnittene"), None),
            ("appendix", ("Tillegg", "Tilleggene"), None),
            ("enumi", ("Punkt", "Punktene"), None),
            ("algorithm", ("Algoritme", "Algoritmene"), None),
            ("listing", ("Opplisting", "Opplistingene"), None),
            ("theorem", ("Teorem", "Teoremene"), None),
            ("lemma", ("Lemma", "Lemma"), None),
            ("corollary", ("Korollar", "Korollarene"), None),
            ("proposition", ("Påstand", "Påstandene"), None),
            ("definition", ("Definisjon", "Definisjonene"), None),
            ("result", ("Resultat", "Resultatene"), None),
            ("example", ("Eksempel", "Eksemplene"), None),
            ("remark", ("Bemerkning", "Bemerkningene"), None),
            ("note", ("Note", "Notene"), None),
        ],
    },
    Cleveref {
        options: &["danish"],
        range: " til\u{a0}", range_before: "", and: " og\u{a0}", group_pair: " og\u{a0}", group_last: " og\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Ligning", "Ligninger"), None),
            ("figure", ("Figur", "Figurer"), None),
            ("table", ("Tabel", "Tabeller"), None),
            ("chapter", ("Kapitel", "Kapitler"), None),
            ("section", ("Afsnit", "Afsnit"), None),
            ("appendix", ("Appendiks", "Appendiks"), None),
            ("enumi", ("Punkt", "Punkter"), None),
            ("algorithm", ("Algoritme", "Algoritmer"), None),
            ("theorem", ("Teorem", "Teoremer"), None),
            ("lemma", ("Lemma", "Lemma"), None),
            ("corollary", ("Følgeslutning", "Følgeslutninger"), None),
            ("proposition", ("Udsagn", "Udsagn"), None),
            ("definition", ("Definition", "Definitioner"), None),
            ("result", ("Resultat", "Resultater"), None),
            ("example", ("Eksempel", "Eksempler"), None),
            ("remark", ("Bemærkning", "Bemærkninger"), None),
            ("note", ("Note", "Noter"), None),
        ],
    },
    Cleveref {
        options: &["swedish"],
        range: " till\u{a0}", range_before: "", and: " och\u{a0}", group_pair: " och\u{a0}", group_last: ", och\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Ekvation", "Ekvation"), Some(("Ekv.", "Ekv."))),
            ("figure", ("Figur", "Figur"), Some(("Fig.", "Fig."))),
            ("table", ("Tabell", "Tabell"), None),
            ("chapter", ("Kapitel", "Kapitel"), None),
            ("section", ("Avsnitt", "Avsnitt"), None),
            ("appendix", ("Appendix", "Appendix"), None),
            ("enumi", ("Punkt", "Punkt"), None),
            ("algorithm", ("Algoritm", "Algoritm"), None),
            ("listing", ("Kodlistning", "Kodlistning"), None),
            ("theorem", ("Sats", "Sats"), None),
            ("lemma", ("Lemma", "Lemmas"), None),
            ("corollary", ("Följdsats", "Följdsats"), None),
            ("proposition", ("Proposition", "Proposition"), None),
            ("definition", ("Definition", "Definition"), None),
            ("result", ("Resultat", "Resultat"), None),
            ("example", ("Exempel", "Exempel"), None),
            ("remark", ("Anmärkning", "Anmärkning"), None),
            ("note", ("Notering", "Notering"), None),
        ],
    },
    Cleveref {
        options: &["brazilian", "brazil"],
        range: " a\u{a0}", range_before: "", and: " e\u{a0}", group_pair: " e\u{a0}", group_last: ", e\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Equação", "Equações"), Some(("Eq.", "Eqs."))),
            ("figure", ("Figura", "Figuras"), Some(("Fig.", "Figs."))),
            ("table", ("Tabela", "Tabelas"), None),
            ("chapter", ("Capítulo", "Capítulos"), None),
            ("section", ("Seção", "Seções"), None),
            ("appendix", ("Apêndice", "Apêndices"), None),
            ("enumi", ("Item", "Itens"), None),
            ("algorithm", ("Algoritmo", "Algoritmos"), None),
            ("listing", ("Listagem", "Listagens"), None),
            ("theorem", ("Teorema", "Teoremas"), None),
            ("lemma", ("Lema", "Lemas"), None),
            ("corollary", ("Corolário", "Corolários"), None),
            ("proposition", ("Proposição", "Proposições"), None),
            ("definition", ("Definição", "Definições"), None),
            ("result", ("Resultado", "Resultados"), None),
            ("example", ("Exemplo", "Exemplos"), None),
            ("remark", ("Observação", "Observações"), None),
            ("note", ("Nota", "Notas"), None),
        ],
    },
    Cleveref {
        options: &["catalan"],
        range: " a\u{a0}", range_before: "", and: " i\u{a0}", group_pair: " i\u{a0}", group_last: " i\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Equació", "Equacions"), None),
            ("figure", ("Gràfic", "Gràfics"), None),
            ("table", ("Taula", "Taules"), None),
            ("chapter", ("Capítol", "Capítols"), None),
            ("section", ("Secció", "Seccions"), None),
            ("appendix", ("Apèndix", "Apèndixs"), None),
            ("enumi", ("Punt", "Punts"), None),
            ("algorithm", ("Algorisme", "Algorismes"), None),
            ("listing", ("Llistat", "Llistats"), None),
            ("theorem", ("Teorema", "Teoremes"), None),
            ("lemma", ("Lema", "Lemes"), None),
            ("corollary", ("Corol·lari", "Corol·laris"), None),
            ("proposition", ("Proposició", "Proposicions"), None),
            ("definition", ("Definició", "Definicions"), None),
            ("result", ("Resultat", "Resultats"), None),
            ("example", ("Exemple", "Exemples"), None),
            ("remark", ("Observació", "Observacions"), None),
            ("note", ("Nota", "Notes"), None),
        ],
    },
    Cleveref {
        options: &["esperanto"],
        range: " ĝis\u{a0}", range_before: "", and: " kaj\u{a0}", group_pair: " kaj\u{a0}", group_last: " kaj\u{a0}",
        lowercases: true,
        names: &[
            ("equation", ("Ekvacio", "Ekvacioj"), None),
            ("figure", ("Figuro", "Figuroj"), None),
            ("table", ("Tabelo", "Tabeloj"), None),
            ("chapter", ("Ĉapitro", "Ĉapitroj"), None),
            ("section", ("Sekcio", "Sekcioj"), None),
            ("appendix", ("Aldono", "Aldonoj"), None),
            ("enumi", ("Punkto", "Punktoj"), None),
            ("algorithm", ("Algoritmo", "Algoritmoj"), None),
            ("listing", ("Listado", "Listadoj"), None),
            ("theorem", ("Teoremo", "Teoremoj"), None),
            ("lemma", ("Lemo", "Lemoj"), None),
            ("corollary", ("Korolario", "Korolarioj"), None),
            ("proposition", ("Propozicio", "Propozicioj"), None),
            ("definition", ("Defino", "Definoj"), None),
            ("result", ("Rezulto", "Rezultoj"), None),
            ("example", ("Ekzemplo", "Ekzemploj"), None),
            ("remark", ("Rimarko", "Rimarkoj"), None),
            ("note", ("Noto", "Notoj"), None),
        ],
    },
];

/// A language's babel names and hyperref's name of each kind of target.
type Autoref = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

/// hyperref's names by babel's language names, for the kinds of target
/// cleveref names (`figure`, `section` …; a subsection is `subsection`).
#[rustfmt::skip]
static AUTOREF: &[Autoref] = &[
    (&["german", "ngerman", "austrian", "naustrian"], &[
        ("equation", "Gleichung"), ("enumi", "Punkt"), ("figure", "Abbildung"), ("table", "Tabelle"),
        ("appendix", "Anhang"), ("chapter", "Kapitel"), ("section", "Abschnitt"),
        ("subsection", "Unterabschnitt"), ("subsubsection", "Unterunterabschnitt"), ("paragraph", "Absatz"),
    ]),
    (&["french", "francais", "frenchb", "acadian", "canadien"], &[
        ("equation", "équation"), ("enumi", "item"), ("figure", "figure"), ("table", "tableau"),
        ("appendix", "annexe"), ("chapter", "chapitre"), ("section", "section"),
        ("subsection", "sous-section"), ("subsubsection", "sous-sous-section"), ("paragraph", "paragraphe"),
    ]),
    (&["italian"], &[
        ("equation", "Equazione"), ("enumi", "punto"), ("figure", "Figura"), ("table", "Tabella"),
        ("appendix", "Appendice"), ("chapter", "Capitolo"), ("section", "sezione"),
        ("subsection", "sottosezione"), ("subsubsection", "sottosottosezione"), ("paragraph", "paragrafo"),
    ]),
    (&["spanish"], &[
        ("equation", "Ecuación"), ("enumi", "Elemento"), ("figure", "Figura"), ("table", "Tabla"),
        ("appendix", "Apéndice"), ("chapter", "Capítulo"), ("section", "Sección"),
        ("subsection", "Subsección"), ("subsubsection", "Subsubsección"), ("paragraph", "Párrafo"),
    ]),
    (&["portuguese", "portuges", "brazil", "brazilian"], &[
        ("equation", "Equação"), ("enumi", "Item"), ("figure", "Figura"), ("table", "Tabela"),
        ("appendix", "Apêndice"), ("chapter", "Capítulo"), ("section", "Seção"),
        ("subsection", "Subseção"), ("subsubsection", "Subsubseção"), ("paragraph", "parágrafo"),
    ]),
    (&["catalan"], &[
        ("equation", "Equació"), ("enumi", "Element"), ("figure", "Figura"), ("table", "Taula"),
        ("appendix", "Apèndix"), ("chapter", "Capítol"), ("section", "Secció"),
        ("subsection", "Subsecció"), ("subsubsection", "Subsubsecció"), ("paragraph", "Paràgraf"),
    ]),
    (&["dutch"], &[
        ("equation", "Vergelijking"), ("enumi", "punt"), ("figure", "Figuur"), ("table", "Tabel"),
        ("appendix", "Bijlage"), ("chapter", "hoofdstuk"), ("section", "paragraaf"),
        ("subsection", "deelparagraaf"), ("subsubsection", "deel-deelparagraaf"), ("paragraph", "alinea"),
    ]),
    (&["norsk", "norwegian"], &[
        ("equation", "Ligning"), ("enumi", "element"), ("figure", "Figur"), ("table", "Tabell"),
        ("appendix", "Tillegg"), ("chapter", "kapittel"), ("section", "seksjon"),
        ("subsection", "underseksjon"), ("subsubsection", "under-underseksjon"), ("paragraph", "avsnitt"),
    ]),
    (&["danish"], &[
        ("equation", "Ligning"), ("enumi", "element"), ("figure", "Figur"), ("table", "Tabel"),
        ("appendix", "Bilag"), ("chapter", "kapitel"), ("section", "sektion"),
        ("subsection", "under-sektion"), ("subsubsection", "under-under-sektion"), ("paragraph", "afsnit"),
    ]),
    (&["magyar", "hungarian"], &[
        ("equation", "Egyenlet"), ("enumi", "Elem"), ("figure", "Ábra"), ("table", "Táblázat"),
        ("appendix", "Függelék"), ("chapter", "fejezet"), ("section", "szakasz"),
        ("subsection", "alszakasz"), ("subsubsection", "alalszakasz"), ("paragraph", "bekezdés"),
    ]),
    (&["afrikaans"], &[
        ("equation", "Vergelyking"), ("enumi", "Item"), ("figure", "Figuur"), ("table", "Tabel"),
        ("appendix", "Bylae"), ("chapter", "Hoofstuk"), ("section", "Afdeling"),
        ("subsection", "Subafdeling"), ("subsubsection", "Subsubafdeling"), ("paragraph", "Paragraaf"),
    ]),
    (&["russian"], &[
        ("equation", "выр."), ("enumi", "п."), ("figure", "рис."), ("table", "табл."),
        ("appendix", "прил."), ("chapter", "гл."), ("section", "разд."),
        ("subsection", "разд."), ("subsubsection", "разд."), ("paragraph", "п."),
    ]),
    (&["greek"], &[
        ("equation", "Εξίσωση"), ("enumi", "αντικείμενο"), ("figure", "Σχήμα"), ("table", "Πίνακας"),
        ("appendix", "Παράρτημα"), ("chapter", "κεφάλαιο"), ("section", "ενότητα"),
        ("subsection", "υποενότητα"), ("subsubsection", "υπο-υποενότητα"), ("paragraph", "παράγραφος"),
    ]),
    (&["vietnamese", "vietnam"], &[
        ("equation", "Phương trình"), ("enumi", "mục"), ("figure", "Hình"), ("table", "Bảng"),
        ("appendix", "Phụ lục"), ("chapter", "chương"), ("section", "mục"),
        ("subsection", "mục"), ("subsubsection", "mục"), ("paragraph", "đoạn"),
    ]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleveref_takes_the_last_language_named() {
        assert_eq!(
            cleveref(["a4paper", "german", "nameinlink"]).and,
            " und\u{a0}"
        );
        assert_eq!(cleveref(["ngerman", "french"]).and, " et\u{a0}");
        assert_eq!(cleveref(["capitalise"]).and, " and\u{a0}");
        let german = cleveref(["ngerman"]);
        assert_eq!(german.names("figure", false, true), Some(("Abb.", "Abb.")));
        assert_eq!(
            german.names("figure", true, true),
            Some(("Abbildung", "Abbildungen"))
        );
        assert_eq!(
            german.names("figure", false, false),
            Some(("Abbildung", "Abbildungen"))
        );
        assert_eq!(german.names("subsection", false, true), None);
    }

    #[test]
    fn autoref_follows_babels_names() {
        assert_eq!(autoref("ngerman", "section"), Some("Abschnitt"));
        assert_eq!(autoref("brazil", "table"), Some("Tabela"));
        assert_eq!(autoref("english", "section"), None);
        assert_eq!(autoref("german", "algorithm"), None);
    }
}
