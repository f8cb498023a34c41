// Compares two versions of one operation: parameters, request body, responses, and the stream extensions.
import { type Obj, type OperationRef, isObj, list, obj, resolve, same, str } from "./json.js";
import type { Direction } from "./model.js";
import { type SchemaContext, compareSchema } from "./schemas.js";

export interface OperationContext extends SchemaContext {
  /** `#/components/<group>/<Name>` refs compared through an operation; the rest are judged in documents.ts. */
  visited: Set<string>;
}

const OP_DOC_KEYS = new Set(["summary", "description", "tags", "externalDocs", "x-hopx-protocol-unverified"]);
const OP_HANDLED = new Set([
  "operationId",
  "deprecated",
  "parameters",
  "requestBody",
  "responses",
  "security",
  "x-hopx-websocket",
  "x-hopx-sse",
]);

export function compareOperation(ctx: OperationContext, a: OperationRef, b: OperationRef): void {
  const where = `${a.method.toUpperCase()} ${b.path}`;
  const { log } = ctx;
  const opA = a.operation;
  const opB = b.operation;
  if (!same(opA.operationId, opB.operationId)) {
    log.add("major", "operationId changed", where, `${str(opA.operationId)} → ${str(opB.operationId)}`);
  }
  if (!same(opA.deprecated, opB.deprecated)) log.add("minor", "deprecated changed", where);
  if (!same(opA.security, opB.security)) log.add("major", "security requirements changed", where);
  compareParameters(ctx, parameters(ctx.oldDoc, a), parameters(ctx.newDoc, b), where);
  compareRequestBody(ctx, opA.requestBody, opB.requestBody, where);
  compareResponses(ctx, obj(opA.responses), obj(opB.responses), where);
  compareWebSocket(ctx, opA["x-hopx-websocket"], opB["x-hopx-websocket"], where);
  compareSse(ctx, opA["x-hopx-sse"], opB["x-hopx-sse"], where);
  for (const key of new Set([...Object.keys(opA), ...Object.keys(opB)])) {
    if (OP_HANDLED.has(key) || same(opA[key], opB[key])) continue;
    if (OP_DOC_KEYS.has(key)) log.add("patch", `${key} changed`, where);
    else log.add("minor", `${key} changed`, where);
  }
  for (const key of new Set([...Object.keys(a.pathItem), ...Object.keys(b.pathItem)])) {
    if (key === "summary" || key === "description") {
      if (!same(a.pathItem[key], b.pathItem[key])) log.add("patch", `path ${key} changed`, b.path);
    } else if (key === "servers" && !same(a.pathItem[key], b.pathItem[key]))
      log.add("minor", "servers changed", b.path);
  }
}

interface Param {
  key: string;
  name: string;
  location: string;
  param: Obj;
}

/** Path-level and operation-level parameters; path parameters are keyed by position (the SDK passes them so). */
function parameters(doc: Obj, op: OperationRef): Map<string, Param> {
  const byKey = new Map<string, Obj>();
  for (const raw of [...list(op.pathItem.parameters), ...list(op.operation.parameters)]) {
    const param = obj(resolve(doc, raw));
    byKey.set(`${str(param.in)}:${str(param.name)}`, param);
  }
  const order = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const out = new Map<string, Param>();
  for (const param of byKey.values()) {
    const name = str(param.name) ?? "";
    const location = str(param.in) ?? "";
    const key = location === "path" ? `path#${order.indexOf(name)}` : `${location}:${name}`;
    out.set(key, { key, name, location, param });
  }
  return out;
}

function compareParameters(ctx: OperationContext, a: Map<string, Param>, b: Map<string, Param>, where: string): void {
  const { log } = ctx;
  for (const [key, before] of a) {
    const at = `${where} ${before.location} parameter ${before.name}`;
    const after = b.get(key);
    if (after === undefined) {
      log.add("major", "parameter removed", at, undefined, "request");
      continue;
    }
    if (after.name !== before.name) log.add("patch", "path parameter renamed", at, `→ ${after.name}`, "request");
    const req = (p: Obj): boolean => p.required === true;
    if (!req(before.param) && req(after.param)) log.add("major", "parameter made required", at, undefined, "request");
    if (req(before.param) && !req(after.param)) log.add("minor", "parameter made optional", at, undefined, "request");
    compareSchema(ctx, before.param.schema, after.param.schema, "request", at);
    for (const k of new Set([...Object.keys(before.param), ...Object.keys(after.param)])) {
      if (["name", "in", "required", "schema"].includes(k) || same(before.param[k], after.param[k])) continue;
      const doc = ["description", "example", "examples"].includes(k) || k.startsWith("x-");
      log.add(doc ? "patch" : "minor", `parameter ${k} changed`, at, undefined, "request");
    }
  }
  for (const [key, after] of b) {
    if (a.has(key)) continue;
    const at = `${where} ${after.location} parameter ${after.name}`;
    if (after.param.required === true) log.add("major", "required parameter added", at, undefined, "request");
    else log.add("minor", "optional parameter added", at, undefined, "request");
  }
}

/** Follows a component ref; when both sides name the same component it is compared once, under its own name. */
function component(ctx: OperationContext, a: unknown, b: unknown, where: string): [Obj, Obj, string] {
  const refA = str(obj(a).$ref);
  const refB = str(obj(b).$ref);
  let at = where;
  if (refA !== undefined && refA === refB) {
    at = refA.slice(2);
    ctx.visited.add(refA);
  }
  return [obj(resolve(ctx.oldDoc, a)), obj(resolve(ctx.newDoc, b)), at];
}

