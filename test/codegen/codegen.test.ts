// The generator on a small fixture spec: what it emits for names, maps, nullables, streams and SSE twins,
// and that it refuses an sdk.yaml that does not cover the spec; the per-status error classes of
// spec/sdk.yaml as they reach the generated operations tables.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitModels } from "../../scripts/codegen/emit-models.js";
import { emitOperations } from "../../scripts/codegen/emit-operations.js";
import { emitResources } from "../../scripts/codegen/emit-resources.js";
import { methodModels } from "../../scripts/codegen/lib/operation-model.js";
import {
  ERROR_CLASS_NAMES,
  loadSdkConfig,
  parseErrorOverrides,
  sdkOperationsFrom,
} from "../../scripts/codegen/lib/sdk-config.js";
import { ShapeBuilder } from "../../scripts/codegen/lib/shape-of.js";
import { fromWire, toWire, type Shape } from "../../src/runtime/shape.js";
import { OPS as AGENT_OPS } from "../../generated/vm-agent/operations.js";
import { OPS as CP_OPS } from "../../generated/control-plane/operations.js";
import { miniDoc, miniSdk } from "../fixtures/mini-api.js";

const methods = methodModels(miniDoc, miniSdk, "mini");

describe("codegen on a fixture spec", () => {
  it("emits camelCase models that keep map values typed and nullables nullable", () => {
    const models = emitModels(miniDoc, methods, "// header\n");
    expect(models.startsWith("// header\n")).toBe(true);
    expect(models).toMatch(/export interface Thing \{[^}]*thingId: string;/s);
    expect(models).toContain("publicHost?: string | null;");
    expect(models).toContain("envVars?: Record<string, string>;");
    expect(models).toContain('export type Status = "running" | "paused";');
    expect(models).toMatch(/export interface ListThingsQuery \{[^}]*pageSize\?: number;/s);
  });

  it("emits one method per operation, an SSE twin, and WebSocket targets", () => {
    const resources = emitResources(methods, "MiniResources", "// h\n", "../rt.js");
    expect(resources).toContain("async list(query?: ListThingsQuery, options?: RequestOptions): Promise<ThingList>");
    expect(resources).toContain("async create(body: CreateThing, options?: RequestOptions): Promise<Thing>");
    expect(resources).toContain(
      "async stream(thingId: string, options?: RequestOptions): Promise<ReadableStream<Uint8Array>>",
    );
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
    const wire = {
      data: [
        { thing_id: "t1", env_vars: { SOME_KEY: "v" }, metadata: { a_b: 1 }, diskGB: 5, resources: { memory_mb: 2 } },
      ],
    };
    const sdk = fromWire(wire, "ThingList", registry);
    expect(sdk).toEqual({
      data: [
        { thingId: "t1", envVars: { SOME_KEY: "v" }, metadata: { a_b: 1 }, diskGB: 5, resources: { memoryMb: 2 } },
      ],
    });
    expect(toWire(sdk, "ThingList", registry)).toEqual(wire);
  });

  it("refuses an sdk.yaml that misses an operation or names one the spec lacks", () => {
    expect(() => methodModels(miniDoc, miniSdk.slice(1), "mini")).toThrow(/lacks mini operations: listThings/);
    expect(() => methodModels(miniDoc, [...miniSdk, { ...miniSdk[0]!, operationId: "nope" }], "mini")).toThrow(
      /names nope/,
    );
  });

  it("validates sdk.yaml entries strictly", () => {
    const dir = mkdtempSync(join(tmpdir(), "hopx-sdk-"));
    try {
      const file = join(dir, "sdk.yaml");
      writeFileSync(
        file,
        "controlPlane:\n  listThings: { resource: things, method: list, retrySafe: yes-please, stream: json }\n",
      );
      expect(() => loadSdkConfig("control-plane", file)).toThrow(/retrySafe must be true or false/);
      writeFileSync(
        file,
        "controlPlane:\n  listThings: { resource: things, method: list, retrySafe: true, stream: json, colour: red }\n",
      );
      expect(() => loadSdkConfig("control-plane", file)).toThrow(/unknown key "colour"/);
      writeFileSync(
        file,
        "controlPlane:\n  a: { resource: t, method: list, retrySafe: true, stream: json }\n" +
          "  b: { resource: t, method: list, retrySafe: true, stream: json }\n",
      );
      expect(() => loadSdkConfig("control-plane", file)).toThrow(/t.list is mapped twice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("emits an operation's errors map only when sdk.yaml declares one", () => {
    const withErrors = miniSdk.map((op) =>
      op.operationId === "createThing"
        ? { ...op, errors: { "409": "ValidationError" as const, "404": "NotFoundError" as const } }
        : op,
    );
    const ops = emitOperations(methodModels(miniDoc, withErrors, "mini"), "// h\n", "../rt.js");
    const line = (key: string): string => ops.split("\n").find((l) => l.trimStart().startsWith(`${key}:`)) ?? "";
    expect(line("createThing")).toMatch(/"errors":\{"404":"NotFoundError","409":"ValidationError"\}\},$/);
    expect(line("listThings")).not.toContain('"errors"');
  });

  it("validates the errors map of sdk.yaml entries: HTTP error statuses and known error classes only", () => {
    const entry = (errors: unknown) => ({
      controlPlane: { getThing: { resource: "things", method: "get", retrySafe: true, stream: "json", errors } },
    });
    expect(
      sdkOperationsFrom("control-plane", entry({ 404: "TemplateNotFoundError", 500: "ServerError" }))[0]!.errors,
    ).toEqual({
      "404": "TemplateNotFoundError",
      "500": "ServerError",
    });
    expect(() => sdkOperationsFrom("control-plane", entry({ 404: "TemplateMissingError" }))).toThrow(
      /spec\/sdk\.yaml controlPlane\.getThing: errors\.404 "TemplateMissingError" is not an error class; use one of /,
    );
    expect(() => sdkOperationsFrom("control-plane", entry({ 302: "NotFoundError" }))).toThrow(
      /errors key "302" is not an HTTP error status \(400–599\)/,
    );
    expect(() => sdkOperationsFrom("control-plane", entry({ 600: "ServerError" }))).toThrow(
      /errors key "600" is not an HTTP error status/,
    );
    expect(() => sdkOperationsFrom("control-plane", entry({ "4xx": "ServerError" }))).toThrow(
      /errors key "4xx" is not an HTTP error status/,
    );
    expect(() => sdkOperationsFrom("control-plane", entry(["NotFoundError"]))).toThrow(
      /errors must be a map from HTTP status to error class/,
    );
    expect(() => sdkOperationsFrom("control-plane", entry({}))).toThrow(
      /errors must be a map from HTTP status to error class/,
    );
    expect(() => parseErrorOverrides("here", { 404: "Error" })).toThrow(
      /^here: errors\.404 "Error" is not an error class/,
    );
    expect(ERROR_CLASS_NAMES).toHaveLength(9);
    // YAML's integer keys arrive as the status strings the table uses.
    const dir = mkdtempSync(join(tmpdir(), "hopx-sdk-"));
    try {
      const file = join(dir, "sdk.yaml");
      writeFileSync(
        file,
        "controlPlane:\n  getThing: {resource: things, method: get, retrySafe: true, stream: json, " +
          "errors: {404: SandboxExpiredError}}\n",
      );
      expect(loadSdkConfig("control-plane", file)[0]!.errors).toEqual({ "404": "SandboxExpiredError" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the generated operations tables carry the overrides declared in spec/sdk.yaml", () => {
    expect(CP_OPS.createSandbox.errors).toEqual({ "404": "TemplateNotFoundError" });
    expect(CP_OPS.getTemplate.errors).toEqual({ "404": "TemplateNotFoundError" });
    expect(CP_OPS.getBuildLogsSse.errors).toEqual({ "404": "TemplateNotFoundError" });
    expect(CP_OPS.pauseSandbox.errors).toEqual({ "404": "SandboxExpiredError" });
    expect(CP_OPS.streamSandboxMetrics.errors).toEqual({ "404": "SandboxExpiredError" });
    expect("errors" in CP_OPS.listSandboxes).toBe(false);
    expect(AGENT_OPS.runCommand.errors).toEqual({ "408": "CommandExecutionError", "500": "CommandExecutionError" });
    expect(AGENT_OPS.runCommand.resultStatuses).toEqual([500]);
    expect(AGENT_OPS.executeCode.errors).toEqual({ "500": "CodeExecutionError" });
    expect(AGENT_OPS.readFile.errors).toEqual({
      "403": "FileOperationError",
      "404": "FileNotFoundError",
      "409": "FileOperationError",
    });
    expect(AGENT_OPS.downloadFile.errors["409"]).toBe("FileOperationError");
    expect("errors" in AGENT_OPS.watchFiles).toBe(false);
    expect("errors" in AGENT_OPS.mouseClick).toBe(false);
    // The exact text the runtime reads.
    const cp = readFileSync(new URL("../../generated/control-plane/operations.ts", import.meta.url), "utf8");
    expect(cp).toMatch(/ {4}createSandbox: \{"id":"createSandbox",.*"errors":\{"404":"TemplateNotFoundError"\}\},\n/);
  });
});
