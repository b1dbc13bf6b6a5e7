//! The document model: what the LaTeX reader produces and the Typst writer
//! consumes (pandoc's reader → AST → writer split).
//!
//! Content is a flat sequence of [`Node`]s, like Typst's own content: paragraph
//! breaks are nodes, and a TeX group is a [`NodeKind::Group`] whose style
//! declarations ([`NodeKind::SetStyle`]) end with it. Every node carries the
//! [`Span`] of the LaTeX that produced it, so problems found later (in the
//! bibliography, or by the Typst compiler) can be reported at the author's line.

mod length;
pub use length::parse_length;

use wita_diag::Span;

/// A sequence of content.
pub type Content = Vec<Node>;

/// One piece of content and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

impl Node {
    pub fn new(kind: NodeKind, span: Span) -> Self {
        Self { kind, span }
    }
}

/// A string with the span it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// Text to print literally (the writer escapes whatever the target treats specially).
    Text(String),
    /// Inter-word space (breakable).
    Space,
    /// Non-breaking space (`~`).
    NbSpace,
    /// A forced line break (`\\`, `\newline`).
    Linebreak,
    /// A paragraph break (blank line, `\par`).
    Parbreak,
    /// A TeX group: declarations inside end with it.
    Group(Content),
    /// A declaration (`\small`, `\bfseries`, `\raggedright`…) that holds until the
    /// end of the enclosing group.
    SetStyle(Style),
    /// Content in a style (`\textbf{..}`, `\emph{..}`).
    Styled(Style, Content),
    /// A sectioning command.
    Heading(Heading),
    /// `itemize` / `enumerate`.
    List(List),
    /// `lstlisting`, `verbatim`: text kept as written.
    CodeBlock(CodeBlock),
    /// `\texttt`-like inline verbatim (`\verb|..|`), kept as written.
    InlineCode(String),
    /// `\href{url}{content}`.
    Link { url: String, body: Content },
    /// `\url{..}`: the URL printed in monospace and linked.
    Url(String),
    /// A citation command with its keys in written order.
    Cite(Cite),
    /// `\footnote{..}`.
    Footnote(Content),
    /// `\footnotemark`, paired with the next `\footnotetext` by the reader.
    FootnoteMark,
    /// `\footnotetext{..}` without a mark before it.
    FootnoteText(Content),
    /// `\printbibliography` (or `\bibliography{..}`).
    Bibliography,
    /// A hand-written `thebibliography` with its `\bibitem`s.
    BibItems(Vec<BibItem>),
    /// The article's title block (`\stdarticle`).
    TitleBlock,
    /// The licence box (`\articlecopyrightinfo`).
    LicenceBox(Content),
    /// Vertical space between paragraphs.
    VSpace(Length),
    /// Horizontal space (`\hspace`, `\quad`).
    HSpace(Length),
    /// `\hfill`.
    HFill,
    /// `\noindent`: the current paragraph has no first-line indent.
    NoIndent,
    /// `\parbox{width}{content}` / `minipage`.
    Parbox { width: Length, body: Content },
    /// graphicx's `\resizebox` and `\scalebox`: the content scaled.
    Scaled(Scale, Content),
    /// amsmath's `subequations`: the equations in it share the next number
    /// and are lettered (`2.1a`, `2.1b`); `label` (a `\label` before the
    /// first equation) names that shared number.
    Subequations {
        label: Option<String>,
        body: Content,
    },
    /// `\newpage`, `\clearpage`, `\pagebreak`.
    Pagebreak,
    /// `\appendix`: the sections after it are lettered A, B, …, and, in
    /// the classes and packages that do so, named in their headings.
    Appendix(Appendix),
    /// `\includegraphics`: a file inside the entry, journal-root relative.
    Image(Image),
    /// Math as written in LaTeX (`$..$`, `\[..\]`, `equation`…), user macros expanded.
    Math(Math),
    /// `\label{..}` that belongs to no heading, float or equation.
    Anchor(String),
    /// `\thefigure`, `\thetable`, `\theequation`: the number of the last
    /// one before this place, which only the laid-out article knows.
    LastNumber(NumberedKind),
    /// `\ref`, `\eqref`, `\autoref`, `\cref`, `\pageref`.
    Ref(Ref),
    /// The numbers of three or more labels of one kind in a `\cref{a,b,c}`
    /// ([`RefKind::Number`] or [`RefKind::Equation`] each), as cleveref
    /// prints them: consecutive ones as a range (`1 to 3`), the rest
    /// listed (`1 to 3 and 5`). Only where the article is laid out are the
    /// numbers known. The words are cleveref's in the article's language:
    /// before a range (Italian's `da`), between its ends, before the last.
    RefList {
        refs: Vec<Ref>,
        from: String,
        to: String,
        last: String,
    },
    /// `quote`, `quotation`.
    Quote(Content),
    /// tcolorbox's box: a frame, its title bar, its upper part and the
    /// lower one after `\tcblower`.
    Boxed(Boxed),
    /// `tabular` and its relatives.
    Table(Table),
    /// A `table` or `figure` float.
    Float(Float),
    /// `center`, `flushleft`, `flushright`.
    Align(Alignment, Content),
    /// A command or environment the reader does not know: it warned, and its
    /// arguments' content is kept here so no text is lost.
    Unknown { name: String, args: Vec<Content> },
    /// The lines of an algorithm (algorithmic, algpseudocode, algorithm2e).
    Algorithmic(Algorithmic),
    /// What cannot be drawn without TeX (a TikZ picture, an EPS file): a
    /// framed box of the size asked for, saying what it stands for.
    Placeholder(Placeholder),
    /// A rule (`\rule{w}{h}`), raised by `raise`.
    RuleBox {
        width: Length,
        height: Length,
        raise: Option<Length>,
    },
    /// Content that takes its room but is not shown (`\phantom`).
    Phantom(Content),
}

