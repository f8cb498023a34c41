// The README's TypeScript blocks compile in strict mode against the public entries (scripts/readme-examples.ts):
// every ```ts block, including ones added later, is one test named by its README line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BlockError,
  checkBlocks,
  docExampleBlocks,
  ROOT,
  sourceExampleBlocks,
  tsBlocks,
} from "../../scripts/readme-examples.js";

const blocks = tsBlocks(readFileSync(join(ROOT, "README.md"), "utf8"));
const examples = sourceExampleBlocks();
let errors: BlockError[][] = [];
let exampleErrors: BlockError[][] = [];
beforeAll(() => {
  // One program for both sets: the compiler loads src/ once.
  const all = checkBlocks([...blocks, ...examples]);
  errors = all.slice(0, blocks.length);
  exampleErrors = all.slice(blocks.length);
}, 180_000);

describe("README examples", () => {
  it("the README has TypeScript examples to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((block, index) => ({ index, line: block.line })))(
    "the block at README.md:$line compiles in strict mode",
    ({ index }) => {
      const found = errors[index]!.map((e) => `README.md:${e.line}: ${e.message}`);
      expect(found, found.join("\n")).toEqual([]);
    },
  );
});

describe("@example blocks of the doc comments in src/", () => {
  it("the public classes carry examples to check", () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples.map((block, index) => ({ index, where: `${block.file}:${block.line}` })))(
    "the example at $where compiles in strict mode",
    ({ index }) => {
      const block = examples[index]!;
      const found = exampleErrors[index]!.map((e) => `${block.file}:${e.line}: ${e.message}`);
      expect(found, found.join("\n")).toEqual([]);
    },
  );
});

describe("the README block checker", () => {
  const markdown = [
    "# t", // 1
    "```sh", // 2
    "npm test", // 3
    "```", // 4
    "```ts", // 5
    'import { Sandbox } from "hopx-client";', // 6
    "declare const sandbox: Sandbox;", // 7
    "await sandbox.runCode(42);", // 8: a number where code (a string) goes
    "```", // 9
    "```typescript", // 10
    "const r = await fetch(undeclaredAddress);", // 11: top-level await without imports; an undeclared name
    "```", // 12
    "```ts", // 13
    'import { startMock } from "hopx-client/mock";', // 14
    'import { createControlPlane } from "hopx-client/raw";', // 15
    "const mock = await startMock();", // 16
    "const cp = createControlPlane({ baseURL: mock.controlPlaneUrl, apiKey: 'k' });", // 17
    "await mock.stop();", // 18
    "```", // 19
  ].join("\n");

  it("extracts the ts blocks of doc comments, without their comment stars", () => {
    const source = [
      "/**", // 1
      " * Does a thing.", // 2
      " *", // 3
      " * @example", // 4
      " * ```ts", // 5
      ' * import { Sandbox } from "hopx-client";', // 6
      " *", // 7
      " * await Sandbox.connect(7);", // 8: a number where the id (a string) goes
      " * ```", // 9
      " */", // 10
      "export const x = 1;", // 11
    ].join("\n");
    const found = docExampleBlocks(source, "src/x.ts");
    expect(found).toEqual([
      { line: 6, code: 'import { Sandbox } from "hopx-client";\n\nawait Sandbox.connect(7);', file: "src/x.ts" },
    ]);
    const [errorsOfBlock] = checkBlocks(found);
    expect(errorsOfBlock!.map((e) => `${e.line} ${e.message.slice(0, 6)}`)).toEqual(["8 TS2345"]);
  }, 180_000);

  it("extracts ts and typescript blocks with the line of their first code line", () => {
    expect(tsBlocks(markdown).map((b) => b.line)).toEqual([6, 11, 14]);
  });

  it("reports an error at its README line, allows top-level await, and resolves every public entry", () => {
    const [first, second, third] = checkBlocks(tsBlocks(markdown));
    expect(first!.map((e) => e.line)).toEqual([8]);
    expect(first![0]!.message).toMatch(/^TS2345: .*number.*string/s);
    expect(second!.map((e) => `${e.line} ${e.message.slice(0, 6)}`)).toEqual(["11 TS2304"]);
    expect(third).toEqual([]);
  }, 180_000);
});
