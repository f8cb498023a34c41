// Where the mock's assets are: in the published package, dist/specs (written by scripts/postbuild.ts); in
// the repository, generated/.
import { existsSync, readFileSync } from "node:fs";

/** The URL of an asset (`control-plane/openapi.json`, `mock/fixtures.json` …). */
export function assetUrl(path: string): URL {
  const built = new URL(`../specs/${path}`, import.meta.url);
  return existsSync(built) ? built : new URL(`../../generated/${path}`, import.meta.url);
}

/** An asset's JSON. */
export function readAsset<T>(path: string): T {
  return JSON.parse(readFileSync(assetUrl(path), "utf8")) as T;
}