/// How content is scaled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// `\resizebox{width}{height}`: to that width and/or height; a side
    /// given as `!` (`None`) keeps the proportions.
    To {
        width: Option<Length>,
        height: Option<Length>,
    },
    /// `\scalebox{x}[y]`: by these factors.
    By { x: f64, y: f64 },
}

/// How a class sets its appendices (`\appendix`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Appendix {
    /// The name the class prints before the letter in the headings.
    pub name: Option<AppendixName>,
    /// Equations numbered by the appendix's letter and a count from the
    /// first appendix on (AASTeX's `(A1)`, …, `(A11)`, `(B12)`).
    pub lettered_equations: bool,
}

/// What a class prints before an appendix's letter in its section
/// headings: amsart's `Appendix A. Terminology` is `Appendix` and `.`; the
/// appendix package's `title` option gives `Appendix A Terminology`.
/// References print the letter alone, as `\ref` does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppendixName {
    /// The word before the letter (`\appendixname`).
    pub word: String,
    /// What follows the letter (`.`, or nothing).
    pub separator: String,
}

/// An algorithm's lines, as the algorithmic environments set them.
#[derive(Debug, Clone, PartialEq)]
pub struct Algorithmic {
    /// Every how many lines a number is printed (`\begin{algorithmic}[1]`:
    /// every line); 0 for none.
    pub number_every: u32,
    pub lines: Vec<AlgorithmLine>,
}

/// One line of an algorithm.
#[derive(Debug, Clone, PartialEq)]
pub struct AlgorithmLine {
    /// How many blocks deep it stands.
    pub indent: u32,
    /// Whether it counts as a numbered line (`\Statex` does not).
    pub numbered: bool,
    pub body: Content,
    /// A comment set flush right (`\Comment`, `\tcp`).
    pub comment: Option<Content>,
    pub span: Span,
}

/// A placeholder for what wita cannot draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    /// What it stands for, printed inside (`TikZ picture`).
    pub what: String,
    pub width: Option<Length>,
    pub height: Option<Length>,
}

impl NodeKind {
    /// Whether the node stands between paragraphs, as LaTeX's displays do (a
    /// heading, a list, a listing, a table or float, display math…): a
    /// paragraph ends before it and another starts after it.
    pub fn is_block(&self) -> bool {
        match self {
            NodeKind::Heading(_)
            | NodeKind::List(_)
            | NodeKind::CodeBlock(_)
            | NodeKind::TitleBlock
            | NodeKind::LicenceBox(_)
            | NodeKind::Quote(_)
            | NodeKind::Boxed(_)
            | NodeKind::Align(..)
            | NodeKind::Pagebreak
            | NodeKind::Appendix(_)
            | NodeKind::Subequations { .. }
            | NodeKind::Bibliography
            | NodeKind::BibItems(_)
            | NodeKind::Algorithmic(_)
            | NodeKind::Table(_) => true,
            NodeKind::Float(float) => !matches!(float.kind, FloatKind::Subfigure(_)),
            // A scaled table is a block; scaled text stays in its line.
            NodeKind::Scaled(_, body) => body.iter().any(|n| n.kind.is_block()),
            NodeKind::Math(math) => math.display(),
            _ => false,
        }
    }
}

