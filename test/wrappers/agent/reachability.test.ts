// Every VM agent operation of the spec must be reachable through the ergonomic layer (Sandbox and the
// agent wrapper classes), not only through the generated resources. Checked statically: each generated
// method named in spec/sdk.yaml must be called by hand-written code in src/wrappers/.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { sourceText } from "../../support/sources.js";

interface Mapping {
  resource: string;
  method: string;
  stream?: string;
  sse?: string;
}

describe("agent reachability", () => {
  it("every agent operation is called from src/wrappers (the update API is internal, x-internal)", async () => {
    const sdk = parse(await readFile("spec/sdk.yaml", "utf8")) as { agent: Record<string, Mapping> };
    const code = await sourceText("src/wrappers");
    const missing: string[] = [];
    for (const [operationId, mapping] of Object.entries(sdk.agent)) {
      if (mapping.resource === "agentUpdate") continue;
      const last = mapping.resource.split(".").at(-1)!;
      // `.mouse.click(` / `code_.stream(` (a generated method), or `OPS.uploadFile` (a wrapper that streams a
      // body itself on the transport, bypassing the generated method).
      const call = new RegExp(`(\\.|\\b)${last}_?\\.${mapping.method}\\(|\\bOPS\\.${operationId}\\b`);
      if (!call.test(code)) missing.push(`${operationId} (${mapping.resource}.${mapping.method})`);
    }
    expect(Object.keys(sdk.agent).length).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });
});
