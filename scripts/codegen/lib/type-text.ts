// JSON Schema → TypeScript type text in the SDK's camelCase form. Object property names are converted;
// the keys of maps (additionalProperties) are data and stay as they are.
import { camelCase, pascalCase, propertyKey } from "./naming.js";
import { refName, type Schema } from "./openapi.js";

export interface TypeTextOptions {
  /** Name of the TypeScript type generated for a component schema. */
  modelName(component: string): string;
  /** Write each property's doc comment into inline object types too (the models; `propertyDoc`). */
  withDocs?: boolean;
}

/**
 * The doc of a property: the spec's description, and its wire name when that differs. A property the spec
 * leaves undescribed still gets a summary (every public member is documented; `npm run check:docs`): its
 * wire field, and a link to the model its schema names.
 */
export function propertyDoc(wire: string, sub: Schema, opts: TypeTextOptions): string {
  if (sub.description)
    return [sub.description, wire !== camelCase(wire) && `Wire name: \`${wire}\`.`].filter(Boolean).join("\n\n");
  const ref = sub.$ref ?? sub.items?.$ref;
  const model = ref && `{@link ${opts.modelName(refName(ref))}}`;
  return `Wire field \`${wire}\`${model ? (sub.$ref ? `: see ${model}` : `: a list of ${model}`) : ""}.`;
}

/**
 * A one-line doc comment for a member of an inline object type, on a line of its own (the compiler, and so
 * TypeDoc and editors, ignore a doc comment on the line of the brace before it).
 */
function inlineDoc(text: string, deprecated: boolean | undefined): string {
  const body = `${text.replace(/\s*\n\s*/g, " ")}${deprecated ? " @deprecated" : ""}`.replaceAll("*/", "*\\/");
  return `/** ${body} */\n`;
}

export const defaultModelName = (component: string): string => pascalCase(component);

function literal(value: string | number | boolean | null): string {
  return value === null ? "null" : JSON.stringify(value);
}

const union = (parts: string[]): string => {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0]! : unique.map((p) => (p.includes("=>") ? `(${p})` : p)).join(" | ");
};

function objectText(schema: Schema, opts: TypeTextOptions): string {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const members = props.map(([name, sub]) => {
    const optional = required.has(name) ? "" : "?";
    const doc = opts.withDocs ? inlineDoc(propertyDoc(name, sub, opts), sub.deprecated) : "";
    return `${doc}${propertyKey(camelCase(name))}${optional}: ${typeText(sub, opts)}`;
  });
  const extra = schema.additionalProperties;
  const mapValue = extra === true ? "unknown" : extra && typeof extra === "object" ? typeText(extra, opts) : undefined;
  if (members.length === 0) return `Record<string, ${mapValue ?? "unknown"}>`;
  const body = opts.withDocs
    ? `{\n${members.map((m) => m.replace(/^/gm, "  ")).join(";\n")};\n}`
    : `{ ${members.join("; ")} }`;
  return mapValue === undefined ? body : `${body} & { [key: string]: unknown }`;
}

export function typeText(schema: Schema, opts: TypeTextOptions): string {
  const nullable = schema.nullable ? " | null" : "";
  if (schema.$ref) return opts.modelName(refName(schema.$ref)) + nullable;
  if (schema.enum) return union(schema.enum.map(literal)) + nullable;
  const variants = schema.oneOf ?? schema.anyOf;
  const composed = variants || schema.allOf;
  if (composed) {
    // Properties beside oneOf/anyOf/allOf apply to every variant: intersect them with the composition.
    const base = schema.properties
      ? [`(${objectText({ ...schema, oneOf: undefined, anyOf: undefined, allOf: undefined }, opts)})`]
      : [];
    const rest = variants
      ? [`(${union(variants.map((s) => typeText(s, opts)))})`]
      : schema.allOf!.map((s) => `(${typeText(s, opts)})`);
    const parts = [...base, ...rest];
    return (parts.length === 1 ? parts[0]!.slice(1, -1) : parts.join(" & ")) + nullable;
  }
  switch (schema.type) {
    case "string":
      // Binary request content: a Blob, or a stream (StreamedFile) sent as it is read, never held in memory.
      return (schema.format === "binary" ? "Blob | StreamedFile" : "string") + nullable;
    case "integer":
    case "number":
      return `number${nullable}`;
    case "boolean":
      return `boolean${nullable}`;
    case "array":
      return `Array<${schema.items ? typeText(schema.items, opts) : "unknown"}>${nullable}`;
    case "object":
      return objectText(schema, opts) + (nullable ? ` | null` : "");
    default:
      return schema.properties ? objectText(schema, opts) + nullable : "unknown";
  }
}

/** True when a component schema is best emitted as an interface (a plain object with known fields). */
export function isInterfaceSchema(schema: Schema): boolean {
  return (
    (schema.type === "object" || (schema.type === undefined && schema.properties !== undefined)) &&
    schema.properties !== undefined &&
    Object.keys(schema.properties).length > 0 &&
    !schema.nullable &&
    !schema.oneOf &&
    !schema.anyOf &&
    !schema.allOf &&
    schema.additionalProperties === undefined
  );
}