/// Character and paragraph styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Bold,
    Italic,
    /// `\emph`: italic, or upright inside italic.
    Emph,
    Upright,
    Mono,
    Sans,
    Serif,
    SmallCaps,
    /// biblatex's `\mkbibacro`: an acronym, its capitals set as small capitals.
    Acronym,
    /// A URL, DOI or eprint as hyperref's `\url` and `\nolinkurl` set it:
    /// monospace, breakable after its punctuation.
    UrlText,
    Medium,
    Underline,
    /// `\sout`.
    Strike,
    /// `\hl`.
    Highlight,
    /// A quote, apostrophe, dash, ellipsis or middle dot typed as itself
    /// (not made by TeX's ligatures from `` '' ' -- ---): the journal's class
    /// loads xeCJK, which sets these in the Chinese face at full width, and
    /// takes a following space into its own spacing (`space_after`).
    XeCjkMark {
        space_after: bool,
    },
    /// `\textsuperscript`.
    Superscript,
    /// `\textsubscript`.
    Subscript,
    /// `\textcolor`, `\color`.
    Color(Rgb),
    /// `\colorbox`.
    Background(Rgb),
    /// `\fbox`, `\framebox`: framed as LaTeX frames a box (0.4 pt rule,
    /// 3 pt apart).
    Framed,
    /// `\textcircled`: in a circle.
    Circled,
    Size(FontSize),
    RaggedRight,
    RaggedLeft,
    Centering,
}

/// A colour, 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// LaTeX's relative font sizes (`\tiny` … `\Huge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontSize {
    Tiny,
    ScriptSize,
    FootnoteSize,
    Small,
    NormalSize,
    Large,
    Large2,
    Large3,
    Huge,
    Huge2,
}

/// A length as written, converted to points or to a share of the line width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    Pt(f64),
    Em(f64),
    /// A fraction of the text width (`0.5\linewidth`).
    Width(f64),
    /// Named vertical skips.
    SmallSkip,
    MedSkip,
    BigSkip,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 = `\section`, 2 = `\subsection`, 3 = `\subsubsection`, 4 = `\paragraph`.
    pub level: u8,
    pub numbered: bool,
    pub body: Content,
    /// `\label{..}` right after it.
    pub label: Option<String>,
}

/// Math and how it is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Math {
    pub env: MathEnv,
    /// Numbered (per article): `equation`, `align`… without a star.
    pub numbered: bool,
    /// The LaTeX inside the delimiters or the environment (rows with `&` and
    /// `\\` for the multi-line ones), labels taken out.
    pub tex: String,
    pub label: Option<String>,
    /// amsmath's `\tag{..}`: what the equation shows instead of its number.
    pub tag: Option<Content>,
    /// The labels of an `align`'s further rows: Typst numbers the rows as one
    /// equation, so they refer to it.
    pub row_labels: Vec<String>,
    /// The rows of a numbered `align` or `gather` of more than one row (or
    /// a starred one with a `\tag`ged row), each numbered by itself as
    /// amsmath numbers them (empty otherwise).
    pub rows: Vec<MathRow>,
    /// Text-mode boxes in the math that wita's reader translated (mitex
    /// reads math, not `\sc` or `\cite` in an `\mbox`): `tex` holds
    /// [`MathText::placeholder`] in each one's place.
    pub texts: Vec<MathText>,
}

/// A text-mode box inside math (`\mbox{\sc name}`, `\text{see \cite{x}}`):
/// its LaTeX as written, and its content as wita's reader translated it.
#[derive(Debug, Clone, PartialEq)]
pub struct MathText {
    pub source: String,
    pub content: Content,
}

impl MathText {
    /// What stands in the math's LaTeX for text box `n`: a `\text{..}` that
    /// mitex turns into Typst's text in math, around private-use marks that
    /// no author types and that the writer replaces with the content.
    pub fn placeholder(n: usize) -> String {
        format!("\\text{{{}}}", Self::mark(n))
    }

    /// The marks inside the placeholder, as they come out of conversion.
    pub fn mark(n: usize) -> String {
        format!("\u{E000}{n}\u{E001}")
    }
}

/// A row of an `align` or `gather`: whether it is numbered (`\nonumber`,
/// `\notag` say no), its `\label`, and its `\tag` (shown instead of its
/// number, which the counter then does not count).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MathRow {
    pub numbered: bool,
    pub label: Option<String>,
    pub tag: Option<Content>,
}

