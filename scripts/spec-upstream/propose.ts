// What a person used to write by hand for each upstream operation without a curated counterpart: a curated path
// file, its line in the root openapi.yaml, an spec/sdk.yaml entry and a DECISIONS.md stub. When a curated
// operation looks like the same one at another route (a method change, a moved prefix), the proposal copies its
// tags, responses and SDK settings, which is what the curated spec keeps for a route that moved.
import { stringify } from "yaml";
import { type Obj, type OperationRef, isObj, list, normalisePath, obj, operations, str } from "../spec-diff/json.js";
import type { Finding } from "./findings.js";

export interface ProposalInput {
  api: string;
  generation?: string;
  upstream: Obj;
  curated: Obj;
  /** spec/sdk.yaml's section of this API's plane (operationId → settings), when known. */
  sdk?: Obj;
}

export interface Proposal {
  api: string;
  generation?: string;
  /** `POST /execute/kill`: the upstream operation, as the report names it. */
  where: string;
  operationId: string;
  /** A curated operation this one may be the same as, at another route. */
  similar?: { operationId: string; where: string };
  /** Where the path file goes, and its line under `paths:` in spec/<api>/openapi.yaml. */
  pathFile: string;
  rootEntry: string;
  operationYaml: string;
  sdkEntry: string;
  decisionStub: string;
}

const SHARED_RESPONSES: Record<string, string> = {
  "400": "BadRequest",
  "401": "Unauthorized",
  "403": "Forbidden",
  "404": "NotFound",
  "409": "Conflict",
  "429": "RateLimited",
  "500": "InternalError",
  "503": "ServiceUnavailable",
};

const segments = (path: string): string[] => normalisePath(path).split("/").filter(Boolean);

function commonRun(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The curated operation most like `u`: the same path with another method, else the same method and shared ends. */
export function similarOperation(u: OperationRef, curated: Obj): OperationRef | undefined {
  let best: { op: OperationRef; score: number } | undefined;
  const us = segments(u.path);
  for (const c of operations(curated).values()) {
    const cs = segments(c.path);
    const samePath = normalisePath(c.path) === normalisePath(u.path);
    if (!samePath && c.method !== u.method) continue;
    const trailing = commonRun([...us].reverse(), [...cs].reverse());
    const leading = commonRun(us, cs);
    // A shared tail (the route moved under a prefix) says more than a shared head (a sibling route).
    const score = samePath ? 100 : trailing >= 2 ? 10 * trailing : leading > 0 && us.length === cs.length ? leading : 0;
    if (score > 0 && (best === undefined || score > best.score)) best = { op: c, score };
  }
  return best?.op;
}

/** `Get Jupyter status` → `getJupyterStatus`; falls back to the method and path. */
function camel(words: string): string {
  const parts = words.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0]!.toUpperCase() + p.slice(1))).join("");
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** Upstream's schema with its refs resolved and swag's `main.` prefixes dropped, or a ref to a curated schema. */
function curatedSchema(node: unknown, upstream: Obj, curated: Obj, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((n) => curatedSchema(n, upstream, curated, depth + 1));
  if (!isObj(node)) return node;
  const ref = str(node.$ref);
  if (ref?.startsWith("#/components/schemas/")) {
    const name = ref.slice("#/components/schemas/".length).replace(/^main\./, "");
    if (name in obj(obj(curated.components).schemas)) return { $ref: `../components/schemas/${name}.yaml` };
    const target = obj(obj(upstream.components).schemas)[ref.slice("#/components/schemas/".length)];
    return depth > 16 ? { type: "object" } : curatedSchema(target, upstream, curated, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, curatedSchema(v, upstream, curated, depth + 1)]));
}

/** A bundled `#/components/...` ref as the multi-file spec writes it from a path file. */
function fileRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fileRefs);
  if (!isObj(node)) return node;
  const ref = str(node.$ref);
  if (ref?.startsWith("#/components/responses/")) {
    return { $ref: `../../shared/components/responses/${ref.slice("#/components/responses/".length)}.yaml` };
  }
  if (ref?.startsWith("#/components/schemas/")) {
    return { $ref: `../components/schemas/${ref.slice("#/components/schemas/".length)}.yaml` };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fileRefs(v)]));
}

