// spec/sdk.yaml: how each operationId becomes an SDK method. Validated strictly, since a typo here
// would otherwise surface as a missing method far away.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { ErrorClassName } from "../../../src/runtime/operation.js";
import { SDK_CONFIG, type ApiName } from "./project.js";

export const STREAM_KINDS = ["json", "text", "binary", "sse", "websocket", "none"] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];
export type Plane = "controlPlane" | "agent";

export interface SdkOperation {
  operationId: string;
  plane: Plane;
  resource: string;
  method: string;
  retrySafe: boolean;
  paginated?: "cursor";
  stream: StreamKind;
  sse?: string;
  upload?: "multipart" | "binary";
  /** Error class per HTTP status ("404" → "TemplateNotFoundError"), emitted into the operations table. */
  errors?: Record<string, ErrorClassName>;
  /** Error statuses whose body is the operation's result, not an error (runCommand: a non-zero exit answers 500). */
  resultStatuses?: number[];
}

/** The error classes `errors` may name: exactly the members of ErrorClassName (checked below). */
export const ERROR_CLASS_NAMES = [
  "TemplateNotFoundError",
  "SandboxExpiredError",
  "FileNotFoundError",
  "FileOperationError",
  "CodeExecutionError",
  "CommandExecutionError",
  "NotFoundError",
  "ValidationError",
  "ServerError",
] as const satisfies readonly ErrorClassName[];
// Fails to compile when ErrorClassName gains a member this list lacks.
const _everyClassListed: [Exclude<ErrorClassName, (typeof ERROR_CLASS_NAMES)[number]>] extends [never] ? true : never =
  true;
void _everyClassListed;

export const PLANE_OF: Record<ApiName, Plane> = { "control-plane": "controlPlane", "vm-agent": "agent" };

const KEYS = new Set([
  "resource",
  "method",
  "retrySafe",
  "paginated",
  "stream",
  "sse",
  "upload",
  "errors",
  "resultStatuses",
]);
const IDENT = /^[a-z][A-Za-z0-9]*$/;
const STATUS = /^[45]\d\d$/;

/**
 * Checks an `errors` value: a non-empty map from an HTTP error status (400–599) to one of
 * ERROR_CLASS_NAMES. Returns it with string keys; throws naming `where` otherwise.
 */
export function parseErrorOverrides(where: string, value: unknown): Record<string, ErrorClassName> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.keys(value).length === 0)
    throw new Error(
      `${where}: errors must be a map from HTTP status to error class, e.g. {404: TemplateNotFoundError}`,
    );
  const out: Record<string, ErrorClassName> = {};
  for (const [status, name] of Object.entries(value)) {
    if (!STATUS.test(status)) throw new Error(`${where}: errors key "${status}" is not an HTTP error status (400–599)`);
    if (!ERROR_CLASS_NAMES.includes(name as ErrorClassName))
      throw new Error(
        `${where}: errors.${status} "${String(name)}" is not an error class; ` +
          `use one of ${ERROR_CLASS_NAMES.join(", ")}`,
      );
    out[status] = name as ErrorClassName;
  }
  return out;
}

export function loadSdkConfig(api: ApiName, path = SDK_CONFIG): SdkOperation[] {
  return sdkOperationsFrom(api, parse(readFileSync(path, "utf8")));
}

/** The operations of one API from parsed spec/sdk.yaml content, validated strictly. */
export function sdkOperationsFrom(api: ApiName, raw: unknown): SdkOperation[] {
  const plane = PLANE_OF[api];
  const section = (raw as Record<string, Record<string, Record<string, unknown>> | null> | null)?.[plane] ?? {};
  const out: SdkOperation[] = [];
  const seen = new Set<string>();
  for (const [operationId, entry] of Object.entries(section)) {
    const where = `spec/sdk.yaml ${plane}.${operationId}`;
    if (typeof entry !== "object" || entry === null) throw new Error(`${where}: must be a map of settings`);
    for (const key of Object.keys(entry)) if (!KEYS.has(key)) throw new Error(`${where}: unknown key "${key}"`);
    const { resource, method, retrySafe, paginated, stream, sse, upload, errors, resultStatuses } = entry;
    if (typeof resource !== "string" || !resource.split(".").every((part) => IDENT.test(part)))
      throw new Error(`${where}: resource must be dotted lowerCamel identifiers`);
    if (typeof method !== "string" || !IDENT.test(method))
      throw new Error(`${where}: method must be a lowerCamel identifier`);
    if (typeof retrySafe !== "boolean") throw new Error(`${where}: retrySafe must be true or false`);
    if (paginated !== undefined && paginated !== "cursor") throw new Error(`${where}: paginated must be "cursor"`);
    if (!STREAM_KINDS.includes(stream as StreamKind))
      throw new Error(`${where}: stream must be one of ${STREAM_KINDS.join(", ")}`);
    if (sse !== undefined && (typeof sse !== "string" || !IDENT.test(sse)))
      throw new Error(`${where}: sse must be a method name`);
    if (upload !== undefined && upload !== "multipart" && upload !== "binary")
      throw new Error(`${where}: upload must be multipart or binary`);
    const errorOverrides = errors === undefined ? undefined : parseErrorOverrides(where, errors);
    if (
      resultStatuses !== undefined &&
      (!Array.isArray(resultStatuses) ||
        resultStatuses.length === 0 ||
        !resultStatuses.every((s) => STATUS.test(String(s))))
    )
      throw new Error(`${where}: resultStatuses must be a list of HTTP error statuses (400–599)`);
    for (const name of [method, sse].filter((n): n is string => n !== undefined)) {
      const key = `${resource}.${name}`;
      if (seen.has(key)) throw new Error(`${where}: ${key} is mapped twice`);
      seen.add(key);
    }
    out.push({
      operationId,
      plane,
      resource,
      method,
      retrySafe,
      stream: stream as StreamKind,
      ...(paginated ? { paginated: "cursor" as const } : {}),
      ...(sse ? { sse: sse as string } : {}),
      ...(upload ? { upload: upload as "multipart" | "binary" } : {}),
      ...(errorOverrides ? { errors: errorOverrides } : {}),
      ...(resultStatuses ? { resultStatuses: (resultStatuses as unknown[]).map(Number) } : {}),
    });
  }
  return out;
}
