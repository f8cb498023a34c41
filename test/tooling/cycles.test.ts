// The import-cycle check that `npm test` runs over src/ (scripts/check-cycles.ts): it finds a cycle of
// runtime imports, ignores type-only ones, and src/ has none.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findCycles } from "../../scripts/check-cycles.js";

describe("import cycle check", () => {
  it("finds a runtime cycle and ignores a type-only one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cycles-"));
    await writeFile(join(dir, "a.ts"), 'import { b } from "./b.js";\nexport const a = () => b;\n');
    await writeFile(join(dir, "b.ts"), 'import {\n  a,\n} from "./a.js";\nexport const b = () => a;\n');
    await writeFile(join(dir, "c.ts"), 'import type { D } from "./d.js";\nexport type C = D;\n');
    await writeFile(join(dir, "d.ts"), 'import { type C } from "./c.js";\nexport type D = C | 1;\n');
    const cycles = findCycles(dir);
    await rm(dir, { recursive: true, force: true });
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.map((p) => p.split("/").pop())).toEqual(["a.ts", "b.ts", "a.ts"]);
  });

  it("src/ has no import cycle", () => {
    expect(findCycles(resolve(import.meta.dirname, "../../src"))).toEqual([]);
  });
});
