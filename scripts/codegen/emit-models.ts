// generated/<api>/models.ts: the SDK's camelCase types — one per component schema, plus the query,
// body and result types of operations whose schemas are inline.
import { StructureKind, type InterfaceDeclarationStructure, type TypeAliasDeclarationStructure } from "ts-morph";
import { docs, printFile } from "./lib/emit.js";
import { camelCase, propertyKey } from "./lib/naming.js";
import type { Document, Schema } from "./lib/openapi.js";
import { bodyTypeName, queryTypeName, querySchema, resultTypeName, type MethodModel } from "./lib/operation-model.js";
import { defaultModelName, isInterfaceSchema, propertyDoc, typeText } from "./lib/type-text.js";

type Statement = InterfaceDeclarationStructure | TypeAliasDeclarationStructure;
const opts = { modelName: defaultModelName, withDocs: true };

function declare(name: string, schema: Schema, description?: string): Statement {
  const doc = docs(description ?? schema.description, schema.deprecated && "@deprecated");
  if (isInterfaceSchema(schema)) {
    const required = new Set(schema.required ?? []);
    return {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      docs: doc,
      properties: Object.entries(schema.properties ?? {}).map(([wire, sub]) => ({
        name: propertyKey(camelCase(wire)),
        type: typeText(sub, opts),
        hasQuestionToken: !required.has(wire),
        docs: docs(propertyDoc(wire, sub, opts), sub.deprecated && "@deprecated"),
      })),
    };
  }
  return { kind: StructureKind.TypeAlias, name, isExported: true, docs: doc, type: typeText(schema, opts) };
}

/** Names of the types the resources use for a method's query, body and result. */
export function methodTypes(m: MethodModel): { query?: string; body?: string; result?: string } {
  const query = querySchema(m) ? queryTypeName(m) : undefined;
  const body = m.body ? (m.body.schema.$ref ? typeText(m.body.schema, opts) : bodyTypeName(m)) : undefined;
  let result: string | undefined;
  if (m.kind === "json") {
    const parts = m.result.schemas.map((s) => (s.$ref ? typeText(s, opts) : resultTypeName(m)));
    if (parts.length > 0) result = [...new Set(parts)].join(" | ") + (m.result.empty ? " | undefined" : "");
  }
  return { ...(query ? { query } : {}), ...(body ? { body } : {}), ...(result ? { result } : {}) };
}

/**
 * One interface mapping every operationId to the types of its query, body, JSON result and WebSocket frames,
 * so code keyed by operationId (the mock's scripted handlers) is typed from the same tables as the SDK.
 */
function operationTypes(methods: MethodModel[]): Statement {
  const properties = methods
    .filter((m) => m.opKey === m.sdk.operationId)
    .map((m) => {
      const t = methodTypes(m);
      const parts = [
        t.query && `query: ${t.query}`,
        t.body && `body: ${t.body}`,
        t.result && `result: ${t.result}`,
        m.websocket &&
          `client: ${defaultModelName(m.websocket.client)}; server: ${defaultModelName(m.websocket.server)}`,
      ].filter(Boolean);
      return {
        name: m.sdk.operationId,
        type: parts.length > 0 ? `{ ${parts.join("; ")} }` : "{}",
        docs: docs(`The types of \`${m.sdk.operationId}\` (\`${m.httpMethod.toUpperCase()} ${m.path}\`).`),
      };
    });
  return {
    kind: StructureKind.Interface,
    name: "OperationTypes",
    isExported: true,
    docs: docs(
      "Per operationId: its query (`query`), request body (`body`), JSON result (`result`) and WebSocket " +
        "frames (`client`, `server`), each present when the operation has one.",
    ),
    properties,
  };
}

export function emitModels(doc: Document, methods: MethodModel[], header: string): string {
  const statements: Statement[] = [];
  const names = new Set<string>();
  const add = (s: Statement): void => {
    if (names.has(s.name)) throw new Error(`models: two types named ${s.name}`);
    names.add(s.name);
    statements.push(s);
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    add(declare(defaultModelName(name), schema));
  for (const m of methods) {
    if (m.opKey !== m.sdk.operationId) continue; // the sse twin shares its operation's types
    const query = querySchema(m);
    if (query) add(declare(queryTypeName(m), query, `Query parameters of \`${m.sdk.operationId}\`.`));
    if (m.body && !m.body.schema.$ref)
      add(declare(bodyTypeName(m), m.body.schema, `Request body of \`${m.sdk.operationId}\`.`));
    const inline = m.result.schemas.filter((s) => !s.$ref);
    if (m.kind === "json" && inline.length > 0) {
      const schema: Schema = inline.length === 1 ? inline[0]! : { oneOf: inline };
      add(declare(resultTypeName(m), schema, `Result of \`${m.sdk.operationId}\`.`));
    }
  }
  add(operationTypes(methods));
  const usesStream = statements.some((s) => JSON.stringify(s).includes("StreamedFile"));
  const imports = usesStream
    ? [
        {
          kind: StructureKind.ImportDeclaration as const,
          moduleSpecifier: "../../src/runtime/index.js",
          isTypeOnly: true,
          namedImports: ["StreamedFile"],
        },
      ]
    : [];
  return printFile("models.ts", header, { statements: [...imports, ...statements] });
}
