// JSON Schema → TypeScript type text in the SDK's camelCase form. Object property names are converted;
// the keys of maps (additionalProperties) are data and stay as they are.
import { camelCase, pascalCase, propertyKey } from "./naming.js";
import { refName, type Schema } from "./openapi.js";

export interface TypeTextOptions {
  /** Name of the TypeScript type generated for a component schema. */
  modelName(component: string): string;
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
    return `${propertyKey(camelCase(name))}${optional}: ${typeText(sub, opts)}`;
  });
  const extra = schema.additionalProperties;
  const mapValue = extra === true ? "unknown" : extra && typeof extra === "object" ? typeText(extra, opts) : undefined;
  if (members.length === 0) return `Record<string, ${mapValue ?? "unknown"}>`;
  const body = `{ ${members.join("; ")} }`;
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
