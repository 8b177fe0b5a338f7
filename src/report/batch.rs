//! Ordered parallel processing in bounded chunks, with a failure record for every document that
//! could not be read — or that made the library panic.

use crate::input::Item;
use crate::{Document, Error, Limits};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How many items are read and processed at a time: the results of one chunk are written, in
/// input order, and dropped before the next chunk is read.
pub const CHUNK: usize = 256;

/// A document that could not be processed, and why. Rendered as a JSON line
/// `{"type":"error","file":…,"kind":…,"reason":…}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The input: a path, `corpus.jsonl:LINE`, a record id or `-`.
    pub file: String,
    /// `missing`, `io`, `input`, `unsupported`, `malformed`, `no-text`, `limit`, `internal`.
    pub kind: String,
    /// What went wrong, in words (the file name is not repeated).
    pub reason: String,
}

impl Failure {
    /// A failure of reading `item`.
    pub fn from_error(item: &Item, e: &Error) -> Failure {
        let kind = match e {
            Error::Io { .. } => "io",
            Error::Unsupported { .. } => "unsupported",
            Error::Malformed { .. } => "malformed",
            Error::NoText { .. } => "no-text",
            Error::Limit { .. } => "limit",
            Error::Config { .. } => "config",
        };
        let name = item.name();
        if let Error::Io { cause, .. } = e {
            return Failure {
                file: name,
                kind: kind.into(),
                reason: format!("cannot read: {}", super::source::io_reason(cause)),
            };
        }
        let text = e.to_string();
        let reason = text
            .strip_prefix(&format!("{name}: "))
            .unwrap_or(&text)
            .to_string();
        Failure {
            file: name,
            kind: kind.into(),
            reason,
        }
    }

    /// An input that could not even be listed (missing path, folder loop, bad corpus line).
    pub fn listing(name: &str, error: &str) -> Failure {
        let kind = if error.starts_with("no such") || error.starts_with("broken symbolic") {
            "missing"
        } else {
            "input"
        };
        Failure {
            file: name.to_string(),
            kind: kind.into(),
            reason: error.to_string(),
        }
    }

    /// An internal error: the library panicked on this input.
    pub fn internal(name: &str, message: &str) -> Failure {
        Failure {
            file: name.to_string(),
            kind: "internal".into(),
            reason: format!("internal error (please report it with this file): {message}"),
        }
    }

    /// The JSON line of the failure.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({"type": "error", "file": self.file, "kind": self.kind, "reason": self.reason})
    }
}

/// Reads and normalises an item; a listing error is a [`Failure`] of kind `missing` or `input`.
pub fn read(item: &Item, limits: &Limits) -> Result<Document, Failure> {
    match item {
        Item::Broken { name, error } => Err(Failure::listing(name, error)),
        _ => item.read(limits).map_err(|e| Failure::from_error(item, &e)),
    }
}

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that stays quiet about panics inside [`guarded`] (they are reported
/// as failures, with the panic's message and place) and defers to the previous hook elsewhere.
/// Call once at start-up.
pub fn quiet_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.with(Cell::get) {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{at}")));
        } else {
            previous(info);
        }
    }));
}

/// Runs `work`, turning a panic into an internal [`Failure`] naming `name`.
pub fn guarded<T>(name: &str, work: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    let was = GUARDED.with(|g| g.replace(true));
    let r = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(was));
    match r {
        Ok(r) => r,
        Err(payload) => {
            let message = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(Failure::internal(name, &message))
        }
    }
}

/// Processes `items` `chunk` at a time: `work` runs on the items of a chunk in parallel (on the
/// current rayon pool, each call [`guarded`]), then `sink` gets every item with its result in
/// input order. Reading the input (walking folders, parsing corpus lines) runs on a thread of
/// its own one chunk ahead, so that it overlaps the work instead of leaving cores idle; memory
/// holds at most three chunks of items (one being read, one waiting, one being worked on) and
/// one of results, however long the input.
pub fn run_ordered<T, W, S>(
    items: impl Iterator<Item = Item> + Send,
    chunk: usize,
    work: W,
    mut sink: S,
) where
    T: Send,
    W: Fn(&Item) -> Result<T, Failure> + Sync,
    S: FnMut(&Item, Result<T, Failure>),
{
    let chunk = chunk.max(1);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(1);
        scope.spawn(move || {
            let mut items = items;
            loop {
                let batch: Vec<Item> = items.by_ref().take(chunk).collect();
                // An empty chunk is the end; a closed channel means the consumer is gone.
                if batch.is_empty() || tx.send(batch).is_err() {
                    break;
                }
            }
        });
        for batch in rx {
            let results: Vec<Result<T, Failure>> = batch
                .par_iter()
                .map(|item| guarded(&item.name(), || work(item)))
                .collect();
            for (item, r) in batch.iter().zip(results) {
                sink(item, r);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_failure_and_the_run_goes_on() {
        quiet_panics();
        let items = (0..600).map(|i| Item::Record {
            id: i.to_string(),
            text: String::new(),
        });
        let mut seen = Vec::new();
        run_ordered(
            items,
            CHUNK,
            |item| {
                if item.name() == "7" {
                    panic!("boom");
                }
                Ok(item.name())
            },
            |item, r| seen.push((item.name(), r)),
        );
        assert_eq!(seen.len(), 600);
        assert!(seen
            .iter()
            .enumerate()
            .all(|(i, (n, _))| *n == i.to_string()));
        let f = seen[7].1.as_ref().unwrap_err();
        assert_eq!(f.kind, "internal");
        assert!(
            f.reason.contains("boom") && f.reason.contains("batch.rs"),
            "{f:?}"
        );
        assert_eq!(seen[8].1.as_deref(), Ok("8"));
    }
}
