//! `shftu-rules`: evaluate requests of the wire contract, list the rules and the parameters.

mod api;
mod convert;
mod error;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match api::run(&args, &mut std::io::stdin().lock(), &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shftu-rules: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
