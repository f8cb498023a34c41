// The JSON Schema (OpenAPI 3.0) checks of the stateful mock, interpreted over the bundled spec that the
// package ships anyway: no validator library in the install, nothing compiled at start. It covers the
// keywords the two specs use (type, nullable, enum, required, properties, additionalProperties, items,
// minItems/maxItems, minimum/maximum, pattern, format, oneOf/anyOf/allOf with discriminator, $ref);
// test/mock/schema.test.ts checks it against Ajv on every example of both specs.

/** One schema object of the specs (the subset of OpenAPI 3.0 Schema the checks read). */
export interface SchemaObject {
  $ref?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SchemaObject>;
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
}

/** Finds the schema a local `$ref` (`#/components/...`) points at. */
export type RefResolver = (ref: string) => SchemaObject;

/** A document's `$ref` resolver (memoised: the same ref is looked up once). */
export function refResolver(document: unknown): RefResolver {
  const cache = new Map<string, SchemaObject>();
  return (ref) => {
    let found = cache.get(ref);
    if (found) return found;
    if (!ref.startsWith("#/")) throw new Error(`hopx mock: only local $refs are supported, got ${ref}`);
    let node: unknown = document;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (typeof node !== "object" || node === null) throw new Error(`hopx mock: $ref ${ref} points at nothing`);
    found = node as SchemaObject;
    cache.set(ref, found);
    return found;
  };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const patterns = new Map<string, RegExp>();

function formatProblem(value: string, format: string | undefined): string | undefined {
  if (format === "date-time") return DATE_TIME.test(value) ? undefined : "must be an RFC 3339 date-time";
  if (format === "uri") return URL.canParse(value) ? undefined : "must be a URI";
  if (format === "byte") return BASE64.test(value) ? undefined : "must be base64";
  return undefined;
}

const typeOf = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

function typeMatches(value: unknown, type: SchemaObject["type"]): boolean {
  if (type === undefined) return true;
  if (type === "integer") return Number.isInteger(value);
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  return typeOf(value) === type;
}

const describe = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/**
 * The first way `value` breaks `schema`, as a sentence that names the field (`at` is the name of the
 * root, e.g. `body` or `response`), or undefined when it conforms.
 */
export function schemaProblem(
  value: unknown,
  schema: SchemaObject,
  resolve: RefResolver,
  at: string,
): string | undefined {
  if (schema.$ref) return schemaProblem(value, resolve(schema.$ref), resolve, at);
  if (value === undefined) return undefined;
  if (value === null) {
    if (schema.nullable || schema.enum?.includes(null)) return undefined;
    if (schema.type === undefined && !schema.oneOf && !schema.anyOf && !schema.allOf && !schema.enum) return undefined;
    return `${at} must not be null`;
  }
  for (const part of schema.allOf ?? []) {
    const problem = schemaProblem(value, part, resolve, at);
    if (problem) return problem;
  }
  if (schema.oneOf) {
    const problem = oneOfProblem(value, schema, resolve, at);
    if (problem) return problem;
  }
  if (schema.anyOf) {
    const problems = schema.anyOf.map((s) => schemaProblem(value, s, resolve, at));
    if (!problems.includes(undefined)) return closest(problems as string[], at);
  }
  if (!typeMatches(value, schema.type))
    return `${at} must be ${/^[aeiou]/.test(String(schema.type)) ? "an" : "a"} ${schema.type}, got ${describe(value)}`;
  if (schema.enum && !schema.enum.includes(value))
    return `${at} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}, got ${describe(value)}`;
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      return `${at} must be >= ${schema.minimum}, got ${value}`;
    if (schema.maximum !== undefined && value > schema.maximum)
      return `${at} must be <= ${schema.maximum}, got ${value}`;
  }
  if (typeof value === "string") {
    if (schema.pattern !== undefined) {
      let re = patterns.get(schema.pattern);
      if (!re) {
        re = new RegExp(schema.pattern, "u");
        patterns.set(schema.pattern, re);
      }
      if (!re.test(value)) return `${at} must match ${schema.pattern}, got ${describe(value)}`;
    }
    const problem = formatProblem(value, schema.format);
    if (problem) return `${at} ${problem}, got ${describe(value)}`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      return `${at} must have at least ${schema.minItems} items, got ${value.length}`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      return `${at} must have at most ${schema.maxItems} items, got ${value.length}`;
    if (schema.items)
      for (let i = 0; i < value.length; i++) {
        const problem = schemaProblem(value[i], schema.items, resolve, `${at}[${i}]`);
        if (problem) return problem;
      }
  }
  if (
    typeOf(value) === "object" &&
    (schema.properties || schema.required || schema.additionalProperties !== undefined)
  ) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (object[name] === undefined) return `${at}.${name} is required`;
    for (const name in object) {
      const item = object[name];
      const known = schema.properties?.[name];
      const extra = schema.additionalProperties;
      const problem = known
        ? schemaProblem(item, known, resolve, `${at}.${name}`)
        : typeof extra === "object"
          ? schemaProblem(item, extra, resolve, `${at}.${name}`)
          : extra === false
            ? `${at}.${name} is not a field of this schema`
            : undefined;
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Of several failed alternatives, the one that got furthest into the value (the longest field path). */
function closest(problems: string[], at: string): string {
  const depth = (p: string): number => p.split(" ")[0]!.length;
  const best = problems.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  return depth(best) > at.length ? best : `${at} matches none of its ${problems.length} allowed shapes (${best})`;
}

function oneOfProblem(value: unknown, schema: SchemaObject, resolve: RefResolver, at: string): string | undefined {
  const variants = schema.oneOf!;
  const discriminator = schema.discriminator;
  if (discriminator && typeOf(value) === "object") {
    const tag = (value as Record<string, unknown>)[discriminator.propertyName];
    const ref = typeof tag === "string" ? discriminator.mapping?.[tag] : undefined;
    if (ref) return schemaProblem(value, { $ref: ref }, resolve, at);
  }
  const problems = variants.map((s) => schemaProblem(value, s, resolve, at));
  const matches = problems.filter((p) => p === undefined).length;
  if (matches === 1) return undefined;
  if (matches > 1) {
    // Overlapping shapes (e.g. a string or a free-form object) are common in these specs; Ajv agrees
    // only when exactly one matches, so the mock does too.
    return `${at} matches ${matches} of its allowed shapes, not exactly one`;
  }
  return closest(problems as string[], at);
}
