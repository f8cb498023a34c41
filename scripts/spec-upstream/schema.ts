// Does the curated schema carry every field, type, enum value and requirement of upstream's schema?
import { type Obj, isObj, list, obj, resolve, same, str } from "../spec-diff/json.js";
import { covers, typeSet } from "../spec-diff/schema-types.js";
import type { Finding, FindingKind } from "./findings.js";

export interface UpstreamContext {
  api: string;
  upstream: Obj;
  curated: Obj;
  findings: Finding[];
}

export function report(ctx: UpstreamContext, kind: FindingKind, at: string, detail: string): void {
  ctx.findings.push({ api: ctx.api, kind, at, detail });
}

/** Upstream's schema with its allOf members folded in (swag wraps refs in allOf to attach descriptions). */
function flatten(doc: Obj, node: unknown): Obj {
  const schema = { ...obj(resolve(doc, node)) };
  for (const member of list(schema.allOf)) {
    const inner = flatten(doc, member);
    schema.properties = { ...obj(inner.properties), ...obj(schema.properties) };
    schema.required = [...list(inner.required), ...list(schema.required)];
    for (const key of ["type", "enum", "items", "format", "additionalProperties"]) schema[key] ??= inner[key];
  }
  delete schema.allOf;
  return schema;
}

/** The curated schema and, for a union, each of its variants: a field or value any of them has counts. */
function variants(doc: Obj, node: unknown, depth = 0): Obj[] {
  const schema = flatten(doc, node);
  const branches = list(schema.oneOf ?? schema.anyOf);
  if (branches.length === 0 || depth > 8) return [schema];
  return [schema, ...branches.flatMap((b) => variants(doc, b, depth + 1))];
}

/** A bare object that says nothing (`{type: object, additionalProperties: true}`): nothing to carry over. */
function untyped(schema: Obj): boolean {
  return (
    Object.keys(obj(schema.properties)).length === 0 &&
    schema.items === undefined &&
    schema.enum === undefined &&
    (schema.type === undefined || schema.type === "object") &&
    !isObj(schema.additionalProperties)
  );
}

export function compareSchema(ctx: UpstreamContext, rawU: unknown, rawC: unknown, at: string, depth = 0): void {
  const u = flatten(ctx.upstream, rawU);
  if (untyped(u) || depth > 24) return;
  const cs = variants(ctx.curated, rawC);
  const uTypes = typeSet(ctx.upstream, u);
  const cTypes = typeSet(ctx.curated, cs[0]);
  if (uTypes !== "any") {
    const missing = [...uTypes].filter((t) => !covers(cTypes, t));
    if (missing.length > 0) {
      const ours = cTypes === "any" ? "any" : [...cTypes].join(" | ");
      report(ctx, "type", at, `upstream ${[...uTypes].join(" | ")}, curated ${ours}`);
    }
  }
  const cEnums = cs.filter((c) => Array.isArray(c.enum)).flatMap((c) => list(c.enum));
  const constrained = cs.every((c) => Array.isArray(c.enum) || c.oneOf !== undefined || c.anyOf !== undefined);
  for (const value of list(u.enum)) {
    if (constrained && !cEnums.includes(value)) {
      report(ctx, "enum value", `${at} = ${JSON.stringify(value)}`, "upstream value missing from the curated enum");
    }
  }
  if (u.default !== undefined && !cs.some((c) => same(c.default, u.default))) {
    const ours = cs.map((c) => JSON.stringify(c.default) ?? "none").join(" | ");
    report(ctx, "default", at, `upstream ${JSON.stringify(u.default)}, curated ${ours}`);
  }
  if (u.format !== undefined && !cs.some((c) => c.format === u.format)) {
    report(ctx, "format", at, `upstream format ${str(u.format)}, curated ${cs.map((c) => str(c.format) ?? "none")}`);
  }
  const cProps: Obj = Object.assign({}, ...cs.map((c) => obj(c.properties)));
  for (const [name, schema] of Object.entries(obj(u.properties))) {
    if (!(name in cProps)) report(ctx, "field", `${at}.${name}`, "upstream field missing from the curated schema");
    else compareSchema(ctx, schema, cProps[name], `${at}.${name}`, depth + 1);
  }
  // Required in the object itself, or in every variant of a union.
  const requiredIn = (c: Obj): string[] => list(c.required).filter((n): n is string => typeof n === "string");
  const unionBranches = cs.slice(1);
  for (const name of requiredIn(u)) {
    const required =
      requiredIn(cs[0]!).includes(name) ||
      (unionBranches.length > 0 && unionBranches.every((c) => requiredIn(c).includes(name)));
    if (!required) report(ctx, "required", `${at}.${name}`, "upstream requires it, the curated schema does not");
  }
  if (u.items !== undefined) {
    const withItems = cs.find((c) => c.items !== undefined);
    if (withItems === undefined) report(ctx, "type", `${at}[]`, "upstream array items, curated no array");
    else compareSchema(ctx, u.items, withItems.items, `${at}[]`, depth + 1);
  }
  if (isObj(u.additionalProperties)) {
    const withMap = cs.find((c) => isObj(c.additionalProperties));
    if (withMap !== undefined) compareSchema(ctx, u.additionalProperties, withMap.additionalProperties, `${at}.*`);
    else if (!cs.some((c) => c.additionalProperties === true)) {
      report(ctx, "type", `${at}.*`, "upstream map, curated no map");
    }
  }
}
