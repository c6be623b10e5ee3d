//! Buffered byte sources that can peek ahead and say where a record started.
//!
//! `std::io::BufReader` cannot guarantee a peek of N bytes (a pipe may hand over 3 bytes at a
//! time) and `flate2::read::MultiGzDecoder` hides member boundaries. Common Crawl files hold one
//! gzip member per WARC record, so the compressed offset of a member is the address a CDX index
//! uses to fetch that record again: worth keeping, and only these two small types know it.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// Enough for sniffing (WARC version line, markup, JSON) without a second read.
pub(crate) const PEEK: usize = 1024;
const BUF: usize = 64 * 1024;

/// A buffered stream of (possibly decompressed) bytes.
pub(crate) trait ByteSource: BufRead + Send {
    /// Address of the next unread byte if it can be used to find this place again: the
    /// plain offset for uncompressed input, or the gzip member's compressed offset when the
    /// next byte is the first of its member. `None` otherwise.
    fn tell(&self) -> Option<u64>;

    /// Up to `n` (at most [`PEEK`]) bytes ahead without consuming them; fewer only at the end
    /// of the stream (or of a gzip member).
    fn peek(&mut self, n: usize) -> io::Result<&[u8]>;
}

/// Retries reads that the OS interrupted, as `read_exact` does.
fn read_retry(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// A buffered reader over raw input that counts consumed bytes.
pub(crate) struct Plain<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    consumed: u64,
}

impl<R: Read> Plain<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            buf: vec![0; BUF].into_boxed_slice(),
            pos: 0,
            end: 0,
            consumed: 0,
        }
    }

    fn consumed(&self) -> u64 {
        self.consumed
    }
}

impl<R: Read> Read for Plain<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(out.len());
            out[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Plain<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
            self.end = read_retry(&mut self.inner, &mut self.buf)?;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.end - self.pos);
        self.pos += amt;
        self.consumed += amt as u64;
    }
}

impl<R: Read + Send> ByteSource for Plain<R> {
    fn tell(&self) -> Option<u64> {
        Some(self.consumed)
    }

    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(PEEK);
        if self.end - self.pos < n {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < n {
                let got = read_retry(&mut self.inner, &mut self.buf[self.end..])?;
                if got == 0 {
                    break;
                }
                self.end += got;
            }
        }
        let stop = self.end.min(self.pos + n);
        Ok(&self.buf[self.pos..stop])
    }
}

enum Member<R> {
    /// Between members: the next byte of `R` starts a new member (or the input ended).
    Between(Plain<R>),
    /// Inside a member.
    In(Box<GzDecoder<Plain<R>>>),
    /// Only while switching states.
    Gone,
}

/// A multi-member gzip decoder (like `flate2::read::MultiGzDecoder`) that remembers where
/// each member began in the compressed input.
pub(crate) struct GzMembers<R> {
    member: Member<R>,
    member_start: u64,
    /// Decompressed bytes consumed since the current member began.
    used_in_member: u64,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
}

impl<R: Read> GzMembers<R> {
    pub(crate) fn new(inner: Plain<R>) -> Self {
        Self {
            member: Member::Between(inner),
            member_start: 0,
            used_in_member: 0,
            buf: vec![0; BUF].into_boxed_slice(),
            pos: 0,
            end: 0,
        }
    }

    /// Reads decompressed bytes into `buf[end..]`; `Ok(false)` at the end of the stream, or at
    /// the end of a member while bytes of it are still buffered: a new member starts only on an
    /// empty buffer, so that `member_start` describes the bytes that follow.
    fn read_more(&mut self) -> io::Result<bool> {
        if self.end == self.buf.len() {
            return Ok(true);
        }
        loop {
            match &mut self.member {
                Member::In(dec) => {
                    let got = read_retry(dec, &mut self.buf[self.end..])?;
                    if got > 0 {
                        self.end += got;
                        return Ok(true);
                    }
                    if let Member::In(dec) = std::mem::replace(&mut self.member, Member::Gone) {
                        self.member = Member::Between(dec.into_inner());
                    }
                }
                Member::Between(raw) => {
                    if self.end > self.pos || raw.fill_buf()?.is_empty() {
                        return Ok(false);
                    }
                    self.member_start = raw.consumed();
                    self.used_in_member = 0;
                    if let Member::Between(raw) = std::mem::replace(&mut self.member, Member::Gone)
                    {
                        self.member = Member::In(Box::new(GzDecoder::new(raw)));
                    }
                }
                Member::Gone => return Ok(false),
            }
        }
    }
}

impl<R: Read> Read for GzMembers<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(out.len());
            out[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for GzMembers<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
            self.read_more()?;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.end - self.pos);
        self.pos += amt;
        self.used_in_member += amt as u64;
    }
}

impl<R: Read + Send> ByteSource for GzMembers<R> {
    fn tell(&self) -> Option<u64> {
        let fresh = self.used_in_member == 0 && matches!(self.member, Member::In(_));
        fresh.then_some(self.member_start)
    }

    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(PEEK);
        if self.end - self.pos < n {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < n && self.read_more()? {}
        }
        let stop = self.end.min(self.pos + n);
        Ok(&self.buf[self.pos..stop])
    }
}

/// Wraps raw input, decompressing it transparently when it starts with the gzip magic (and
/// saying whether it did).
pub(crate) fn open_source<R: Read + Send + 'static>(
    raw: R,
) -> io::Result<(Box<dyn ByteSource>, bool)> {
    let mut plain = Plain::new(raw);
    if plain.peek(2)? == [0x1f, 0x8b] {
        Ok((Box::new(GzMembers::new(plain)), true))
    } else {
        Ok((Box::new(plain), false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::{Cursor, Write};

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(data).expect("in-memory write");
        enc.finish().expect("in-memory write")
    }

    /// A reader that hands over one byte per call, like a slow pipe.
    struct Trickle(Cursor<Vec<u8>>);
    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn peek_waits_for_enough_bytes_from_a_slow_pipe() {
        let mut src = Plain::new(Trickle(Cursor::new(b"WARC/1.1\r\n".to_vec())));
        assert_eq!(src.peek(5).expect("peek"), b"WARC/");
        let mut all = String::new();
        src.read_to_string(&mut all).expect("read");
        assert_eq!(all, "WARC/1.1\r\n");
    }

    #[test]
    fn members_are_concatenated_and_their_offsets_known() {
        let first = gz(b"hello ");
        let second = gz(b"world");
        let mut bytes = first.clone();
        bytes.extend_from_slice(&second);
        let (mut src, _) = open_source(Cursor::new(bytes)).expect("open");
        assert_eq!(src.peek(3).expect("peek"), b"hel");
        assert_eq!(src.tell(), Some(0));
        let mut six = [0u8; 6];
        src.read_exact(&mut six).expect("read");
        assert_eq!(&six, b"hello ");
        assert_eq!(src.fill_buf().expect("fill"), b"world");
        assert_eq!(src.tell(), Some(first.len() as u64));
        src.consume(1);
        assert_eq!(src.tell(), None);
        let mut rest = String::new();
        src.read_to_string(&mut rest).expect("read");
        assert_eq!(rest, "orld");
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_short_read() {
        let mut bytes = gz(&[b'x'; 10_000]);
        bytes.truncate(bytes.len() / 2);
        let (mut src, _) = open_source(Cursor::new(bytes)).expect("open");
        let mut out = Vec::new();
        assert!(src.read_to_end(&mut out).is_err());
    }
}
