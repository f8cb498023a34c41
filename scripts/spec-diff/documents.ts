// Compares two bundled OpenAPI documents and lists every change with the semver level it demands.
import { type Obj, obj, operations, same } from "./json.js";
import { type Change, ChangeLog, type Direction } from "./model.js";
import { type OperationContext, compareOperation } from "./operations.js";
import { compareSchema } from "./schemas.js";
import { schemaUsage } from "./usage.js";

const COMPONENT_GROUPS = ["responses", "parameters", "requestBodies", "headers", "examples", "links", "callbacks"];
const TOP_HANDLED = new Set(["paths", "components", "security", "servers", "openapi"]);

export function diffDocuments(oldDoc: Obj, newDoc: Obj): Change[] {
  const log = new ChangeLog();
  const ctx: OperationContext = { oldDoc, newDoc, log, visited: new Set() };
  const before = operations(oldDoc);
  const after = operations(newDoc);
  for (const [key, a] of before) {
    const b = after.get(key);
    if (b === undefined) log.add("major", "operation removed", `${a.method.toUpperCase()} ${a.path}`);
    else compareOperation(ctx, a, b);
  }
  for (const [key, b] of after) {
    if (!before.has(key)) log.add("minor", "operation added", `${b.method.toUpperCase()} ${b.path}`);
  }
  compareNamedSchemas(ctx);
  const compA = obj(oldDoc.components);
  const compB = obj(newDoc.components);
  compareSecuritySchemes(log, obj(compA.securitySchemes), obj(compB.securitySchemes));
  // Shared responses, parameters … were judged where operations use them; a change elsewhere is documentation.
  for (const group of COMPONENT_GROUPS) {
    const a = obj(compA[group]);
    const b = obj(compB[group]);
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const ref = `#/components/${group}/${name}`;
      if (!ctx.visited.has(ref) && !same(a[name], b[name])) log.add("patch", "unused component changed", ref.slice(2));
    }
  }
  for (const key of Object.keys(compB).concat(Object.keys(compA))) {
    if (!["schemas", "securitySchemes", ...COMPONENT_GROUPS].includes(key) && !same(compA[key], compB[key])) {
      log.add("minor", `components ${key} changed`, `components/${key}`);
    }
  }
  if (!same(oldDoc.openapi, newDoc.openapi)) log.add("minor", "OpenAPI version changed", "openapi");
  if (!same(oldDoc.servers, newDoc.servers)) log.add("minor", "servers changed", "servers");
  if (!same(oldDoc.security, newDoc.security)) log.add("major", "security requirements changed", "security");
  for (const key of new Set([...Object.keys(oldDoc), ...Object.keys(newDoc)])) {
    if (TOP_HANDLED.has(key) || same(oldDoc[key], newDoc[key])) continue;
    // info (title, version, description), tags, externalDocs and x-* only document the API.
    log.add("patch", `${key} changed`, key);
  }
  return log.changes;
}

function compareNamedSchemas(ctx: OperationContext): void {
  const a = obj(obj(ctx.oldDoc.components).schemas);
  const b = obj(obj(ctx.newDoc.components).schemas);
  const usedBefore = schemaUsage(ctx.oldDoc);
  const usedAfter = schemaUsage(ctx.newDoc);
  for (const name of Object.keys(a)) {
    const where = `components/schemas/${name}`;
    // Each schema is an exported model type of the SDK (`ControlPlane.<Name>`, `Agent.<Name>`).
    if (!(name in b)) {
      ctx.log.add("major", "schema removed", where);
      continue;
    }
    const dirs = new Set<Direction>([...(usedBefore.get(name) ?? []), ...(usedAfter.get(name) ?? [])]);
    // A schema no operation uses is still exported: judged both ways, the stricter verdict counts.
    for (const dir of dirs.size > 0 ? dirs : (["request", "response"] as const)) {
      compareSchema(ctx, a[name], b[name], dir, where);
    }
  }
  for (const name of Object.keys(b)) {
    if (!(name in a)) ctx.log.add("minor", "schema added", `components/schemas/${name}`);
  }
}

function compareSecuritySchemes(log: ChangeLog, a: Obj, b: Obj): void {
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const where = `components/securitySchemes/${name}`;
    if (!(name in b)) log.add("major", "security scheme removed", where);
    else if (!(name in a)) log.add("minor", "security scheme added", where);
    else if (!same(obj(a[name]).description, obj(b[name]).description) && sameBut(obj(a[name]), obj(b[name]))) {
      log.add("patch", "description changed", where);
    } else if (!same(a[name], b[name])) log.add("major", "security scheme changed", where);
  }
}

function sameBut(a: Obj, b: Obj): boolean {
  return same({ ...a, description: undefined }, { ...b, description: undefined });
}
