// Which JavaScript runtime the SDK runs on, read from globals only (nothing imported), so the answer is the same
// in every bundle. Bun and Deno also define `process.versions.node`, so they are told apart first.
interface RuntimeGlobals {
  Bun?: unknown;
  Deno?: unknown;
  process?: { versions?: { node?: string } };
}

/** `other`: neither Node, Bun nor Deno — a browser or a browser-like worker. */
export type RuntimeKind = "node" | "bun" | "deno" | "other";

export function runtimeKind(): RuntimeKind {
  const g = globalThis as RuntimeGlobals;
  if (g.Bun !== undefined) return "bun";
  if (g.Deno !== undefined) return "deno";
  return g.process?.versions?.node === undefined ? "other" : "node";
}

/** Node's major and minor version; `[0, 0]` on any other runtime. */
export function nodeVersion(): readonly [number, number] {
  if (runtimeKind() !== "node") return [0, 0];
  const [major = 0, minor = 0] = ((globalThis as RuntimeGlobals).process?.versions?.node ?? "").split(".").map(Number);
  return [major, minor];
}
