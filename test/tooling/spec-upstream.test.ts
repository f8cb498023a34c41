// spec:upstream: HopX's published specs (spec/upstream/) against the curated bundles. On the vendored files every
// upstream operation has a curated counterpart and every difference is explained in spec/DECISIONS.md; on a
// fixture pair the report finds each kind of difference, and the exceptions file works as documented.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { operations } from "../../scripts/spec-diff/json.js";
import { ONLY_IN } from "../../src/mock/agent-generations.js";
import { compareUpstream } from "../../scripts/spec-upstream/compare.js";
import { findingId } from "../../scripts/spec-upstream/findings.js";
import { proposeOperation } from "../../scripts/spec-upstream/propose.js";
import { parseSources } from "../../scripts/spec-upstream/sources.js";
import {
  DECISIONS,
  EXCEPTIONS,
  SOURCES,
  formatVerdict,
  generationGaps,
  repoInputs,
  upstreamReport,
} from "../../scripts/spec-upstream/run.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");
const fixture = (name: string): Record<string, unknown> => JSON.parse(read(`test/fixtures/spec-upstream/${name}`));

describe("spec:upstream on the vendored upstream specs", () => {
  const inputs = repoInputs(ROOT);

  it("vendors both generations of both files unchanged, dated, with the MIT notice", () => {
    const sources = parseSources(read(SOURCES));
    expect(sources.map((s) => `${s.api}@${s.generation}`).sort()).toEqual([
      "control-plane@generated-2025-12-29",
      "control-plane@main",
      "vm-agent@generated-2025-12-27",
      "vm-agent@main",
    ]);
    for (const source of sources) {
      const text = read(`spec/upstream/${source.file}`);
      expect(createHash("sha256").update(text).digest("hex")).toBe(source.sha256);
      expect((JSON.parse(text) as { info: { version: string } }).info.version).toBe(source.info_version);
      expect(source.vendored).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(read("spec/upstream/LICENSE")).toContain("MIT License");
  });

  it("reports each generation on its own line, and can check one generation alone", () => {
    const verdict = upstreamReport(inputs, read(EXCEPTIONS), read(DECISIONS));
    const text = formatVerdict(verdict, false, inputs);
    for (const at of ["vm-agent@main", "vm-agent@generated-2025-12-27", "control-plane@generated-2025-12-29"]) {
      expect(text).toMatch(new RegExp(`^  ${at}: \\d+ difference\\(s\\), 0 unexplained$`, "m"));
    }
    const one = repoInputs(ROOT, "generated-2025-12-27");
    expect(one.map((i) => `${i.api}@${i.generation}`)).toEqual(["vm-agent@generated-2025-12-27"]);
    expect(() => repoInputs(ROOT, "nowhere")).toThrow(/no generation nowhere/);
  });

  it("lists what one generation has and another lacks, and the mock's generation tables hold exactly that", () => {
    const between = generationGaps(inputs);
    expect(between).toContain("vm-agent: GET /jupyter/sessions in main, not in generated-2025-12-27");
    expect(between).toContain("vm-agent: POST /execute/kill in generated-2025-12-27, not in main");
    expect(between.filter((line) => line.startsWith("control-plane:"))).toEqual([]);
    const curated = operations(inputs.find((i) => i.api === "vm-agent")!.curated);
    const fromFiles = { main: [] as string[], generated: [] as string[] };
    for (const line of between) {
      const [, method, path, generation] = /^vm-agent: (\S+) (\S+) in (\S+), not in/.exec(line)!;
      const id = curated.get(`${method} ${path!.replace(/\{[^}]*\}/g, "{}")}`)!.operation.operationId as string;
      fromFiles[generation === "main" ? "main" : "generated"].push(id);
    }
    expect(Object.keys(ONLY_IN.main).sort()).toEqual(fromFiles.main.sort());
    expect(Object.keys(ONLY_IN.generated).sort()).toEqual(fromFiles.generated.sort());
  });

  it("without the curated POST /execute/kill, fails on the generated agent file and proposes it from its twin", () => {
    const cut = repoInputs(ROOT, "generated-2025-12-27").map((input) => structuredClone(input));
    delete (cut[0]!.curated.paths as Record<string, Record<string, unknown>>)["/execute/kill"]!.post;
    const verdict = upstreamReport(cut, read(EXCEPTIONS), read(DECISIONS));
    expect(verdict.unexplained.map(findingId)).toEqual(["operation: POST /execute/kill"]);
    const text = formatVerdict(verdict, false, cut);
    expect(text).toContain(
      "vm-agent@generated-2025-12-27  POST /execute/kill  (like killProcess, DELETE /execute/kill)",
    );
    expect(text).toContain("killProcessPost: {resource: processes, method: killPost, retrySafe: true, stream: json}");
    expect(text).toContain("$ref: ../components/schemas/KillProcessRequest.yaml");
    expect(text).toContain("- **Kill background process.** HopX's vm-agent spec (generation generated-2025-12-27)");
  });

  it("finds a curated counterpart for every upstream operation", () => {
    for (const { api, upstream, curated } of inputs) {
      expect(operations(upstream).size).toBeGreaterThan(10);
      const missing = compareUpstream(api, upstream, curated).filter((f) => f.kind === "operation");
      expect(missing.map(findingId), api).toEqual([]);
    }
  });

  it("reports no difference that spec/DECISIONS.md does not explain, and no stale exception", () => {
    const verdict = upstreamReport(inputs, read(EXCEPTIONS), read(DECISIONS));
    expect(formatVerdict(verdict, false)).toContain(" 0 unexplained");
    expect(verdict.unexplained).toEqual([]);
    expect(verdict.invalid).toEqual([]);
    expect(verdict.explained.length).toBeGreaterThan(0);
  });

  it("fails when a curated operation is dropped, even with an exception naming it", () => {
    const cut = inputs.map((input) => structuredClone(input));
    const controlPlane = cut.find((i) => i.api === "control-plane")!;
    delete (controlPlane.curated.paths as Record<string, Record<string, unknown>>)["/v1/sandboxes/{sandboxId}/pause"];
    const excuse =
      "control-plane:\n  - decision: Credentials\n    differences:\n" +
      '      - "operation: POST /v1/sandboxes/{id}/pause"\n';
    const verdict = upstreamReport(cut, read(EXCEPTIONS).replace("control-plane:\n", excuse), read(DECISIONS));
    expect(verdict.unexplained.map(findingId)).toEqual(["operation: POST /v1/sandboxes/{id}/pause"]);
    expect(verdict.invalid.map((i) => i.reason)).toContain("a missing operation cannot be excused: model it");
  });
});

describe("spec:upstream on a fixture pair", () => {
  const findings = compareUpstream("fixture", fixture("upstream.json"), fixture("curated.json"));
  const ids = findings.map(findingId);

  it.each([
    ["a missing operation", "operation: DELETE /items/{id}"],
    ["a missing parameter", "parameter: GET /items/{id} query parameter verbose"],
    ["a missing field", "field: GET /items/{id} response 200 application/json $.size"],
    ["a missing request field", "field: POST /items request application/json $.size"],
    ["a missing enum value", 'enum value: POST /items request application/json $.kind = "c"'],
    ["a missing response", "response: GET /items/{id} response 404"],
    ["a field typed differently", "type: POST /items request application/json $.name"],
  ])("detects %s", (_what, id) => {
    expect(ids).toContain(id);
  });

  it("matches operations by method and path with parameters by position, and ignores what both model alike", () => {
    expect(ids.some((id) => id.includes("$.id") || id.includes("parameter limit"))).toBe(false);
    expect(ids.filter((id) => id.startsWith("operation:"))).toEqual(["operation: DELETE /items/{id}"]);
  });

  it("explains a difference listed under a DECISIONS.md entry, and rejects stale or unknown entries", () => {
    const decisions = "# Decisions\n\n- **Item names.** Upstream says string; we model an integer.\n";
    const exceptions = [
      "fixture:",
      "  - decision: Item names",
      "    differences:",
      '      - "type: POST /items request application/json $.name"',
      '      - "field: GET /items/{id} response 200 application/json $.gone"',
      "  - decision: Nowhere",
      "    differences:",
      '      - "response: GET /items/{id} response 404"',
    ].join("\n");
    const inputs = [{ api: "fixture", upstream: fixture("upstream.json"), curated: fixture("curated.json") }];
    const verdict = upstreamReport(inputs, exceptions, decisions);
    expect(verdict.explained.map((e) => [e.decision, findingId(e.finding)])).toEqual([
      ["Item names", "type: POST /items request application/json $.name"],
    ]);
    expect(verdict.unexplained.map(findingId)).toContain("response: GET /items/{id} response 404");
    expect(verdict.invalid.map((i) => i.reason)).toEqual([
      "matches no difference any more: remove it",
      'spec/DECISIONS.md has no entry "Nowhere"',
    ]);
  });
});

describe("spec:upstream proposals for an upstream operation without a curated counterpart", () => {
  const finding = (at: string) => ({ api: "fixture", kind: "operation" as const, at, detail: "" });
  const ok = { description: "OK", content: { "application/json": { schema: { type: "object" } } } };

  it("copies a route moved under a prefix from its curated twin: tags, x-internal, responses, sdk settings", () => {
    const upstream = {
      paths: { "/agent/update/apply": { post: { summary: "Apply update", responses: { 200: ok } } } },
    };
    const curated = {
      paths: {
        "/update/apply": {
          post: {
            operationId: "applyAgentUpdate",
            tags: ["AgentUpdate"],
            "x-internal": true,
            responses: { 200: ok, 503: { $ref: "#/components/responses/ServiceUnavailable" } },
          },
        },
      },
    };
    const sdk = { applyAgentUpdate: { resource: "agentUpdate", method: "apply", retrySafe: false, stream: "json" } };
    const p = proposeOperation({ api: "fixture", upstream, curated, sdk }, finding("POST /agent/update/apply"))!;
    expect(p.similar).toEqual({ operationId: "applyAgentUpdate", where: "POST /update/apply" });
    expect(p.operationId).toBe("applyAgentUpdateAgent");
    expect(p.pathFile).toBe("spec/fixture/paths/agent_update_apply.yaml");
    expect(p.operationYaml).toContain("x-internal: true");
    expect(p.operationYaml).toContain("$ref: ../../shared/components/responses/ServiceUnavailable.yaml");
    expect(p.sdkEntry).toBe(
      "  applyAgentUpdateAgent: {resource: agentUpdate, method: applyAgent, retrySafe: false, stream: json}",
    );
  });

  it("builds a new operation from upstream alone: schemas inlined, shared errors, 401, 429, a guessed sdk line", () => {
    const p = proposeOperation(
      { api: "fixture", upstream: fixture("upstream.json"), curated: { paths: {} } },
      finding("GET /items/{id}"),
    )!;
    expect(p.similar).toBeUndefined();
    expect(p.operationYaml).toMatch(/operationId: getItemsId/);
    expect(p.operationYaml).toContain("$ref: ../../shared/components/responses/NotFound.yaml");
    expect(p.operationYaml).toMatch(/tags:\n {4}- Items\n/);
    expect(p.operationYaml).toMatch(/size:\n {16}type: integer/);
    expect(p.operationYaml).toContain('"401":');
    expect(p.operationYaml).toContain('"429":');
    expect(p.operationYaml).not.toContain("main.");
    expect(p.sdkEntry).toBe("  getItemsId: {resource: items, method: getItemsId, retrySafe: true, stream: json}");
    expect(p.decisionStub).toMatch(/^- \*\*GET \/items\/\{id\}\.\*\* HopX's fixture spec has/);
  });

  it("names no operation upstream does not have", () => {
    const input = { api: "fixture", upstream: fixture("upstream.json"), curated: fixture("curated.json") };
    expect(proposeOperation(input, finding("PUT /nowhere"))).toBeUndefined();
  });
});
