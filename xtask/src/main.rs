//! Developer automation for the book: `cargo xtask <command>` (the alias is in .cargo/config.toml).
//!
//! Standard library only, so that `cargo xtask` builds in seconds on a fresh machine.
//! Every command works from the repository root, whatever the current directory.

mod api;
mod bench;
mod browser;
mod check;
mod describe;
mod fonts;
mod katex;
mod search;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use search::Search;

const USAGE: &str = "\
사용법 / usage: cargo xtask <명령 / command>

명령 / commands:
  build             고정 버전 도구를 (없으면) 설치하고 책을 target/book/에 빌드합니다
                    (검색 색인 target/book/pagefind/, cargo doc으로 만든 API 문서
                    target/book/api/까지)
  serve [--port N] [--host ADDR]
                    같은 설치 뒤 http://ADDR:N/ 에서 책을 보여 주고, book/이나 theme/을
                    고치면 다시 빌드합니다 (기본값 N 3000, ADDR 127.0.0.1; 컨테이너 밖에서
                    보려면 --host 0.0.0.0) / serves the book and rebuilds it on changes
  vendor-katex      npm 패키지 katex@0.16.4에서 KaTeX CSS와 woff2 글꼴을
                    book/assets/katex/에 다시 만듭니다 (npm 필요)
  browser-test      build와 같이 빌드한 뒤 헤드리스 Chromium으로 모든 페이지를 검사합니다
                    (콘솔 오류, 수식, 그림, 외부 요청, 페이지 무게, 테마, 접근성, 검색;
                    node와 /usr/bin/chromium 필요: apt-get install -y chromium fonts-noto-cjk)
  lighthouse        build와 같이 빌드한 뒤 모든 페이지에 Lighthouse 12.2.3(모바일)을 돌려
                    점수 표를 보이고, 성능 95·접근성·권장사항·SEO 100 미만이면 실패합니다
                    (gzip으로 서빙, 한 쪽에 8초쯤, 기준 미달이면 세 번 재어 중앙값;
                    node와 /usr/bin/chromium 필요)
  bench [인자…]     크레이트의 criterion 벤치마크(cargo bench --bench activations)를 돌리고
                    같은 입력으로 NumPy/SciPy를 재어 함수마다 크레이트 ÷ NumPy를 보여 줍니다
                    (인자는 criterion에 갑니다, 예: --measurement-time 1;
                    python3와 numpy, scipy 필요: pip install numpy scipy)
  help              이 도움말 (--help, -h도 같습니다)

고정 버전 도구: mdbook 0.5.4, mdbook-katex 0.10.0
  (`cargo install --locked`로 $CARGO_HOME/bin, 보통 ~/.cargo/bin에 설치합니다; 다른 버전의
  mdbook이 있으면 0.5.4로 바꿉니다 / replaces an mdbook of another version there)
  pagefind 1.6.0 등 tools/package.json의 npm 도구 (`npm ci --prefix tools`, Node.js와 npm 필요;
  없으면 build와 serve는 검색 없이 책을 만듭니다 / without Node.js, no search)
";

/// Where mdBook writes the site: `[build] build-dir` in book.toml.
const SITE_DIR: &str = "target/book";

