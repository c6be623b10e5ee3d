//! The NLP layer: what every fact hangs on. Language identification ([`lang`]), sentences and
//! tokens with byte offsets ([`tokenize`]), named entities from a model tocsin trains itself
//! ([`ner`]), within-document entity resolution ([`resolve`]), numbers with their bounds
//! ([`numbers`]) and time expressions resolved against the publication date ([`timex`]).
#![warn(missing_docs)]

pub mod lang;
pub mod ner;
pub mod numbers;
pub mod resolve;
pub mod timex;
pub mod tokenize;
