//! The `dumpfix` command line: parse arguments, call the library, map errors to exit
//! codes (0 clean, 1 findings, 2 usage or input error; a closed stdout ends quietly).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use dumpfix::app::{self, cli::Cli};
use dumpfix::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    match app::run(cli) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(Error::Stdout(e)) => {
            // one line, whatever the command: `dumpfix rules > /dev/full`
            let _ = writeln!(
                std::io::stderr().lock(),
                "dumpfix: error: cannot write to stdout: {e}"
            );
            ExitCode::from(2)
        }
        Err(e) => {
            // a closed stderr must not turn the error into a panic
            if std::io::stderr().is_terminal() {
                if !color.enabled(true) {
                    let _ = miette::set_hook(Box::new(|_| {
                        Box::new(miette::MietteHandlerOpts::new().color(false).build())
                    }));
                }
                let report = miette::Report::new(e);
                let _ = writeln!(std::io::stderr().lock(), "{report:?}");
            } else {
                // Logs and CI: `dumpfix: error: …` and a `hint: …`, one line each.
                let _ = std::io::stderr()
                    .lock()
                    .write_all(plain_error(&e).as_bytes());
            }
            ExitCode::from(2)
        }
    }
}

/// An error as `dumpfix: error: MESSAGE: CAUSE` and, when there is help, a line
/// `hint: …`: each one line, whatever the message holds.
fn plain_error(e: &Error) -> String {
    use miette::Diagnostic as _;
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut msg = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let t = c.to_string();
        if !msg.contains(&t) {
            msg.push_str(": ");
            msg.push_str(&t);
        }
        cause = c.source();
    }
    let mut out = format!("dumpfix: error: {}\n", one_line(&msg));
    if let Some(h) = e.help().map(|h| one_line(&h.to_string())) {
        if !h.is_empty() {
            out.push_str(&format!("hint: {h}\n"));
        }
    }
    out
}
