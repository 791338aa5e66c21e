//! Bytes on stdin to request text.

use std::io::BufRead;

use crate::error::CliError;

/// Reads one line (without its end) into `buf`; `false` at the end of input.
pub fn read_line(input: &mut dyn BufRead, buf: &mut Vec<u8>) -> Result<bool, CliError> {
    buf.clear();
    let n = input.read_until(b'\n', buf).map_err(CliError::Io)?;
    if n == 0 {
        return Ok(false);
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(true)
}

/// The line as text; bytes that are not UTF-8 are an `invalid_json` error for that line.
pub fn request_text(line: &[u8]) -> Result<&str, shftu_rules::Error> {
    std::str::from_utf8(line).map_err(|e| shftu_rules::Error::InvalidJson {
        detail: format!("the line is not utf-8 text ({e})"),
    })
}
