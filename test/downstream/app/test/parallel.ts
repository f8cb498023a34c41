// Proof that the two test files run at the same time (set by test/downstream/downstream.test.ts): each file
// marks its start and waits for the other's mark, so run one after the other they would time out here.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export async function meetTheOtherFile(self: string, other: string): Promise<void> {
  const dir = process.env.FIXTURE_SYNC_DIR;
  if (!dir) return;
  writeFileSync(join(dir, self), "");
  for (let waited = 0; !existsSync(join(dir, other)); waited += 50) {
    if (waited > 30_000) throw new Error(`${other} did not run alongside ${self}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
