// Step 4: from each bundle and spec/sdk.yaml, ts-morph emits the SDK layer of generated/<api>/:
// models.ts (camelCase types), shapes.ts (converters), operations.ts (runtime facts), resources.ts
// (one method per operation) and index.ts.
import { resolve } from "node:path";
import { StructureKind } from "ts-morph";
import { emitModels } from "./emit-models.js";
import { emitOperations } from "./emit-operations.js";
import { emitResources } from "./emit-resources.js";
import { emitShapes } from "./emit-shapes.js";
import { printFile } from "./lib/emit.js";
import type { Document } from "./lib/openapi.js";
import { methodModels } from "./lib/operation-model.js";
import {
  apisFromArgv,
  bundleName,
  bundlePath,
  generatedDir,
  main,
  readJson,
  tsHeader,
  writeGenerated,
  type ApiName,
} from "./lib/project.js";
import { loadSdkConfig } from "./lib/sdk-config.js";

const ROOT_CLASS: Record<ApiName, string> = { "control-plane": "ControlPlaneResources", "vm-agent": "AgentResources" };
const RUNTIME = "../../src/runtime/index.js";

function wrappers(api: ApiName): void {
  const doc = readJson<Document>(bundlePath(api));
  const methods = methodModels(doc, loadSdkConfig(api), api);
  const source = `${bundleName(api)} and spec/sdk.yaml`;
  const header = tsHeader("wrappers.ts", source);
  const dir = generatedDir(api);
  writeGenerated(resolve(dir, "models.ts"), emitModels(doc, methods, header));
  writeGenerated(resolve(dir, "shapes.ts"), emitShapes(doc, methods, header, RUNTIME));
  writeGenerated(resolve(dir, "operations.ts"), emitOperations(methods, header, RUNTIME));
  writeGenerated(resolve(dir, "resources.ts"), emitResources(methods, ROOT_CLASS[api], header, RUNTIME));
  writeGenerated(
    resolve(dir, "index.ts"),
    printFile("index.ts", header, {
      statements: [
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./models.js", isTypeOnly: true },
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./operations.js", namedExports: ["OPS"] },
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./resources.js" },
        {
          kind: StructureKind.ExportDeclaration,
          moduleSpecifier: "./shapes.js",
          namedExports: ["operationShapes", "shapes"],
        },
        {
          kind: StructureKind.ExportDeclaration,
          moduleSpecifier: "./schema.js",
          isTypeOnly: true,
          namedExports: ["components", "operations", "paths"],
        },
      ],
    }),
  );
  console.log(`wrappers ${api}: ${methods.length} methods`);
}

await main(() => {
  for (const api of apisFromArgv()) wrappers(api);
});
