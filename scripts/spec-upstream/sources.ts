// spec/upstream/sources.yaml: per API, every generation of HopX's published file that is vendored (a deployed
// service may serve any of them), with where it came from and what the test checks it against.
import { parse } from "yaml";
import { list, obj, str } from "../spec-diff/json.js";

export interface UpstreamSource {
  api: string;
  /** A name for this generation of the file (`main`, `generated-2025-12-27`), unique within its API. */
  generation: string;
  /** The file's name in spec/upstream/. */
  file: string;
  info_version: string;
  upstream: string;
  /** The date it was vendored (YYYY-MM-DD). */
  vendored: string;
  sha256: string;
}

const FIELDS = ["generation", "file", "info_version", "upstream", "vendored", "sha256"] as const;

export function parseSources(text: string): UpstreamSource[] {
  const out: UpstreamSource[] = [];
  for (const [api, entries] of Object.entries(obj(parse(text)))) {
    if (!Array.isArray(entries)) throw new Error(`${api}: a list of generations is expected`);
    const seen = new Set<string>();
    for (const entry of list(entries)) {
      const fields = Object.fromEntries(FIELDS.map((f) => [f, str(obj(entry)[f])]));
      const absent = FIELDS.filter((f) => fields[f] === undefined);
      if (absent.length > 0) throw new Error(`${api}: a generation without ${absent.join(", ")}`);
      const source = { api, ...fields } as UpstreamSource;
      if (seen.has(source.generation)) throw new Error(`${api}: generation ${source.generation} listed twice`);
      seen.add(source.generation);
      out.push(source);
    }
  }
  return out;
}
