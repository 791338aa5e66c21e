//! Errors of the command line itself (a bad request is never one: it gets an `ok: false` line).

use std::fmt;

#[derive(Debug)]
pub enum CliError {
    /// Unknown command or arguments (exit status 2).
    Usage(String),
    /// Reading stdin or writing stdout failed (exit status 1).
    Io(std::io::Error),
    /// stdout was closed by the reader (`| head`): end quietly.
    BrokenPipe,
}

impl CliError {
    /// The exit status: 2 for usage, 141 (128 + SIGPIPE, as a shell reports a process ended by a closed
    /// pipe) for a closed stdout, 1 for other i/o errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Io(_) => 1,
            CliError::BrokenPipe => 141,
        }
    }

    /// A write error: a closed pipe is [`CliError::BrokenPipe`].
    pub fn write(e: std::io::Error) -> CliError {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::Io(e)
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(a) => write!(f, "{a}; see shftu-rules --help"),
            CliError::Io(e) => write!(f, "i/o error: {e}"),
            CliError::BrokenPipe => write!(f, "stdout closed"),
        }
    }
}