impl Math {
    /// Unnumbered math of `env` with nothing but its LaTeX (a row or a cell
    /// converted alone).
    pub fn unnumbered(env: MathEnv, tex: impl Into<String>) -> Math {
        Math {
            env,
            numbered: false,
            tex: tex.into(),
            label: None,
            tag: None,
            row_labels: Vec::new(),
            rows: Vec::new(),
            texts: Vec::new(),
        }
    }

    /// The LaTeX as the author wrote it (for alternative text, and for math
    /// shown as written): [`Math::tex`] with its text boxes put back.
    pub fn written(&self) -> String {
        self.put_back(&self.tex)
    }

    /// A part of [`Math::tex`] (a row) with its text boxes put back.
    pub fn put_back(&self, part: &str) -> String {
        let mut tex = part.to_owned();
        for (n, text) in self.texts.iter().enumerate() {
            let placeholder = MathText::placeholder(n);
            if tex.contains(&placeholder) {
                tex = tex.replacen(&placeholder, &text.source, 1);
            }
        }
        tex
    }

    pub fn display(&self) -> bool {
        self.env != MathEnv::Inline
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MathEnv {
    /// `$..$`, `\(..\)`.
    Inline,
    /// `\[..\]`, `$$..$$`, `equation`, `displaymath`.
    Display,
    /// `align`, `eqnarray`, `flalign`, `alignat`: rows aligned at `&`.
    Align,
    /// `gather`: rows, centred.
    Gather,
    /// `multline`: one equation on several lines, the first set to the
    /// left, the others to the right.
    Multline,
}

/// A cross-reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    pub label: String,
    pub kind: RefKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// `\ref`: the number.
    Number,
    /// `\eqref`: the number in parentheses.
    Equation,
    /// `\autoref` (hyperref's names: "Table 1", "section 2").
    Named,
    /// `\cref`: cleveref's names ("table 1", "eq. (2)").
    Clever,
    /// `\Cref`: cleveref's capitalised names ("Table 1", "Equation (2)").
    NamedCapital,
    /// `\pageref`: the page.
    Page,
    /// `\nameref`: the title of what the label names (a heading's text, a
    /// caption, a theorem's note).
    Title,
}

/// What [`NodeKind::LastNumber`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberedKind {
    Figure,
    Table,
    Equation,
    /// `\theequation` in an equation's own `\tag{..}`.
    EquationOfTag,
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub kind: ListKind,
    pub items: Vec<ListItem>,
    /// The label the article chose for the items (enumitem's `label=` and
    /// `\setlist`, a redefined `\labelenumi` or `\labelitemi`, the
    /// enumerate package's `[(a)]`); in a numbered list, the item's number
    /// stands in it as a [`List::counter`] mark.
    pub label: Option<Content>,
    /// What `\ref` prints for an item of a numbered list, with the same
    /// mark (`None`: LaTeX's own, the counter as the list's depth shows it).
    pub reference: Option<String>,
    /// enumitem's `start=`.
    pub start: Option<u64>,
    /// Whether the list starts a paragraph (after a blank line or a
    /// heading): LaTeX then begins it in vertical mode and spaces it by
    /// `\partopsep` more.
    pub vertical: bool,
}

impl List {
    /// The mark that stands for an item's number in a list's label or
    /// reference: a private-use character no author types, then the
    /// counter's style as typst's numbering writes it (`1`, `a`, `A`, `i`,
    /// `I`).
    pub fn counter(style: char) -> String {
        format!("{}{style}", Self::COUNTER)
    }

    /// The first character of [`List::counter`].
    pub const COUNTER: char = '\u{E002}';

