// generated/<api>/resources.ts: one class per SDK resource, one typed method per operation, each a thin
// call through the plane's Transport (openapi-fetch underneath) with camelCase in and out.
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
  const wireOp = `operations[${JSON.stringify(m.sdk.operationId)}]`;
  // What the call adds to its init() object (`this.t.with`: the same object, not a copy per call).
  const callInit: string[] = [];
  const paramParts: string[] = [];
  if (m.pathParams.length > 0) paramParts.push(`path: this.t.path(op, { ${m.pathParams.map(pathEntry).join(", ")} })`);
  if (m.body && types.body) {
    const media = JSON.stringify(m.body.mediaType);
    params.push({ name: "body", type: types.body, hasQuestionToken: !m.body.required });
    callInit.push(`body: this.t.body<NonNullable<${wireOp}["requestBody"]>["content"][${media}]>(op, body)`);
    if (m.body.mediaType === "multipart/form-data") callInit.push("bodySerializer: multipartBody");
    else if (m.body.mediaType !== "application/json") callInit.push("bodySerializer: rawBody");
  }
  const query = querySchema(m);
  if (query && types.query) {
    const required = (query.required ?? []).length > 0;
    params.push({ name: "query", type: types.query, hasQuestionToken: !required });
    paramParts.push(`query: this.t.query<${wireOp}["parameters"]["query"]>(op, query)`);
  }
  if (paramParts.length > 0) callInit.push(`params: { ${paramParts.join(", ")} }`);
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
    const args = query ? "op, this.t.query(op, query)" : "op";
    return {
      name: m.name,
      docs: description,
      parameters: params.filter((p) => p.name !== "options"),
      returnType: target,
      statements: [`const op = OPS.${m.opKey};`, `return this.t.websocket(${args});`],
    };
  }
  const result = m.kind === "json" ? (types.result ?? "undefined") : RESULT_OF[m.kind];
  const verb = m.httpMethod.toUpperCase();
  const callOptions =
    callInit.length === 0 ? "init" : `this.t.with(init, {\n${callInit.map((l) => `  ${l},`).join("\n")}\n})`;
  return {
    name: m.name,
    isAsync: true, // so a rejected argument is a rejected promise, never a synchronous throw
    docs: description,
    parameters: params,
    returnType: `Promise<${result}>`,
    statements: [
      `const op = OPS.${m.opKey};`,
      `const init = this.t.init(op, options);`,
      `return await this.t.finish<${result}>(op, init, this.t.client.${verb}(${JSON.stringify(m.path)}, ` +
        `${callOptions}));`,
    ],
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
  const usesMultipart = methods.some((m) => m.body?.mediaType === "multipart/form-data");
  const usesRaw = methods.some(
    (m) => m.body && m.body.mediaType !== "multipart/form-data" && m.body.mediaType !== "application/json",
  );
  const runtimeValues = [usesMultipart && "multipartBody", usesRaw && "rawBody"].filter((v): v is string => Boolean(v));
  return printFile("resources.ts", header, {
    statements: [
      ...(runtimeValues.length > 0
        ? [
            {
              kind: StructureKind.ImportDeclaration as const,
              moduleSpecifier: runtimeImport,
              namedImports: runtimeValues,
            },
          ]
        : []),
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
        namedImports: ["operations", "paths"],
      },
      ...out,
    ],
  });
}
