//! Sources → [`tocsin_model::RawDoc`]s.
#![warn(missing_docs)]
