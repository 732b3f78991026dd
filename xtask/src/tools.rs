//! The pinned tools: mdBook and its KaTeX preprocessor, installed with `cargo install --locked`.

use std::env;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Change a version here and in the comment at the top of book.toml. mdbook-katex 0.10.0 bundles
/// KaTeX 0.16.4: its CSS and fonts in book/assets/katex/ must be the same version (katex.rs).
const MDBOOK: Tool = Tool { name: "mdbook", version: "0.5.4" };
const MDBOOK_KATEX: Tool = Tool { name: "mdbook-katex", version: "0.10.0" };

/// mdbook-katex 0.10.0 warns "built against mdbook v0.5.3, but we are being called from mdbook
/// v0.5.4" because its own Cargo.lock, which `--locked` follows, pins mdbook-preprocessor and
/// mdbook-core 0.5.3; their sources are the same as 0.5.4's (diff -r of the two crates), so the
/// warning is harmless. Installing without `--locked` would silence it but unpin all the rest.
const KATEX_NOTE: &str = "참고 / note: mdbook-katex의 \"built against mdbook v0.5.3\" 경고는 그 \
     Cargo.lock 때문이며 무해합니다 (mdbook 0.5.3과 0.5.4의 전처리기 인터페이스가 같습니다) / the \
     warning comes from mdbook-katex's lock file and is harmless (same preprocessor interface)";

/// The mdbook to run, with a PATH on which it finds its preprocessor mdbook-katex.
pub struct Mdbook {
    program: PathBuf,
    path: OsString,
}

impl Mdbook {
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.env("PATH", &self.path);
        command
    }
}

/// Installs mdbook and mdbook-katex at their pinned versions unless they are already there.
pub fn ensure_installed() -> Result<Mdbook, String> {
    let path = path_with_cargo_bin()?;
    for tool in [&MDBOOK, &MDBOOK_KATEX] {
        ensure(tool, &path)?;
    }
    let program =
        find_program(MDBOOK.name, &path).ok_or("mdbook을 찾을 수 없습니다 / mdbook not found")?;
    println!("{KATEX_NOTE}");
    Ok(Mdbook { program, path })
}

fn ensure(tool: &Tool, path: &OsString) -> Result<(), String> {
    let Tool { name, version } = tool;
    let why = match installed_version(name, path) {
        Some(found) if found == *version => {
            println!("도구 / tool: {name} {version} 있음 / present");
            return Ok(());
        }
        Some(found) => format!("지금은 {found}"),
        None => "없음".to_owned(),
    };
    println!(
        "{name} {version} 설치 중 / installing ({why}; cargo install --locked, 몇 분 걸립니다 / \
         takes minutes)…"
    );
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["install", "--locked", "--version", version, name])
        .status()
        .map_err(|error| format!("cargo를 실행할 수 없습니다 / cannot run cargo: {error}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo install --locked --version {version} {name}` 실패 / failed ({status})"
        ));
    }
    match installed_version(name, path) {
        Some(found) if found == *version => Ok(()),
        found => Err(format!(
            "{name} {version}을(를) 설치했지만 {}에서 찾은 {name}의 버전이 {}입니다 / installed, \
             but the one found is another version (PATH)",
            cargo_bin_dir().display(),
            found.as_deref().unwrap_or("(없음)")
        )),
    }
}

/// The version a tool reports: `mdbook v0.5.4` and `mdbook-katex 0.10.0` both give the last word.
fn installed_version(name: &str, path: &OsString) -> Option<String> {
    let program = find_program(name, path)?;
    let output = Command::new(program).arg("--version").output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let word = text.split_whitespace().last()?;
    Some(word.trim_start_matches('v').to_owned())
}

/// The first `name` on `path`, like the shell's `command -v`.
fn find_program(name: &str, path: &OsString) -> Option<PathBuf> {
    let file_name = format!("{name}{}", env::consts::EXE_SUFFIX);
    env::split_paths(path).map(|dir| dir.join(&file_name)).find(|candidate| candidate.is_file())
}

/// Where `cargo install` puts programs: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
fn cargo_bin_dir() -> PathBuf {
    let cargo_home = env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| {
        env::var_os("HOME")
            .or_else(|| env::var_os("USERPROFILE"))
            .map(|home| PathBuf::from(home).join(".cargo"))
    });
    cargo_home.unwrap_or_else(|| PathBuf::from(".cargo")).join("bin")
}

/// PATH with cargo's bin directory first, so that the tools `cargo install` put there are the ones
/// found, both here and by mdbook when it starts its preprocessor.
fn path_with_cargo_bin() -> Result<OsString, String> {
    let cargo_bin = cargo_bin_dir();
    let mut dirs = vec![cargo_bin.clone()];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path).filter(|dir| *dir != cargo_bin));
    }
    env::join_paths(dirs)
        .map_err(|error| format!("PATH를 만들 수 없습니다 / cannot build PATH: {error}"))
}
