//! Development tool: explains the content choice for one page (`.html` or `.html.gz`).
use std::io::Read;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: explain FILE")?;
    let mut bytes = Vec::new();
    let file = std::fs::File::open(&path)?;
    if path.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
    } else {
        std::io::BufReader::new(file).read_to_end(&mut bytes)?;
    }
    let text = tocsin_extract::decode::decode(&bytes, None)?.text;
    let dom = tocsin_extract::html::Dom::parse(&text);
    print!("{}", tocsin_extract::content::explain(&dom));
    Ok(())
}
