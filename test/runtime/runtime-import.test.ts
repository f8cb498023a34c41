// What a runtime without a module gets: a typed error naming it, not a bare TypeError from import().
import { describe, expect, it } from "vitest";
import { HopxError } from "hopx-client";
import { runtimeImport } from "../../src/runtime/runtime-import.js";

describe("runtimeImport", () => {
  it("loads what the runtime has", async () => {
    const path = await runtimeImport<typeof import("node:path")>("node:path");
    expect(path.join("a", "b")).toBe("a/b");
  });

  it("reports a missing module as a HopxError", async () => {
    const error = await runtimeImport("node:definitely-not-a-module").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HopxError);
    expect((error as HopxError).message).toContain("node:definitely-not-a-module");
  });
});
