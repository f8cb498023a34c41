// The bundled specs as the stateful mock reads them: one route per operation (method + path pattern), its
// parameters, request body and responses, and the checks of a request against them.
import { refResolver, schemaProblem, type RefResolver, type SchemaObject } from "./schema.js";

/** Which API a route belongs to. */
export type PlaneName = "controlPlane" | "agent";

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: SchemaObject;
}
interface MediaType {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}
interface Response {
  $ref?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  operationId: string;
  parameters?: Array<Parameter & { $ref?: string }>;
  requestBody?: { $ref?: string; required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  security?: Array<Record<string, string[]>>;
  "x-hopx-websocket"?: unknown;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  security?: Array<Record<string, string[]>>;
}

/** One operation of a spec, ready to match requests. */
export interface Route {
  plane: PlaneName;
  operationId: string;
  method: string;
  path: string;
  match: RegExp;
  pathParams: string[];
  parameters: Parameter[];
  body?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  /** Needs no credentials (`security: []`). */
  public: boolean;
  /** Accepts the API key as `?token=` (the metrics SSE stream, for browsers). */
  queryToken: boolean;
  websocket: boolean;
  spec: LoadedSpec;
}

/** One bundled spec: its routes and its `$ref` resolver. */
export interface LoadedSpec {
  plane: PlaneName;
  routes: Route[];
  resolve: RefResolver;
  byId: Map<string, Route>;
}

/** A path template as a matcher whose groups are its parameters, in the order of `names`. */
export function pathTemplate(template: string): { match: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith("{")) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(part.slice(1, -1));
      return "([^/]+)";
    })
    .join("");
  return { match: new RegExp(`^${pattern}$`), names };
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);

export function loadSpec(document: unknown, plane: PlaneName): LoadedSpec {
  const doc = document as Document;
  const resolve = refResolver(document);
  const deref = <T extends object>(value: T & { $ref?: string }): T =>
    value.$ref ? (resolve(value.$ref) as unknown as T) : value;
  const spec: LoadedSpec = { plane, routes: [], resolve, byId: new Map() };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || !operation.operationId) continue;
      const { match, names: pathParams } = pathTemplate(path);
      const security = operation.security ?? doc.security ?? [];
      const requestBody = operation.requestBody ? deref(operation.requestBody) : undefined;
      const route: Route = {
        plane,
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        match,
        pathParams,
        parameters: (operation.parameters ?? []).map((p) => deref(p)),
        ...(requestBody ? { body: { required: requestBody.required === true, content: requestBody.content } } : {}),
        responses: Object.fromEntries(Object.entries(operation.responses).map(([k, v]) => [k, deref(v)])),
        public: security.length === 0,
        queryToken: security.some((s) => "ApiKeyQuery" in s),
        websocket: operation["x-hopx-websocket"] !== undefined,
        spec,
      };
      spec.routes.push(route);
      spec.byId.set(route.operationId, route);
    }
  }
  // Literal paths before templated ones (`/files/watch` is not `/files/{x}`), as servers route them.
  spec.routes.sort((a, b) => a.pathParams.length - b.pathParams.length);
  return spec;
}

/** The route of a method and path, and its path parameters; `methods` lists the path's other methods. */
export function findRoute(
  spec: LoadedSpec,
  method: string,
  pathname: string,
): { route?: Route; params: Record<string, string>; methods: string[] } {
  const methods: string[] = [];
  for (const route of spec.routes) {
    const m = route.match.exec(pathname);
    if (!m) continue;
    if (route.method !== method) {
      methods.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.pathParams.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!);
    });
    return { route, params, methods };
  }
  return { params: {}, methods };
}

/** A query or header value read as its schema's type (query strings are text on the wire). */
function coerce(raw: string, schema: SchemaObject | undefined, resolve: RefResolver): unknown {
  const s = schema?.$ref ? resolve(schema.$ref) : schema;
  if (s?.type === "integer" || s?.type === "number") return raw.trim() === "" ? raw : Number(raw);
  if (s?.type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  return raw;
}

/** The parsed parts of a request the checks and handlers see. */
export interface ParsedRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  /** The JSON body (undefined when there is none or it is not JSON). */
  json?: unknown;
  /** The raw body bytes. */
  raw: Buffer;
}

/** Reads the query as typed values per the route's parameters (unknown names kept as strings). */
export function parseQuery(route: Route, search: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [name, value] of search) {
    const param = route.parameters.find((p) => p.in === "query" && p.name === name);
    query[name] = coerce(value, param?.schema, route.spec.resolve);
  }
  return query;
}

/** The first way a request breaks its operation's spec, or undefined. */
export function requestProblem(route: Route, req: ParsedRequest): string | undefined {
  const { resolve } = route.spec;
  for (const p of route.parameters) {
    const value =
      p.in === "path"
        ? req.params[p.name]
        : p.in === "query"
          ? req.query[p.name]
          : p.in === "header"
            ? req.headers[p.name.toLowerCase()]
            : undefined;
    if (value === undefined || value === "") {
      if (p.required || p.in === "path") return `${p.in} parameter ${p.name} is required`;
      continue;
    }
    const typed = p.in === "header" && typeof value === "string" ? coerce(value, p.schema, resolve) : value;
    const problem = p.schema ? schemaProblem(typed, p.schema, resolve, `${p.in} parameter ${p.name}`) : undefined;
    if (problem) return problem;
  }
  if (!route.body) return undefined;
  if (req.raw.length === 0) return route.body.required ? "a request body is required" : undefined;
  const type = req.contentType.split(";")[0]!.trim().toLowerCase();
  const media = route.body.content[type];
  if (!media)
    return `Content-Type ${type || "(none)"} is not accepted; send ${Object.keys(route.body.content).join(" or ")}`;
  if (type === "application/json") {
    if (req.json === undefined) return "the body is not valid JSON";
    return media.schema ? schemaProblem(req.json, media.schema, resolve, "body") : undefined;
  }
  return undefined;
}

/** The response of a status (or `default`), resolved. */
export function responseOf(route: Route, status: number): Response | undefined {
  return route.responses[String(status)] ?? route.responses[`${Math.floor(status / 100)}XX`] ?? route.responses.default;
}

/** The first way a JSON answer breaks the schema of its status (an undocumented status is one), or undefined. */
export function responseProblem(route: Route, status: number, body: unknown): string | undefined {
  const response = responseOf(route, status);
  if (!response) return `status ${status} is not a documented response of ${route.operationId}`;
  const media = response.content?.["application/json"];
  if (!media) return undefined;
  return media.schema ? schemaProblem(body, media.schema, route.spec.resolve, "response") : undefined;
}

/** The first example of a response's media type (the static answer the mock falls back to). */
export function exampleOf(route: Route, status: number, type: string): unknown {
  const media = responseOf(route, status)?.content?.[type];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  if (!first) return undefined;
  return first.$ref ? (route.spec.resolve(first.$ref) as { value?: unknown }).value : first.value;
}

/** The 2xx statuses and content types the spec documents for a route, first one first. */
export function successTypes(route: Route): Array<{ status: number; type: string | undefined }> {
  const out: Array<{ status: number; type: string | undefined }> = [];
  for (const [status, response] of Object.entries(route.responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const types = Object.keys(response.content ?? {});
    if (types.length === 0) out.push({ status: Number(status), type: undefined });
    for (const type of types) out.push({ status: Number(status), type });
  }
  return out;
}
