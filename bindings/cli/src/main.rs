//! `shftu-rules`: evaluate requests of the wire contract, explain answers, list the rules, the parameters
//! and the message catalogue, describe the registry.

mod api;
mod convert;
mod error;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Arguments are read as bytes: one that is not UTF-8 is a usage error, never a panic.
    let args: Result<Vec<String>, error::CliError> = std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string()
                .map_err(|a| error::CliError::Usage(format!("the argument {:?} is not utf-8 text", a.to_string_lossy())))
        })
        .collect();
    let result = args.and_then(|args| api::run(&args, &mut std::io::stdin().lock(), &mut std::io::stdout().lock()));
    match result {
        Ok(status) => ExitCode::from(status),
        Err(error::CliError::BrokenPipe) => ExitCode::from(141),
        Err(e) => {
            eprintln!("shftu-rules: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
