// The generator on a small fixture spec: what it emits for names, maps, nullables, streams and SSE twins,
// and that it refuses an sdk.yaml that does not cover the spec.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitModels } from "../scripts/codegen/emit-models.js";
import { emitOperations } from "../scripts/codegen/emit-operations.js";
import { emitResources } from "../scripts/codegen/emit-resources.js";
import { methodModels } from "../scripts/codegen/lib/operation-model.js";
import { loadSdkConfig } from "../scripts/codegen/lib/sdk-config.js";
import { ShapeBuilder } from "../scripts/codegen/lib/shape-of.js";
import { fromWire, toWire, type Shape } from "../src/runtime/shape.js";
import { miniDoc, miniSdk } from "./fixtures/mini-api.js";

const methods = methodModels(miniDoc, miniSdk, "mini");

describe("codegen on a fixture spec", () => {
  it("emits camelCase models that keep map values typed and nullables nullable", () => {
    const models = emitModels(miniDoc, methods, "// header\n");
    expect(models.startsWith("// header\n")).toBe(true);
    expect(models).toMatch(/export interface Thing \{[^}]*thingId: string;/s);
    expect(models).toContain("publicHost?: string | null;");
    expect(models).toContain("envVars?: Record<string, string>;");
    expect(models).toContain("export type Status = \"running\" | \"paused\";");
    expect(models).toMatch(/export interface ListThingsQuery \{[^}]*pageSize\?: number;/s);
  });

  it("emits one method per operation, an SSE twin, and WebSocket targets", () => {
    const resources = emitResources(methods, "MiniResources", "// h\n", "../rt.js");
    expect(resources).toContain("async list(query?: ListThingsQuery, options?: RequestOptions): Promise<ThingList>");
    expect(resources).toContain("async create(body: CreateThing, options?: RequestOptions): Promise<Thing>");
    expect(resources).toContain("async stream(thingId: string, options?: RequestOptions): Promise<ReadableStream<Uint8Array>>");
    expect(resources).toContain("watch(): WebSocketTarget<WatchRequest, WatchEvent>");
    expect(resources).toContain("readonly logs: ThingsLogsResource;");
    const ops = emitOperations(methods, "// h\n", "../rt.js");
    expect(ops).toContain('getThingLogsSse: {"id":"getThingLogs"');
    expect(ops).toContain('"accept":"text/event-stream"');
    expect(ops).toContain('"retrySafe":false');
  });

  it("builds shapes that rename declared fields and leave map keys alone", () => {
    const builder = new ShapeBuilder(miniDoc);
    const registry: Record<string, Shape> = {};
    for (const [name, schema] of Object.entries(miniDoc.components!.schemas!)) {
      const shape = builder.componentShape(schema);
      if (shape) registry[name] = shape;
    }
    expect(registry.Status).toBeUndefined(); // an enum needs no converting
    const wire = { data: [{ thing_id: "t1", env_vars: { SOME_KEY: "v" }, metadata: { a_b: 1 }, diskGB: 5, resources: { memory_mb: 2 } }] };
    const sdk = fromWire(wire, "ThingList", registry);
    expect(sdk).toEqual({ data: [{ thingId: "t1", envVars: { SOME_KEY: "v" }, metadata: { a_b: 1 }, diskGB: 5, resources: { memoryMb: 2 } }] });
    expect(toWire(sdk, "ThingList", registry)).toEqual(wire);
  });

  it("refuses an sdk.yaml that misses an operation or names one the spec lacks", () => {
    expect(() => methodModels(miniDoc, miniSdk.slice(1), "mini")).toThrow(/lacks mini operations: listThings/);
    expect(() => methodModels(miniDoc, [...miniSdk, { ...miniSdk[0]!, operationId: "nope" }], "mini")).toThrow(/names nope/);
  });

  it("validates sdk.yaml entries strictly", () => {
    const dir = mkdtempSync(join(tmpdir(), "hopx-sdk-"));
    try {
      const file = join(dir, "sdk.yaml");
      writeFileSync(file, "controlPlane:\n  listThings: { resource: things, method: list, retrySafe: yes-please, stream: json }\n");
      expect(() => loadSdkConfig("control-plane", file)).toThrow(/retrySafe must be true or false/);
      writeFileSync(file, "controlPlane:\n  listThings: { resource: things, method: list, retrySafe: true, stream: json, colour: red }\n");
      expect(() => loadSdkConfig("control-plane", file)).toThrow(/unknown key "colour"/);
      writeFileSync(file, "controlPlane:\n  a: { resource: t, method: list, retrySafe: true, stream: json }\n  b: { resource: t, method: list, retrySafe: true, stream: json }\n");
      expect(() => loadSdkConfig("control-plane", file)).toThrow(/t.list is mapped twice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
