//! The `tocsin` binary: argument parsing, progress and output. No domain logic lives here;
//! each command wires library crates together.

mod analyze_cmd;
mod bench;
mod bench_store;
mod export_cmd;
mod extract_cmd;
mod geo_cmd;
mod ingest_cmd;
mod ner_cmd;
mod output;
mod progress;
mod run_cmd;
mod serve_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: analysis allocates many small, short-lived
/// objects on every core, and ingestion frees on its writer thread what the analysis threads
/// allocated, both of which glibc's allocator serves slower (measured in
/// docs/measurements/store-api.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// tocsin: raw news to a clean, searchable record of violent and security events.
#[derive(Parser, Debug)]
#[command(name = "tocsin", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The main job: poll news feeds, analyse and store what they list, serve the API.
    Run(run_cmd::RunArgs),
    /// Extract clean articles (text, title, byline, dates, captions) from raw pages.
    Extract(extract_cmd::ExtractArgs),
    /// Analyse documents: entities, places, events (type, date, place, killed, injured,
    /// perpetrators) and quotes, one JSON line per document.
    Analyze(analyze_cmd::AnalyzeArgs),
    /// Analyse documents and store them in the data directory (resumable, idempotent).
    Ingest(ingest_cmd::IngestArgs),
    /// Export stored events: csv, acled, gtd, jsonl or geojson.
    Export(export_cmd::ExportArgs),
    /// Serve the HTTP API over a store (127.0.0.1:7878 by default).
    Serve(serve_cmd::ServeArgs),
    /// Measure throughput on a directory of pages.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Train a model (`tocsin train ner`).
    #[command(subcommand)]
    Train(ner_cmd::TrainCommand),
    /// Tag named entities in lines of text (or of tokens, with --pretokenized).
    Ner(ner_cmd::NerArgs),
    /// Build or inspect the compiled GeoNames gazetteer (`tocsin gazetteer build`).
    #[command(subcommand)]
    Gazetteer(geo_cmd::GazetteerCommand),
    /// Find and resolve toponyms in JSON lines of text (geo_eval.py's cmd: protocol).
    Geocode(geo_cmd::GeocodeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run_cmd::run(args),
        Command::Extract(args) => extract_cmd::run(args),
        Command::Analyze(args) => analyze_cmd::run(args),
        Command::Ingest(args) => ingest_cmd::run(args),
        Command::Export(args) => export_cmd::run(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Bench(cmd) => bench::run(cmd),
        Command::Train(cmd) => ner_cmd::run_train(cmd),
        Command::Ner(args) => ner_cmd::run_ner(args),
        Command::Gazetteer(cmd) => geo_cmd::run_gazetteer(cmd),
        Command::Geocode(args) => geo_cmd::run_geocode(args),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`tocsin export … | head`) is the reader's choice, not a failure.
        Err(error)
            if error.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("tocsin: {error:#}");
            ExitCode::from(2)
        }
    }
}