    /// `text` with each [`List::counter`] mark replaced by what `number`
    /// writes for the counter's style (`1` where the style is missing).
    pub fn fill_counter(text: &str, mut number: impl FnMut(char) -> String) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == Self::COUNTER {
                out.push_str(&number(chars.next().unwrap_or('1')));
            } else {
                out.push(c);
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Bullet,
    Numbered,
    /// `description`: each item's `[label]` is its term.
    Description,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `\item[label]`.
    pub label: Option<Content>,
    pub body: Content,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    pub language: Option<String>,
    pub text: String,
    /// Where `text` stands in the LaTeX, written there as it is (`None` for
    /// code read from another file): each line of the code maps back to
    /// its own line.
    pub text_span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cite {
    pub keys: Vec<Spanned<String>>,
    pub mode: CiteMode,
    /// `\cite[see][..]{k}`.
    pub prenote: Option<Content>,
    /// `\cite[p.~5]{k}`.
    pub postnote: Option<Content>,
}

/// Which citation command was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CiteMode {
    /// `\cite`, `\parencite`, `\autocite`, `\citep`: `[1]`.
    Normal,
    /// `\textcite`, `\citet`: `Author [1]`.
    Text,
    /// `\supercite`.
    Super,
    /// `\footcite`.
    Foot,
    /// `\fullcite`: the entry as the reference list prints it.
    Full,
    /// `\footfullcite`: the entry in a footnote.
    FootFull,
    /// `\citeauthor`.
    Author,
    /// `\citeyear`.
    Year,
    /// `\citetitle`.
    Title,
    /// `\citeurl`.
    Url,
    /// `\nocite`: listed, not printed.
    NoCite,
}

/// A table (`tabular`, `tabularx`, `tabu`, `longtable`…).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// The width the table is set to (`tabularx{\linewidth}`, `tabu to ..`).
    pub width: Option<Length>,
    pub rows: Vec<TableRow>,
    /// `longtable`: breaks across pages.
    pub long: bool,
    /// `tabu`: its rows' struts are the body size's, whatever size the
    /// table's text is set in.
    pub body_struts: bool,
    /// The first `head` rows (cells and rules) are the table's head
    /// (`longtable`'s `\endhead`), repeated at the top of every page the
    /// table breaks onto.
    pub head: usize,
}

/// A column of a table, from its column spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub kind: ColumnKind,
    /// `|` before this column.
    pub rule_before: bool,
    /// `|` after the last column (only set on the last one).
    pub rule_after: bool,
    /// `@{}` before this column: no padding on its left.
    pub tight_left: bool,
    /// `@{}` after this column: no padding on its right.
    pub tight_right: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnKind {
    Left,
    Center,
    Right,
    /// `p{w}`, `m{w}`, `b{w}`: a paragraph column of a fixed width, with an
    /// alignment declared by `>{\centering}` and the like.
    Paragraph(Length, Option<Alignment>),
    /// `X` (tabularx) or `X[weight]` (tabu): shares the remaining width.
    Flex(f64, Option<Alignment>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TableRow {
    Cells(Vec<TableCell>),
    Rule(Rule),
}

/// A horizontal rule between rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// `\toprule`, `\bottomrule`: heavy.
    Heavy,
    /// `\midrule`.
    Mid,
    /// `\hline`.
    Thin,
    /// `\cmidrule{a-b}` (booktabs': a light rule with space around it) or
    /// `\cline{a-b}` (a thin one, none); columns 1-based, inclusive.
    Partial {
        from: usize,
        to: usize,
        booktabs: bool,
    },
    /// `\addlinespace`.
    Space,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    pub content: Content,
    pub colspan: usize,
    pub rowspan: usize,
    /// The alignment `\multicolumn` gives the cell.
    pub align: Option<Alignment>,
    /// colortbl's `\cellcolor` (or the row's `\rowcolor`).
    pub fill: Option<Rgb>,
    pub span: Span,
}

/// A float (`table`, `figure`).
#[derive(Debug, Clone, PartialEq)]
pub struct Float {
    pub kind: FloatKind,
    pub caption: Option<Content>,
    pub body: Content,
    pub label: Option<String>,
    /// Where LaTeX may put it, as written (`htbp`, `H`, `!t`); `None` for
    /// the default (`tbp`); [`INLINE_PLACEMENT`] for a float set inside
    /// another.
    pub placement: Option<String>,
}

/// The placement of a float set where it stands inside another float (a
/// captioned minipage in a figure), with no space of its own around it.
/// (No LaTeX placement specifier is a word.)
pub const INLINE_PLACEMENT: &str = "inline";

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FloatKind {
    Table,
    Figure,
    /// An `algorithm` float (algorithm, algorithm2e): numbered apart,
    /// captioned `Algorithm n`.
    Algorithm,
    /// `subfigure`, `\subfloat`, `\subcaptionbox`: a lettered part of a
    /// figure, of the given width.
    Subfigure(Option<Length>),
    /// A listing with a caption (listings' `caption=`): numbered apart,
    /// captioned `Listing n` above its code, where it stands.
    Listing,
}

/// Horizontal alignment of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alignment {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Journal-root-relative path with forward slashes, checked to lie inside
    /// the entry.
    pub path: String,
    pub width: Option<Length>,
    pub height: Option<Length>,
    pub scale: Option<f64>,
    /// `alt={…}`: what the image shows, for readers who cannot see it.
    pub alt: Option<String>,
    /// `page=`: the page of a PDF shown (from 1).
    pub page: Option<u32>,
}

