// Documentation check: every public export of every entry point carries a TSDoc summary, and so does every
// public member of an exported class, interface, object type or enum (inherited members included, where the
// declaration they come from is ours). `npm test` runs it (`npm run check:docs`); `npm run docs` renders
// the same comments with TypeDoc.
//
// What counts as documented: a doc comment whose summary (the text before the first tag) is not empty, or,
// for a deprecated alias, a `@deprecated` note that says what replaces it.
// A member that overrides or implements a documented member of ours may leave it out: TypeDoc copies the
// base's comment. Constructors are covered by their class's summary (TypeDoc's default too). The wire
// namespaces (`export type * as ControlPlaneWire` in hopx-client/raw) are checked as one export and not
// walked: openapi-typescript writes them from the specs, whose descriptions the Redocly reference renders.
//
// Usage: tsx scripts/check-docs.ts   (exit 1 and one line per undocumented item on stderr)
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ClassDeclaration,
  type ExportedDeclarations,
  type InterfaceDeclaration,
  type JSDocableNode,
  Node,
  Project,
  type SourceFile,
  SyntaxKind,
  type TypeNode,
} from "ts-morph";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The source files behind the package's "exports" (src/cjs-bundle.ts only re-bundles the first two). */
export const ENTRY_FILES = ["src/index.ts", "src/raw.ts", "src/mock/index.ts"];

/** One item that lacks a summary. */
export interface Finding {
  /** What a user would look up: `Sandbox.runCode`, `ControlPlane.Sandbox.status`. */
  name: string;
  /** The entry that exports it, as imported: `hopx-client/raw`. */
  entry: string;
  /** `path:line` of the declaration, relative to the root. */
  where: string;
}

export interface DocsReport {
  /** Distinct exported names over all entries (a name exported by two entries counts once). */
  exports: number;
  /** Distinct declarations checked: the exports plus their members. */
  checked: number;
  missing: Finding[];
}

type Declaration = ExportedDeclarations;

function summaryOf(node: Node): string {
  const target = Node.isVariableDeclaration(node) ? node.getVariableStatement() : node;
  if (target && Node.isExportDeclaration(target)) {
    // `export type * as X from "…"` carries no JSDoc node; its doc comment is the last one before it.
    const doc = target
      .getLeadingCommentRanges()
      .map((range) => range.getText())
      .filter((text) => text.startsWith("/**"))
      .at(-1);
    return (doc ?? "")
      .replace(/^\/\*\*|\*\/$/g, "")
      .replace(/^\s*\* ?/gm, "")
      .split(/^\s*@/m)[0]!
      .trim();
  }
  if (!target || !Node.isJSDocable(target)) return "";
  const jsDocs = (target as JSDocableNode).getJsDocs();
  const summary = jsDocs
    .map((doc) => doc.getDescription().trim())
    .join("")
    .trim();
  if (summary) return summary;
  // A deprecated alias may say only what replaces it (`@deprecated Use timeoutMs.`): TypeDoc shows that note.
  const deprecated = jsDocs
    .flatMap((doc) => doc.getTags())
    .find((tag) => tag.getTagName() === "deprecated")
    ?.getCommentText()
    ?.trim();
  return deprecated ? `@deprecated ${deprecated}` : "";
}

function isOurs(node: Node, root: string): boolean {
  const path = node.getSourceFile().getFilePath();
  return path.startsWith(root) && !path.includes("/node_modules/");
}

/** A namespace export written by openapi-typescript (`generated/<api>/schema.ts`). */
function isWireModule(file: SourceFile): boolean {
  return /\/generated\/[^/]+\/schema\.ts$/.test(file.getFilePath());
}