function upstreamResponses(input: ProposalInput, u: OperationRef): Obj {
  const out: Obj = {};
  for (const [status, raw] of Object.entries(obj(u.operation.responses))) {
    const shared = SHARED_RESPONSES[status];
    if (shared !== undefined && Number(status) >= 400) {
      out[status] = { $ref: `../../shared/components/responses/${shared}.yaml` };
      continue;
    }
    out[status] = curatedSchema(raw, input.upstream, input.curated);
  }
  // House rule: every authenticated operation declares 401 and 429 (see "401 and 429" in DECISIONS.md).
  for (const status of ["401", "429"])
    out[status] ??= { $ref: `../../shared/components/responses/${SHARED_RESPONSES[status]}.yaml` };
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

const capital = (word: string): string => word.slice(0, 1).toUpperCase() + word.slice(1);

/** What tells the upstream route from a similar curated one: its method (same path), or the prefix it moved under. */
function routeSuffix(u: OperationRef, similar: OperationRef): string | undefined {
  if (normalisePath(u.path) === normalisePath(similar.path)) return capital(u.method);
  const us = segments(u.path);
  const cs = segments(similar.path);
  const extra = us.slice(0, us.length - cs.length);
  return us.length > cs.length && extra.length > 0 ? capital(camel(extra.join(" "))) : undefined;
}

/** The sdk.yaml settings a new operation gets: a similar operation's, else guessed from method and response. */
function sdkSettings(input: ProposalInput, u: OperationRef, id: string, similar?: OperationRef): Obj {
  const like = similar === undefined ? {} : obj(input.sdk?.[str(similar.operation.operationId) ?? ""]);
  const suffix = similar === undefined ? undefined : routeSuffix(u, similar);
  if (Object.keys(like).length > 0 && suffix !== undefined) return { ...like, method: `${str(like.method)}${suffix}` };
  const media = Object.keys(obj(obj(obj(u.operation.responses)["200"]).content));
  const stream = media.includes("text/event-stream")
    ? "sse"
    : media.includes("application/octet-stream")
      ? "binary"
      : media.includes("text/plain")
        ? "text"
        : media.length === 0
          ? "none"
          : "json";
  const resource = str(like.resource) ?? camel(segments(u.path)[0] ?? "root");
  return { resource, method: id, retrySafe: u.method !== "post", stream };
}

function flowMap(settings: Obj): string {
  return `{${Object.entries(settings)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(", ")}}`;
}

export function proposeOperation(input: ProposalInput, finding: Finding): Proposal | undefined {
  const [method, path] = finding.at.split(" ");
  const u = [...operations(input.upstream).values()].find((o) => o.method.toUpperCase() === method && o.path === path);
  if (u === undefined || method === undefined || path === undefined) return undefined;
  const similar = similarOperation(u, input.curated);
  const taken = new Set([...operations(input.curated).values()].map((o) => str(o.operation.operationId) ?? ""));
  const summary = str(u.operation.summary) ?? `${method} ${path}`;
  const suffix = similar === undefined ? undefined : routeSuffix(u, similar);
  const base =
    similar !== undefined && suffix !== undefined ? `${str(similar.operation.operationId)}${suffix}` : camel(summary);
  const operationId = uniqueId(base, taken);
  const like = similar?.operation;
  const tags = list(like?.tags ?? u.operation.tags).slice(0, 1);
  const operation: Obj = {
    operationId,
    tags: tags.length > 0 ? tags : [capital(camel(segments(path)[0] ?? "root"))],
    summary,
    description: [
      `${(str(u.operation.description) ?? summary).replace(/\.?$/, ".")}`,
      `HopX's ${input.api} spec${input.generation ? ` (generation ${input.generation})` : ""} has this route.`,
      similar ? `The curated \`${str(like?.operationId)}\` is ${similar.method.toUpperCase()} ${similar.path}.` : "",
    ]
      .filter(Boolean)
      .join(" "),
    ...(like?.["x-internal"] === true ? { "x-internal": true } : {}),
    ...(list(u.operation.parameters).length > 0
      ? { parameters: curatedSchema(u.operation.parameters, input.upstream, input.curated) }
      : {}),
    ...(u.operation.requestBody === undefined
      ? {}
      : { requestBody: curatedSchema(u.operation.requestBody, input.upstream, input.curated) }),
    responses: like === undefined ? upstreamResponses(input, u) : fileRefs(like.responses),
  };
  const fileName = `${segments(path).join("_").replace(/\{\}/g, "id") || "root"}.yaml`;
  const similarNote = similar
    ? `; the curated spec has \`${str(like?.operationId)}\` at \`${similar.method.toUpperCase()} ${similar.path}\``
    : "";
  const from = `HopX's ${input.api} spec${input.generation ? ` (generation ${input.generation})` : ""}`;
  return {
    api: input.api,
    ...(input.generation === undefined ? {} : { generation: input.generation }),
    where: `${method} ${path}`,
    operationId,
    ...(similar
      ? {
          similar: {
            operationId: str(like?.operationId) ?? "",
            where: `${similar.method.toUpperCase()} ${similar.path}`,
          },
        }
      : {}),
    pathFile: `spec/${input.api}/paths/${fileName}`,
    rootEntry: `  ${path}:\n    $ref: ./paths/${fileName}`,
    operationYaml: stringify({ [u.method]: operation }, { lineWidth: 110 }),
    sdkEntry: `  ${operationId}: ${flowMap(sdkSettings(input, u, operationId, similar))}`,
    decisionStub:
      `- **${summary}.** ${from} has \`${method} ${path}\`${similarNote}. ` +
      "Chosen: <what the curated spec models, and why>.",
  };
}

export function formatProposal(p: Proposal): string {
  const like = p.similar ? `  (like ${p.similar.operationId}, ${p.similar.where})` : "";
  const indent = (text: string): string =>
    text
      .trimEnd()
      .split("\n")
      .map((l) => `      ${l}`)
      .join("\n");
  return [
    `  ${p.api}${p.generation ? `@${p.generation}` : ""}  ${p.where}${like}`,
    `    ${p.pathFile}:`,
    indent(p.operationYaml),
    `    spec/${p.api}/openapi.yaml, under paths:`,
    indent(p.rootEntry),
    "    spec/sdk.yaml:",
    indent(p.sdkEntry),
    "    spec/DECISIONS.md:",
    indent(p.decisionStub),
  ].join("\n");
}
