// The text of every .ts file under a folder, for tests that check what hand-written code calls or throws.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export async function sourceText(dir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".ts")) out.push(await readFile(path, "utf8"));
    }
  };
  await walk(dir);
  return out.join("\n");
}
