/**
 * The Python client (clients/python/thumbsmith) and its Django template tag, run by real Pythons:
 * the plain client by `python3` from PATH, the Django tag by Debian's /usr/bin/python3, which has
 * python3-django. THUMBSMITH_PYTHON and THUMBSMITH_DJANGO_PYTHON point them elsewhere.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { invalid, valid } from "../vectors/vectors";

const PYTHON = process.env.THUMBSMITH_PYTHON ?? "python3";
const DJANGO_PYTHON = process.env.THUMBSMITH_DJANGO_PYTHON ?? "/usr/bin/python3";
const pythonDir = fileURLToPath(new URL("../../clients/python/", import.meta.url));
const vectorsFile = fileURLToPath(new URL("../vectors/signatures.json", import.meta.url));

type Outcome = string | { error: string; message: string };

function run(python: string, args: string[], input = "", env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(python, args, {
      cwd: pythonDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function runJson<T>(python: string, args: string[], input = ""): Promise<T> {
  const result = await run(python, args, input);
  if (result.code !== 0) throw new Error(`${python} ${args.join(" ")} exited ${result.code}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}


describe("thumbnail_url", () => {
  let outcomes: { valid: Outcome[]; invalid: Outcome[] };
  beforeAll(async () => {
    outcomes = await runJson(PYTHON, ["tests/run_vectors.py", vectorsFile]);
  });

  it.each(valid.map((v, i) => [v.name, v, i] as const))("vector: %s", (_, v, i) => {
    expect(outcomes.valid[i]).toBe(v.url);
  });

  it.each(invalid.map((v, i) => [v.name, v, i] as const))("rejects invalid %s", (_, v, i) => {
    expect(outcomes.invalid[i]).toMatchObject({ error: "ValueError", message: expect.stringMatching(new RegExp(`^${v.field}: `)) });
  });

  it("rejects lone surrogates, non-str arguments, key lists and bad base URLs", async () => {
    const script = `
import json, thumbsmith
def attempt(*args, **kwargs):
    try:
        return thumbsmith.thumbnail_url(*args, **kwargs)
    except Exception as error:
        return type(error).__name__ + ": " + str(error)
print(json.dumps([
    attempt("a\\ud800.jpg", "1x1", "crop", ".jpg", "k"),
    attempt("a.jpg", 100, "crop", ".jpg", "k"),
    attempt(b"a.jpg", "1x1", "crop", ".jpg", "k"),
    attempt("a.jpg", "1x1", "crop", ".jpg", "k1,k2"),
    attempt("a.jpg", "1x1", "crop", ".jpg", ""),
    attempt("a.jpg", "1x1", "crop", ".jpg", "k", base_url="/?q="),
    attempt("a.jpg", "1x1", "crop", ".jpg", "k1,k2", legacy=True),
]))`;
    const [surrogate, intSize, bytesSource, keyList, empty, query, legacyComma] = await runJson<string[]>(PYTHON, ["-c", script]);
    expect(surrogate).toMatch(/^ValueError: source: /);
    expect(intSize).toMatch(/^TypeError: size: /);
    expect(bytesSource).toMatch(/^TypeError: source: /);
    expect(keyList).toMatch(/^ValueError: secret: expected one key/);
    expect(empty).toMatch(/^ValueError: secret: /);
    expect(query).toMatch(/^ValueError: base_url: /);
    expect(legacyComma).toMatch(/^\/a\.jpg\/1x1\/crop\/[0-9a-f]{40}\.jpg$/);
  });
});

describe("python -m thumbsmith", () => {
  const basic = valid.find((v) => v.name === "basic")!;
  const legacy = valid.find((v) => v.legacy && v.baseUrl !== "/")!;

  it("signs with the first non-blank key of THUMBS_SECRET, trimmed", async () => {
    const result = await run(PYTHON, ["-m", "thumbsmith", "sign", "animals/kitten.jpg", "100x100", "crop", ".jpg"], "", {
      THUMBS_SECRET: ` , ${basic.secret} ,k2`,
    });
    expect(result).toEqual({ code: 0, stdout: `${basic.url}\n`, stderr: "" });
  });

  it("--legacy --base", async () => {
    const args = ["-m", "thumbsmith", "sign", legacy.source, legacy.size, legacy.method, legacy.ext, "--legacy", "--base", legacy.baseUrl];
    expect(await run(PYTHON, args, "", { LEGACY_SECRET_KEY: legacy.secret })).toMatchObject({ code: 0, stdout: `${legacy.url}\n` });
  });

  it.each([
    ["invalid size", ["a.jpg", "0x0", "crop", ".jpg"], { THUMBS_SECRET: "k" }, /size: expected/],
    ["missing THUMBS_SECRET", ["a.jpg", "1x1", "crop", ".jpg"], {}, /THUMBS_SECRET is not set/],
    ["too few arguments", ["a.jpg", "1x1"], { THUMBS_SECRET: "k" }, /usage:/],
  ])("exits 2 on %s", async (_, args, env, message) => {
    const result = await run(PYTHON, ["-m", "thumbsmith", "sign", ...args], "", env);
    expect(result).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(message) });
  });
});

type ContextValue = string | null | { fieldfile: string };
interface RenderCase {
  settings?: Record<string, string>;
  template: string;
  context?: Record<string, ContextValue>;
}
type Rendered = { output: string } | { error: string; message: string };

const TAG = `{% load thumbnail %}{% thumbnail source size method ext as thumb %}`;
const URL_TEMPLATE = `${TAG}{% autoescape off %}{% if thumb is None %}None{% else %}{{ thumb.url }}{% endif %}{% endautoescape %}`;

describe("Django template tag", () => {
  beforeAll(async () => {
    const probe = await run(DJANGO_PYTHON, ["-c", "import django"]).catch((error: Error) => ({ code: -1, stderr: error.message }));
    if (probe.code !== 0) {
      throw new Error(
        `${DJANGO_PYTHON} cannot import django (${probe.stderr.trim()}): apt-get install python3-django, ` +
          "or set THUMBSMITH_DJANGO_PYTHON to a python that has Django",
      );
    }
  });

  const render = (cases: RenderCase[]) => runJson<Rendered[]>(DJANGO_PYTHON, ["tests/django_render.py"], JSON.stringify(cases));
  const vectorContext = (v: { source: string; size: string; method: string; ext: string }, source: ContextValue = v.source) => ({
    source,
    size: v.size,
    method: v.method,
    ext: v.ext,
  });

  // One Django process per group: starting Django per case would take seconds.
  const once = <T>(make: () => Promise<T>) => {
    let promise: Promise<T> | undefined;
    return () => (promise ??= make());
  };
  const v1 = valid.filter((v) => !v.legacy);
  const v1Results = once(() =>
    render(
      v1.map((v) => ({
        settings: { THUMBSMITH_SECRET: v.secret, THUMBSMITH_BASE_URL: v.baseUrl },
        template: URL_TEMPLATE,
        context: vectorContext(v, { fieldfile: v.source }),
      })),
    ),
  );
  it.each(v1.map((v, i) => [v.name, v, i] as const))("v1 vector from a FieldFile: %s", async (_, v, i) => {
    expect((await v1Results())[i]).toEqual({ output: v.url });
  });

  // THUMBNAILS_PROXY_BASE_URL is the django-rest-thumbnails setting, so an unchanged project keeps its base.
  const legacy = valid.filter((v) => v.legacy);
  const legacyResults = once(() =>
    render(
      legacy.map((v) => ({
        settings: { THUMBSMITH_SIGNATURE: "legacy", SECRET_KEY: v.secret, THUMBNAILS_PROXY_BASE_URL: v.baseUrl },
        template: URL_TEMPLATE,
        context: vectorContext(v),
      })),
    ),
  );
  it.each(legacy.map((v, i) => [v.name, v, i] as const))("legacy vector with SECRET_KEY and THUMBNAILS_PROXY_BASE_URL: %s", async (_, v, i) => {
    expect((await legacyResults())[i]).toEqual({ output: v.url });
  });

  it("legacy vectors are Django's own salted_hmac", async () => {
    const script = `
import json, sys
from django.conf import settings
settings.configure()
from django.utils.crypto import salted_hmac
print(json.dumps([salted_hmac(v["source"], v["message"], secret=v["secret"]).hexdigest() for v in json.load(sys.stdin)]))`;
    expect(await runJson(DJANGO_PYTHON, ["-c", script], JSON.stringify(legacy))).toEqual(legacy.map((v) => v.signature));
  });

  it("renders the django-rest-thumbnails example unchanged, escaping the URL in HTML", async () => {
    const basic = valid.find((v) => v.name === "basic")!;
    const quote = valid.find((v) => v.source.includes("'"))!;
    const template = `{% load thumbnail %}{% thumbnail source "100x100" "crop" ".jpg" as thumb %}<img src="{{ thumb.url }}">`;
    const results = await render([
      { settings: { THUMBSMITH_SECRET: basic.secret }, template, context: { source: { fieldfile: basic.source } } },
      { settings: { THUMBSMITH_SECRET: quote.secret }, template, context: { source: quote.source } },
    ]);
    expect(results).toEqual([{ output: `<img src="${basic.url}">` }, { output: `<img src="${quote.url.replaceAll("'", "&#x27;")}">` }]);
  });

  it("prints the URL without `as`", async () => {
    const basic = valid.find((v) => v.name === "basic")!;
    const [result] = await render([
      {
        settings: { THUMBSMITH_SECRET: basic.secret },
        template: `{% load thumbnail %}{% thumbnail source size method ext %}`,
        context: vectorContext(basic),
      },
    ]);
    expect(result).toEqual({ output: basic.url });
  });

  it.each([
    ["empty string", ""],
    ["None", null],
    ["FieldFile without a file", { fieldfile: "" }],
  ])("gives None for an empty source: %s", async (_, source) => {
    const [result] = await render([{ settings: { THUMBSMITH_SECRET: "k" }, template: URL_TEMPLATE, context: { source, size: "1x1", method: "crop", ext: ".jpg" } }]);
    expect(result).toEqual({ output: "None" });
  });

  it("renders an empty source as nothing without `as` (not \"None\"), and refuses other arities", async () => {
    const results = await render([
      { settings: { THUMBSMITH_SECRET: "k" }, template: `{% load thumbnail %}<img src="{% thumbnail "" "1x1" "crop" ".jpg" %}">`, context: {} },
      { settings: { THUMBSMITH_SECRET: "k" }, template: `{% load thumbnail %}<img src="{% thumbnail source "1x1" "crop" ".jpg" %}">`, context: { source: { fieldfile: "" } } },
      { settings: { THUMBSMITH_SECRET: "k" }, template: `{% load thumbnail %}{% thumbnail source "1x1" "crop" %}`, context: { source: "a.jpg" } },
      { settings: { THUMBSMITH_SECRET: "k" }, template: `{% load thumbnail %}{% thumbnail source "1x1" "crop" ".jpg" into thumb %}`, context: { source: "a.jpg" } },
    ]);
    expect(results.slice(0, 2)).toEqual([{ output: '<img src="">' }, { output: '<img src="">' }]);
    expect(results.slice(2)).toEqual([
      { error: "TemplateSyntaxError", message: expect.stringMatching(/takes source, size, method and extension/) },
      { error: "TemplateSyntaxError", message: expect.stringMatching(/takes source, size, method and extension/) },
    ]);
  });

  it("signs with the first key when THUMBSMITH_SECRET is a THUMBS_SECRET list", async () => {
    const k1 = valid.find((v) => v.secret === "k1")!;
    const [result] = await render([{ settings: { THUMBSMITH_SECRET: ",k1, k2" }, template: URL_TEMPLATE, context: vectorContext(k1) }]);
    expect(result).toEqual({ output: k1.url });
  });

  it("THUMBSMITH_BASE_URL wins over THUMBNAILS_PROXY_BASE_URL; the default is /", async () => {
    const basic = valid.find((v) => v.name === "basic")!;
    const context = vectorContext(basic);
    const results = await render([
      { settings: { THUMBSMITH_SECRET: basic.secret, THUMBSMITH_BASE_URL: "/new/", THUMBNAILS_PROXY_BASE_URL: "/old/" }, template: URL_TEMPLATE, context },
      { settings: { THUMBSMITH_SECRET: basic.secret }, template: URL_TEMPLATE, context },
    ]);
    expect(results).toEqual([{ output: `/new/${basic.path}` }, { output: `/${basic.path}` }]);
  });

  it.each([
    ["no THUMBSMITH_SECRET", {}, "ImproperlyConfigured", /THUMBSMITH_SECRET/],
    ["unknown THUMBSMITH_SIGNATURE", { THUMBSMITH_SECRET: "k", THUMBSMITH_SIGNATURE: "v2" }, "ImproperlyConfigured", /THUMBSMITH_SIGNATURE/],
  ])("raises for %s", async (_, settings, error, message) => {
    const [result] = await render([{ settings, template: URL_TEMPLATE, context: { source: "a.jpg", size: "1x1", method: "crop", ext: ".jpg" } }]);
    expect(result).toMatchObject({ error, message: expect.stringMatching(message) });
  });

  // An empty source is not an error in templates: it renders None (above).
  const rejected = invalid.filter((v) => v.source !== "");
  const invalidResults = once(() =>
    render(rejected.map((v) => ({ settings: { THUMBSMITH_SECRET: "k" }, template: URL_TEMPLATE, context: vectorContext(v) }))),
  );
  it.each(rejected.map((v, i) => [v.name, v, i] as const))("raises ValueError for invalid %s", async (_, v, i) => {
    expect((await invalidResults())[i]).toMatchObject({ error: "ValueError", message: expect.stringMatching(new RegExp(`^${v.field}: `)) });
  });
});
