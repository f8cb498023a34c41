// JSON Schema → the converter Shape (see src/runtime/shape.ts). Only what needs converting is described:
// a schema of primitives needs no shape at all, which keeps the tables small and the hot path short.
import type { Shape, ShapeRef } from "../../../src/runtime/shape.js";
import { camelCase } from "./naming.js";
import { deref, refName, type Document, type Schema } from "./openapi.js";

/** A name that is the same in snake_case and camelCase (`status`, `vcpu`). */
const isPlain = (name: string): boolean => /^[a-z][a-z0-9]*$/.test(name);

export class ShapeBuilder {
  private readonly trivial = new Map<string, boolean>();

  constructor(private readonly doc: Document) {}

  /** Whether values of this schema pass through unchanged (no object keys to rename anywhere inside). */
  isTrivial(schema: Schema, seen: Set<string> = new Set()): boolean {
    if (schema.$ref) {
      const name = refName(schema.$ref);
      const cached = this.trivial.get(name);
      if (cached !== undefined) return cached;
      if (seen.has(name)) return false; // recursive: assume it needs converting
      seen.add(name);
      const result = this.isTrivial(deref(this.doc, schema), seen);
      this.trivial.set(name, result);
      return result;
    }
    const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
    if (variants.length > 0) return variants.every((v) => this.isTrivial(v, seen));
    if (schema.type === "array") return schema.items ? this.isTrivial(schema.items, seen) : true;
    if (schema.properties) {
      // Plain lowercase names convert to themselves both ways, so only their values can need work.
      const names = Object.keys(schema.properties);
      if (!names.every(isPlain)) return false;
      if (!Object.values(schema.properties).every((sub) => this.isTrivial(sub, seen))) return false;
    }
    if (schema.additionalProperties && typeof schema.additionalProperties === "object")
      return this.isTrivial(schema.additionalProperties, seen);
    return true; // primitives, enums, free-form objects and maps of primitives
  }

  /** The shape of a schema, or undefined when values pass through. Component refs stay by name. */
  shapeOf(schema: Schema): ShapeRef | undefined {
    if (this.isTrivial(schema)) return undefined;
    if (schema.$ref) return refName(schema.$ref);
    return this.inline(schema);
  }

  /** The shape of a component schema for the registry, or undefined when its values pass through. */
  componentShape(schema: Schema): Shape | undefined {
    const resolved = schema.$ref ? deref(this.doc, schema) : schema;
    return this.isTrivial(resolved) ? undefined : this.inline(resolved);
  }

  private inline(schema: Schema): Shape {
    const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
    if (variants.length > 0)
      return this.merge([{ ...schema, oneOf: undefined, anyOf: undefined, allOf: undefined }, ...variants]);
    if (schema.type === "array") {
      const item = schema.items ? this.shapeOf(schema.items) : undefined;
      return item === undefined ? {} : { i: item };
    }
    const shape: { p?: Record<string, readonly [string, ShapeRef?]>; m?: ShapeRef | true } = {};
    if (schema.properties) {
      const props: Record<string, readonly [string, ShapeRef?]> = {};
      for (const [wire, sub] of Object.entries(schema.properties)) {
        const inner = this.shapeOf(sub);
        if (inner === undefined && isPlain(wire)) continue; // the runtime's naming rule already maps it
        props[wire] = inner === undefined ? [camelCase(wire)] : [camelCase(wire), inner];
      }
      shape.p = props;
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== false) {
      shape.m = extra === true ? true : (this.shapeOf(extra) ?? true);
    } else if (!schema.properties && schema.type === "object") {
      shape.m = true;
    }
    return shape;
  }

  /** A union's shape: the properties of every object variant, and the item shape of any array variant. */
  private merge(variants: Schema[]): Shape {
    const merged: { p?: Record<string, readonly [string, ShapeRef?]>; m?: ShapeRef | true; i?: ShapeRef } = {};
    for (const variant of variants) {
      const resolved = variant.$ref ? deref(this.doc, variant) : variant;
      if (this.isTrivial(resolved) && !resolved.properties) continue;
      const shape = this.inline(resolved);
      if (shape.p) merged.p = { ...merged.p, ...shape.p };
      if (shape.m !== undefined && merged.m === undefined) merged.m = shape.m;
      if (shape.i !== undefined) merged.i = shape.i;
    }
    return merged;
  }
}
