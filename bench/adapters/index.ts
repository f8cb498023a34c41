// Every adapter, raw fetch first: it is the floor the others are divided by. Loaded lazily so a child
// process holds only the client it measures (memory baselines and startup stay comparable).
import type { Adapter } from "./types.js";

export interface AdapterInfo {
  id: string;
  label: string;
  load(): Promise<Adapter>;
}

export const ADAPTERS: readonly AdapterInfo[] = [
  { id: "fetch", label: "raw fetch", load: async () => (await import("./raw-fetch.js")).rawFetch },
  { id: "openapi-fetch", label: "openapi-fetch", load: async () => (await import("./openapi-fetch.js")).openapiFetch },
  { id: "official", label: "@hopx-ai/sdk", load: async () => (await import("./official-sdk.js")).officialSdk },
  { id: "hopx", label: "hopx-client", load: async () => (await import("./hopx-client.js")).hopxClient },
];
export const BASELINE = "fetch";

export function adapterById(id: string): AdapterInfo {
  const adapter = ADAPTERS.find((a) => a.id === id);
  if (!adapter) throw new Error(`unknown adapter ${id}`);
  return adapter;
}
