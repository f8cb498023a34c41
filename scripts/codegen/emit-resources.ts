// generated/<api>/resources.ts: one class per SDK resource, one typed method per operation, each a thin
// call into the plane's Transport (openapi-fetch underneath) with camelCase in and out.
import {
  Scope,
  StructureKind,
  type ClassDeclarationStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type ParameterDeclarationStructure,
  type PropertyDeclarationStructure,
} from "ts-morph";
import { methodTypes } from "./emit-models.js";
import { docs, printFile } from "./lib/emit.js";
import { pascalCase } from "./lib/naming.js";
import { paramName, querySchema, type MethodModel } from "./lib/operation-model.js";
import { defaultModelName, typeText } from "./lib/type-text.js";

interface ResourceNode {
  path: string[];
  methods: MethodModel[];
  children: Map<string, ResourceNode>;
}

const className = (path: string[]): string => `${path.map(pascalCase).join("")}Resource`;

/** One `name: value` entry of a path-parameter object (the name quoted when it is not an identifier). */
const pathEntry = (p: Parameters<typeof paramName>[0]): string =>
  paramName(p) === p.name ? p.name : `${JSON.stringify(p.name)}: ${paramName(p)}`;

function tree(methods: MethodModel[]): ResourceNode {
  const root: ResourceNode = { path: [], methods: [], children: new Map() };
  for (const m of methods) {
    let node = root;
    for (const part of m.sdk.resource.split(".")) {
      let child = node.children.get(part);
      if (!child) {
        child = { path: [...node.path, part], methods: [], children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    if (node.children.has(m.name)) throw new Error(`${m.sdk.resource}.${m.name} clashes with a sub-resource`);
    node.methods.push(m);
  }
  return root;
}

const RESULT_OF: Record<MethodModel["kind"], string> = {
  json: "undefined",
  text: "string",
  binary: "ReadableStream<Uint8Array>",
  sse: "ReadableStream<Uint8Array>",
  none: "void",
  websocket: "",
};

function methodStructure(m: MethodModel): OptionalKind<MethodDeclarationStructure> {
  const types = methodTypes(m);
  const params: OptionalKind<ParameterDeclarationStructure>[] = m.pathParams.map((p) => ({
    name: paramName(p),
    type: p.schema ? typeText(p.schema, { modelName: defaultModelName }) : "string",
  }));
  // The call's arguments as the user gave them (camelCase): the transport converts, checks and sends them.
  const args: string[] = [];
  if (m.pathParams.length > 0) args.push(`path: { ${m.pathParams.map(pathEntry).join(", ")} }`);
  if (m.body && types.body) {
    params.push({ name: "body", type: types.body, hasQuestionToken: !m.body.required });
    args.push("body");
  }
  const query = querySchema(m);
  if (query && types.query) {
    const required = (query.required ?? []).length > 0;
    params.push({ name: "query", type: types.query, hasQuestionToken: !required });
    args.push("query");
  }
  params.push({ name: "options", type: "RequestOptions", hasQuestionToken: true });

  const description = docs(
    m.summary,
    m.description,
    m.kind === "sse" && "Returns the raw `text/event-stream` body; parse it with an SSE reader.",
    m.deprecated && "@deprecated See the spec description.",
    `@see operationId \`${m.sdk.operationId}\``,
  );
  if (m.kind === "websocket") {
    const ws = m.websocket!;
    const target = `WebSocketTarget<${defaultModelName(ws.client)}, ${defaultModelName(ws.server)}>`;
    return {
      name: m.name,
      docs: description,
      parameters: params.filter((p) => p.name !== "options"),
      returnType: target,
      statements: [`return this.t.websocket(OPS.${m.opKey}${query ? ", query" : ""});`],
    };
  }
  const result = m.kind === "json" ? (types.result ?? "undefined") : RESULT_OF[m.kind];
  const callArgs = args.length > 0 ? `{ ${args.join(", ")} }` : "{}";
  return {
    name: m.name,
    isAsync: true, // so a rejected argument is a rejected promise, never a synchronous throw
    docs: description,
    parameters: params,
    returnType: `Promise<${result}>`,
    statements: [`return await this.t.call<${result}>(OPS.${m.opKey}, ${callArgs}, options);`],
  };
}

/** What a resource class holds: its operations (by SDK method name) and its sub-resources. */
function resourceSummary(node: ResourceNode): string {
  const list = (names: string[]): string => names.map((n) => `\`${n}\``).join(", ");
  const methods = node.methods.map((m) => m.name);
  const children = [...node.children.keys()];
  return [
    `The \`${node.path.join(".")}\` resource`,
    methods.length > 0 && `: ${list(methods)}`,
    children.length > 0 && `${methods.length > 0 ? "; sub-resources" : ": sub-resources"} ${list(children)}`,
    ".",
  ]
    .filter(Boolean)
    .join("");
}

function classes(node: ResourceNode, rootName: string, out: ClassDeclarationStructure[]): void {
  const name = node.path.length === 0 ? rootName : className(node.path);
  const children = [...node.children.entries()];
  const properties: OptionalKind<PropertyDeclarationStructure>[] = children.map(([key, child]) => ({
    name: key,
    isReadonly: true,
    type: className(child.path),
    docs: docs(resourceSummary(child)),
  }));
  out.push({
    kind: StructureKind.Class,
    name,
    isExported: true,
    docs: docs(node.path.length === 0 ? "Every resource of the API, bound to one transport." : resourceSummary(node)),
    properties,
    ctors: [
      {
        parameters: [{ name: "t", type: "Transport<paths>", scope: Scope.Private, isReadonly: true }],
        statements: children.map(([key, child]) => `this.${key} = new ${className(child.path)}(t);`),
      },
    ],
    methods: node.methods.map(methodStructure),
  });
  for (const [, child] of children) classes(child, rootName, out);
}

export function emitResources(methods: MethodModel[], rootName: string, header: string, runtimeImport: string): string {
  const out: ClassDeclarationStructure[] = [];
  classes(tree(methods), rootName, out);
  const modelNames = new Set<string>();
  const collect = (text: string | undefined): void => {
    for (const word of text?.match(/\b[A-Z][A-Za-z0-9]*\b/g) ?? []) modelNames.add(word);
  };
  for (const m of methods) {
    const t = methodTypes(m);
    collect(t.body);
    collect(t.query);
    collect(t.result);
    if (m.websocket) for (const n of [m.websocket.client, m.websocket.server]) modelNames.add(defaultModelName(n));
    for (const p of m.pathParams) collect(p.schema ? typeText(p.schema, { modelName: defaultModelName }) : undefined);
  }
  for (const builtin of ["Array", "Record", "Blob", "NonNullable", "ReadableStream", "Uint8Array", "Promise"])
    modelNames.delete(builtin);
  return printFile("resources.ts", header, {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: runtimeImport,
        isTypeOnly: true,
        namedImports: ["RequestOptions", "Transport", "WebSocketTarget"],
      },
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "./models.js",
        isTypeOnly: true,
        namedImports: [...modelNames].sort(),
      },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./operations.js", namedImports: ["OPS"] },
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "./schema.js",
        isTypeOnly: true,
        namedImports: ["paths"],
      },
      ...out,
    ],
  });
}
