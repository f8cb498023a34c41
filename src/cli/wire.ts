// The SDK hands commands camelCase models; both official CLIs print the REST API's own field names
// (`sandbox_id`, `template_id`, `created_at` …), which scripts pipe into jq. The SDK's names come from the wire
// names by one rule, so the inverse rule gives them back. Maps whose keys are data (env vars, a template's
// free-form config, a rich output's MIME-keyed payload) are copied as they are.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys whose values are maps of user data: their keys are never renamed. */
const DATA_MAPS = new Set(["env_vars", "fluent_api_config", "metadata", "data", "labels", "tags", "env"]);

function snakeKey(key: string): string {
  return key
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/** A model with the REST API's field names; Dates become ISO strings, undefined fields are left out. */
export function wire(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(wire);
  if (typeof value !== "object") return value as Json;
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const name = snakeKey(key);
    out[name] = DATA_MAPS.has(name) ? (JSON.parse(JSON.stringify(item)) as Json) : wire(item);
  }
  return out;
}
