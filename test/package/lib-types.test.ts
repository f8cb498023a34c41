// The built declarations under the libs a user's app may have: a browser app (DOM, no @types/node), a Node
// app (@types/node, no DOM), everything at once (src/web-globals.d.ts merges with the real declarations),
// and plain es2022 with neither. Always `skipLibCheck: false`, so every declaration file is checked.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
let app: string;

// Names a user reaches for: the client, a sandbox, its stream (with Symbol.asyncDispose), the raw entry
// (openapi-fetch's Client, the wire types) and the mock.
const APP = `import { Hopx, Sandbox } from "hopx-client";
import { controlPlaneTransport, type ControlPlaneWire } from "hopx-client/raw";
import { startMock } from "hopx-client/mock";
export async function main(signal: AbortSignal): Promise<string> {
  const mock = await startMock();
  const hopx = new Hopx({ apiKey: "hopx_test_x.y", baseURL: mock.controlPlaneUrl });
  const sandbox: Sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
  const stream = sandbox.runCodeStream("print(1)", { signal });
  await stream[Symbol.asyncDispose]();
  const body: ControlPlaneWire.components["schemas"]["Sandbox"] | undefined = undefined;
  void controlPlaneTransport;
  void hopx.raw.GET;
  return String(body) + (await sandbox.files.read("/x"));
}
`;

beforeAll(async () => {
  if (!existsSync(join(root, "dist/web-globals.d.ts")))
    throw new Error("dist/ is missing: `npm test` builds it first (npm run build)");
  app = await mkdtemp(join(tmpdir(), "hopx-libs-"));
  await mkdir(join(app, "node_modules"));
  await symlink(root, join(app, "node_modules/hopx-client"), "dir");
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "libs-app", private: true, type: "module" }));
  await writeFile(join(app, "app.ts"), APP);
});
afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

/** tsc's diagnostics (one per line) for app.ts under these libs and types. */
async function diagnostics(name: string, lib: string[], types: string[], resolution: string): Promise<string[]> {
  const config = join(app, `tsconfig.${name}.json`);
  await writeFile(
    config,
    JSON.stringify({
      compilerOptions: {
        module: resolution === "bundler" ? "esnext" : "nodenext",
        moduleResolution: resolution,
        target: "es2022",
        lib,
        types,
        typeRoots: [join(root, "node_modules/@types")],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ["app.ts"],
    }),
  );
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const out = await run(process.execPath, [tsc, "-p", config], { cwd: app }).catch((err: { stdout: string }) => err);
  return out.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
}

describe("the built declarations under the user's libs (skipLibCheck: false)", () => {
  it.each([
    ["a browser app: es2022 + DOM, no @types/node", "browser", ["es2022", "dom"], [], "bundler"],
    ["a Node app: es2022 + @types/node, no DOM", "node", ["es2022"], ["node"], "nodenext"],
    [
      "everything, Symbol.asyncDispose declared by the lib too: esnext + DOM + @types/node",
      "all",
      ["esnext", "dom", "dom.iterable"],
      ["node"],
      "nodenext",
    ],
  ])(
    "%s compiles",
    async (_label, name, lib, types, resolution) => {
      expect(await diagnostics(name, lib, types, resolution)).toEqual([]);
    },
    60_000,
  );

  it("plain es2022 (no DOM, no @types/node): nothing in hopx-client's declarations fails", async () => {
    const errors = await diagnostics("bare", ["es2022"], [], "nodenext");
    // openapi-fetch's own declarations need a global `Request` value and Response's members, which only
    // DOM or @types/node provide (no stub can declare them without clashing with those).
    expect(errors.filter((line) => !line.includes("node_modules/openapi-fetch/"))).toEqual([]);
  }, 60_000);
});
