// Step 3: openapi-typescript turns each bundle into generated/<api>/schema.ts (the wire types that the
// raw openapi-fetch clients use). Options are pinned here, not on a command line.
import { resolve } from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
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

const BLOB = ts.factory.createTypeReferenceNode("Blob");
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

async function types(api: ApiName): Promise<void> {
  const doc = readJson<OpenAPI3>(bundlePath(api));
  const ast = await openapiTS(doc, {
    alphabetize: true, // stable output whatever the spec's order
    rootTypes: true, // `SchemaSandbox` aliases for raw users; the prefix keeps `Error` from shadowing the global
    defaultNonNullable: false, // a field with a default stays optional in request bodies
    emptyObjectsUnknown: true,
    silent: true,
    transform(schema) {
      if (schema.format !== "binary") return undefined;
      return schema.nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
    },
  });
  const source = bundleName(api);
  writeGenerated(resolve(generatedDir(api), "schema.ts"), `${tsHeader("types.ts", source)}\n${astToString(ast)}`);
  console.log(`types ${api}: generated/${api}/schema.ts`);
}

await main(async () => {
  for (const api of apisFromArgv()) await types(api);
});
