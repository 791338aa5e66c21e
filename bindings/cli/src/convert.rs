//! Bytes on stdin to request texts, with a bounded buffer: a request longer than the limit is skipped to its
//! end (never held in memory) and answered `limit_exceeded`, and the stream goes on.
//!
//! Three framings: JSON Lines (one request per line, every line answered — blank lines too), RFC 7464 JSON
//! text sequences (`--json-seq`: each record starts with the record separator 0x1E and may span lines), and
//! whole JSON values one after another (`--array`: the elements of one JSON array; `--stream`: concatenated
//! values, e.g. pretty-printed requests), split without parsing.

use std::io::BufRead;

use crate::error::CliError;

/// One unit of input: a request's bytes, or a request that was too long (its length in bytes).
pub enum Unit {
    /// The request's bytes (without its line end).
    Text(Vec<u8>),
    /// Skipped: longer than the limit.
    TooLong(usize),
}

/// How requests are framed on stdin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// One request per line (JSON Lines).
    Lines,
    /// RFC 7464 JSON text sequences.
    JsonSeq,
    /// The elements of one JSON array.
    Array,
    /// JSON values one after another.
    Stream,
}

/// Reads units of `framing` from `input`, holding at most `max` bytes of one request.
pub struct Reader<'a> {
    input: &'a mut dyn BufRead,
    framing: Framing,
    max: usize,
    /// For `Array`: the opening bracket was read; `done`: the closing one.
    opened: bool,
    done: bool,
}

const RS: u8 = 0x1e;

impl<'a> Reader<'a> {
    /// A reader of `framing` with a bound of `max` bytes per request.
    pub fn new(input: &'a mut dyn BufRead, framing: Framing, max: usize) -> Self {
        Reader {
            input,
            framing,
            max,
            opened: false,
            done: false,
        }
    }

    /// The next unit; `None` at the end of input.
    pub fn next_unit(&mut self) -> Result<Option<Unit>, CliError> {
        match self.framing {
            Framing::Lines => self.delimited(b'\n', false),
            Framing::JsonSeq => loop {
                // Records are separated by RS; text before the first RS and empty records are skipped.
                match self.delimited(RS, true)? {
                    Some(Unit::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => continue,
                    other => return Ok(other),
                }
            },
            Framing::Array | Framing::Stream => self.value(),
        }
    }

    /// Bytes up to `delim` (not included; a trailing CR or, for JSON text sequences, a trailing LF
    /// removed), at most `max` of them kept.
    fn delimited(&mut self, delim: u8, seq: bool) -> Result<Option<Unit>, CliError> {
        let mut buf = Vec::new();
        let mut len = 0usize;
        let mut any = false;
        loop {
            let chunk = self.input.fill_buf().map_err(CliError::Io)?;
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (take, found) = match chunk.iter().position(|b| *b == delim) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            len = len.saturating_add(take);
            if len <= self.max {
                buf.extend_from_slice(chunk.get(..take).unwrap_or(&[]));
            } else if !buf.is_empty() {
                buf = Vec::new();
            }
            self.input.consume(if found { take + 1 } else { take });
            if found {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        if len > self.max {
            return Ok(Some(Unit::TooLong(len)));
        }
        while matches!(buf.last(), Some(b'\r')) || (seq && matches!(buf.last(), Some(b'\n'))) {
            buf.pop();
        }
        Ok(Some(Unit::Text(buf)))
    }

    fn byte(&mut self) -> Result<Option<u8>, CliError> {
        let chunk = self.input.fill_buf().map_err(CliError::Io)?;
        let Some(&b) = chunk.first() else { return Ok(None) };
        self.input.consume(1);
        Ok(Some(b))
    }

    fn peek(&mut self) -> Result<Option<u8>, CliError> {
        Ok(self.input.fill_buf().map_err(CliError::Io)?.first().copied())
    }

    /// The next whole JSON value (an element of the array in `Array` framing), split without parsing.
    fn value(&mut self) -> Result<Option<Unit>, CliError> {
        if self.done {
            return Ok(None);
        }
        // Skip what separates values: whitespace, and in an array its brackets and commas.
        loop {
            match self.peek()? {
                None => return Ok(None),
                Some(b) if b.is_ascii_whitespace() => {
                    self.byte()?;
                }
                Some(b'[') if self.framing == Framing::Array && !self.opened => {
                    self.opened = true;
                    self.byte()?;
                }
                Some(b',') if self.framing == Framing::Array => {
                    self.byte()?;
                }
                Some(b']') if self.framing == Framing::Array => {
                    self.byte()?;
                    self.done = true;
                    return Ok(None);
                }
                Some(_) => break,
            }
        }
        let mut buf = Vec::new();
        let mut len = 0usize;
        let (mut depth, mut in_str, mut escaped, mut started) = (0usize, false, false, false);
        while let Some(b) = self.peek()? {
            if !in_str && depth == 0 && started && (b.is_ascii_whitespace() || b == b',' || b == b']') {
                break;
            }
            self.byte()?;
            started = true;
            len = len.saturating_add(1);
            if len <= self.max {
                buf.push(b);
            } else if !buf.is_empty() {
                buf = Vec::new();
            }
            if in_str {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => {
                        in_str = false;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_str = true,
                b'{' | b'[' => depth = depth.saturating_add(1),
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        if len > self.max {
            return Ok(Some(Unit::TooLong(len)));
        }
        Ok(Some(Unit::Text(buf)))
    }
}

/// The bytes as text; bytes that are not UTF-8 are an `invalid_json` error for that request.
pub fn request_text(bytes: &[u8]) -> Result<&str, shftu_rules::Error> {
    std::str::from_utf8(bytes).map_err(|e| shftu_rules::Error::InvalidJson {
        detail: format!("the line is not utf-8 text ({e})"),
    })
}
