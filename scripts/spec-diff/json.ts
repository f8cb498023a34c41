// Loose JSON access for OpenAPI documents read from disk or git: every value is `unknown` until narrowed.
export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Deterministic JSON text (sorted keys), so that two values compare equal regardless of key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObj(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** The value a local `$ref` ("#/components/…") points to, followed through chains of refs. */
export function resolve(doc: Obj, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 32; hops++) {
    const ref = str(obj(current).$ref);
    if (ref === undefined || !ref.startsWith("#/")) return current;
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((at, part) => obj(at)[part], doc);
  }
  throw new Error(`$ref chain too long at ${canonical(node)}`);
}

/** The name of a `#/components/schemas/<Name>` ref, or undefined. */
export function schemaRefName(node: unknown): string | undefined {
  const ref = str(obj(node).$ref);
  return ref?.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : undefined;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** `/v1/sandboxes/{id}` and `/v1/sandboxes/{sandboxId}` are one path: parameters count by position. */
export function normalisePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

export interface OperationRef {
  /** `GET /v1/sandboxes/{}` */
  key: string;
  method: string;
  path: string;
  pathItem: Obj;
  operation: Obj;
}

export function operations(doc: Obj): Map<string, OperationRef> {
  const out = new Map<string, OperationRef>();
  for (const [path, item] of Object.entries(obj(doc.paths))) {
    const pathItem = obj(item);
    for (const method of HTTP_METHODS) {
      if (!isObj(pathItem[method])) continue;
      const key = `${method.toUpperCase()} ${normalisePath(path)}`;
      out.set(key, { key, method, path, pathItem, operation: pathItem[method] });
    }
  }
  return out;
}
