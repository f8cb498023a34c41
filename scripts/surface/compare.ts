// The official package's surface against ours, with the TypeScript checker: for each pair of scripts/surface/
// pairs.ts, every public member of the official type must exist on ours, and every call that compiles against
// the official member must compile against ours (parameter count, optionality and types). Return types are not
// compared: where the official behaviour is a known defect (sdk-surface.md) ours returns something better.
import { dirname, join } from "node:path";
import ts from "typescript";
import { CONSTRUCTED, OWN_VALUES, surfacePairs } from "./pairs.js";

export interface SurfaceGap {
  /** `Sandbox.init`, `BuildResult.createVM`, `sandbox.files.write` … */
  member: string;
  problem: string;
}

export interface SurfaceOptions {
  /** The repository root (its tsconfig.json resolves `hopx-client` to src/). */
  root: string;
  /** Module specifier of our surface (default `hopx-client`); tests point it at a reduced fixture. */
  ours?: string;
  /** Module specifier of the official surface (default `@hopx-ai/sdk`). */
  official?: string;
}

const ENTRY = "test/.sdk-surface-entry.ts";

function entrySource(ours: string, official: string): string {
  const lines = surfacePairs().map(([where, o, u]) => `  ${JSON.stringify(where)}: [${o}, ${u}];`);
  return [
    `import type * as O from ${JSON.stringify(official)};`,
    `import type * as U from ${JSON.stringify(ours)};`,
    "export interface Surface {",
    ...lines,
    "}",
    "",
  ].join("\n");
}

function isPublic(symbol: ts.Symbol): boolean {
  if (symbol.name.startsWith("#") || symbol.name.startsWith("__") || symbol.name === "prototype") return false;
  const flags = (symbol.declarations ?? []).map((d) => ts.getCombinedModifierFlags(d as ts.Declaration));
  return !flags.some((f) => (f & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0);
}

function optional(param: ts.Symbol): boolean {
  const decl = param.valueDeclaration;
  return decl !== undefined && ts.isParameter(decl) && (!!decl.questionToken || !!decl.initializer);
}

function rest(param: ts.Symbol | undefined): boolean {
  const decl = param?.valueDeclaration;
  return decl !== undefined && ts.isParameter(decl) && !!decl.dotDotDotToken;
}

/** Why a call valid against `o` would not compile against `u`, or undefined when every such call does. */
function incompatibility(
  checker: ts.TypeChecker,
  member: string,
  o: ts.Signature,
  u: ts.Signature,
): string | undefined {
  const op = o.getParameters();
  const up = u.getParameters();
  const uRest = rest(up.at(-1));
  if (!uRest && !rest(op.at(-1)) && op.length > up.length)
    return `takes ${up.length} parameter(s), the official ${op.length}`;
  const required = (ps: readonly ts.Symbol[]): number => ps.filter((p) => !optional(p) && !rest(p)).length;
  if (required(up) > required(op)) return `needs ${required(up)} argument(s), the official ${required(op)}`;
  for (let i = 0; i < op.length; i++) {
    const oParam = op[i]!;
    const uParam = up[Math.min(i, up.length - 1)];
    if (uParam === undefined) return `has no parameter for the official ${oParam.name}`;
    if (OWN_VALUES[`${member}(${oParam.name})`] !== undefined) continue;
    let oType = checker.getTypeOfSymbol(oParam);
    let uType = checker.getTypeOfSymbol(uParam);
    if (rest(uParam) && !rest(oParam)) uType = checker.getIndexTypeOfType(uType, ts.IndexKind.Number) ?? uType;
    if (rest(oParam) && !rest(uParam)) oType = checker.getIndexTypeOfType(oType, ts.IndexKind.Number) ?? oType;
    // An optional parameter of ours takes undefined even where its declared type (with a default) does not say so.
    if (optional(uParam) || rest(uParam)) oType = oType.getNonNullableType();
    if (!checker.isTypeAssignableTo(oType, uType)) {
      return `parameter ${oParam.name}: ${whyNot(checker, oType, uType)}`;
    }
  }
  return undefined;
}

/** string, number, boolean and their literals (not enum members), or unions and arrays of them. */
function plain(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(plain);
  if ((type.flags & ts.TypeFlags.EnumLiteral) !== 0) return false;
  const PRIMITIVE =
    ts.TypeFlags.String |
    ts.TypeFlags.Number |
    ts.TypeFlags.Boolean |
    ts.TypeFlags.StringLiteral |
    ts.TypeFlags.NumberLiteral |
    ts.TypeFlags.BooleanLiteral;
  return (type.flags & PRIMITIVE) !== 0;
}

const show = (checker: ts.TypeChecker, t: ts.Type): string =>
  checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);

