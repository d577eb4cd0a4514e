/**
 * The clients as other projects get them, each installed into a temporary directory outside the
 * repository with the real tools: the npm tarball (`npm pack`) into an empty Node project, and
 * `clients/python` by pip into a virtual environment (with Django from the system).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { valid } from "../vectors/vectors";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const vectorsFile = join(root, "test", "vectors", "signatures.json");
const scratch = mkdtempSync(join(tmpdir(), "thumbsmith-packages-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Without the repository's node_modules/.bin on PATH, nothing from the checkout can leak in.
const outsideEnv = { PATH: (process.env.PATH ?? "").split(":").filter((dir) => !dir.startsWith(root)).join(":"), HOME: process.env.HOME ?? scratch };
const basic = valid.find((v) => v.name === "basic")!;
const legacy = valid.find((v) => v.legacy && v.baseUrl !== "/")!;

describe("the npm package", () => {
  const project = join(scratch, "node-project");
  let files: string[];

  beforeAll(async () => {
    // pretest built dist/ (npm pack would run `prepare` to build it, racing the other tests that read it).
    if (!existsSync(join(root, "dist", "client.js"))) throw new Error("dist/client.js is missing: run `npm run build:client`");
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], { cwd: root });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed!.files.map((f) => f.path).sort();
    cpSync(join(root, "test", "vectors", "signatures.json"), join(project, "vectors.json"));
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    // --offline: the package has no dependencies, so nothing may come from a registry.
    await run("npm", ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", join(scratch, packed!.filename)], {
      cwd: project,
      env: { ...outsideEnv, PATH: `${join(root, "node_modules", ".bin")}:${outsideEnv.PATH}` },
    });
  }, 120_000);

  it("carries the client bundle, its declarations and the CLI, and nothing else", () => {
    expect(files).toEqual([
      "README.md",
      "bin/thumbsmith.mjs",
      "dist/client.d.ts",
      "dist/client.js",
      "dist/errors.d.ts",
      "dist/signature.d.ts",
      "dist/url.d.ts",
      "package.json",
    ]);
  });

  it("`thumbsmith/client` signs every vector", async () => {
    writeFileSync(
      join(project, "sign.mjs"),
      `import { readFileSync } from "node:fs";
import { thumbnailUrl } from "thumbsmith/client";
const { valid } = JSON.parse(readFileSync("vectors.json", "utf8"));
const urls = [];
for (const v of valid) urls.push(await thumbnailUrl(v.source, v.size, v.method, v.ext, { secret: v.secret, baseUrl: v.baseUrl, legacy: v.legacy }));
console.log(JSON.stringify(urls));`,
    );
    const { stdout } = await run(process.execPath, ["sign.mjs"], { cwd: project, env: outsideEnv });
    expect(JSON.parse(stdout)).toEqual(valid.map((v) => v.url));
  });

  it("its declarations type-check in a TypeScript project on nodenext resolution", async () => {
    writeFileSync(
      join(project, "consumer.ts"),
      `import { thumbnailUrl, ThumbnailError } from "thumbsmith/client";
const url: string = await thumbnailUrl("a.jpg", "1x1", "crop", ".jpg", { secret: "k" });
const code: string = new ThumbnailError("BAD_SIZE").code;
export const result = [url, code];`,
    );
    const compilerOptions = { module: "nodenext", target: "es2022", strict: true, noEmit: true, types: [], lib: ["es2022"] };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    // A type error makes tsc exit non-zero, which rejects with its output.
    await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", project], { cwd: project });
  }, 60_000);

  it("`npx thumbsmith sign` prints the vector URLs (v1 and legacy)", async () => {
    const npx = (args: string[], env: Record<string, string>) =>
      run("npx", ["--no", "thumbsmith", "sign", ...args], { cwd: project, env: { ...outsideEnv, ...env } });
    const v1 = await npx([basic.source, basic.size, basic.method, basic.ext, "--base", basic.baseUrl], { THUMBS_SECRET: basic.secret });
    expect(v1.stdout).toBe(`${basic.url}\n`);
    const old = await npx([legacy.source, legacy.size, legacy.method, legacy.ext, "--legacy", "--base", legacy.baseUrl], { LEGACY_SECRET_KEY: legacy.secret });
    expect(old.stdout).toBe(`${legacy.url}\n`);
  }, 60_000);
});

describe("the Python package", () => {
  // Debian's python3 with python3-django, -setuptools and -wheel (.ci/run installs them): the venv
  // sees them, so pip builds and installs offline. THUMBSMITH_DJANGO_PYTHON points elsewhere.
  const systemPython = process.env.THUMBSMITH_DJANGO_PYTHON ?? "/usr/bin/python3";
  const venv = join(scratch, "venv");
  const python = join(venv, "bin", "python");
  const pyEnv = { ...outsideEnv, PYTHONDONTWRITEBYTECODE: "1", PYTHONIOENCODING: "utf-8" };

  beforeAll(async () => {
    // A copy: pip builds in the source tree (build/, *.egg-info), which must not land in the checkout.
    const source = join(scratch, "python-src");
    cpSync(join(root, "clients", "python"), source, { recursive: true, filter: (path) => !path.includes("/tests") && !path.includes("__pycache__") });
    await run(systemPython, ["-m", "venv", "--system-site-packages", "--without-pip", venv], { env: pyEnv });
    await run(python, ["-m", "pip", "install", "--no-build-isolation", "--no-index", "--disable-pip-version-check", "--quiet", source], {
      cwd: scratch,
      env: pyEnv,
    });
  }, 120_000);

  it("installs `thumbsmith` and `thumbsmith.django` into the environment, and `thumbnail_url` signs every vector", async () => {
    const script = `
import json, sys, thumbsmith, thumbsmith.django.templatetags.thumbnail as tag
vectors = json.load(open(sys.argv[1], encoding="utf-8"))["valid"]
print(json.dumps({
    "files": [thumbsmith.__file__, tag.__file__],
    "urls": [thumbsmith.thumbnail_url(v["source"], v["size"], v["method"], v["ext"], v["secret"], v["baseUrl"], v["legacy"]) for v in vectors],
}))`;
    const { stdout } = await run(python, ["-c", script, vectorsFile], { cwd: scratch, env: pyEnv });
    const result = JSON.parse(stdout) as { files: string[]; urls: string[] };
    for (const file of result.files) expect(file.startsWith(join(venv, "lib"))).toBe(true);
    expect(result.urls).toEqual(valid.map((v) => v.url));
  });

  it("the installed Django tag renders a URL, and nothing for an empty source", async () => {
    const script = `
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["thumbsmith.django"], THUMBSMITH_SECRET=${JSON.stringify(basic.secret)},
                   TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
django.setup()
from django.template import engines
print(engines["django"].from_string('{% load thumbnail %}[{% thumbnail "" "1x1" "crop" ".jpg" %}][{% thumbnail "animals/kitten.jpg" "100x100" "crop" ".jpg" %}]').render({}))`;
    const { stdout } = await run(python, ["-c", script], { cwd: scratch, env: pyEnv });
    expect(stdout).toBe(`[][/${basic.path}]\n`);
  });
});