function compareRequestBody(ctx: OperationContext, rawA: unknown, rawB: unknown, where: string): void {
  const { log } = ctx;
  const at0 = `${where} request body`;
  if (rawA === undefined && rawB === undefined) return;
  if (rawB === undefined) {
    log.add("major", "request body removed", at0, undefined, "request");
    return;
  }
  if (rawA === undefined) {
    const required = obj(resolve(ctx.newDoc, rawB)).required === true;
    log.add(required ? "major" : "minor", "request body added", at0, undefined, "request");
    return;
  }
  const [a, b, at] = component(ctx, rawA, rawB, at0);
  if (a.required !== true && b.required === true) log.add("major", "request body made required", at, "", "request");
  if (a.required === true && b.required !== true) log.add("minor", "request body made optional", at, "", "request");
  if (!same(a.description, b.description)) log.add("patch", "description changed", at, undefined, "request");
  compareContent(ctx, obj(a.content), obj(b.content), "request", at);
}

function compareResponses(ctx: OperationContext, a: Obj, b: Obj, where: string): void {
  const { log } = ctx;
  for (const status of Object.keys(a)) {
    const at0 = `${where} response ${status}`;
    if (!(status in b)) {
      log.add("major", "response removed", at0, undefined, "response");
      continue;
    }
    const [before, after, at] = component(ctx, a[status], b[status], at0);
    if (!same(before.description, after.description)) log.add("patch", "description changed", at, "", "response");
    compareContent(ctx, obj(before.content), obj(after.content), "response", at);
    compareHeaders(ctx, obj(before.headers), obj(after.headers), at);
  }
  for (const status of Object.keys(b)) {
    if (!(status in a)) log.add("minor", "response added", `${where} response ${status}`, undefined, "response");
  }
}

function compareHeaders(ctx: OperationContext, a: Obj, b: Obj, where: string): void {
  const names = (o: Obj): Map<string, string> => new Map(Object.keys(o).map((n) => [n.toLowerCase(), n]));
  const before = names(a);
  const after = names(b);
  for (const [lower, name] of before) {
    const at0 = `${where} header ${name}`;
    const other = after.get(lower);
    if (other === undefined) {
      ctx.log.add("major", "response header removed", at0, undefined, "response");
      continue;
    }
    const [ha, hb, at] = component(ctx, a[name], b[other], at0);
    compareSchema(ctx, ha.schema, hb.schema, "response", at);
    if (!same(ha.description, hb.description)) ctx.log.add("patch", "description changed", at, undefined, "response");
  }
  for (const [lower, name] of after) {
    if (!before.has(lower)) ctx.log.add("minor", "response header added", `${where} header ${name}`, "", "response");
  }
}

function compareContent(ctx: OperationContext, a: Obj, b: Obj, dir: Direction, where: string): void {
  for (const media of Object.keys(a)) {
    const at = `${where} ${media}`;
    if (!(media in b)) {
      ctx.log.add("major", "media type removed", at, undefined, dir);
      continue;
    }
    const before = obj(a[media]);
    const after = obj(b[media]);
    compareSchema(ctx, before.schema, after.schema, dir, at);
    if (!same(before.example, after.example) || !same(before.examples, after.examples)) {
      ctx.log.add("patch", "examples changed", at, undefined, dir);
    }
    if (!same(before.encoding, after.encoding)) ctx.log.add("minor", "encoding changed", at, undefined, dir);
  }
  for (const media of Object.keys(b)) {
    if (!(media in a)) ctx.log.add("minor", "media type added", `${where} ${media}`, undefined, dir);
  }
}

const schemaRef = (name: unknown): unknown =>
  typeof name === "string" ? { $ref: `#/components/schemas/${name}` } : undefined;

function compareWebSocket(ctx: OperationContext, rawA: unknown, rawB: unknown, where: string): void {
  if (rawA === undefined && rawB === undefined) return;
  if (!isObj(rawA) || !isObj(rawB)) {
    ctx.log.add(
      rawB === undefined ? "major" : "minor",
      `WebSocket protocol ${rawB === undefined ? "removed" : "added"}`,
      where,
    );
    return;
  }
  compareSchema(ctx, schemaRef(rawA.client), schemaRef(rawB.client), "request", `${where} WebSocket client messages`);
  compareSchema(ctx, schemaRef(rawA.server), schemaRef(rawB.server), "response", `${where} WebSocket server messages`);
  if (!same(rawA.transcript, rawB.transcript)) ctx.log.add("patch", "WebSocket transcript changed", where);
}

function compareSse(ctx: OperationContext, rawA: unknown, rawB: unknown, where: string): void {
  const a = obj(obj(rawA).events);
  const b = obj(obj(rawB).events);
  for (const event of Object.keys(a)) {
    const at = `${where} SSE event ${event}`;
    if (!(event in b)) ctx.log.add("major", "SSE event removed", at, undefined, "response");
    else compareSchema(ctx, schemaRef(a[event]), schemaRef(b[event]), "response", at);
  }
  // A new event kind is a new member of the union the stream yields: widening, as for an enum value.
  for (const event of Object.keys(b)) {
    if (!(event in a)) ctx.log.add("major", "SSE event added", `${where} SSE event ${event}`, undefined, "response");
  }
}