/** Named members a user sees on a class, interface, object type or enum, with the name to report. */
function membersOf(node: Node): Node[] {
  if (Node.isClassDeclaration(node)) {
    return node.getMembers().filter((member) => {
      if (Node.isConstructorDeclaration(member) || Node.isClassStaticBlockDeclaration(member)) return false;
      if (!Node.isModifierable(member)) return true;
      if (member.hasModifier(SyntaxKind.PrivateKeyword) || member.hasModifier(SyntaxKind.ProtectedKeyword))
        return false;
      const name = (member as { getName?: () => string }).getName?.() ?? "";
      return !name.startsWith("#");
    });
  }
  if (Node.isInterfaceDeclaration(node))
    return node.getMembers().filter((member) => !memberName(member).startsWith("["));
  if (Node.isEnumDeclaration(node)) return node.getMembers();
  if (Node.isTypeAliasDeclaration(node)) {
    const typeNode = node.getTypeNode();
    return typeNode ? literalMembers(typeNode) : [];
  }
  return [];
}

/** Property and method signatures of object types written inline (`type X = { … } & Y`, unions too). */
function literalMembers(typeNode: TypeNode): Node[] {
  if (Node.isTypeLiteral(typeNode)) return typeNode.getMembers().filter((member) => memberName(member) !== "");
  if (Node.isIntersectionTypeNode(typeNode) || Node.isUnionTypeNode(typeNode))
    return typeNode.getTypeNodes().flatMap(literalMembers);
  if (Node.isParenthesizedTypeNode(typeNode)) return literalMembers(typeNode.getTypeNode());
  return [];
}

function memberName(member: Node): string {
  if (Node.isPropertySignature(member) || Node.isMethodSignature(member) || Node.isPropertyDeclaration(member))
    return member.getName();
  if (
    Node.isMethodDeclaration(member) ||
    Node.isGetAccessorDeclaration(member) ||
    Node.isSetAccessorDeclaration(member)
  )
    return member.getName();
  if (Node.isEnumMember(member)) return member.getName();
  return "";
}

/** Classes and interfaces a class or interface inherits from (ours only, declarations only). */
function basesOf(node: ClassDeclaration | InterfaceDeclaration): (ClassDeclaration | InterfaceDeclaration)[] {
  const out: (ClassDeclaration | InterfaceDeclaration)[] = [];
  const add = (decls: Node[] | undefined): void => {
    for (const decl of decls ?? [])
      if (Node.isClassDeclaration(decl) || Node.isInterfaceDeclaration(decl)) out.push(decl);
  };
  if (Node.isClassDeclaration(node)) {
    const base = node.getBaseClass();
    if (base) out.push(base);
    for (const clause of node.getImplements()) add(clause.getExpression().getType().getSymbol()?.getDeclarations());
  } else {
    for (const clause of node.getExtends()) add(clause.getExpression().getType().getSymbol()?.getDeclarations());
  }
  return out;
}

/** True when a base of ours documents a member of this name (TypeDoc then copies its comment). */
function inheritsDoc(owner: Node, name: string, root: string, seen = new Set<Node>()): boolean {
  if (!(Node.isClassDeclaration(owner) || Node.isInterfaceDeclaration(owner)) || seen.has(owner)) return false;
  seen.add(owner);
  for (const base of basesOf(owner)) {
    if (!isOurs(base, root)) continue;
    const same = membersOf(base).filter((member) => memberName(member) === name);
    if (same.some((member) => summaryOf(member) !== "")) return true;
    if (inheritsDoc(base, name, root, seen)) return true;
  }
  return false;
}

/** An overload group is documented when every signature is (the implementation is not shown to users). */
function signaturesOf(decl: Node): Node[] {
  if (Node.isFunctionDeclaration(decl) || Node.isMethodDeclaration(decl)) {
    const overloads = decl.getOverloads();
    return overloads.length > 0 ? overloads : [decl];
  }
  return [decl];
}

