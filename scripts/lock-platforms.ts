// Run after `npm install` on this machine kind: the npm registry mirror here serves only the Linux builds
// of some platform-specific optional packages (rollup's and turbo's), so npm leaves the others out of
// package-lock.json and `npm ci` then rejects the lock as out of sync. This adds a lock entry for each such
// package, with the os/cpu/libc its name encodes, so `npm ci` sees a complete lock and skips them by
// platform without fetching anything.
import { readFileSync, writeFileSync } from "node:fs";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  [key: string]: unknown;
}

const OS: Record<string, string> = {
  android: "android",
  darwin: "darwin",
  freebsd: "freebsd",
  linux: "linux",
  openbsd: "openbsd",
  openharmony: "openharmony",
  win32: "win32",
  windows: "win32",
};
const CPU: Record<string, string> = {
  arm: "arm",
  arm64: "arm64",
  x64: "x64",
  "64": "x64",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
};

function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> | undefined {
  const parts = name.replace(/^@[^/]+\//, "").split("-");
  const osIndex = parts.findIndex((p) => p in OS);
  if (osIndex < 0) return undefined;
  const cpu = CPU[parts[osIndex + 1] ?? ""];
  if (!cpu) return undefined;
  const abi = parts.slice(osIndex + 2).join("-");
  const libc =
    abi.startsWith("musl") || abi.includes("musleabi") ? ["musl"] : abi.startsWith("gnu") ? ["glibc"] : undefined;
  return { os: [OS[parts[osIndex]!]!], cpu: [cpu], ...(libc ? { libc } : {}) };
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8")) as { packages: Record<string, LockEntry> };
const added: string[] = [];
for (const [, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+$/.test(range)) continue;
    lock.packages[key] = { version: range, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added.push(`${name}@${range}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} platform entries: ${added.join(", ")}` : "lock already complete");
