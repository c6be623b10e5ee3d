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
    // `EXPLAIN_SIGNALS=1`: also the title signals the metadata step decides from.
    if std::env::var_os("EXPLAIN_SIGNALS").is_some() {
        let s = tocsin_extract::content::extract(&dom, None).signals;
        println!("title_tag: {:?}", s.title_tag);
        println!("h1s: {:?}", s.h1s);
        println!("headings: {:?}", s.headings);
        println!("styled_lines: {:?}", s.styled_lines);
        println!("share_titles: {:?}", s.share_titles);
        println!("body_head: {:?}", s.body_head);
        println!("head_before_body: {:?}", s.head_before_body);
        let lead = s.lead_text.unwrap_or_default();
        println!(
            "lead_text: {:?}",
            lead.chars().take(300).collect::<String>()
        );
    }
    Ok(())
}
