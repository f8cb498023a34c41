// Schema-aware case conversion between the wire (snake_case) and the SDK (camelCase).
// The generator emits one Shape per schema; only what a schema declares is renamed, and the keys of
// free-form maps (env vars, metadata, headers) are never touched.

/** How to convert one value. Strings name a shape in the API's registry (lets shapes refer to each other). */
export interface Shape {
  /** Known properties: wire name → [SDK name, shape of the value if it needs converting]. */
  readonly p?: Readonly<Record<string, readonly [string, ShapeRef?]>>;
  /** A map: keys kept as they are; values converted by this shape (`true`: values kept too). */
  readonly m?: ShapeRef | true;
  /** An array: each item converted by this shape. */
  readonly i?: ShapeRef;
  /** Free-form: kept exactly as it is. */
  readonly f?: true;
}
export type ShapeRef = string | Shape;
export type ShapeRegistry = Readonly<Record<string, Shape>>;

type Direction = "in" | "out";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

export const snakeOf = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camelOf = (name: string): string => name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** SDK name → [wire name, shape], built once per shape. */
const inverse = new WeakMap<object, Record<string, readonly [string, ShapeRef?]>>();
function propsOut(props: NonNullable<Shape["p"]>): Record<string, readonly [string, ShapeRef?]> {
  let table = inverse.get(props);
  if (!table) {
    table = {};
    for (const [wire, [sdk, shape]] of Object.entries(props)) table[sdk] = shape === undefined ? [wire] : [wire, shape];
    inverse.set(props, table);
  }
  return table;
}

function resolve(ref: ShapeRef, registry: ShapeRegistry): Shape {
  if (typeof ref !== "string") return ref;
  const shape = registry[ref];
  if (!shape) throw new Error(`hopx-client: no shape named ${ref}`);
  return shape;
}

/** A key the naming rule leaves as it is: no `_` (wire → SDK) or no capital (SDK → wire); most keys are. */
const unchanged = (key: string, dir: Direction): boolean => (dir === "in" ? !key.includes("_") : !/[A-Z]/.test(key));

/**
 * The name of a key the property table does not list: a map entry's key is data and stays; a field the schema
 * does not know yet (newer server) is renamed by the naming rule.
 */
const otherName = (key: string, map: Shape["m"], dir: Direction): string =>
  map !== undefined || unchanged(key, dir) ? key : dir === "in" ? camelOf(key) : snakeOf(key);

/** The shape of a map entry's value (undefined: kept as it is, as are unknown fields' values). */
const otherShape = (map: Shape["m"]): ShapeRef | undefined => (map === true ? undefined : map);

// Runs on every answer of every call: plain loops, no per-entry arrays, no call for a value that needs none.
function convert(value: unknown, ref: ShapeRef | undefined, registry: ShapeRegistry, dir: Direction): unknown {
  if (ref === undefined || value === null || value === undefined) return value;
  const shape = resolve(ref, registry);
  if (shape.f) return value;
  if (Array.isArray(value)) {
    const itemShape = shape.i;
    if (itemShape === undefined) return value;
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = convert(value[i], itemShape, registry, dir);
    return items;
  }
  if (!isPlainObject(value)) return value;
  const props = shape.p ? (dir === "in" ? shape.p : propsOut(shape.p)) : undefined;
  const map = shape.m;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    const known = props?.[key];
    const itemShape = known ? known[1] : otherShape(map);
    out[known ? known[0] : otherName(key, map, dir)] =
      itemShape === undefined || item === null || item === undefined ? item : convert(item, itemShape, registry, dir);
  }
  return out;
}

/** Wire → SDK. */
export function fromWire<T>(value: unknown, ref: ShapeRef | undefined, registry: ShapeRegistry): T {
  return convert(value, ref, registry, "in") as T;
}

/** SDK → wire. */
export function toWire<T>(value: unknown, ref: ShapeRef | undefined, registry: ShapeRegistry): T {
  return convert(value, ref, registry, "out") as T;
}

/** The shapes of one operation's query, body and result. */
export interface OperationShapes {
  readonly query?: ShapeRef;
  readonly body?: ShapeRef;
  readonly result?: ShapeRef;
}
