// The TypeScript blocks of the users' README.md and the maintainers' CONTRIBUTING.md compile in strict mode
// against the public entries (scripts/readme-examples.ts): every ```ts block, including ones added later, is one
// test named by its file and line. Links between the two files land on a heading that exists.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BlockError,
  checkBlocks,
  DOC_FILES,
  docExampleBlocks,
  markdownBlocks,
  ROOT,
  sourceExampleBlocks,
  tsBlocks,
} from "../../scripts/readme-examples.js";

const blocks = DOC_FILES.flatMap((file) => markdownBlocks(file));
const examples = sourceExampleBlocks();
let errors: BlockError[][] = [];
let exampleErrors: BlockError[][] = [];
beforeAll(() => {
  // One program for both sets: the compiler loads src/ once.
  const all = checkBlocks([...blocks, ...examples]);
  errors = all.slice(0, blocks.length);
  exampleErrors = all.slice(blocks.length);
}, 180_000);

describe("README and CONTRIBUTING examples", () => {
  it("both files have TypeScript examples to check", () => {
    expect(blocks.filter((b) => b.file === "README.md").length).toBeGreaterThanOrEqual(4);
    expect(blocks.filter((b) => b.file === "CONTRIBUTING.md").length).toBeGreaterThanOrEqual(1);
  });

  it.each(blocks.map((block, index) => ({ index, where: `${block.file}:${block.line}` })))(
    "the block at $where compiles in strict mode",
    ({ index }) => {
      const found = errors[index]!.map((e) => `${blocks[index]!.file}:${e.line}: ${e.message}`);
      expect(found, found.join("\n")).toEqual([]);
    },
  );
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

describe("the README for users, CONTRIBUTING.md for maintainers", () => {
  const text = Object.fromEntries(DOC_FILES.map((file) => [file, readFileSync(join(ROOT, file), "utf8")]));
  const anchors = Object.fromEntries(
    DOC_FILES.map((file) => [
      file,
      new Set(
        text[file]!.replace(/^```[\s\S]*?^```/gm, "")
          .split("\n")
          .filter((l) => /^#{1,6} /.test(l))
          .map((l) => slug(l.replace(/^#+ /, ""))),
      ),
    ]),
  );

  it("the README stays a page for users (issue 22: about 250 lines; the details live in CONTRIBUTING.md)", () => {
    expect(text["README.md"]!.trimEnd().split("\n").length).toBeLessThanOrEqual(260);
  });

  it.each(DOC_FILES.map((file) => ({ file })))(
    "every link of $file to a heading of either file lands on one",
    ({ file }) => {
      const broken: string[] = [];
      for (const [, target, anchor] of text[file]!.matchAll(/\]\(((?:README|CONTRIBUTING)\.md)?#([^)\s]+)\)/g)) {
        const into = target ?? file;
        if (!anchors[into]?.has(anchor!)) broken.push(`${into}#${anchor}`);
      }
      expect(broken).toEqual([]);
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
