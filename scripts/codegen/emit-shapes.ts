// generated/<api>/shapes.ts: the converter tables — a shape per component schema that has keys to
// rename, and the query/body/result shapes of every operation.
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { Shape, ShapeRef } from "../../src/runtime/shape.js";
import { printFile } from "./lib/emit.js";
import type { Document, Schema } from "./lib/openapi.js";
import { querySchema, type MethodModel } from "./lib/operation-model.js";
import { ShapeBuilder } from "./lib/shape-of.js";

/** One entry per line: readable diffs without a thousand lines of brackets. */
const literal = (table: Record<string, unknown>): string => {
  const lines = Object.entries(table).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n}`;
};

export function emitShapes(doc: Document, methods: MethodModel[], header: string, runtimeImport: string): string {
  const builder = new ShapeBuilder(doc);
  const registry: Record<string, Shape> = {};
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const shape = builder.componentShape(schema);
    if (shape) registry[name] = shape;
  }
  const io: Record<string, { query?: ShapeRef; body?: ShapeRef; result?: ShapeRef }> = {};
  for (const m of methods) {
    if (m.opKey !== m.sdk.operationId) continue;
    const entry: { query?: ShapeRef; body?: ShapeRef; result?: ShapeRef } = {};
    const query = querySchema(m);
    const q = query && builder.shapeOf(query);
    if (q) entry.query = q;
    const b = m.body && builder.shapeOf(m.body.schema);
    if (b) entry.body = b;
    const results: Schema[] = m.result.schemas;
    const r =
      results.length === 0 ? undefined : builder.shapeOf(results.length === 1 ? results[0]! : { oneOf: results });
    if (r) entry.result = r;
    if (Object.keys(entry).length > 0) io[m.sdk.operationId] = entry;
  }
  return printFile("shapes.ts", header, {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: runtimeImport,
        isTypeOnly: true,
        namedImports: ["OperationShapes", "ShapeRegistry"],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [{ description: "Component shapes by schema name (only schemas with keys to rename)." }],
        declarations: [{ name: "shapes", type: "ShapeRegistry", initializer: literal(registry) }],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [{ description: "Query, body and result shapes by operationId." }],
        declarations: [
          { name: "operationShapes", type: "Readonly<Record<string, OperationShapes>>", initializer: literal(io) },
        ],
      },
    ],
  });
}
