// Test helpers over the bundled specs: load them, walk their operations, and check values against
// their schemas with Ajv (OpenAPI 3.0 `nullable` is an Ajv keyword; refs resolve inside the bundle).
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import type { Document, HttpMethod, Operation, Parameter } from "../../scripts/codegen/lib/openapi.js";
import { deref, operationsOf } from "../../scripts/codegen/lib/openapi.js";

export type ApiName = "control-plane" | "vm-agent";
export type { Document, Operation, Parameter };

export function loadBundle(api: ApiName): Document {
  return JSON.parse(readFileSync(new URL(`../../generated/${api}/openapi.json`, import.meta.url), "utf8")) as Document;
}

export interface OperationCase {
  api: ApiName;
  path: string;
  method: HttpMethod;
  operation: Operation;
  parameters: Parameter[];
}

export function operationCases(api: ApiName): OperationCase[] {
  const doc = loadBundle(api);
  return operationsOf(doc).map((entry) => ({ api, ...entry }));
}

const validators = new Map<ApiName, Ajv>();

function ajvFor(api: ApiName): Ajv {
  let ajv = validators.get(api);
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, discriminator: false, validateSchema: false });
    // ajv-formats is CommonJS: under NodeNext its default import is the module object.
    const addFormats =
      (formats as unknown as { default: (a: Ajv) => Ajv }).default ?? (formats as unknown as (a: Ajv) => Ajv);
    addFormats(ajv);
    for (const format of ["binary", "byte", "int32", "int64", "float", "double", "password"])
      ajv.addFormat(format, true);
    ajv.addSchema(loadBundle(api) as object, api);
    validators.set(api, ajv);
  }
  return ajv;
}

/** A validator for the schema at a JSON pointer inside the bundle. */
export function validatorAt(api: ApiName, pointer: string): ValidateFunction {
  const validate = ajvFor(api).getSchema(`${api}#${pointer}`);
  if (!validate) throw new Error(`no schema at ${api}#${pointer}`);
  return validate;
}

export const pointer = (...parts: string[]): string =>
  parts.map((p) => `/${p.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** A value for a parameter from its examples, its schema's example, enum or default. */
export function parameterValue(doc: Document, param: Parameter): string | undefined {
  const schema = param.schema ? deref(doc, param.schema) : undefined;
  const candidates = [
    param.example,
    Object.values(param.examples ?? {})[0]?.value,
    schema?.example,
    schema?.enum?.[0],
    schema?.default,
  ];
  const found = candidates.find((v) => v !== undefined && v !== null);
  return found === undefined ? undefined : String(found);
}
