//! Errors of the command line itself (a bad request is never one: it gets an `ok: false` line).

use std::fmt;

#[derive(Debug)]
pub enum CliError {
    /// Unknown command or arguments.
    Usage(String),
    /// Reading stdin or writing stdout failed.
    Io(std::io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Io(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(a) => write!(f, "unknown command {a:?}; see shftu-rules --help"),
            CliError::Io(e) => write!(f, "i/o error: {e}"),
        }
    }
}