/// `\bibitem[label]{key} text`.
#[derive(Debug, Clone, PartialEq)]
pub struct BibItem {
    pub key: String,
    pub label: Option<Content>,
    pub body: Content,
    pub span: Span,
}

/// tcolorbox's box (see [`NodeKind::Boxed`]), with its colours when the
/// article chose them (`colback`, `colframe`).
#[derive(Debug, Clone, PartialEq)]
pub struct Boxed {
    pub title: Option<Content>,
    pub upper: Content,
    pub lower: Option<Content>,
    pub back: Option<Rgb>,
    pub frame: Option<Rgb>,
}

/// One author row of a title block (`\authorrow{name}{institution}`).
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorRow {
    pub name: Content,
    pub institution: Content,
    pub span: Span,
}

/// What the journal's macros say about an article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleMeta {
    /// `\setentryid{..}`.
    pub entry_id: Option<Spanned<String>>,
    /// `\setprimarytag{..}`.
    pub primary_tag: Option<Content>,
    /// `\stdarticle{title}{..}{..}`.
    pub title: Option<Content>,
    pub title_span: Option<Span>,
    pub authors: Vec<AuthorRow>,
    pub date: Option<Spanned<String>>,
    /// `\articlecopyrightinfo{..}` as plain text (for comparing with info.toml).
    pub licence: Option<Spanned<String>>,
    /// Every cited key, in reading order (`\nocite{*}` is the key `*`).
    pub cited: Vec<CitedKey>,
    /// The items of a hand-written bibliography (`thebibliography`), in order.
    pub bibitems: Vec<BibItemLabel>,
    /// Where the body prints its references (`\printbibliography`).
    pub bibliographies: Vec<Span>,
    /// The article has chapters: its level-1 headings are chapters, and
    /// figures, tables and equations are numbered within them (`1.2`).
    pub chapters: bool,
    /// The chapters' titles are Chinese: they are named as ctex names them
    /// (`第一章`), not `Chapter 1`.
    pub chinese_chapters: bool,
    /// `\numberwithin{equation}{section}` and the like: the counter and the
    /// heading's counter it is numbered within, as written.
    pub numbered_within: Vec<(String, String)>,
    /// The document's own class (`\documentclass{IEEEtran}`), when it
    /// numbers its sections or tables otherwise than LaTeX's article.
    pub class: Option<String>,
}

impl ArticleMeta {
    /// How the document's class numbers sections, subsections and tables,
    /// as Typst numbering patterns, when not as article does: IEEEtran's
    /// sections `I`, subsections `II-A`, tables `I`.
    pub fn class_numbering(&self) -> Option<(&'static str, &'static str, &'static str)> {
        match self.class.as_deref()? {
            "IEEEtran" => Some(("I", "A", "I")),
            _ => None,
        }
    }
}

impl ArticleMeta {
    /// The heading level (1: the article's top sectioning level) within
    /// which equations, figures and tables are numbered, if any: what
    /// `\numberwithin` asks, and in an article with chapters, the chapter.
    pub fn numbering_level(&self, counter: &str) -> Option<u8> {
        let asked = self
            .numbered_within
            .iter()
            .rev()
            .find(|(c, _)| c == counter)
            .and_then(|(_, parent)| {
                let depth = match parent.as_str() {
                    "chapter" => 0,
                    "section" => 1,
                    "subsection" => 2,
                    "subsubsection" => 3,
                    _ => return None,
                };
                let level = if self.chapters { depth + 1 } else { depth };
                (level >= 1).then_some(level)
            });
        asked.or(self.chapters.then_some(1))
    }
}

/// A key of a citation.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedKey {
    pub key: Spanned<String>,
    /// Whether `\nocite` names it (listed, not cited).
    pub nocite: bool,
}

/// A `\bibitem`'s key and the label it prints (its `[label]`, or its number
/// in its `thebibliography`).
#[derive(Debug, Clone, PartialEq)]
pub struct BibItemLabel {
    pub key: String,
    pub label: String,
}

/// A citation of the works in an entry's cite.bib.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BibCitation<'a> {
    /// `\nocite{*}`: every work.
    All,
    Key(&'a Spanned<String>),
}

