// The slice of OpenAPI 3.0 the generators read, and helpers to walk a bundled document.

export interface Schema {
  $ref?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  format?: string;
  description?: string;
  enum?: Array<string | number | boolean | null>;
  nullable?: boolean;
  deprecated?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  example?: unknown;
  default?: unknown;
}

export interface Example {
  summary?: string;
  value?: unknown;
}

export interface MediaType {
  schema?: Schema;
  examples?: Record<string, Example>;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
  description?: string;
  example?: unknown;
  examples?: Record<string, Example>;
}

export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}

export interface WebSocketExtension {
  client: string;
  server: string;
  transcript?: Array<{ client?: unknown; server?: unknown }>;
}

export interface SseExtension {
  events: Record<string, string>;
}

export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  security?: Array<Record<string, string[]>>;
  "x-hopx-websocket"?: WebSocketExtension;
  "x-hopx-sse"?: SseExtension;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "patch"];

export interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<HttpMethod, Operation>> & { parameters?: Parameter[] }>;
  components?: {
    schemas?: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, Response>;
    requestBodies?: Record<string, { required?: boolean; content: Record<string, MediaType> }>;
  };
  security?: Array<Record<string, string[]>>;
}

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  operation: Operation;
  /** Path-level and operation-level parameters, references resolved. */
  parameters: Parameter[];
}

const COMPONENT_REF = /^#\/components\/(schemas|parameters|responses|requestBodies)\/(.+)$/;

export function refName(ref: string): string {
  const match = COMPONENT_REF.exec(ref);
  if (!match) throw new Error(`unsupported $ref ${ref}`);
  return decodeURIComponent(match[2]!);
}

/** Follows a `$ref` into `components` (one hop; the bundle only has component refs). */
export function deref<T extends object>(doc: Document, value: T | { $ref: string }): T {
  if (!("$ref" in value) || typeof value.$ref !== "string") return value as T;
  const match = COMPONENT_REF.exec(value.$ref);
  if (!match) throw new Error(`unsupported $ref ${value.$ref}`);
  const section = doc.components?.[match[1] as "schemas"] as Record<string, unknown> | undefined;
  const target = section?.[decodeURIComponent(match[2]!)];
  if (target === undefined) throw new Error(`dangling $ref ${value.$ref}`);
  return deref(doc, target as T);
}

/** Every operation of the document, in path then method order (the bundle's order is the spec's). */
export function operationsOf(doc: Document): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      entries.push({ path, method, operation, parameters });
    }
  }
  return entries;
}

/** The 2xx responses of an operation with references resolved, by status code. */
export function successResponses(doc: Document, op: Operation): Array<[string, Response]> {
  return Object.entries(op.responses)
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([status, response]) => [status, deref(doc, response)]);
}
