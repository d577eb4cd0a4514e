/** The README documents every error code and every setting, with the status and default the code uses. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/config";
import { ERRORS } from "../../src/errors";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const settings = readme.slice(readme.indexOf("## Settings"), readme.indexOf("\n## ", readme.indexOf("## Settings") + 1));

describe("README", () => {
  it.each(Object.entries(ERRORS))("documents error %s with its status", (code, { status }) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${code}\` \\| ${status} \\|`, "m"));
  });

  it.each(Object.entries(DEFAULTS))("documents setting %s with its default", (name, value) => {
    const row = settings.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row, `no settings row for ${name}`).toBeDefined();
    if (value === "") expect(row).toMatch(/\| empty \|/);
    else expect(row).toContain(`\`${value}\``);
  });

  it("starts with the two commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock).toMatch(/^npm ci && npm run dev/m);
    expect(firstBlock).toMatch(/^npm test/m);
  });
});
