// API report: the package's public surface as text, one file per entry point of package.json "exports",
// committed in api/ so that every change to the surface shows in review.
//
// Reads the built declarations in dist/ (run `npm run build` first; this builds nothing). For each entry it
// lists every exported name, sorted, with its kind and its declaration text printed by the TypeScript
// compiler without comments; namespace exports (`export type * as Agent`) are listed member by member
// (`Agent.AgentBackup`); declarations the exports reach without exporting them (a base class, the type of
// a property) follow in a second section, since they are surface too. Names are the ones a user sees
// (the bundler's renames such as `ErrorCode$2` or `models$1_Foo` are mapped back), members of classes,
// interfaces and object types are sorted by name (overloads keep their order), and private members are
// left out, so the text changes only when the surface does.
//
// Usage: tsx scripts/api-report.ts            write api/<name>.api.md for every entry
//        tsx scripts/api-report.ts --check    exit 1 when the committed api/ differs from what dist/ gives
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const API_DIR = join(ROOT, "api");
const REPORT_SUFFIX = ".api.md";

export interface ApiEntry {
  /** The subpath in "exports": "." or "./mock". */
  subpath: string;
  /** What a user imports: "hopx-client", "hopx-client/mock". */
  specifier: string;
  /** Report file name inside api/. */
  fileName: string;
  /** Declaration files of the entry (every "types" condition), relative to the package root, sorted. */
  typesFiles: string[];
}

function slash(path: string): string {
  return path.split(sep).join("/");
}

