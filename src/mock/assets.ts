// Where the mock's assets are: in the published package, dist/specs, gzipped (written by
// scripts/postbuild.ts; a tenth of the bytes, and install size is a target: bench/README.md); in the
// repository, generated/.
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** The URL of an asset (`control-plane/openapi.json`, `mock/fixtures.json` …). */
export function assetUrl(path: string): URL {
  // The code may sit in dist/mock/, in a shared chunk in dist/, or in src/mock/ (tests, tsx).
  const candidates = [`../specs/${path}.gz`, `./specs/${path}.gz`, `../../generated/${path}`];
  for (const candidate of candidates) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return url;
  }
  throw new Error(`hopx mock: asset ${path} not found next to ${import.meta.url} (is the package installed whole?)`);
}

/** An asset's JSON. */
export function readAsset<T>(path: string): T {
  const url = assetUrl(path);
  const bytes = readFileSync(url);
  return JSON.parse((url.pathname.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8")) as T;
}
