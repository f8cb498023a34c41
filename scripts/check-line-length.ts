// House style: no line of hand-written code over 120 characters (the formatter wraps code; this catches the
// strings and comments it leaves alone). Usage: tsx scripts/check-line-length.ts
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const tracked = execFileSync(
  "git",
  ["ls-files", "--cached", "--others", "--exclude-standard", "src", "test", "scripts", "examples"],
  {
    encoding: "utf8",
  },
);
const long: string[] = [];
for (const path of tracked.split("\n").filter((p) => /\.(ts|cjs|mjs)$/.test(p))) {
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, index) => {
      if ([...line].length > MAX) long.push(`${path}:${index + 1} (${[...line].length})`);
    });
}
for (const where of long) console.error(`line over ${MAX} characters: ${where}`);
if (long.length > 0) process.exit(1);
console.log(`no line over ${MAX} characters`);
