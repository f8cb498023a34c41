// The documentation check that `npm test` runs (scripts/check-docs.ts): it names each undocumented public
// export and member, walks inherited members and namespace exports, and finds nothing missing in the package.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDocs } from "../../scripts/check-docs.js";

const scratch = mkdtempSync(join(tmpdir(), "hopx-check-docs-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(scratch, "pkg-"));
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext" } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("check:docs", () => {
  // A declaration reached twice (Models.Model and Bare.Model) is reported once, under the first name.
  it("names every public export and member without a summary, and nothing private", () => {
    const root = fixture({
      "src/index.ts": [
        'export { Widget, type WidgetOptions, spin } from "./widget.js";',
        "/** The models. */",
        'export type * as Models from "./models.js";',
        'export type * as Bare from "./models.js";',
      ].join("\n"),
      "src/base.ts": [
        "/** A base. */",
        "export class Base {",
        "  /** Documented here, so overrides need nothing. */",
        "  describe(): string { return ''; }",
        "  inherited(): number { return 1; }",
        "}",
      ].join("\n"),
      "src/widget.ts": [
        'import { Base } from "./base.js";',
        "export interface WidgetOptions {",
        "  /** Milliseconds. */",
        "  timeoutMs?: number;",
        "  /** @deprecated Use timeoutMs. */",
        "  timeout?: number;",
        "  name: string;",
        "}",
        "/** A widget. */",
        "export class Widget extends Base {",
        "  #secret = 1;",
        "  private hidden = 2;",
        "  constructor(readonly size: number) { super(); }",
        "  override describe(): string { return 'w'; }",
        "  /** Spins it. */",
        "  spin(): void {}",
        "  stop(): void {}",
        "}",
        "export function spin(): void {}",
      ].join("\n"),
      "src/models.ts":
        "/** A model. */\nexport type Model = {\n  /** Its id. */\n  id: string;\n  label: string;\n};\n",
    });
    const report = checkDocs({ root, entries: ["src/index.ts"], specifier: () => "fixture" });
    expect(report.missing.map((finding) => finding.name).sort()).toEqual(
      [
        "Bare",
        "Widget.inherited",
        "Widget.stop",
        "WidgetOptions",
        "WidgetOptions.name",
        "spin",
        "Models.Model.label",
      ].sort(),
    );
    expect(report.missing.find((finding) => finding.name === "Widget.stop")?.where).toBe("src/widget.ts:17");
    expect(report.exports).toBe(5);
  });

  it("every public export and member of hopx-client, hopx-client/raw and hopx-client/mock is documented", () => {
    const report = checkDocs();
    expect(report.missing.map((finding) => `${finding.where} ${finding.name} (${finding.entry})`)).toEqual([]);
    expect(report.exports).toBeGreaterThan(100);
    expect(report.checked).toBeGreaterThan(1000);
  }, 300_000);
});
