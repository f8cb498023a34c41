// The README's TypeScript examples, type-checked the way a user's strict project would compile them.
//
// Every ```ts (or ```typescript) block is one module of its own: it imports what it uses from the package's
// public entries ("hopx-client", "hopx-client/raw", "hopx-client/mock", mapped to src/ by tsconfig's paths)
// and declares the context it assumes (`declare const sandbox: Sandbox;`), so a block reads on its own.
// Top-level `await` and `await using` are allowed, as in an ES module. Errors are reported at the Markdown
// file's own line numbers. test/tooling/readme-examples.test.ts runs this in `npm test` over the users' README.md
// and the maintainers' CONTRIBUTING.md (`DOC_FILES`), and over the ```ts blocks of the `@example` tags in src/
// (`docExampleBlocks`), which TypeDoc renders: they follow the same rules.
//
// Usage: tsx scripts/readme-examples.ts [file.md …]   (default: DOC_FILES; exit 1 and one line per error on stderr)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface CodeBlock {
  /** 1-based line of the block's first code line in its file (the line after the opening fence). */
  line: number;
  code: string;
  /** The file it comes from, relative to the root (README.md when absent). */
  file?: string;
}

export interface BlockError {
  /** 1-based line in the Markdown file. */
  line: number;
  message: string;
}

/** The Markdown files whose ```ts blocks must compile: the users' README and the maintainers' guide. */
export const DOC_FILES = ["README.md", "CONTRIBUTING.md"] as const;

/** The ts blocks of one Markdown file of the root, each carrying the file's name. */
export function markdownBlocks(file: string, root = ROOT): CodeBlock[] {
  return tsBlocks(readFileSync(join(root, file), "utf8")).map((block) => ({ ...block, file }));
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;

/** The ts / typescript fenced blocks of a Markdown text, in order. */
export function tsBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, , fence, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(fence!)) body.push(lines[j++]!);
    if (lang === "ts" || lang === "typescript") blocks.push({ line: i + 2, code: body.join("\n") });
    i = j;
  }
  return blocks;
}

/** The ```ts blocks inside the doc comments of a TypeScript file (the `@example` code TypeDoc shows). */
export function docExampleBlocks(text: string, file: string): CodeBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  const docLine = /^\s*\*(?: |$)/;
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && docLine.test(lines[j]!) && !/^\s*\*\s*```/.test(lines[j]!))
      body.push(lines[j++]!.replace(docLine, ""));
    blocks.push({ line: i + 2, code: body.join("\n"), file });
    i = j;
  }
  return blocks;
}

/** Every doc-comment example under `dir` (a folder of the root), in file order. */
export function sourceExampleBlocks(dir = "src", root = ROOT): CodeBlock[] {
  const walk = (path: string): string[] =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .sort()
          .flatMap((name) => walk(join(path, name)))
      : path.endsWith(".ts")
        ? [path]
        : [];
  return walk(join(root, dir)).flatMap((path) => docExampleBlocks(readFileSync(path, "utf8"), relative(root, path)));
}

/** The compiler options of the repository's tsconfig.json (paths included), strict, emitting nothing. */
function compilerOptions(root: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${join(root, "tsconfig.json")}`);
  return { ...parsed.options, strict: true, noEmit: true, skipLibCheck: true };
}

/**
 * Type-checks each block as a module in the repository's root folder (so an ES module, as package.json says),
 * all in one program. Returns the errors of each block, in block order, at Markdown line numbers.
 */
export function checkBlocks(blocks: CodeBlock[], root = ROOT): BlockError[][] {
  const options = compilerOptions(root);
  // A block without import or export would be a script, where top-level await is an error: make it a module.
  // Appended at the end, so line numbers stay the README's.
  const files = new Map(
    blocks.map((block, index) => [
      join(root, `example-block-${index}.ts`),
      /^\s*(import|export)\s/m.test(block.code) ? block.code : `${block.code}\nexport {};\n`,
    ]),
  );
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, create) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, onError, create)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const global = program.getOptionsDiagnostics().concat(program.getGlobalDiagnostics());
  if (global.length > 0) throw new Error(ts.formatDiagnostics(global, host));
  return blocks.map((block, index) => {
    const file = program.getSourceFile([...files.keys()][index]!)!;
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
      const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      return {
        line: block.line + line,
        message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      };
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const paths = process.argv.length > 2 ? process.argv.slice(2) : [...DOC_FILES];
  const blocks = paths.flatMap((path) => markdownBlocks(relative(ROOT, resolve(path))));
  const errors = checkBlocks(blocks).flatMap((found, index) =>
    found.map((error) => `${blocks[index]!.file}:${error.line}: ${error.message}`),
  );
  for (const line of errors) process.stderr.write(`${line}\n`);
  const examples = sourceExampleBlocks();
  const exampleErrors = checkBlocks(examples).flatMap((found, index) =>
    found.map((error) => `${examples[index]!.file}:${error.line}: ${error.message}`),
  );
  for (const line of exampleErrors) process.stderr.write(`${line}\n`);
  console.log(
    `${blocks.length} ts blocks in ${paths.join(", ")}, ${errors.length} errors; ` +
      `${examples.length} @example blocks in src/, ${exampleErrors.length} errors`,
  );
  if (exampleErrors.length > 0) process.exitCode = 1;
  if (errors.length > 0) process.exitCode = 1;
}
