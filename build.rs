//! Turns every ```rust block of `book/**/*.md` into a test (see tests/skeptic.rs).

fn main() {
    let mut chapters = skeptic::markdown_files_of_directory("book/");
    // A stable order keeps the generated test names and their order stable.
    chapters.sort();
    println!("cargo:rerun-if-changed=book");
    skeptic::generate_doc_tests(&chapters);
}
