// Every operation of HopX's published spec, matched to the curated one by method and normalised path (upstream
// has no operationIds; path parameters count by position), then its parameters, bodies and responses.
import { type Obj, type OperationRef, list, obj, operations, resolve, str } from "../spec-diff/json.js";
import type { Finding } from "./findings.js";
import { type UpstreamContext, compareSchema, report } from "./schema.js";

export function compareUpstream(api: string, upstream: Obj, curated: Obj): Finding[] {
  const ctx: UpstreamContext = { api, upstream, curated, findings: [] };
  const ours = operations(curated);
  for (const [key, u] of operations(upstream)) {
    const where = `${u.method.toUpperCase()} ${u.path}`;
    const c = ours.get(key);
    if (c === undefined) report(ctx, "operation", where, "no curated operation with this method and path");
    else {
      compareOperation(ctx, u, c, where);
      compareSecurity(ctx, u.operation.security ?? upstream.security, c.operation.security ?? curated.security, where);
    }
  }
  compareSchemes(ctx);
  return ctx.findings;
}

/** A security scheme as the wire sees it: `apiKey in header X-API-Key`, `http bearer`. */
function scheme(doc: Obj, name: string): string {
  const s = obj(obj(obj(doc.components).securitySchemes)[name]);
  return s.type === "apiKey" ? `apiKey in ${str(s.in)} ${str(s.name)}` : `${str(s.type)} ${str(s.scheme) ?? ""}`.trim();
}

function compareSchemes(ctx: UpstreamContext): void {
  const ours = new Set(
    Object.keys(obj(obj(ctx.curated.components).securitySchemes)).map((n) => scheme(ctx.curated, n)),
  );
  for (const name of Object.keys(obj(obj(ctx.upstream.components).securitySchemes))) {
    const wire = scheme(ctx.upstream, name);
    if (!ours.has(wire)) report(ctx, "security", `scheme ${name}`, `upstream ${wire}; no curated scheme is`);
  }
}

/** Whether the operation needs credentials at all (the schemes themselves are compared once, above). */
function compareSecurity(ctx: UpstreamContext, u: unknown, c: unknown, where: string): void {
  const needs = (requirements: unknown): boolean =>
    list(requirements).length > 0 && list(requirements).every((r) => Object.keys(obj(r)).length > 0);
  if (needs(u) !== needs(c)) {
    const says = (b: boolean): string => (b ? "needs credentials" : "is public");
    report(ctx, "security", where, `upstream ${says(needs(u))}, curated ${says(needs(c))}`);
  }
}

function parameters(doc: Obj, op: OperationRef): Map<string, Obj> {
  const order = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const out = new Map<string, Obj>();
  for (const raw of [...list(op.pathItem.parameters), ...list(op.operation.parameters)]) {
    const param = obj(resolve(doc, raw));
    const name = str(param.name) ?? "";
    out.set(param.in === "path" ? `path#${order.indexOf(name)}` : `${str(param.in)}:${name}`, param);
  }
  return out;
}

function compareOperation(ctx: UpstreamContext, u: OperationRef, c: OperationRef, where: string): void {
  const ours = parameters(ctx.curated, c);
  for (const [key, param] of parameters(ctx.upstream, u)) {
    const at = `${where} ${str(param.in)} parameter ${str(param.name)}`;
    const match = ours.get(key);
    if (match === undefined) {
      report(ctx, "parameter", at, "upstream parameter missing from the curated operation");
      continue;
    }
    if (param.required === true && match.required !== true) {
      report(ctx, "required", at, "upstream requires it, the curated operation does not");
    }
    compareSchema(ctx, param.schema, match.schema, at);
  }
  const uBody = obj(resolve(ctx.upstream, u.operation.requestBody));
  const cBody = obj(resolve(ctx.curated, c.operation.requestBody));
  if (u.operation.requestBody !== undefined) {
    if (c.operation.requestBody === undefined) report(ctx, "request body", where, "upstream has a request body");
    else compareContent(ctx, obj(uBody.content), obj(cBody.content), `${where} request`);
  }
  const cResponses = obj(c.operation.responses);
  for (const [status, raw] of Object.entries(obj(u.operation.responses))) {
    const at = `${where} response ${status}`;
    if (!(status in cResponses)) {
      report(ctx, "response", at, "upstream status missing from the curated operation");
      continue;
    }
    const uContent = obj(obj(resolve(ctx.upstream, raw)).content);
    const cContent = obj(obj(resolve(ctx.curated, cResponses[status])).content);
    compareContent(ctx, uContent, cContent, at);
  }
}

function compareContent(ctx: UpstreamContext, u: Obj, c: Obj, where: string): void {
  for (const [media, raw] of Object.entries(u)) {
    const at = `${where} ${media}`;
    if (!(media in c)) report(ctx, "media type", at, `curated has ${Object.keys(c).join(", ") || "no body"}`);
    else compareSchema(ctx, obj(raw).schema, obj(c[media]).schema, `${at} $`);
  }
}
