// Runtime detection read from globals: Bun and Deno define `process.versions.node` too, and must not pass for
// Node (Node's proxy and WebSocket paths would run there); without `process` it is a browser-like runtime.
import { afterEach, describe, expect, it, vi } from "vitest";
import { nodeVersion, runtimeKind } from "../../src/runtime/runtime-kind.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("runtimeKind", () => {
  it("is node here, with Node's version", () => {
    expect(runtimeKind()).toBe("node");
    expect(nodeVersion()[0]).toBe(Number(process.versions.node.split(".")[0]));
  });

  it("tells Bun and Deno from Node though both report a Node version", () => {
    vi.stubGlobal("Bun", { version: "1.2.0" });
    expect(runtimeKind()).toBe("bun");
    expect(nodeVersion()).toEqual([0, 0]);
    vi.unstubAllGlobals();
    vi.stubGlobal("Deno", { version: { deno: "2.1.0" } });
    expect(runtimeKind()).toBe("deno");
    expect(nodeVersion()).toEqual([0, 0]);
  });

  it("is other without process, Bun or Deno (a browser or a worker)", () => {
    vi.stubGlobal("process", undefined);
    expect(runtimeKind()).toBe("other");
    expect(nodeVersion()).toEqual([0, 0]);
  });
});
