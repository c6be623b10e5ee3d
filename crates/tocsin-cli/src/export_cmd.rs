//! `tocsin export`: stored events as CSV (tocsin's, ACLED's or GTD's columns), JSON Lines or
//! GeoJSON, filtered like the API's event list.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use tocsin_store::export::{Exporter, Format};
use tocsin_store::EventFilter;

/// Arguments of `tocsin export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The data directory.
    #[arg(long, env = "TOCSIN_DATA", default_value = "tocsin-data")]
    data: PathBuf,
    /// `csv`, `acled`, `gtd`, `jsonl` or `geojson` (`parquet` is not built yet).
    #[arg(long)]
    format: String,
    /// Write to this file instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Event types, or prefixes ending in a dot (`attack.`); repeatable.
    #[arg(long = "type")]
    types: Vec<String>,
    /// Earliest date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[arg(long)]
    from: Option<String>,
    /// Latest date.
    #[arg(long)]
    to: Option<String>,
    /// ISO country code.
    #[arg(long)]
    country: Option<String>,
    /// Perpetrator or entity name (substring).
    #[arg(long)]
    actor: Option<String>,
    /// Least number killed.
    #[arg(long)]
    min_killed: Option<u64>,
}

/// Runs `tocsin export`.
pub fn run(a: ExportArgs) -> anyhow::Result<ExitCode> {
    let Some(format) = Format::parse(&a.format) else {
        if a.format == "parquet" {
            bail!("parquet export is not built yet; use csv, acled, gtd, jsonl or geojson");
        }
        bail!(
            "unknown format {:?}: use csv, acled, gtd, jsonl or geojson",
            a.format
        );
    };
    let db = a.data.join("tocsin.db");
    if !db.exists() {
        bail!(
            "no store at {} (run `tocsin ingest --data {} …` first)",
            db.display(),
            a.data.display()
        );
    }
    let store = crate::ingest_cmd::open_store(&a.data)?;
    // Country names for the ACLED and GTD columns; codes stand in when no gazetteer is found.
    let gaz = tocsin_geo::Gazetteer::load_default().ok();
    let name = |cc: &str| -> Option<String> {
        let g = gaz.as_ref()?;
        let b = cc.as_bytes();
        let id = g.country([*b.first()?, *b.get(1)?])?;
        Some(g.name(id).to_string())
    };
    let out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| p.display().to_string())?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut ex = Exporter::new(BufWriter::new(out), format, &name)?;
    let filter = EventFilter {
        types: a.types,
        from: a.from,
        to: a.to,
        country: a.country,
        actor: a.actor,
        min_killed: a.min_killed,
        ..EventFilter::default()
    };
    let n = ex.write_matching(&store, &filter)?;
    ex.finish()?;
    eprintln!("tocsin export: {n} events");
    Ok(ExitCode::SUCCESS)
}
