//! The application layer behind the `dumpfix` binary: what each subcommand does with
//! its arguments, and what it prints. `main.rs` only parses the arguments and maps
//! errors to exit codes.

pub mod cli;

mod bundle;
mod check;
mod convert;
mod fix;
mod info;
mod input;
mod mendix;
mod output;
mod progress;
mod settings;
mod stats;
mod verify;

use std::process::ExitCode;

use crate::Result;
use cli::{BundleCommand, Cli, Command};
use input::InputNotes;

/// Run the command `cli` holds: its exit code (0 clean, 1 findings), or the error that
/// stopped it. The notes from reading the input (tar members that are not dumps) are
/// printed on stderr when it ends, before the caller prints any error.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let mut notes = InputNotes::default();
    let result = dispatch(cli, &mut notes);
    notes.print();
    result
}

/// One function per subcommand.
fn dispatch(cli: Cli, notes: &mut InputNotes) -> Result<ExitCode> {
    let color = cli.color;
    match cli.command {
        Command::Fix(args) => fix::fix(args, notes),
        Command::Check(args) => check::check(args, color, notes),
        Command::Mendix { command } => mendix::mendix(command, color, notes),
        Command::Bundle { verify, args } => match verify {
            Some(BundleCommand::Verify(v)) => verify::verify(v, color, notes),
            None => bundle::bundle(*args, notes),
        },
        Command::Stats(args) => stats::stats(args, notes),
        Command::Convert(args) => convert::convert(args, notes),
        Command::Completions { shell } => info::completions(shell),
        Command::Man => info::man(),
        Command::Targets => info::targets(),
        Command::Rules { format } => info::rules(format),
        Command::Rule { code } => info::rule(&code),
        Command::Catalog { names, template } => info::catalog(&names, &template),
    }
}
