// Import cycles in src/: `npm test` fails on any. Only imports that exist at run time count (`import type`
// and `export type` are erased by the compiler and cannot form a cycle at load).
// Usage: tsx scripts/check-cycles.ts   (exit 1 and the cycles on stderr when there are any)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Runtime imports of one module, as absolute paths of .ts files inside src/. */
export function runtimeImports(path: string, text: string): string[] {
  const out: string[] = [];
  const statement = /^\s*(import|export)\s+(?!type\b)([^;]*?)\s+from\s+["']([^"']+)["']/gms;
  for (const match of text.matchAll(statement)) {
    const [, , clause, specifier] = match;
    // `import { type A, type B } from` is erased too.
    if (
      /^\{[^}]*\}$/s.test(clause!.trim()) &&
      clause!
        .replace(/[{}\s]/g, "")
        .split(",")
        .filter(Boolean)
        .every((n) => n.startsWith("type"))
    )
      continue;
    if (!specifier!.startsWith(".")) continue;
    out.push(resolve(dirname(path), specifier!.replace(/\.js$/, ".ts")));
  }
  for (const match of text.matchAll(/^\s*import\s+["']([^"']+)["'];/gm))
    if (match[1]!.startsWith(".")) out.push(resolve(dirname(path), match[1]!.replace(/\.js$/, ".ts")));
  return out;
}

export function findCycles(dir: string): string[][] {
  const graph = new Map<string, string[]>();
  for (const file of files(dir))
    graph.set(
      file,
      runtimeImports(file, readFileSync(file, "utf8")).filter((target) => target.startsWith(dir)),
    );
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "visiting");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "visiting")
        cycles.push([...stack.slice(stack.indexOf(next)), next].map((p) => relative(root, p)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const cycles = findCycles(join(root, "src"));
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(" → ")}`);
  if (cycles.length > 0) process.exit(1);
  console.log("no import cycles in src/");
}
