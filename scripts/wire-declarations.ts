// What postbuild does to the bundled declarations. The wire types (openapi-typescript's
// `paths`, `components`, `operations` of both specs, about 60% of the declarations) lose their doc comments,
// and each path, operation and schema takes one line: those comments repeat the spec's descriptions, which
// stay in spec/ and in the reference docs, and editors format the types they show themselves. The models,
// classes and functions users name keep their docs. Install size is a target (bench/README.md: ≤ 1.5 MB).
import ts from "typescript";

/** openapi-typescript's top-level declarations, with the `$N` suffix the bundler adds to repeated names. */
const WIRE = /^(paths|components|operations|webhooks|\$defs)(\$\d+)?$/;

/**
 * Declarations, tokens and string literals intact; comments gone; a path, an operation or a schema per line
 * (indented one space per level), everything inside it on that line.
 */
export function compactWireTypes(text: string): string {
  const file = ts.createSourceFile("x.d.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const ranges = file.statements
    .filter(
      (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
        (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && WIRE.test(s.name.text),
    )
    // From the declaration's own doc comment, if it has one; the line breaks before it stay.
    .map((s) => ({
      start: ts.getLeadingCommentRanges(text, s.getFullStart())?.[0]?.pos ?? s.getStart(file),
      end: s.getEnd(),
      // In `components` the schemas are members of `schemas`; elsewhere a member is a path or an operation.
      keep: s.name.text.startsWith("components") ? 2 : 1,
    }));
  let out = "";
  let at = 0;
  for (const { start, end, keep } of ranges) {
    out += text.slice(at, start) + compact(text.slice(start, end), keep);
    at = end;
  }
  return out + text.slice(at);
}

/** `keep`: the nesting depth down to which line breaks stay (1: the interface's members, 2: theirs too). */
function compact(source: string, keep: number): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  let out = "";
  let depth = 0;
  let gap: "" | " " | "\n" = "";
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral)
      throw new Error("compactWireTypes: template literal types are not handled; extend the scanner loop");
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) continue;
    if (kind === ts.SyntaxKind.NewLineTrivia) gap = depth <= keep ? "\n" : gap || " ";
    else if (kind === ts.SyntaxKind.WhitespaceTrivia) gap ||= " ";
    else {
      if (kind === ts.SyntaxKind.CloseBraceToken) depth--;
      out += gap === "\n" ? `\n${" ".repeat(depth)}` : gap;
      out += scanner.getTokenText();
      if (kind === ts.SyntaxKind.OpenBraceToken) depth++;
      gap = "";
    }
  }
  return out;
}

/**
 * Code lines indented by 2 spaces per level instead of tsup's 4 (doc comments and string literals
 * untouched).
 */
export function halveIndentation(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let out = "";
  let lineStart = true;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const token = scanner.getTokenText();
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral)
      throw new Error("halveIndentation: template literal types are not handled; extend the scanner loop");
    out += kind === ts.SyntaxKind.WhitespaceTrivia && lineStart ? " ".repeat(Math.ceil(token.length / 2)) : token;
    lineStart = kind === ts.SyntaxKind.NewLineTrivia;
  }
  return out;
}

/** The `/// <reference>` that each declaration entry carries to dist/web-globals.d.ts (src/web-globals.d.ts). */
export function withWebGlobals(text: string, relativePath: string): string {
  return `/// <reference path="${relativePath}" />\n${text}`;
}
