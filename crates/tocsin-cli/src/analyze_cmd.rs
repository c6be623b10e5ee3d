//! `tocsin analyze`: raw documents in, the per-document analysis of DESIGN.md out (entities,
//! places, events, quotes), one JSON line per document in input order, in parallel.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde_json::Value;
use tocsin_geo::Gazetteer;
use tocsin_model::RawDoc;
use tocsin_nlp::ner::Ner;
use tocsin_nlp::resolve::AliasTable;
use tocsin_pipeline::Analyzer;

use crate::extract_cmd::{finish, json_line, open_inputs, process_ordered};
use crate::output;

/// Arguments of `tocsin analyze`.
#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    /// Print one JSON line per document (the default and only format).
    #[arg(long)]
    jsonl: bool,
    /// The compiled gazetteer (default: models/gazetteer.bin.gz, see `tocsin gazetteer`).
    #[arg(long, env = "TOCSIN_GAZETTEER")]
    gazetteer: Option<PathBuf>,
    /// A TSV of extra actor names (same columns as crates/tocsin-nlp/data/actors.tsv).
    #[arg(long)]
    actors: Option<PathBuf>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 32 << 20, env = "TOCSIN_MAX_DOC_BYTES")]
    max_doc_bytes: u64,
    /// Most bytes of a document's clean text that are analysed (a longer text is analysed up
    /// to a paragraph or sentence end before it, and its line says so in `errors`).
    #[arg(long, default_value_t = tocsin_pipeline::DEFAULT_MAX_TEXT_BYTES, env = "TOCSIN_MAX_ANALYSIS_BYTES")]
    max_analysis_bytes: usize,
    /// Files, directories, WARC(.gz) files, JSONL files, http(s) URLs, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// Loads the models `analyze` needs, with a clear error for each that is missing.
pub struct Models {
    ner: &'static Ner,
    caseless: &'static Ner,
    gazetteer: Gazetteer,
    aliases: AliasTable,
}

impl Models {
    /// Loads the embedded NER model, the gazetteer and the actor table.
    pub fn load(
        gazetteer: Option<&std::path::Path>,
        actors: Option<&std::path::Path>,
    ) -> anyhow::Result<Models> {
        let ner = Ner::embedded().context("loading the NER model")?;
        let caseless = Ner::embedded_caseless().context("loading the caseless NER model")?;
        let gazetteer = match gazetteer {
            Some(p) => Gazetteer::load(p),
            None => Gazetteer::load_default(),
        }
        .context("loading the gazetteer")?;
        let aliases = match actors {
            Some(p) => AliasTable::builtin_with_file(p)
                .with_context(|| format!("reading actor names from {}", p.display()))?,
            None => AliasTable::builtin().clone(),
        };
        Ok(Models {
            ner,
            caseless,
            gazetteer,
            aliases,
        })
    }

    /// An analyzer over these models.
    pub fn analyzer(&self) -> Analyzer<'_> {
        Analyzer::new(self.ner, &self.gazetteer, &self.aliases).with_caseless_ner(self.caseless)
    }
}

/// Analyses one document; a failure (a panic included) becomes the failing stage and reason.
pub fn analyze_typed(
    analyzer: &Analyzer<'_>,
    raw: &RawDoc,
) -> Result<tocsin_pipeline::Analysis, (&'static str, String)> {
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyzer.analyze_raw(raw)));
    match result {
        Ok(Ok(a)) => Ok(a),
        Ok(Err(e)) => Err(("extract", e.to_string())),
        Err(_) => Err((
            "analyze",
            "internal error: analysis panicked on this document".into(),
        )),
    }
}

/// Analyses one document, turning any failure (a panic included) into an error line.
pub fn analyze_one(analyzer: &Analyzer<'_>, raw: &RawDoc) -> Result<Value, Value> {
    match analyze_typed(analyzer, raw) {
        Ok(analysis) => serde_json::to_value(&analysis)
            .map_err(|e| output::failure(&raw.source, "output", &e.to_string())),
        Err((stage, e)) => Err(output::failure(&raw.source, stage, &e)),
    }
}

/// Runs `tocsin analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let models = Models::load(args.gazetteer.as_deref(), args.actors.as_deref())?;
    let analyzer = models
        .analyzer()
        .with_max_text_bytes(args.max_analysis_bytes);
    let ingest = open_inputs(&args.inputs, args.max_doc_bytes);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failed = process_ordered(
        ingest,
        |raw| analyze_one(&analyzer, raw),
        |value| writeln!(out, "{}", json_line(value)).context("writing output"),
    )?;
    out.flush().context("writing output")?;
    finish(failed)
}