/** Every "types" target below one "exports" value (conditions nest), plus plain targets that are declarations. */
function typesTargets(value: unknown, out: Set<string>, underTypes = false): void {
  if (typeof value === "string") {
    if (underTypes || /\.d\.[cm]?ts$/.test(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) typesTargets(item, out, underTypes);
  } else if (value && typeof value === "object") {
    for (const [condition, target] of Object.entries(value))
      typesTargets(target, out, underTypes || condition === "types");
  }
}

/** The entries of package.json "exports" that have declarations (in the order the map gives them). */
export function apiEntries(root = ROOT): ApiEntry[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    name: string;
    exports?: unknown;
    types?: string;
    typings?: string;
  };
  const unscoped = pkg.name.replace(/^@[^/]+\//, "");
  let map: Record<string, unknown>;
  if (pkg.exports === undefined) map = { ".": pkg.types ?? pkg.typings };
  else if (typeof pkg.exports === "string" || Array.isArray(pkg.exports)) map = { ".": pkg.exports };
  else {
    const keys = Object.keys(pkg.exports as object);
    map = keys.some((k) => k.startsWith(".")) ? (pkg.exports as Record<string, unknown>) : { ".": pkg.exports };
  }
  const entries: ApiEntry[] = [];
  for (const [subpath, value] of Object.entries(map)) {
    const targets = new Set<string>();
    typesTargets(value, targets);
    if (targets.size === 0) continue; // "./package.json" and other entries without declarations
    if (subpath.includes("*")) {
      throw new Error(`api-report: exports["${subpath}"] is a pattern; list its entries one by one to report them`);
    }
    const rest = subpath.replace(/^\.\/?/, "");
    entries.push({
      subpath,
      specifier: rest ? `${pkg.name}/${rest}` : pkg.name,
      fileName: `${[unscoped, ...rest.split("/").filter(Boolean)].join("-")}${REPORT_SUFFIX}`,
      typesFiles: [...targets].map((t) => slash(t).replace(/^\.\//, "")).sort(),
    });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------------
// The report of one entry.

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: [],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type TopDeclaration = ts.Declaration & { name?: ts.Node };

interface Named {
  /** Full name in the report: "Sandbox", "Agent.AgentBackup", "Transport". */
  name: string;
  exported: boolean;
}

class Reporter {
  readonly checker: ts.TypeChecker;
  /** Canonical name of every declaration symbol the report shows. */
  readonly names = new Map<ts.Symbol, Named>();
  readonly external = new Set<string>();

  constructor(private readonly program: ts.Program) {
    this.checker = program.getTypeChecker();
  }

  /** Our own modules; not the libs, dependencies, or dist/web-globals.d.ts (global stubs that merge with libs). */
  private isLocal(sf: ts.SourceFile): boolean {
    return (
      ts.isExternalModule(sf) &&
      !this.program.isSourceFileDefaultLibrary(sf) &&
      !this.program.isSourceFileFromExternalLibrary(sf) &&
      !slash(sf.fileName).includes("/node_modules/")
    );
  }

  /** Declarations at the top of a local file or of a namespace in one (not members, parameters, ...). */
  private topDeclarations(symbol: ts.Symbol): TopDeclaration[] {
    return (symbol.declarations ?? []).filter((d) => {
      if (!this.isLocal(d.getSourceFile())) return false;
      const holder = ts.isVariableDeclaration(d) ? d.parent.parent.parent : d.parent;
      return ts.isSourceFile(holder) || ts.isModuleBlock(holder);
    });
  }

  /**
   * The declaration symbol behind a name: through import/export aliases, and through the bundler's
   * namespace aliases (`type models$1_Foo = Foo;` made for `export type * as models`).
   */
  resolve(symbol: ts.Symbol): ts.Symbol {
    for (let i = 0; i < 32; i++) {
      if (symbol.flags & ts.SymbolFlags.Alias) {
        symbol = this.checker.getAliasedSymbol(symbol);
        continue;
      }
      const decls = symbol.declarations ?? [];
      const only = decls.length === 1 ? decls[0] : undefined;
      if (
        only &&
        ts.isTypeAliasDeclaration(only) &&
        !only.typeParameters &&
        ts.isTypeReferenceNode(only.type) &&
        !only.type.typeArguments &&
        ts.isIdentifier(only.type.typeName) &&
        only.name.text.endsWith(`_${only.type.typeName.text.replace(/\$\d+$/, "")}`)
      ) {
        const target = this.checker.getSymbolAtLocation(only.type.typeName);
        if (target && target !== symbol) {
          symbol = target;
          continue;
        }
      }
      return symbol;
    }
    return symbol;
  }

  /** The symbol an identifier in a declaration refers to, when it is a top-level local declaration. */
  private localTarget(node: ts.Identifier): ts.Symbol | undefined {
    const symbol = this.checker.getSymbolAtLocation(node);
    if (!symbol) return undefined;
    const decl = symbol.declarations?.[0];
    if (decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl))) {
      const from = decl.parent && findModuleSpecifier(decl);
      if (from && !this.topDeclarations(this.resolve(symbol)).length) this.external.add(`${node.text} from "${from}"`);
    }
    const target = this.resolve(symbol);
    return this.topDeclarations(target).length ? target : undefined;
  }

  /** Local top-level declarations an exported one refers to, found by walking its identifiers. */
  references(symbol: ts.Symbol): ts.Symbol[] {
    const out: ts.Symbol[] = [];
    const walk = (node: ts.Node): void => {
      if (isPrivateMember(node)) return;
      if (ts.isIdentifier(node)) {
        const target = this.localTarget(node);
        if (target && target !== symbol) out.push(target);
      }
      ts.forEachChild(node, walk);
    };
    for (const d of this.printable(symbol)) walk(d);
    return out;
  }

  /** The declarations printed for a symbol (namespaces are listed member by member instead). */
  printable(symbol: ts.Symbol): ts.Node[] {
    return this.topDeclarations(symbol).filter((d) => !ts.isModuleDeclaration(d));
  }

  kind(symbol: ts.Symbol): string {
    const kinds = new Set<string>();
    for (const d of this.topDeclarations(symbol)) {
      if (ts.isClassDeclaration(d)) {
        const abstract = ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Abstract;
        kinds.add(abstract ? "abstract class" : "class");
      } else if (ts.isInterfaceDeclaration(d)) kinds.add("interface");
      else if (ts.isTypeAliasDeclaration(d)) kinds.add("type");
      else if (ts.isFunctionDeclaration(d)) kinds.add("function");
      else if (ts.isEnumDeclaration(d))
        kinds.add(ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Const ? "const enum" : "enum");
      else if (ts.isModuleDeclaration(d)) kinds.add("namespace");
      else if (ts.isVariableDeclaration(d)) {
        const flags = d.parent.flags;
        kinds.add(flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var");
      } else kinds.add(ts.SyntaxKind[d.kind]);
    }
    return [...kinds].sort(compare).join(" + ");
  }

  isNamespace(symbol: ts.Symbol): boolean {
    return this.topDeclarations(symbol).some((d) => ts.isModuleDeclaration(d));
  }

  namespaceMembers(symbol: ts.Symbol): ts.Symbol[] {
    return this.checker.getExportsOfModule(symbol);
  }

  /** Declaration text: comments and private members dropped, members sorted, names as the user sees them. */
  print(symbol: ts.Symbol): string {
    const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
    const ownName = this.names.get(symbol)?.name ?? symbol.name;
    const shortName = ownName.slice(ownName.lastIndexOf(".") + 1);
    const transformer: ts.TransformerFactory<ts.Node> = (context) => {
      const visit = (node: ts.Node): ts.Node | undefined => {
        if (isPrivateMember(node)) return undefined;
        // `Ns.Member` (a type) or `Ns.Member` (a heritage expression): one name, as a whole.
        const member = ts.isQualifiedName(node)
          ? node.right
          : ts.isPropertyAccessExpression(node)
            ? node.name
            : undefined;
        if (member && ts.isIdentifier(member)) {
          const target = this.localTarget(member);
          const name = target && this.names.get(target)?.name;
          if (name) return ts.factory.createIdentifier(name);
        }
        if (ts.isIdentifier(node)) {
          const isOwnName = (node.parent as TopDeclaration | undefined)?.name === node;
          const target = this.localTarget(node);
          if (target) {
            const name = isOwnName && target === symbol ? shortName : this.names.get(target)?.name;
            if (name && name !== node.text) return ts.factory.createIdentifier(name);
          }
          return node;
        }
        const visited = ts.visitEachChild(node, visit, context);
        return sortMembers(visited);
      };
      return (node) => visit(node) ?? node;
    };
    const chunks: string[] = [];
    for (const decl of this.printable(symbol)) {
      const sf = decl.getSourceFile();
      let node: ts.Node = decl;
      if (ts.isVariableDeclaration(decl)) {
        const list = decl.parent;
        node = ts.factory.createVariableStatement(
          undefined,
          ts.factory.createVariableDeclarationList([decl], list.flags),
        );
      }
      const result = ts.transform(node, [transformer]);
      const text = printer.printNode(ts.EmitHint.Unspecified, result.transformed[0]!, sf);
      result.dispose();
      chunks.push(text.replace(/^(export\s+)?(default\s+)?(declare\s+)?/, ""));
    }
    return chunks.join("\n");
  }
}

function findModuleSpecifier(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) return n.moduleSpecifier.text;
  }
  return undefined;
}

function isPrivateMember(node: ts.Node): boolean {
  if (!ts.isClassElement(node)) return false;
  if (node.name && ts.isPrivateIdentifier(node.name)) return true;
  return !!(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword));
}

const keyPrinter = ts.createPrinter({ removeComments: true });
const emptyFile = ts.createSourceFile("empty.d.ts", "", ts.ScriptTarget.ES2022);

function memberKey(member: ts.Node): string {
  const name = (member as { name?: ts.Node }).name;
  const isStatic =
    ts.canHaveModifiers(member) && ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  let text: string;
  if (!name) {
    // Index, call and construct signatures, constructors: first, in their own order.
    text = ts.isConstructorDeclaration(member) ? "\u0001constructor" : "\u0000";
  } else if (
    ts.isIdentifier(name) ||
    ts.isPrivateIdentifier(name) ||
    ts.isStringLiteral(name) ||
    ts.isNumericLiteral(name)
  ) {
    text = name.text;
  } else {
    text = keyPrinter.printNode(ts.EmitHint.Unspecified, name, name.getSourceFile?.() ?? emptyFile);
  }
  return `${isStatic ? "0" : "1"}${text}`;
}

/** Members of classes, interfaces and object types in name order (stable, so overloads keep theirs). */
function sortMembers(node: ts.Node): ts.Node {
  const f = ts.factory;
  const sorted = <T extends ts.Node>(members: ts.NodeArray<T>): T[] =>
    members
      .map((m, i) => ({ m, i, key: memberKey(m) }))
      .sort((a, b) => compare(a.key, b.key) || a.i - b.i)
      .map((x) => x.m);
  if (ts.isClassDeclaration(node)) {
    return f.updateClassDeclaration(
      node,
      node.modifiers,
      node.name,
      node.typeParameters,
      node.heritageClauses,
      sorted(node.members),
    );
  }
  if (ts.isInterfaceDeclaration(node)) {
    return f.updateInterfaceDeclaration(
      node,
      node.modifiers,
      node.name,
      node.typeParameters,
      node.heritageClauses,
      sorted(node.members),
    );
  }
  if (ts.isTypeLiteralNode(node)) return f.updateTypeLiteralNode(node, f.createNodeArray(sorted(node.members)));
  return node;
}

/**
 * The report of one entry: its declaration files (absolute paths, or relative to `root`) are read with the
 * TypeScript compiler; when an entry has several (import and require types) they must describe the same
 * surface, and a difference is reported in the text.
 */
export function renderReport(entry: Pick<ApiEntry, "specifier" | "typesFiles">, root = ROOT): string {
  const files = entry.typesFiles.map((f) => resolve(root, f));
  for (const file of files) {
    if (!existsSync(file))
      throw new Error(`api-report: ${slash(relative(root, file))} is missing; run \`npm run build\` first`);
  }
  const program = ts.createProgram({ rootNames: files, options: COMPILER_OPTIONS });
  const bodies = files.map((file) => renderSurface(program, file));
  const header = [
    `# API report: \`${entry.specifier}\``,
    "",
    "<!-- Generated by scripts/api-report.ts from the built declarations; do not edit. -->",
    "<!-- After changing the public surface: `npm run build && npm run api:report`, then commit api/. -->",
    "",
    `Declarations: ${entry.typesFiles.map((f) => `\`${slash(f)}\``).join(", ")}`,
    "",
    "",
  ].join("\n");
  const distinct = [...new Set(bodies)];
  if (distinct.length === 1) return `${header}${distinct[0]}`;
  return header + files.map((file, i) => `## From \`${slash(relative(root, file))}\`\n\n${bodies[i]}`).join("\n");
}

