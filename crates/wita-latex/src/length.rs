//! TeX dimensions as written in arguments: wita-doc reads them, for the
//! math converter too.

pub use wita_doc::parse_length;
