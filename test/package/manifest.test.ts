// package.json as downstream installs read it: runtime dependencies as caret ranges (so an app's install
// can share one copy with its other dependencies and take patch releases), pinned by our own lockfile.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const read = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8"));
const pkg = read("package.json") as { dependencies: Record<string, string> };
const lock = read("package-lock.json") as {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
};

describe("runtime dependencies", () => {
  const deps = Object.entries(pkg.dependencies);

  it("are declared with caret ranges", () => {
    expect(deps.length).toBeGreaterThan(0);
    for (const [name, range] of deps) expect(range, name).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  it("are pinned by package-lock.json to a version inside the range", () => {
    expect(lock.packages[""]?.dependencies).toEqual(pkg.dependencies);
    for (const [name, range] of deps) {
      const pinned = lock.packages[`node_modules/${name}`]?.version ?? "";
      expect(pinned, name).toMatch(/^\d+\.\d+\.\d+$/);
      const [major, minor, patch] = range.slice(1).split(".").map(Number) as [number, number, number];
      const [m, n, p] = pinned.split(".").map(Number) as [number, number, number];
      // ^0.x.y allows patches only; ^x.y.z (x > 0) allows minors and patches.
      const inside =
        major > 0 ? m === major && (n > minor || (n === minor && p >= patch)) : m === 0 && n === minor && p >= patch;
      expect(inside, `${name} ${pinned} in ${range}`).toBe(true);
    }
  });
});
