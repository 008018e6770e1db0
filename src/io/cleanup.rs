//! Temporary output files removed on the signals that end a run.
//!
//! An output file is written under a temporary name and renamed at the end (see
//! [`super::output`]); an error or a panic drops it, and the drop deletes it. A
//! signal does not run destructors: Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGQUIT
//! would leave `.NAME.XXXX.dumpfix-tmp` files of any size behind. So every temporary
//! file is registered here while it exists, and the first registration starts a
//! thread that waits for those signals, removes every registered file, and ends the
//! process as the signal's default action would (status 128 + signal). SIGXFSZ (the
//! file size limit) is caught as well, so that the write that crossed the limit fails
//! with `EFBIG` and the normal error path removes the file and says why, instead of
//! the process being killed with a core dump.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static START: Once = Once::new();

/// The signals after which the registered files are removed.
const FATAL: &[i32] = &[
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGQUIT,
];

/// A registered temporary file: unregistered when dropped (after the file was
/// renamed or deleted by its owner).
#[derive(Debug)]
pub struct Registered(PathBuf);

/// Register `path` for removal on a fatal signal.
pub fn register(path: &Path) -> Registered {
    START.call_once(start);
    if let Ok(mut t) = TEMPS.lock() {
        t.push(path.to_path_buf());
    }
    Registered(path.to_path_buf())
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut t) = TEMPS.lock() {
            if let Some(i) = t.iter().rposition(|p| *p == self.0) {
                t.swap_remove(i);
            }
        }
    }
}

fn start() {
    let mut all = FATAL.to_vec();
    all.push(signal_hook::consts::SIGXFSZ);
    let Ok(mut signals) = signal_hook::iterator::Signals::new(&all) else {
        return; // no handler: the temporary file may stay behind on a signal
    };
    let spawned = std::thread::Builder::new()
        .name("dumpfix-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if !FATAL.contains(&sig) {
                    continue; // SIGXFSZ: the write fails with EFBIG instead
                }
                remove_all();
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    drop(spawned);
}

/// Remove every registered file (the lock is not held by the writers for long; a
/// poisoned lock still holds the list).
fn remove_all() {
    let list = match TEMPS.lock() {
        Ok(t) => t.clone(),
        Err(p) => p.into_inner().clone(),
    };
    for p in list {
        let _ = std::fs::remove_file(p);
    }
}
