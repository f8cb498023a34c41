// The JSON types a schema accepts, across oneOf/anyOf and nullable: the basis for "narrowed" and "widened".
import { type Obj, list, obj, resolve, str } from "./json.js";

/** The set of JSON types a schema accepts, or "any" when it does not constrain the type. */
export type TypeSet = Set<string> | "any";

export function typeSet(doc: Obj, node: unknown, depth = 0): TypeSet {
  const schema = obj(resolve(doc, node));
  if (depth > 16) return "any";
  const branches = list(schema.oneOf ?? schema.anyOf);
  let types: TypeSet;
  if (branches.length > 0) {
    types = new Set<string>();
    for (const branch of branches) {
      const inner = typeSet(doc, branch, depth + 1);
      if (inner === "any") return "any";
      for (const t of inner) types.add(t);
    }
  } else {
    const declared = str(schema.type);
    if (declared !== undefined) types = new Set([declared]);
    else if (schema.properties !== undefined || schema.additionalProperties !== undefined) types = new Set(["object"]);
    else if (schema.items !== undefined) types = new Set(["array"]);
    else if (Array.isArray(schema.enum)) types = new Set(schema.enum.map(jsonType));
    else return "any";
  }
  if (schema.nullable === true) types.add("null");
  return types;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Whether a schema of types `set` accepts values of type `t` (a number accepts every integer). */
export function covers(set: TypeSet, t: string): boolean {
  return set === "any" || set.has(t) || (t === "integer" && set.has("number"));
}

/** Types of `from` that `to` no longer accepts. */
export function lost(from: TypeSet, to: TypeSet): string[] {
  if (to === "any") return [];
  if (from === "any") return ["any"];
  return [...from].filter((t) => !covers(to, t));
}
