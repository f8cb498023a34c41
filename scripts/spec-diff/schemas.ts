// Compares two versions of one schema, judged in one direction (request or response); see model.ts.
import { type Obj, isObj, list, obj, resolve, same, schemaRefName } from "./json.js";
import { type ChangeLog, type Direction, narrowing, widening } from "./model.js";
import { lost, typeSet } from "./schema-types.js";

export interface SchemaContext {
  oldDoc: Obj;
  newDoc: Obj;
  log: ChangeLog;
}

const DOC_KEYS = new Set(["description", "title", "example", "examples", "externalDocs", "xml"]);
/** Lower bounds: raising one (or adding one) lets fewer values through. */
const LOWER = ["minimum", "minLength", "minItems", "minProperties"];
/** Upper bounds: lowering one (or adding one) lets fewer values through. */
const UPPER = ["maximum", "maxLength", "maxItems", "maxProperties"];
/** Constraints whose addition or change narrows and whose removal widens. */
const EXACT = ["pattern", "format", "multipleOf", "uniqueItems", "exclusiveMinimum", "exclusiveMaximum"];
const MINOR_KEYS = ["default", "deprecated", "readOnly", "writeOnly", "discriminator", "not"];
const HANDLED = new Set([
  "$ref",
  "type",
  "nullable",
  "enum",
  "oneOf",
  "anyOf",
  "allOf",
  "properties",
  "required",
  "additionalProperties",
  "items",
  ...LOWER,
  ...UPPER,
  ...EXACT,
  ...MINOR_KEYS,
]);

export function compareSchema(ctx: SchemaContext, a: unknown, b: unknown, dir: Direction, where: string): void {
  compareNode(ctx, a, b, dir, where, new Set());
}

function compareNode(
  ctx: SchemaContext,
  rawA: unknown,
  rawB: unknown,
  dir: Direction,
  where: string,
  seen: Set<string>,
): void {
  const refA = schemaRefName(rawA);
  const refB = schemaRefName(rawB);
  // A named schema is compared once on its own (components/schemas/<Name>), in every direction it is used in.
  if (refA !== undefined && refA === refB) return;
  const pair = `${refA ?? ""}>${refB ?? ""}@${where}`;
  if (seen.has(pair)) return;
  seen.add(pair);
  if (refA !== refB && refA !== undefined && refB !== undefined) {
    ctx.log.add("patch", "schema ref renamed", where, `${refA} → ${refB}`, dir);
  }
  const a = obj(resolve(ctx.oldDoc, rawA));
  const b = obj(resolve(ctx.newDoc, rawB));
  const { log } = ctx;

  compareTypes(ctx, a, b, dir, where);
  compareEnum(log, a, b, dir, where);
  compareVariants(ctx, a, b, dir, where, seen);
  compareProperties(ctx, a, b, dir, where, seen);
  compareAdditional(ctx, a, b, dir, where, seen);
  if (a.items !== undefined || b.items !== undefined) {
    if (a.items === undefined || b.items === undefined) {
      log.add(
        a.items === undefined ? narrowing(dir) : widening(dir),
        "items schema changed",
        `${where}[]`,
        undefined,
        dir,
      );
    } else compareNode(ctx, a.items, b.items, dir, `${where}[]`, seen);
  }
  compareConstraints(log, a, b, dir, where);
  for (const key of MINOR_KEYS) {
    if (!same(a[key], b[key])) log.add("minor", `${key} changed`, where, undefined, dir);
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (HANDLED.has(key) || same(a[key], b[key])) continue;
    if (DOC_KEYS.has(key) || key.startsWith("x-")) log.add("patch", `${key} changed`, where, undefined, dir);
    else log.add("minor", `${key} changed (unclassified keyword)`, where, undefined, dir);
  }
}

function compareTypes(ctx: SchemaContext, a: Obj, b: Obj, dir: Direction, where: string): void {
  // Two unions are compared variant by variant (compareVariants); their type sets would report the same twice.
  if (isUnion(a) && isUnion(b)) {
    if (a.nullable === true && b.nullable !== true)
      ctx.log.add(narrowing(dir), "made non-nullable", where, undefined, dir);
    if (a.nullable !== true && b.nullable === true) ctx.log.add(widening(dir), "made nullable", where, undefined, dir);
    return;
  }
  const before = typeSet(ctx.oldDoc, a);
  const after = typeSet(ctx.newDoc, b);
  const gone = lost(before, after);
  const added = lost(after, before);
  for (const t of gone) {
    const kind = t === "null" ? "made non-nullable" : "type narrowed";
    ctx.log.add(narrowing(dir), kind, where, t === "null" ? undefined : `no longer accepts ${t}`, dir);
  }
  for (const t of added) {
    const kind = t === "null" ? "made nullable" : "type widened";
    ctx.log.add(widening(dir), kind, where, t === "null" ? undefined : `now accepts ${t}`, dir);
  }
}

function isUnion(schema: Obj): boolean {
  return list(schema.oneOf ?? schema.anyOf).length > 0;
}

function compareEnum(log: ChangeLog, a: Obj, b: Obj, dir: Direction, where: string): void {
  const before = Array.isArray(a.enum) ? a.enum : undefined;
  const after = Array.isArray(b.enum) ? b.enum : undefined;
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    log.add(narrowing(dir), "enum added", where, undefined, dir);
    return;
  }
  if (after === undefined) {
    log.add(widening(dir), "enum removed", where, undefined, dir);
    return;
  }
  for (const v of before) {
    if (!after.some((w) => same(v, w))) log.add(narrowing(dir), "enum value removed", where, JSON.stringify(v), dir);
  }
  for (const v of after) {
    if (!before.some((w) => same(v, w))) log.add(widening(dir), "enum value added", where, JSON.stringify(v), dir);
  }
}

