// generated/<api>/operations.ts: what the runtime must know of each operation (method, path, plane,
// retry safety, response kind, per-status error classes), keyed by operationId.
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { OperationInfo } from "../../src/runtime/operation.js";
import { printFile } from "./lib/emit.js";
import type { MethodModel } from "./lib/operation-model.js";

export function emitOperations(methods: MethodModel[], header: string, runtimeImport: string): string {
  const table: Record<string, OperationInfo & { accept?: string }> = {};
  for (const m of methods) {
    table[m.opKey] = {
      id: m.sdk.operationId,
      method: m.httpMethod.toUpperCase() as OperationInfo["method"],
      path: m.path,
      plane: m.sdk.plane,
      retrySafe: m.sdk.retrySafe,
      stream: m.kind,
      ...(m.sdk.paginated ? { paginated: true } : {}),
      ...(m.isPublic ? { public: true } : {}),
      ...(m.body && m.body.mediaType !== "application/json"
        ? { upload: m.body.mediaType === "multipart/form-data" ? ("multipart" as const) : ("binary" as const) }
        : {}),
      ...(m.accept ? { accept: m.accept } : {}),
      // Per-status error classes from spec/sdk.yaml; keys are status strings, so JSON lists them in ascending order.
      ...(m.sdk.errors ? { errors: { ...m.sdk.errors } } : {}),
      ...(m.sdk.resultStatuses ? { resultStatuses: [...m.sdk.resultStatuses] } : {}),
    };
  }
  return printFile("operations.ts", header, {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: runtimeImport,
        isTypeOnly: true,
        namedImports: ["OperationInfo"],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [
          {
            description:
              "Every operation of the API by operationId (an `…Sse` key is the SSE reading of its operation).",
          },
        ],
        declarations: [
          {
            name: "OPS",
            initializer: `{\n${Object.entries(table)
              .map(([key, info]) => `  ${key}: ${JSON.stringify(info)},`)
              .join("\n")}\n} as const satisfies Record<string, OperationInfo>`,
          },
        ],
      },
    ],
  });
}
