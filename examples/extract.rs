//! The smallest embedding: read one document, extract it, print the model as JSON.
//!
//! ```sh
//! cargo run --release --example extract -- examples/cases/case-2-planted/judgment.pdf
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: extract PATH");
        return ExitCode::from(2);
    };
    // Expensive (dictionaries and automatons): once per process.
    let engine = wenshu::Engine::new();
    let doc = match engine.read_path(path.as_ref()) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let class = wenshu::classify(&doc);
    let out = serde_json::json!({
        "source": doc.source(),
        "doc_type": class.doc_type,
        "extraction": engine.extract(&doc),
        "read_warnings": doc.read_warnings(),
    });
    match serde_json::to_string_pretty(&out) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
