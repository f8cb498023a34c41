// Which named schemas each direction reaches: a schema used only in responses is judged as a response.
import { type Obj, isObj, list, obj, operations, resolve, schemaRefName, str } from "./json.js";
import type { Direction } from "./model.js";

export function schemaUsage(doc: Obj): Map<string, Set<Direction>> {
  const usage = new Map<string, Set<Direction>>();
  const schemas = obj(obj(doc.components).schemas);
  const visit = (node: unknown, dir: Direction): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, dir);
      return;
    }
    if (!isObj(node)) return;
    const name = schemaRefName(node);
    if (name !== undefined) {
      const dirs = usage.get(name) ?? new Set<Direction>();
      if (dirs.has(dir)) return;
      usage.set(name, dirs.add(dir));
      visit(schemas[name], dir);
      return;
    }
    if (typeof node.$ref === "string") {
      visit(resolve(doc, node), dir);
      return;
    }
    for (const value of Object.values(node)) visit(value, dir);
  };
  const named = (name: unknown): unknown =>
    typeof name === "string" ? { $ref: `#/components/schemas/${name}` } : undefined;
  for (const { operation, pathItem } of operations(doc).values()) {
    visit([...list(pathItem.parameters), ...list(operation.parameters)], "request");
    visit(operation.requestBody, "request");
    visit(operation.responses, "response");
    const ws = obj(operation["x-hopx-websocket"]);
    visit(named(ws.client), "request");
    visit(named(ws.server), "response");
    for (const event of Object.values(obj(obj(operation["x-hopx-sse"]).events))) visit(named(str(event)), "response");
  }
  return usage;
}