function renderSurface(program: ts.Program, file: string): string {
  const sf = program.getSourceFile(file);
  if (!sf) throw new Error(`api-report: cannot read ${file}`);
  const reporter = new Reporter(program);
  const checker = reporter.checker;
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  const topExports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];

  // 1. Exported names (namespace members as "Ns.Member"), each with the symbol behind it.
  interface Row {
    name: string;
    symbol: ts.Symbol | undefined; // undefined: not a local declaration (re-exported from a dependency)
    raw: ts.Symbol;
  }
  const rows: Row[] = [];
  const listNamespace = (prefix: string, symbols: ts.Symbol[], depth: number): void => {
    for (const raw of [...symbols].sort((a, b) => compare(a.name, b.name))) {
      const name = `${prefix}${raw.name}`;
      const target = reporter.resolve(raw);
      const local = reporter.printable(target).length > 0 || reporter.isNamespace(target);
      rows.push({ name, symbol: local ? target : undefined, raw });
      if (local && reporter.isNamespace(target) && depth < 8) {
        listNamespace(`${name}.`, reporter.namespaceMembers(target), depth + 1);
      }
    }
  };
  listNamespace("", topExports, 0);

  // A declaration exported under several names is shown under the shallowest, then first, of them.
  const depth = (name: string): number => name.split(".").length;
  const byDepth = [...rows].sort((a, b) => depth(a.name) - depth(b.name) || compare(a.name, b.name));
  for (const row of byDepth) {
    if (row.symbol && !reporter.names.has(row.symbol))
      reporter.names.set(row.symbol, { name: row.name, exported: true });
  }

  // 2. Local declarations the exports reach without exporting them, with names made stable: the bundler's
  //    `$1` suffix is dropped when no other shown name is taken that way.
  const reached: ts.Symbol[] = [];
  const queue = rows.flatMap((r) => (r.symbol ? [r.symbol] : []));
  const seen = new Set<ts.Symbol>(queue);
  while (queue.length) {
    const symbol = queue.shift()!;
    for (const ref of reporter.references(symbol)) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      queue.push(ref);
      if (!reporter.names.has(ref)) reached.push(ref);
    }
  }
  const taken = new Set([...reporter.names.values()].map((n) => n.name));
  const stems = new Map<string, number>();
  for (const symbol of reached) {
    const stem = symbol.name.replace(/\$\d+$/, "");
    stems.set(stem, (stems.get(stem) ?? 0) + 1);
  }
  for (const symbol of [...reached].sort((a, b) => compare(a.name, b.name))) {
    const stem = symbol.name.replace(/\$\d+$/, "");
    const name = stems.get(stem) === 1 && !taken.has(stem) ? stem : symbol.name;
    taken.add(name);
    reporter.names.set(symbol, { name, exported: false });
  }

  // 3. Text.
  const block = (lines: string[]): string => (lines.length ? `\`\`\`ts\n${lines.join("\n\n")}\n\`\`\`\n` : "_None._\n");
  const exported: string[] = [];
  for (const row of rows) {
    if (!row.symbol) {
      const decl = row.raw.declarations?.[0];
      const from = decl ? (findModuleSpecifier(decl) ?? findExportSpecifierModule(decl)) : undefined;
      exported.push(`// ${row.name}: re-exported${from ? ` from "${from}"` : ""}`);
      continue;
    }
    const canonical = reporter.names.get(row.symbol)!.name;
    const kind = reporter.kind(row.symbol);
    if (canonical !== row.name) {
      exported.push(`// ${row.name}: ${kind}, the same as ${canonical}`);
    } else if (reporter.isNamespace(row.symbol) && !reporter.printable(row.symbol).length) {
      exported.push(`// ${row.name}: ${kind} (members listed as ${row.name}.*)`);
    } else {
      exported.push(`// ${row.name}: ${kind}\n${reporter.print(row.symbol)}`);
    }
  }
  const internal = [...reached]
    .sort((a, b) => compare(reporter.names.get(a)!.name, reporter.names.get(b)!.name))
    .map((s) => `// ${reporter.names.get(s)!.name}: ${reporter.kind(s)}\n${reporter.print(s)}`);
  const external = [...reporter.external].sort(compare).map((e) => `- \`${e}\``);

  return [
    `## Exports (${rows.length})`,
    "",
    block(exported),
    `## Not exported, reached from the exports (${internal.length})`,
    "",
    "Declarations the exports refer to (a base class, the type of a property) without exporting them: users",
    "meet them through the exported names, so they are part of the surface too.",
    "",
    block(internal),
    "## Types from dependencies",
    "",
    external.length ? `${external.join("\n")}\n` : "_None._\n",
  ].join("\n");
}

