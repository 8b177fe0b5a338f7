//! Inputs shared by the unit tests.

/// The text of every `.txt` file directly in each of `dirs` (paths from the crate root), in
/// directory order; unreadable files are left out.
pub(crate) fn fixture_texts(dirs: &[&str]) -> Vec<String> {
    let mut texts = Vec::new();
    for dir in dirs {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                texts.extend(std::fs::read_to_string(e.path()));
            }
        }
    }
    texts
}