#[derive(Debug, PartialEq)]
enum Task {
    Help,
    Build,
    Serve { host: String, port: u16 },
    VendorKatex,
    BrowserTest,
    Lighthouse,
    Bench { criterion_args: Vec<String> },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = match parse(&args) {
        Ok(task) => task,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = repo_root();
    let result = match task {
        Task::Help => {
            print!("{USAGE}");
            Ok(())
        }
        Task::Build => build(&root, false),
        Task::Serve { host, port } => serve(&root, &host, port),
        Task::VendorKatex => katex::vendor(&root),
        Task::BrowserTest => browser::test(&root),
        Task::Lighthouse => browser::lighthouse(&root),
        Task::Bench { criterion_args } => bench::run(&root, &criterion_args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("오류 / error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: &[String]) -> Result<Task, String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["help" | "--help" | "-h"] | [_, "--help" | "-h"] => Ok(Task::Help),
        ["build"] => Ok(Task::Build),
        ["vendor-katex"] => Ok(Task::VendorKatex),
        ["browser-test"] => Ok(Task::BrowserTest),
        ["lighthouse"] => Ok(Task::Lighthouse),
        ["bench", rest @ ..] => {
            Ok(Task::Bench { criterion_args: rest.iter().map(|a| a.to_string()).collect() })
        }
        ["serve", options @ ..] => parse_serve(options),
        _ => Err(format!(
            "알 수 없는 명령이나 인자입니다 / unknown command or argument: {}",
            args.join(" ")
        )),
    }
}

/// `serve`'s options, in any order: `--port N`, `--port=N`, `--host ADDR`, `--host=ADDR`.
fn parse_serve(options: &[&str]) -> Result<Task, String> {
    let (mut host, mut port) = ("127.0.0.1".to_string(), 3000);
    let mut rest = options.iter();
    while let Some(option) = rest.next() {
        let (name, value) = match option.split_once('=') {
            Some((name, value)) => (name, Some(value).filter(|v| !v.is_empty())),
            None => (*option, rest.next().copied()),
        };
        let value = value.ok_or(format!("{name}에 값이 없습니다 / {name} needs a value"))?;
        match name {
            "--port" => port = parse_port(value)?,
            "--host" => host = value.to_string(),
            _ => {
                return Err(format!(
                    "알 수 없는 serve 인자입니다 / unknown serve option: {option}"
                ));
            }
        }
    }
    Ok(Task::Serve { host, port })
}

fn parse_port(text: &str) -> Result<u16, String> {
    match text.parse::<u16>() {
        Ok(port) if port > 0 => Ok(port),
        _ => Err(format!(
            "포트는 1부터 65535까지의 수여야 합니다 / the port must be 1 to 65535: {text}"
        )),
    }
}

/// The repository root: the parent of this crate's directory.
fn repo_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().expect("xtask/ is inside the repository").to_path_buf()
}

/// mdBook 0.5.4 titles the not-found page "Page not found" whatever book/404.md says
/// (mdbook-html's `render_404` writes that string); the page is Korean, so is its title.
fn korean_404_title(site: &Path) -> Result<(), String> {
    let path = site.join("404.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let korean = html.replacen("<title>Page not found", "<title>페이지를 찾을 수 없습니다", 1);
    if korean == html && !html.contains("<title>페이지를 찾을 수 없습니다") {
        return Err(format!(
            "{}: mdBook의 \"Page not found\" 제목이 없습니다 / no such title",
            path.display()
        ));
    }
    std::fs::write(&path, korean).map_err(|e| format!("{}: {e}", path.display()))
}

/// What `mdbook build` cannot write, added to its pages: the Korean 404 title, the meta
/// descriptions and the font preloads. Safe to run twice on the same pages (`serve` may).
fn finish_pages(site: &Path) -> Result<(), String> {
    korean_404_title(site)?;
    let described = describe::describe_site(site)?;
    println!("설명: {described}개 페이지의 meta description을 핵심 상자나 첫 문단으로 채웠습니다");
    let (pages, links) = fonts::preload_site(site)?;
    println!(
        "글꼴 미리 받기: {pages}개 페이지에 첫 화면의 수식이 쓰는 KaTeX 글꼴 {links}개 (rel=preload)"
    );
    Ok(())
}

/// Builds the site; `search_required` (browser tests, CI) fails without Node.js instead of
/// building the book without its search index.
pub(crate) fn build(root: &Path, search_required: bool) -> Result<(), String> {
    // Node.js first: a missing prerequisite is reported before mdbook is compiled (minutes).
    let search = search::prepare(root, search_required)?;
    let mdbook = tools::ensure_installed()?;
    println!("책 빌드: mdbook build ({})", root.display());
    run(mdbook.command().arg("build").current_dir(root))?;

    let site = root.join(SITE_DIR);
    let index = site.join("index.html");
    if !index.is_file() {
        return Err(format!(
            "{}이(가) 없습니다 / missing: book.toml의 [build] build-dir가 \"{SITE_DIR}\"인지 \
             확인하세요 / check build-dir in book.toml",
            index.display()
        ));
    }
    finish_pages(&site)?;
    if let Search::On(pagefind) = &search {
        search::index(root, pagefind)?;
    }
    let (api_files, api_bytes) = api::build(root)?;
    println!(
        "API 문서: {}/{} ({api_files}개 파일, {})",
        SITE_DIR,
        api::API_DIR,
        check::human_bytes(api_bytes)
    );
    println!(
        "검사: 다른 호스트에서 불러오는 것이 없는지, 불러오는 파일과 링크한 페이지·제목이 다 있는지"
    );
    let problems = check::site_problems(&site)?;
    if !problems.is_empty() {
        return Err(format!(
            "사이트 검사 실패 / site check failed:\n  {}\n(그림이 없으면 / for a missing figure: `UPDATE_FIGURES=1 cargo test --test figures`)",
            problems.join("\n  ")
        ));
    }
    let (files, bytes) = check::size(&site)?;
    println!("완료: {} ({files}개 파일, {})", index.display(), check::human_bytes(bytes));
    Ok(())
}

fn serve(root: &Path, host: &str, port: u16) -> Result<(), String> {
    // The port before anything long: mdbook serve would build the whole book, then panic.
    check_port(host, port)?;
    let search = search::prepare(root, false)?;
    let mdbook = tools::ensure_installed()?;
    println!(
        "책 보기 / serving: http://{host}:{port}/ (book/이나 theme/을 고치면 다시 빌드합니다; \
         끝내려면 Ctrl-C / rebuilds on changes; Ctrl-C to stop)"
    );
    if matches!(search, Search::On(_)) {
        println!("검색: mdbook이 빌드할 때마다 Pagefind 색인을 다시 만듭니다 (빌드 뒤 1초쯤 걸림)");
    }
    // The API pages once; mdbook serve empties target/book/ on every rebuild, so they are
    // copied in again after each, with the steps `build` adds to mdBook's pages.
    api::document(root)?;
    let site = root.join(SITE_DIR);
    // (The API pages after the index: Pagefind indexes the chapters only.)
    let after_build = || {
        finish_pages(&site)?;
        if let Search::On(pagefind) = &search {
            search::index(root, pagefind)?;
        }
        api::copy_into_site(root).map(|_| ())
    };
    let port = port.to_string();
    let mut serve = mdbook.command();
    serve.args(["serve", "--hostname", host, "--port", &port]).current_dir(root);
    search::serve(root, &mut serve, &after_build)
}

/// Fails in one line when `host:port` cannot be bound (another server holds the port, or the
/// address is not this machine's). The listener is closed again at once for mdbook serve.
fn check_port(host: &str, port: u16) -> Result<(), String> {
    match std::net::TcpListener::bind((host, port)) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => Err(format!(
            "포트 {port}을(를) 다른 프로그램이 쓰고 있습니다 / port {port} is in use: \
             다른 포트를 주세요 / pick another, e.g. `cargo xtask serve --port {}`",
            port.checked_add(1).unwrap_or(3000)
        )),
        Err(error) => Err(format!(
            "{host}:{port}에서 들을 수 없습니다 / cannot listen on {host}:{port}: {error} \
             (--host에는 이 컴퓨터의 주소를 주세요 / --host takes an address of this machine)"
        )),
    }
}

/// Runs a command that inherits the terminal; an error names the command and how it ended.
fn run(command: &mut Command) -> Result<(), String> {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown = format!("{shown} {}", arg.to_string_lossy());
    }
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{shown}` 실패 / failed ({status})")),
        Err(error) => Err(format!("`{shown}`을(를) 실행할 수 없습니다 / cannot run: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Task, String> {
        let args: Vec<String> = words.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    #[test]
    fn commands() {
        assert_eq!(parse_words(""), Ok(Task::Help));
        assert_eq!(parse_words("--help"), Ok(Task::Help));
        assert_eq!(parse_words("serve -h"), Ok(Task::Help));
        assert_eq!(parse_words("build"), Ok(Task::Build));
        let serve = |host: &str, port| Ok(Task::Serve { host: host.to_string(), port });
        assert_eq!(parse_words("serve"), serve("127.0.0.1", 3000));
        assert_eq!(parse_words("serve --port 8080"), serve("127.0.0.1", 8080));
        assert_eq!(parse_words("serve --port=4000"), serve("127.0.0.1", 4000));
        assert_eq!(parse_words("serve --host 0.0.0.0"), serve("0.0.0.0", 3000));
        assert_eq!(parse_words("serve --host=::1 --port 81"), serve("::1", 81));
        assert_eq!(parse_words("vendor-katex"), Ok(Task::VendorKatex));
        assert_eq!(parse_words("browser-test"), Ok(Task::BrowserTest));
        assert_eq!(parse_words("lighthouse"), Ok(Task::Lighthouse));
        assert_eq!(parse_words("bench"), Ok(Task::Bench { criterion_args: vec![] }));
        assert_eq!(
            parse_words("bench --measurement-time 1"),
            Ok(Task::Bench { criterion_args: vec!["--measurement-time".into(), "1".into()] })
        );
    }

    #[test]
    fn mistakes() {
        for words in [
            "bulid",
            "build --release",
            "serve --port",
            "serve --port 0",
            "serve 3000",
            "serve --host",
            "serve --host=",
            "serve --port 80 --hots x",
        ] {
            assert!(parse_words(words).is_err(), "{words}");
        }
    }
}
