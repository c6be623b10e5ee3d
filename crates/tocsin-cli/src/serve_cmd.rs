//! `tocsin serve`: the HTTP API over an existing store.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

/// Arguments of `tocsin serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The data directory.
    #[arg(long, env = "TOCSIN_DATA", default_value = "tocsin-data")]
    data: PathBuf,
    /// Address to listen on; loopback by default (set 0.0.0.0:7878 to expose it).
    #[arg(long, env = "TOCSIN_LISTEN", default_value = tocsin_server::DEFAULT_LISTEN)]
    listen: SocketAddr,
}

/// Runs `tocsin serve`.
pub fn run(a: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = crate::ingest_cmd::open_store(&a.data)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    eprintln!(
        "tocsin serve: http://{} (store {})",
        a.listen,
        a.data.join("tocsin.db").display()
    );
    rt.block_on(tocsin_server::serve(a.listen, Arc::new(store)))
        .with_context(|| format!("serving on {}", a.listen))?;
    Ok(ExitCode::SUCCESS)
}