export function checkDocs(
  options: { root?: string; entries?: string[]; specifier?: (file: string) => string } = {},
): DocsReport {
  const root = options.root ?? ROOT;
  const entries = options.entries ?? ENTRY_FILES;
  const specifier =
    options.specifier ??
    ((file: string) =>
      file === "src/index.ts" ? "hopx-client" : `hopx-client/${file.replace(/^src\/|(\/index)?\.ts$/g, "")}`);
  const project = new Project({
    tsConfigFilePath: resolve(root, "tsconfig.json"),
    skipAddingFilesFromTsConfig: true,
  });
  for (const entry of entries) project.addSourceFileAtPath(resolve(root, entry));
  project.resolveSourceFileDependencies();

  const checked = new Set<Node>();
  const exported = new Set<string>();
  const missing: Finding[] = [];
  const where = (node: Node): string =>
    `${relative(root, node.getSourceFile().getFilePath())}:${node.getStartLineNumber()}`;
  const report = (name: string, entry: string, node: Node): void => {
    if (!missing.some((finding) => finding.where === where(node) && finding.name === name))
      missing.push({ name, entry, where: where(node) });
  };

  const checkMembers = (owner: Node, ownerName: string, entry: string, seen: Set<Node>): void => {
    if (seen.has(owner)) return;
    seen.add(owner);
    for (const member of membersOf(owner)) {
      const name = memberName(member);
      if (!name) continue;
      // A setter documented on its getter (or the reverse) counts once, as TypeDoc shows one accessor.
      if (Node.isSetAccessorDeclaration(member) && member.getGetAccessor()) continue;
      for (const signature of signaturesOf(member)) {
        if (checked.has(signature)) continue;
        checked.add(signature);
        const accessorPair =
          Node.isGetAccessorDeclaration(signature) && signature.getSetAccessor()
            ? summaryOf(signature.getSetAccessor()!)
            : "";
        if (summaryOf(signature) || accessorPair || inheritsDoc(owner, name, root)) continue;
        report(`${ownerName}.${name}`, entry, signature);
      }
    }
    if (Node.isClassDeclaration(owner) || Node.isInterfaceDeclaration(owner))
      for (const base of basesOf(owner)) if (isOurs(base, root)) checkMembers(base, ownerName, entry, seen);
  };

  const checkDeclaration = (name: string, decl: Declaration, entry: string, exportNode: Node | undefined): void => {
    if (Node.isSourceFile(decl)) {
      // `export type * as Name from "…"`: the comment sits on the export declaration.
      if (!exportNode || summaryOf(exportNode) === "") report(name, entry, exportNode ?? decl);
      checked.add(exportNode ?? decl);
      if (isWireModule(decl)) return;
      for (const [inner, decls] of decl.getExportedDeclarations())
        for (const innerDecl of decls) checkDeclaration(`${name}.${inner}`, innerDecl, entry, undefined);
      return;
    }
    if (!isOurs(decl, root)) return;
    for (const signature of signaturesOf(decl)) {
      if (!checked.has(signature)) {
        checked.add(signature);
        if (summaryOf(signature) === "") report(name, entry, signature);
      }
    }
    checkMembers(decl, name, entry, new Set());
  };

  for (const entry of entries) {
    const file = project.getSourceFileOrThrow(resolve(root, entry));
    const namespaceExports = new Map<string, Node>();
    for (const exportDecl of file.getExportDeclarations()) {
      const star = exportDecl.getNamespaceExport();
      if (star) namespaceExports.set(star.getName(), exportDecl);
    }
    for (const [name, decls] of file.getExportedDeclarations()) {
      exported.add(`${name}`);
      for (const decl of decls) checkDeclaration(name, decl, specifier(entry), namespaceExports.get(name));
    }
  }
  return { exports: exported.size, checked: checked.size, missing };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { exports, checked, missing } = checkDocs();
  for (const finding of missing)
    process.stderr.write(`${finding.where}: ${finding.name} (${finding.entry}) has no doc comment summary\n`);
  console.log(`check:docs: ${exports} exports, ${checked} declarations checked, ${missing.length} undocumented`);
  if (missing.length > 0) process.exitCode = 1;
}
