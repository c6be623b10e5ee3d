//! The `tocsin` binary: argument parsing, progress and output. No domain logic lives here;
//! each command wires library crates together.

mod bench;
mod extract_cmd;
mod output;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// tocsin: raw news to a clean, searchable record of violent and security events.
#[derive(Parser, Debug)]
#[command(name = "tocsin", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract clean articles (text, title, byline, dates, captions) from raw pages.
    Extract(extract_cmd::ExtractArgs),
    /// Measure throughput on a directory of pages.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(args),
        Command::Bench(cmd) => bench::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("tocsin: {error:#}");
            ExitCode::from(2)
        }
    }
}
