// The case converters: camelCase both ways by the schema's own names, map keys never touched.
import { describe, expect, it } from "vitest";
import { fromWire, toWire, type ShapeRegistry } from "../../src/runtime/shape.js";

const registry: ShapeRegistry = {
  Sandbox: {
    p: {
      public_host: ["publicHost"],
      resources: ["resources", "Resources"],
      env_vars: ["envVars", { m: true }],
      metadata: ["metadata", { f: true }],
      diskGB: ["diskGB"],
    },
  },
  Resources: { p: { memory_mb: ["memoryMb"], disk_mb: ["diskMb"] } },
  List: { p: { data: ["data", { i: "Sandbox" }], next_cursor: ["nextCursor"] } },
};

describe("shape converters", () => {
  it("renames declared snake_case fields to camelCase, nested and in arrays", () => {
    const wire = {
      data: [{ public_host: "https://h", resources: { memory_mb: 512, disk_mb: 1024 } }],
      next_cursor: "c2",
    };
    expect(fromWire(wire, "List", registry)).toEqual({
      data: [{ publicHost: "https://h", resources: { memoryMb: 512, diskMb: 1024 } }],
      nextCursor: "c2",
    });
  });

  it("never renames the keys of a free-form map", () => {
    const wire = { env_vars: { MY_SECRET_KEY: "x", lower_case: "y" }, metadata: { some_key: { nested_key: 1 } } };
    const sdk = fromWire<Record<string, unknown>>(wire, "Sandbox", registry);
    expect(sdk.envVars).toEqual({ MY_SECRET_KEY: "x", lower_case: "y" });
    expect(sdk.metadata).toEqual({ some_key: { nested_key: 1 } });
  });

  it("round-trips back to the exact wire names, including mixed casing", () => {
    const wire = { public_host: "h", diskGB: 10, env_vars: { API_TOKEN: "t" }, resources: { memory_mb: 1 } };
    expect(toWire(fromWire(wire, "Sandbox", registry), "Sandbox", registry)).toEqual(wire);
  });

  it("renames fields the schema does not know by the naming rule and keeps their values", () => {
    expect(fromWire({ new_field: { inner_key: 1 } }, "Sandbox", registry)).toEqual({ newField: { inner_key: 1 } });
    expect(toWire({ newField: 1 }, "Sandbox", registry)).toEqual({ new_field: 1 });
  });

  it("passes null, primitives and unknown shapes through", () => {
    expect(fromWire(null, "Sandbox", registry)).toBeNull();
    expect(fromWire("text", "Sandbox", registry)).toBe("text");
    expect(fromWire({ a_b: 1 }, undefined, registry)).toEqual({ a_b: 1 });
    expect(() => fromWire({}, "Missing", registry)).toThrow(/no shape named Missing/);
  });
  it("answers of one shape whose keys differ in order or number each convert by their own keys", () => {
    const a = fromWire({ public_host: "h1", resources: { memory_mb: 1 } }, "Sandbox", registry);
    const b = fromWire({ resources: { disk_mb: 2 }, new_field: 3, public_host: "h2" }, "Sandbox", registry);
    const c = fromWire({ public_host: "h3" }, "Sandbox", registry);
    const d = fromWire({ public_host: "h4", resources: { memory_mb: 4 } }, "Sandbox", registry);
    expect(a).toEqual({ publicHost: "h1", resources: { memoryMb: 1 } });
    expect(b).toEqual({ resources: { diskMb: 2 }, newField: 3, publicHost: "h2" });
    expect(Object.keys(b as object)).toEqual(["resources", "newField", "publicHost"]);
    expect(c).toEqual({ publicHost: "h3" });
    expect(d).toEqual({ publicHost: "h4", resources: { memoryMb: 4 } });
    // The same key in a map shape and a property shape: the plan is per shape.
    expect(fromWire({ env_vars: { public_host: "x" } }, "Sandbox", registry)).toEqual({
      envVars: { public_host: "x" },
    });
  });
});
