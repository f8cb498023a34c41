// The committed API report (api/) matches the built declarations in dist/ (`npm test` builds first), and
// the report generator sees a changed signature (and does not see a changed doc comment).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { API_DIR, ROOT, apiEntries, checkReports, renderReport, writeReports } from "../../scripts/api-report.js";

const scratch = mkdtempSync(join(tmpdir(), "hopx-api-report-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FIXTURE = `import { Client } from "openapi-fetch";
/** Options of the widget. */
interface WidgetOptions {
    /** Milliseconds. */
    timeout?: number;
    name: string;
}
interface Internal {
    depth: number;
}
declare class Widget$1 {
    #private;
    private readonly secret;
    readonly internal: Internal;
    static create(options: WidgetOptions): Promise<Widget$1>;
    /** Spins the widget. */
    spin(times: number): Promise<void>;
}
type models_Widget = Widget$1;
declare namespace models {
  export type { models_Widget as Widget };
}
declare function makeWidget(options?: WidgetOptions): Widget$1;
declare function useModel(widget: models.Widget): void;
declare const VERSION = "1.0.0";
type Raw = Client<{}>;
export { type Raw, VERSION, Widget$1 as Widget, type WidgetOptions, makeWidget, models as Models };
export { makeWidget as createWidget, useModel };
`;

/** A package in a temp folder with one entry whose declarations are `text`; returns its root. */
function fixturePackage(name: string, text: string): string {
  const root = join(scratch, name);
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify({
      name: "fixture-pkg",
      exports: {
        ".": {
          import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
          require: { types: "./dist/index.d.cts" },
        },
        "./package.json": "./package.json",
      },
    }),
  );
  writeFileSync(join(root, "dist/index.d.cts"), text);
  writeFileSync(join(root, "dist/index.d.ts"), 'export * from "./index.cjs";\n');
  return root;
}

const report = (root: string): string => renderReport(apiEntries(root)[0]!, root);

// Each case compiles declarations with the TypeScript compiler (dist/index.d.cts is 560 kB): seconds each.
describe("API report", { timeout: 60_000 }, () => {
  // After a change to the public surface: `npm run api:report`, and commit api/.
  it("the committed api/ matches dist/", () => {
    for (const entry of apiEntries()) {
      for (const file of entry.typesFiles) {
        expect(existsSync(join(ROOT, file)), `${file} is missing: run \`npm run build\` first`).toBe(true);
      }
    }
    const result = checkReports();
    expect(result.differing, result.message).toEqual([]);
    expect(result.ok).toBe(true);
  }, 120_000);

  it("has one report per entry of package.json exports", () => {
    const entries = apiEntries();
    expect(entries.map((e) => e.subpath)).toEqual(expect.arrayContaining([".", "./mock"]));
    for (const entry of entries) expect(existsSync(join(API_DIR, entry.fileName)), entry.fileName).toBe(true);
  });

  it("lists exports with kinds and declarations, with the names users see, without comments or private members", () => {
    const text = report(fixturePackage("shape", FIXTURE));
    expect(text).toContain("// Widget: class\nclass Widget {");
    expect(text).toContain("    spin(times: number): Promise<void>;");
    expect(text).toContain("    static create(options: WidgetOptions): Promise<Widget>;");
    expect(text).toContain("// Models.Widget: class, the same as Widget");
    expect(text).toContain("// makeWidget: function, the same as createWidget");
    expect(text).toContain("function useModel(widget: Widget): void;");
    expect(text).toContain('// VERSION: const\nconst VERSION = "1.0.0";');
    expect(text).toContain("// Internal: interface\ninterface Internal {"); // reached, not exported
    expect(text).toContain('- `Client from "openapi-fetch"`');
    expect(text).not.toMatch(/Milliseconds|Spins|secret|#private|\$1|models_/);
    // Sorted members: `name` before `timeout` whatever the source order.
    expect(text.indexOf("    name: string;")).toBeLessThan(text.indexOf("    timeout?: number;"));
  });

  it("is deterministic, and a changed doc comment leaves it as it was", () => {
    const root = fixturePackage("stable", FIXTURE);
    const first = report(root);
    expect(report(root)).toBe(first);
    const recommented = fixturePackage("recommented", FIXTURE.replace("/** Spins the widget. */", "/** Turns it. */"));
    expect(report(recommented)).toBe(first);
  });

  it("detects a changed signature, and the check names the entry that differs", () => {
    const root = fixturePackage("changed", FIXTURE);
    const apiDir = join(root, "api");
    writeReports(apiDir, root);
    expect(checkReports(apiDir, root).ok).toBe(true);
    const before = readFileSync(join(apiDir, "fixture-pkg.api.md"), "utf8");

    writeFileSync(
      join(root, "dist/index.d.cts"),
      FIXTURE.replace("spin(times: number)", "spin(times: number, fast?: boolean)"),
    );
    const after = report(root);
    expect(after).not.toBe(before);
    expect(after).toContain("spin(times: number, fast?: boolean): Promise<void>;");
    const result = checkReports(apiDir, root);
    expect(result.ok).toBe(false);
    expect(result.differing).toEqual(["fixture-pkg.api.md"]);
    expect(result.message).toContain("api/fixture-pkg.api.md");
    expect(result.message).toContain("npm run api:report");

    // A changed type that is reached but not exported counts too.
    writeFileSync(join(root, "dist/index.d.cts"), FIXTURE.replace("depth: number;", "depth: string;"));
    expect(checkReports(apiDir, root).differing).toEqual(["fixture-pkg.api.md"]);
  });
});
