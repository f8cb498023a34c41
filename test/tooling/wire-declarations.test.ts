// scripts/wire-declarations.ts: what the shipped declarations lose (wire-type comments and indentation) and
// what they keep (every token, string literals, the doc comments of everything else).
import { describe, expect, it } from "vitest";
import { compactWireTypes, halveIndentation, withWebGlobals } from "../../scripts/wire-declarations.js";

const BUNDLE = `import { Client } from 'openapi-fetch';

/** A model users name: keeps its doc. */
interface Sandbox {
    /** Sandbox id. */
    id: string;
}
interface paths$1 {
    "/v1/sandboxes/{id}": {
        /**
         * Get a sandbox
         * @description Long text that repeats the spec.
         */
        get: operations$1["getSandbox"];
        parameters: {
            path: {
                id: string;
            };
        };
    };
}
type webhooks$1 = Record<string, never>;
interface components {
    schemas: {
        /** @example /** not a comment end */
        Pattern: "/** kept */" | 'a // b';
    };
}
declare class Kept {
    /** Method doc. */
    run(): void;
}
`;

describe("compactWireTypes after halveIndentation (what postbuild runs)", () => {
  const out = compactWireTypes(halveIndentation(BUNDLE));

  it("drops the wire types' comments and keeps everything else's", () => {
    expect(out).not.toContain("@description");
    expect(out).not.toContain("@example");
    expect(out).toContain("/** A model users name: keeps its doc. */");
    expect(out).toContain("  /** Sandbox id. */");
    expect(out).toContain("  /** Method doc. */");
  });

  it("keeps every token, string literals included; a path, an operation or a schema per line", () => {
    expect(out).toContain(
      'interface paths$1 {\n "/v1/sandboxes/{id}": ' +
        '{ get: operations$1["getSandbox"]; parameters: { path: { id: string; }; }; };\n}',
    );
    expect(out).toContain("  Pattern: \"/** kept */\" | 'a // b';");
    expect(out).toContain("type webhooks$1 = Record<string, never>;");
    const tokens = (text: string) => text.replace(/\/\*\*[\s\S]*?\*\/(?=\s*\n)/g, "").replace(/\s+/g, "");
    expect(tokens(out)).toBe(tokens(BUNDLE.replace("/** @example /** not a comment end */", "")));
  });
});

describe("withWebGlobals", () => {
  it("puts the reference on the first line", () => {
    expect(withWebGlobals("interface A {}\n", "../web-globals.d.ts")).toBe(
      '/// <reference path="../web-globals.d.ts" />\ninterface A {}\n',
    );
  });
});

describe("halveIndentation", () => {
  it("halves code indentation and leaves comments and strings alone", () => {
    const text = 'declare class A {\n    /**\n     * Doc.\n     */\n    run(x: "    "): void;\n}\n';
    expect(halveIndentation(text)).toBe('declare class A {\n  /**\n     * Doc.\n     */\n  run(x: "    "): void;\n}\n');
  });
});