impl ArticleMeta {
    /// The citations of cite.bib's works, in reading order: the keys of a
    /// hand-written bibliography (`\bibitem`) are cited from the article
    /// itself, not from cite.bib.
    pub fn bib_citations(&self) -> impl Iterator<Item = BibCitation<'_>> {
        self.cited.iter().filter_map(|cited| {
            if cited.nocite && cited.key.value == "*" {
                Some(BibCitation::All)
            } else if self.bibitems.iter().any(|b| b.key == cited.key.value) {
                None
            } else {
                Some(BibCitation::Key(&cited.key))
            }
        })
    }

    /// Records what the body cites and where it prints references (once,
    /// when the body is complete: content read and then dropped, such as a
    /// preamble, must not count).
    pub fn record_references(&mut self, body: &[Node]) {
        walk(body, &mut |node| match &node.kind {
            NodeKind::Cite(cite) => {
                self.cited.extend(cite.keys.iter().map(|key| CitedKey {
                    key: key.clone(),
                    nocite: cite.mode == CiteMode::NoCite,
                }));
            }
            NodeKind::BibItems(items) => {
                self.bibitems
                    .extend(items.iter().enumerate().map(|(i, item)| {
                        BibItemLabel {
                            key: item.key.clone(),
                            label: item
                                .label
                                .as_ref()
                                .map_or_else(|| (i + 1).to_string(), |l| plain_text(l)),
                        }
                    }));
            }
            NodeKind::Bibliography => self.bibliographies.push(node.span),
            _ => {}
        });
    }
}

/// A translated `main.tex`.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub meta: ArticleMeta,
    pub body: Content,
}

/// Visits every node, depth first, in reading order.
pub fn walk<'a>(content: &'a [Node], f: &mut dyn FnMut(&'a Node)) {
    for node in content {
        f(node);
        for child in children(node) {
            walk(child, f);
        }
    }
}

/// Visits every node mutably, depth first (a node before what is inside it).
pub fn walk_mut(content: &mut [Node], f: &mut dyn FnMut(&mut Node)) {
    for node in content {
        f(node);
        for child in children_mut(node) {
            walk_mut(child, f);
        }
    }
}