function compareVariants(ctx: SchemaContext, a: Obj, b: Obj, dir: Direction, where: string, seen: Set<string>): void {
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
    const before = list(a[keyword]);
    const after = list(b[keyword]);
    if (before.length === 0 && after.length === 0) continue;
    if (keyword === "allOf") {
      // Every allOf member must hold: one more member narrows, one fewer widens.
      const shared = Math.min(before.length, after.length);
      for (let i = 0; i < shared; i++) compareNode(ctx, before[i], after[i], dir, `${where}/allOf[${i}]`, seen);
      if (after.length > shared) ctx.log.add(narrowing(dir), "allOf member added", where, undefined, dir);
      if (before.length > shared) ctx.log.add(widening(dir), "allOf member removed", where, undefined, dir);
      continue;
    }
    if (before.length === 0 || after.length === 0) {
      if (!isUnion(a) || !isUnion(b)) continue; // one side is no union at all: compareTypes judged the type sets
      ctx.log.add("minor", `switched to ${after.length === 0 ? "anyOf" : "oneOf"}`, where, undefined, dir);
      continue;
    }
    // Variants match by the schema they name, else by position.
    const used = new Set<number>();
    const matchOf = (variant: unknown, i: number): number => {
      const name = schemaRefName(variant);
      const byName = name === undefined ? -1 : after.findIndex((v) => schemaRefName(v) === name);
      if (byName >= 0) return byName;
      if (name === undefined && i < after.length && schemaRefName(after[i]) === undefined) return i;
      return -1;
    };
    before.forEach((variant, i) => {
      const j = matchOf(variant, i);
      if (j < 0 || used.has(j)) {
        ctx.log.add(narrowing(dir), "variant removed", where, describe(variant, i, keyword), dir);
        return;
      }
      used.add(j);
      compareNode(ctx, variant, after[j], dir, `${where}/${keyword}[${j}]`, seen);
    });
    after.forEach((variant, j) => {
      if (!used.has(j)) ctx.log.add(widening(dir), "variant added", where, describe(variant, j, keyword), dir);
    });
  }
}

function describe(variant: unknown, index: number, keyword: string): string {
  return schemaRefName(variant) ?? `${keyword}[${index}]`;
}

function compareProperties(ctx: SchemaContext, a: Obj, b: Obj, dir: Direction, where: string, seen: Set<string>): void {
  const before = obj(a.properties);
  const after = obj(b.properties);
  const reqBefore = new Set(list(a.required).filter((n): n is string => typeof n === "string"));
  const reqAfter = new Set(list(b.required).filter((n): n is string => typeof n === "string"));
  const { log } = ctx;
  for (const name of Object.keys(before)) {
    const at = `${where}.${name}`;
    if (!(name in after)) {
      log.add("major", "field removed", at, undefined, dir);
      continue;
    }
    if (!reqBefore.has(name) && reqAfter.has(name)) log.add(narrowing(dir), "field made required", at, undefined, dir);
    if (reqBefore.has(name) && !reqAfter.has(name)) log.add(widening(dir), "field made optional", at, undefined, dir);
    compareNode(ctx, before[name], after[name], dir, at, seen);
  }
  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const at = `${where}.${name}`;
    if (reqAfter.has(name)) log.add(narrowing(dir), "required field added", at, undefined, dir);
    else log.add("minor", "optional field added", at, undefined, dir);
  }
  // `required` names without a property of their own (e.g. inside anyOf branches).
  for (const name of reqAfter) {
    if (!reqBefore.has(name) && !(name in after))
      log.add(narrowing(dir), "field made required", `${where}.${name}`, undefined, dir);
  }
  for (const name of reqBefore) {
    if (!reqAfter.has(name) && !(name in before))
      log.add(widening(dir), "field made optional", `${where}.${name}`, undefined, dir);
  }
}

function compareAdditional(ctx: SchemaContext, a: Obj, b: Obj, dir: Direction, where: string, seen: Set<string>): void {
  // Absent means true in OpenAPI 3.0.
  const before = a.additionalProperties ?? true;
  const after = b.additionalProperties ?? true;
  if (same(before, after)) return;
  const at = `${where}{*}`;
  if (isObj(before) && isObj(after)) {
    compareNode(ctx, before, after, dir, at, seen);
    return;
  }
  const openness = (v: unknown): number => (v === true ? 2 : v === false ? 0 : 1);
  if (openness(after) < openness(before))
    ctx.log.add(narrowing(dir), "additional properties restricted", at, undefined, dir);
  else ctx.log.add(widening(dir), "additional properties allowed", at, undefined, dir);
}

function compareConstraints(log: ChangeLog, a: Obj, b: Obj, dir: Direction, where: string): void {
  // A bound is no type change: tighter ones break requests; in responses any bound change is minor.
  const tight = dir === "request" ? "major" : "minor";
  const bound = (key: string, tighter: (x: number, y: number) => boolean): void => {
    const x = a[key];
    const y = b[key];
    if (same(x, y)) return;
    const isTighter = typeof y === "number" && (typeof x !== "number" || tighter(x, y));
    log.add(isTighter ? tight : "minor", isTighter ? "constraint tightened" : "constraint relaxed", where, key, dir);
  };
  for (const key of LOWER) bound(key, (x, y) => y > x);
  for (const key of UPPER) bound(key, (x, y) => y < x);
  for (const key of EXACT) {
    if (same(a[key], b[key])) continue;
    const added = b[key] !== undefined && b[key] !== false;
    log.add(added ? tight : "minor", added ? "constraint tightened" : "constraint relaxed", where, key, dir);
  }
}