/** The first field of an official options object that ours lacks or types narrower, else the two types. */
function whyNot(checker: ts.TypeChecker, oType: ts.Type, uType: ts.Type): string {
  const o = oType.getNonNullableType();
  const u = uType.getNonNullableType();
  for (const field of checker.getPropertiesOfType(o)) {
    const ours = checker.getPropertyOfType(u, field.name);
    if (ours === undefined) {
      if (checker.getPropertiesOfType(u).length > 0) return `field ${field.name} of the official options is missing`;
      continue;
    }
    const ot = checker.getTypeOfSymbol(field);
    const ut = checker.getTypeOfSymbol(ours);
    if (!checker.isTypeAssignableTo(ot, ut)) {
      return `field ${field.name}: the official ${show(checker, ot)} is not accepted by ours (${show(checker, ut)})`;
    }
  }
  return `the official ${show(checker, oType)} is not accepted by ours (${show(checker, uType)})`;
}

function compareMember(
  checker: ts.TypeChecker,
  member: string,
  oType: ts.Type,
  uType: ts.Type,
  gaps: SurfaceGap[],
): void {
  const callable = [ts.SignatureKind.Call, ts.SignatureKind.Construct].some(
    (kind) => checker.getSignaturesOfType(oType.getNonNullableType(), kind).length > 0,
  );
  // A field is read: ours must fit where the official type is expected (undefined aside: optional either way).
  // Only plain official types compare: a class or enum of theirs is nominal, and after the import switch the
  // user's code names ours (the members of those are compared pair by pair).
  if (
    !callable &&
    plain(oType.getNonNullableType()) &&
    !checker.isTypeAssignableTo(uType.getNonNullableType(), oType.getNonNullableType())
  ) {
    const problem = `type: ours ${show(checker, uType)} does not fit the official ${show(checker, oType)}`;
    gaps.push({ member, problem });
  }
  for (const kind of [ts.SignatureKind.Call, ts.SignatureKind.Construct]) {
    const uSigs = checker.getSignaturesOfType(uType.getNonNullableType(), kind);
    for (const oSig of checker.getSignaturesOfType(oType.getNonNullableType(), kind)) {
      const reasons = uSigs.map((uSig) => incompatibility(checker, member, oSig, uSig));
      if (uSigs.length === 0) {
        gaps.push({ member, problem: kind === ts.SignatureKind.Call ? "not callable" : "not constructible" });
      } else if (reasons.every((r) => r !== undefined)) {
        gaps.push({ member, problem: reasons[0]! });
      }
    }
  }
}

export function surfaceGaps(options: SurfaceOptions): SurfaceGap[] {
  const configPath = join(options.root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const entryPath = join(options.root, ENTRY);
  const text = entrySource(options.ours ?? "hopx-client", options.official ?? "@hopx-ai/sdk");
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, create) =>
    name === entryPath ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === entryPath || fileExists(name);
  const program = ts.createProgram({ rootNames: [entryPath], options: { ...parsed.options, noEmit: true }, host });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(entryPath)!;
  const gaps: SurfaceGap[] = ts.getPreEmitDiagnostics(program, entry).map((d) => ({
    member: "(entry)",
    problem: ts.flattenDiagnosticMessageText(d.messageText, " "),
  }));
  const surface = entry.statements.find(ts.isInterfaceDeclaration)!;
  for (const prop of checker.getPropertiesOfType(checker.getTypeAtLocation(surface))) {
    const pair = checker.getTypeOfSymbol(prop);
    const [oType, uType] = checker.getTypeArguments(pair as ts.TypeReference);
    if (oType === undefined || uType === undefined) continue;
    const prefix = prop.name.replace(/ \(static\)$/, "");
    // The constructor of a class users construct is surface too (CONSTRUCTED says which, and why not the others).
    if (CONSTRUCTED.includes(prefix)) compareMember(checker, `new ${prefix}`, oType, uType, gaps);
    for (const member of checker.getPropertiesOfType(oType).filter(isPublic)) {
      const ours = checker.getPropertyOfType(uType, member.name);
      const name = `${prefix}.${member.name}`;
      if (ours === undefined) gaps.push({ member: name, problem: "missing" });
      else compareMember(checker, name, checker.getTypeOfSymbol(member), checker.getTypeOfSymbol(ours), gaps);
    }
  }
  return gaps;
}