function findExportSpecifierModule(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier))
      return n.moduleSpecifier.text;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Writing and checking.

/** Writes one report per entry into `outDir`; returns the file names written. */
export function writeReports(outDir = API_DIR, root = ROOT): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const entry of apiEntries(root)) {
    writeFileSync(join(outDir, entry.fileName), renderReport(entry, root).replace(/\r\n?/g, "\n"));
    written.push(entry.fileName);
  }
  return written;
}

export interface CheckResult {
  ok: boolean;
  /** Report files that differ, are missing from api/, or are in api/ for no entry. */
  differing: string[];
  message: string;
}

/** Regenerates into a temp folder and compares with the committed api/ (both ways). */
export function checkReports(apiDir = API_DIR, root = ROOT): CheckResult {
  const scratch = mkdtempSync(join(tmpdir(), "hopx-api-report-"));
  try {
    const fresh = writeReports(scratch, root);
    const committed = existsSync(apiDir) ? readdirSync(apiDir).filter((f) => f.endsWith(REPORT_SUFFIX)) : [];
    const differing: string[] = [];
    const lines: string[] = [];
    for (const name of fresh) {
      const want = readFileSync(join(scratch, name));
      const path = join(apiDir, name);
      if (!existsSync(path)) {
        differing.push(name);
        lines.push(`  api/${name}: missing (new entry)`);
      } else if (!readFileSync(path).equals(want)) {
        differing.push(name);
        lines.push(`  api/${name}: differs from what dist/ gives`);
      }
    }
    for (const name of committed.filter((f) => !fresh.includes(f)).sort(compare)) {
      differing.push(name);
      lines.push(`  api/${name}: no entry in package.json "exports" gives it (stale)`);
    }
    const message = differing.length
      ? [
          "The public API changed: the committed API report does not match the built declarations in dist/.",
          ...lines,
          "If the change is intended, run `npm run build && npm run api:report` and commit api/ (`git diff api/`",
          "shows the change, and reviewers see it); if not, undo the change to the public surface.",
        ].join("\n")
      : `API report up to date (${fresh.map((f) => `api/${f}`).join(", ")}).`;
    return { ok: differing.length === 0, differing, message };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes("--check")) {
      const result = checkReports();
      (result.ok ? console.log : console.error)(result.message);
      process.exitCode = result.ok ? 0 : 1;
    } else {
      for (const name of writeReports()) console.log(`wrote api/${name}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
