// The mock's schema checks (src/mock/schema.ts) agree with Ajv on every example of both specs (request bodies,
// responses, WebSocket transcripts) and on broken copies of them (a required field removed, a field of the
// wrong type, an unexpected null), and name the field that breaks.
import { describe, expect, it } from "vitest";
import { refResolver, schemaProblem, type SchemaObject } from "../../src/mock/schema.js";
import { loadBundle, pointer, validatorAt, type ApiName } from "../support/spec.js";

interface Case {
  label: string;
  at: string;
  value: unknown;
}

type Node = Record<string, unknown>;

function examplesOf(media: Node | undefined): unknown[] {
  if (!media) return [];
  const out: unknown[] = [];
  if (media.example !== undefined) out.push(media.example);
  for (const example of Object.values((media.examples ?? {}) as Record<string, { value?: unknown }>))
    if (example.value !== undefined) out.push(example.value);
  return out;
}

function cases(api: ApiName): Case[] {
  const doc = loadBundle(api) as unknown as Node;
  const resolve = refResolver(doc);
  const out: Case[] = [];
  const paths = doc.paths as Record<string, Record<string, Node>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== "object" || !operation.operationId) continue;
      const body = operation.requestBody as Node | undefined;
      const json = (body?.content as Record<string, Node> | undefined)?.["application/json"];
      for (const value of examplesOf(json))
        out.push({
          label: `${operation.operationId} body`,
          at: pointer("paths", path, method, "requestBody", "content", "application/json", "schema"),
          value,
        });
      for (const [status, raw] of Object.entries(operation.responses as Record<string, Node>)) {
        const ref = raw.$ref as string | undefined;
        const response = ref ? (resolve(ref) as unknown as Node) : raw;
        const base = ref ? ref.slice(1) : pointer("paths", path, method, "responses", status);
        const media = (response.content as Record<string, Node> | undefined)?.["application/json"];
        for (const value of examplesOf(media))
          out.push({
            label: `${operation.operationId} ${status}`,
            at: `${base}${pointer("content", "application/json", "schema")}`,
            value,
          });
      }
      const ws = operation["x-hopx-websocket"] as
        | { client: string; server: string; transcript: Array<{ client?: unknown; server?: unknown }> }
        | undefined;
      for (const step of ws?.transcript ?? []) {
        if (step.client !== undefined)
          out.push({
            label: `${operation.operationId} client frame`,
            at: pointer("components", "schemas", ws!.client),
            value: step.client,
          });
        if (step.server !== undefined)
          out.push({
            label: `${operation.operationId} server frame`,
            at: pointer("components", "schemas", ws!.server),
            value: step.server,
          });
      }
    }
  }
  return out;
}

/** Broken copies of a value: each required-looking field removed, retyped, or nulled (top level and one down). */
function mutations(value: unknown): unknown[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [42, "text", null];
  const out: unknown[] = [];
  for (const [key, item] of Object.entries(value)) {
    const { [key]: _removed, ...rest } = value as Record<string, unknown>;
    out.push(rest);
    out.push({ ...value, [key]: typeof item === "number" ? "7" : typeof item === "string" ? 7 : "x" });
    out.push({ ...value, [key]: null });
    if (typeof item === "object" && item !== null && !Array.isArray(item))
      for (const [inner, innerItem] of Object.entries(item))
        out.push({ ...value, [key]: { ...item, [inner]: typeof innerItem === "string" ? 1 : "1" } });
  }
  return out;
}

describe.each(["control-plane", "vm-agent"] as const)("%s schemas", (api) => {
  const doc = loadBundle(api);
  const resolve = refResolver(doc);
  const all = cases(api);

  it("has examples to check", () => {
    expect(all.length).toBeGreaterThan(api === "vm-agent" ? 100 : 30);
  });

  it("accepts every example of the spec, as Ajv does", () => {
    for (const c of all) {
      expect(validatorAt(api, c.at)(c.value), `Ajv: ${c.label}`).toBe(true);
      expect(schemaProblem(c.value, { $ref: `#${c.at}` } as SchemaObject, resolve, "value"), c.label).toBeUndefined();
    }
  });

  it("rejects exactly what Ajv rejects among broken copies of the examples", () => {
    let rejected = 0;
    const disagreements: string[] = [];
    for (const c of all) {
      const ajv = validatorAt(api, c.at);
      for (const broken of mutations(c.value)) {
        const ours = schemaProblem(broken, { $ref: `#${c.at}` } as SchemaObject, resolve, "value");
        const theirs = ajv(broken);
        if (ours !== undefined) rejected++;
        if ((ours === undefined) !== theirs)
          disagreements.push(
            `${c.label}: ours ${ours ?? "valid"}, Ajv ${theirs ? "valid" : JSON.stringify(ajv.errors?.[0])}`,
          );
      }
    }
    expect(disagreements).toEqual([]);
    expect(rejected).toBeGreaterThan(100);
  });
});

describe("messages", () => {
  const doc = loadBundle("vm-agent");
  const resolve = refResolver(doc);
  const execute = { $ref: "#/components/schemas/ExecuteResponse" } as SchemaObject;

  it("name the field that breaks", () => {
    const ok = { success: true, stdout: "", stderr: "", exit_code: 0, execution_time: 0.1 };
    expect(schemaProblem({ ...ok, exit_code: "0" }, execute, resolve, "response")).toBe(
      'response.exit_code must be an integer, got "0"',
    );
    const { stdout: _stdout, ...missing } = ok;
    expect(schemaProblem(missing, execute, resolve, "response")).toBe("response.stdout is required");
    expect(schemaProblem({ ...ok, rich_outputs: [{ type: 3 }] }, execute, resolve, "response")).toMatch(
      /^response\.rich_outputs\[0\]\.type must be/,
    );
  });
});