/// The content directly inside a node, mutably (as [`children`]).
pub fn children_mut(node: &mut Node) -> Vec<&mut Content> {
    match &mut node.kind {
        NodeKind::Group(c)
        | NodeKind::Styled(_, c)
        | NodeKind::Footnote(c)
        | NodeKind::FootnoteText(c)
        | NodeKind::LicenceBox(c)
        | NodeKind::Link { body: c, .. }
        | NodeKind::Quote(c)
        | NodeKind::Align(_, c)
        | NodeKind::Parbox { body: c, .. }
        | NodeKind::Subequations { body: c, .. }
        | NodeKind::Scaled(_, c) => vec![c],
        NodeKind::Boxed(b) => b
            .title
            .iter_mut()
            .chain(std::iter::once(&mut b.upper))
            .chain(b.lower.iter_mut())
            .collect(),
        NodeKind::Cite(cite) => cite
            .prenote
            .iter_mut()
            .chain(cite.postnote.iter_mut())
            .collect(),
        NodeKind::Table(table) => table
            .rows
            .iter_mut()
            .flat_map(|row| match row {
                TableRow::Cells(cells) => cells.iter_mut().map(|c| &mut c.content).collect(),
                TableRow::Rule(_) => Vec::new(),
            })
            .collect(),
        NodeKind::Float(float) => float
            .caption
            .iter_mut()
            .chain(std::iter::once(&mut float.body))
            .collect(),
        NodeKind::Heading(h) => vec![&mut h.body],
        NodeKind::List(list) => list
            .items
            .iter_mut()
            .flat_map(|item| item.label.iter_mut().chain(std::iter::once(&mut item.body)))
            .collect(),
        NodeKind::Unknown { args, .. } => args.iter_mut().collect(),
        NodeKind::Math(math) => math.texts.iter_mut().map(|t| &mut t.content).collect(),
        NodeKind::Phantom(c) => vec![c],
        NodeKind::Algorithmic(alg) => alg
            .lines
            .iter_mut()
            .flat_map(|l| std::iter::once(&mut l.body).chain(l.comment.iter_mut()))
            .collect(),
        NodeKind::BibItems(items) => items
            .iter_mut()
            .flat_map(|i| i.label.iter_mut().chain(std::iter::once(&mut i.body)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The content directly inside a node.
pub fn children(node: &Node) -> Vec<&Content> {
    match &node.kind {
        NodeKind::Group(c)
        | NodeKind::Styled(_, c)
        | NodeKind::Footnote(c)
        | NodeKind::FootnoteText(c)
        | NodeKind::LicenceBox(c)
        | NodeKind::Link { body: c, .. }
        | NodeKind::Quote(c)
        | NodeKind::Align(_, c)
        | NodeKind::Parbox { body: c, .. }
        | NodeKind::Subequations { body: c, .. }
        | NodeKind::Scaled(_, c) => vec![c],
        NodeKind::Boxed(b) => b
            .title
            .iter()
            .chain(std::iter::once(&b.upper))
            .chain(b.lower.iter())
            .collect(),
        NodeKind::Cite(cite) => cite.prenote.iter().chain(cite.postnote.iter()).collect(),
        NodeKind::Table(table) => table
            .rows
            .iter()
            .flat_map(|row| match row {
                TableRow::Cells(cells) => cells.iter().map(|c| &c.content).collect(),
                TableRow::Rule(_) => Vec::new(),
            })
            .collect(),
        NodeKind::Float(float) => float
            .caption
            .iter()
            .chain(std::iter::once(&float.body))
            .collect(),
        NodeKind::Heading(h) => vec![&h.body],
        NodeKind::List(list) => list
            .items
            .iter()
            .flat_map(|item| item.label.iter().chain(std::iter::once(&item.body)))
            .collect(),
        NodeKind::Unknown { args, .. } => args.iter().collect(),
        NodeKind::Math(math) => math.texts.iter().map(|t| &t.content).collect(),
        NodeKind::Phantom(c) => vec![c],
        NodeKind::Algorithmic(alg) => alg
            .lines
            .iter()
            .flat_map(|l| std::iter::once(&l.body).chain(l.comment.iter()))
            .collect(),
        NodeKind::BibItems(items) => items
            .iter()
            .flat_map(|i| i.label.iter().chain(std::iter::once(&i.body)))
            .collect(),
        _ => Vec::new(),
    }
}

/// A link address's scheme (`https`, `javascript`…), lower-cased, as a
/// browser reads it: whitespace and control characters inside it do not
/// count. `None` for a relative address or a fragment.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let end = cleaned.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))?;
    (end > 0 && cleaned[end..].starts_with(':')).then(|| cleaned[..end].to_owned())
}

/// Schemes whose links run code or show content of their own in a
/// reader's browser or PDF viewer.
pub const SCRIPTING_SCHEMES: [&str; 4] = ["javascript", "data", "vbscript", "file"];

/// The plain text of some content (for metadata, comparisons and outlines).
pub fn plain_text(content: &[Node]) -> String {
    let mut out = String::new();
    fn go(content: &[Node], out: &mut String) {
        for node in content {
            match &node.kind {
                NodeKind::Text(t) | NodeKind::InlineCode(t) | NodeKind::Url(t) => out.push_str(t),
                NodeKind::Space | NodeKind::Linebreak | NodeKind::Parbreak | NodeKind::NbSpace => {
                    if !out.ends_with(' ') && !out.is_empty() {
                        out.push(' ');
                    }
                }
                NodeKind::CodeBlock(code) => out.push_str(&code.text),
                NodeKind::Footnote(_) | NodeKind::Cite(_) | NodeKind::Phantom(_) => {}
                _ => {
                    let separate = matches!(node.kind, NodeKind::Table(_) | NodeKind::Float(_));
                    for child in children(node) {
                        go(child, out);
                        if separate && !out.ends_with(' ') {
                            out.push(' ');
                        }
                    }
                }
            }
        }
    }
    go(content, &mut out);
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    #[test]
    fn plain_text_flattens_styles_and_spaces() {
        let sources = Sources::new();
        let span = wita_diag::Span::new(sources.add("x", "x"), 0..1);
        let n = |kind| Node::new(kind, span);
        let content = vec![
            n(NodeKind::Text("The".into())),
            n(NodeKind::Space),
            n(NodeKind::Styled(
                Style::Bold,
                vec![n(NodeKind::Text("bold".into()))],
            )),
            n(NodeKind::Linebreak),
            n(NodeKind::Footnote(vec![n(NodeKind::Text("hidden".into()))])),
            n(NodeKind::Text("end".into())),
        ];
        assert_eq!(plain_text(&content), "The bold end");
    }

    #[test]
    fn blocks_are_displays_not_inline_material() {
        let math = |env| NodeKind::Math(Math::unnumbered(env, "x"));
        let float = |kind| {
            NodeKind::Float(Float {
                kind,
                caption: None,
                body: Vec::new(),
                label: None,
                placement: None,
            })
        };
        assert!(math(MathEnv::Display).is_block());
        assert!(!math(MathEnv::Inline).is_block());
        assert!(float(FloatKind::Figure).is_block());
        assert!(!float(FloatKind::Subfigure(None)).is_block());
        assert!(NodeKind::BibItems(Vec::new()).is_block());
        assert!(!NodeKind::Parbreak.is_block());
        assert!(!NodeKind::Text("x".into()).is_block());
    }
}
