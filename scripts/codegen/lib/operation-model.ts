// One SDK method as the generators see it: the spec operation joined with its spec/sdk.yaml entry,
// with the parameter, body and result schemas picked out.
import { camelCase, pascalCase } from "./naming.js";
import {
  deref,
  operationsOf,
  successResponses,
  type Document,
  type HttpMethod,
  type MediaType,
  type Parameter,
  type Schema,
} from "./openapi.js";
import type { SdkOperation, StreamKind } from "./sdk-config.js";

export interface MethodModel {
  sdk: SdkOperation;
  /** Method name on the resource (the `sse` twin has its own model). */
  name: string;
  kind: StreamKind;
  /** Key in the generated operations table. */
  opKey: string;
  path: string;
  httpMethod: HttpMethod;
  summary: string;
  description: string;
  deprecated: boolean;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: { mediaType: string; schema: Schema; required: boolean };
  /** JSON result schemas of the 2xx responses; `empty` when some 2xx carries no body. */
  result: { schemas: Schema[]; empty: boolean };
  accept?: string;
  websocket?: { client: string; server: string };
  /** The operation needs no credentials (`security: []`). */
  isPublic: boolean;
}

const JSON_TYPE = "application/json";

function resultOf(_doc: Document, responses: ReturnType<typeof successResponses>): MethodModel["result"] {
  const schemas: Schema[] = [];
  let empty = false;
  for (const [status, response] of responses) {
    const media: MediaType | undefined = response.content?.[JSON_TYPE];
    if (status === "204" || !response.content) empty = true;
    else if (media?.schema) schemas.push(media.schema);
  }
  return { schemas, empty };
}

function acceptFor(kind: StreamKind, contentTypes: string[]): string | undefined {
  if (kind === "sse") return "text/event-stream";
  if (kind === "json") return contentTypes.length > 1 ? JSON_TYPE : undefined;
  if (kind === "text") return contentTypes.find((t) => t.startsWith("text/")) ?? "text/plain";
  if (kind === "binary") {
    const binary = contentTypes.filter((t) => t !== JSON_TYPE);
    return binary.length > 0 ? binary.join(", ") : undefined;
  }
  return undefined;
}

export function methodModels(doc: Document, sdkOps: SdkOperation[], api: string): MethodModel[] {
  const byId = new Map(operationsOf(doc).map((entry) => [entry.operation.operationId, entry]));
  const mapped = new Set(sdkOps.map((op) => op.operationId));
  const unmapped = [...byId.keys()].filter((id) => !mapped.has(id));
  if (unmapped.length > 0) throw new Error(`spec/sdk.yaml lacks ${api} operations: ${unmapped.join(", ")}`);
  const models: MethodModel[] = [];
  for (const sdk of sdkOps) {
    const entry = byId.get(sdk.operationId);
    if (!entry) throw new Error(`spec/sdk.yaml names ${sdk.operationId}, which is not an operation of ${api}`);
    const { operation } = entry;
    const responses = successResponses(doc, operation);
    const contentTypes = [...new Set(responses.flatMap(([, r]) => Object.keys(r.content ?? {})))];
    const bodyEntry = operation.requestBody ? Object.entries(deref(doc, operation.requestBody).content)[0] : undefined;
    const ws = operation["x-hopx-websocket"];
    if (sdk.stream === "websocket" && !ws)
      throw new Error(`${sdk.operationId}: stream websocket needs x-hopx-websocket`);
    const base: MethodModel = {
      sdk,
      name: sdk.method,
      kind: sdk.stream,
      opKey: sdk.operationId,
      path: entry.path,
      httpMethod: entry.method,
      summary: operation.summary ?? sdk.operationId,
      description: operation.description ?? "",
      deprecated: operation.deprecated === true,
      pathParams: entry.parameters.filter((p) => p.in === "path"),
      queryParams: entry.parameters.filter((p) => p.in === "query"),
      ...(bodyEntry?.[1].schema
        ? {
            body: {
              mediaType: bodyEntry[0],
              schema: bodyEntry[1].schema,
              required: operation.requestBody?.required === true,
            },
          }
        : {}),
      result: resultOf(doc, responses),
      isPublic: Array.isArray(operation.security) && operation.security.length === 0,
      ...(ws ? { websocket: { client: ws.client, server: ws.server } } : {}),
    };
    const accept = acceptFor(sdk.stream, contentTypes);
    models.push(accept ? { ...base, accept } : base);
    if (sdk.sse) {
      if (!contentTypes.includes("text/event-stream"))
        throw new Error(`${sdk.operationId}: sse twin needs a text/event-stream response`);
      models.push({ ...base, name: sdk.sse, kind: "sse", opKey: `${sdk.operationId}Sse`, accept: "text/event-stream" });
    }
  }
  return models;
}

export const queryTypeName = (m: MethodModel): string => `${pascalCase(m.sdk.operationId)}Query`;
export const bodyTypeName = (m: MethodModel): string => `${pascalCase(m.sdk.operationId)}Body`;
export const resultTypeName = (m: MethodModel): string => `${pascalCase(m.sdk.operationId)}Result`;
export const paramName = (p: Parameter): string => camelCase(p.name);

/** The query parameters as one object schema (wire names), for typing and conversion. */
export function querySchema(m: MethodModel): Schema | undefined {
  if (m.queryParams.length === 0) return undefined;
  const properties: Record<string, Schema> = {};
  for (const p of m.queryParams)
    properties[p.name] = {
      ...(p.schema ?? { type: "string" }),
      ...(p.description ? { description: p.description } : {}),
    };
  const required = m.queryParams.filter((p) => p.required).map((p) => p.name);
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}
