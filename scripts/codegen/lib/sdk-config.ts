// spec/sdk.yaml: how each operationId becomes an SDK method. Validated strictly, since a typo here
// would otherwise surface as a missing method far away.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
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
}

export const PLANE_OF: Record<ApiName, Plane> = { "control-plane": "controlPlane", "vm-agent": "agent" };

const KEYS = new Set(["resource", "method", "retrySafe", "paginated", "stream", "sse", "upload"]);
const IDENT = /^[a-z][A-Za-z0-9]*$/;

export function loadSdkConfig(api: ApiName, path = SDK_CONFIG): SdkOperation[] {
  const raw = parse(readFileSync(path, "utf8")) as Record<string, Record<string, Record<string, unknown>> | null>;
  const plane = PLANE_OF[api];
  const section = raw?.[plane] ?? {};
  const out: SdkOperation[] = [];
  const seen = new Set<string>();
  for (const [operationId, entry] of Object.entries(section)) {
    const where = `spec/sdk.yaml ${plane}.${operationId}`;
    for (const key of Object.keys(entry)) if (!KEYS.has(key)) throw new Error(`${where}: unknown key "${key}"`);
    const { resource, method, retrySafe, paginated, stream, sse, upload } = entry;
    if (typeof resource !== "string" || !resource.split(".").every((part) => IDENT.test(part)))
      throw new Error(`${where}: resource must be dotted lowerCamel identifiers`);
    if (typeof method !== "string" || !IDENT.test(method)) throw new Error(`${where}: method must be a lowerCamel identifier`);
    if (typeof retrySafe !== "boolean") throw new Error(`${where}: retrySafe must be true or false`);
    if (paginated !== undefined && paginated !== "cursor") throw new Error(`${where}: paginated must be "cursor"`);
    if (!STREAM_KINDS.includes(stream as StreamKind)) throw new Error(`${where}: stream must be one of ${STREAM_KINDS.join(", ")}`);
    if (sse !== undefined && (typeof sse !== "string" || !IDENT.test(sse))) throw new Error(`${where}: sse must be a method name`);
    if (upload !== undefined && upload !== "multipart" && upload !== "binary") throw new Error(`${where}: upload must be multipart or binary`);
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
    });
  }
  return out;
}
