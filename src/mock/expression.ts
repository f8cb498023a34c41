// The expressions the mock's Python and JavaScript doubles evaluate: literals (numbers, strings, f-strings,
// template literals, lists), names, arithmetic, comparisons, `and`/`or`/`not` (`&&`/`||`/`!`), attribute
// chains, calls and indexing. Names, calls and attributes are answered by the language (python.ts,
// javascript.ts); what neither can know (a DataFrame, a function's result) is `OPAQUE`, and a line that
// needs an opaque value is left out, as before this module existed.

/** A value the double cannot know. */
export const OPAQUE: unique symbol = Symbol("opaque");
/** A Python float (kept apart from ints so that `6 / 3` prints `2.0`). */
export class Float {
  constructor(readonly value: number) {}
}
/** A dotted name not resolved yet (`os.environ`, `process.env.HOME`, `plt.savefig`). */
export class Ref {
  constructor(readonly path: readonly string[]) {}
}
/** A method of a value (`"a".upper`, `f.write`). */
export class Bound {
  constructor(
    readonly self: Value,
    readonly name: string,
  ) {}
}
/** Something a language hands out and later gets back (a Python file object). */
export class Handle {
  constructor(
    readonly kind: string,
    readonly data: Record<string, string>,
  ) {}
}

export type Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | Float
  | Ref
  | Bound
  | Handle
  | typeof OPAQUE
  | Value[];

/** An exception the code raises: its class name and message (`NameError`, `name 'x' is not defined`). */
export class Raised extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a language answers for names, attributes, calls and indexing. */
export interface Language {
  readonly python: boolean;
  /** A name's value; throws `Raised` for a name the code never defines. */
  name(id: string): Value;
  /** A Ref used as a value (`process.env.HOME` → its value). */
  deref(ref: Ref): Value;
  call(callee: Value, args: Value[], kwargs: Record<string, Value>): Value;
  index(target: Value, key: Value): Value;
  /** `str()` / `String()` of a value. */
  text(value: Value): string;
}

type Token =
  | { t: "num"; v: number; float: boolean }
  | { t: "str"; v: string }
  | { t: "fmt"; parts: Array<string | { code: string; spec: string }> }
  | { t: "id"; v: string }
  | { t: "op"; v: string };

const OPS = ["===", "!==", "**", "//", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "=>"];
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", b: "\b", f: "\f", v: "\v" };

function unescapeText(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\s\S])/g, (_, e: string) =>
    e.length > 1 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
  );
}

/** The index just past the `}` matching the `{` at `open`, skipping strings inside. */
function closeBrace(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === "`") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/** Splits an f-string or template literal body into text and `{code:spec}` parts. */
function formatParts(body: string, python: boolean): Array<string | { code: string; spec: string }> {
  const parts: Array<string | { code: string; spec: string }> = [];
  let text = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (python && (c === "{" || c === "}") && body[i + 1] === c) {
      text += c;
      i++;
      continue;
    }
    const opens = python ? c === "{" : c === "$" && body[i + 1] === "{";
    if (!opens) {
      text += c;
      continue;
    }
    const start = python ? i : i + 1;
    const end = closeBrace(body, start);
    if (end < 0) throw new SyntaxError("unterminated placeholder");
    const inner = body.slice(start + 1, end - 1);
    const colon = python ? /^((?:[^:'"]|'[^']*'|"[^"]*")*?)(?:!r)?(?::([^}]*))?$/.exec(inner) : null;
    parts.push(unescapeText(text), { code: colon ? colon[1]! : inner, spec: colon?.[2] ?? "" });
    text = "";
    i = end - 1;
  }
  parts.push(unescapeText(text));
  return parts.filter((p) => p !== "");
}

function tokenize(src: string, python: boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const str = (python ? /^([rRbBuUfF]{0,2})('''|"""|'|")/ : /^()('|"|`)/).exec(rest);
    if (str) {
      const prefix = str[1]!.toLowerCase();
      const quote = str[2]!;
      let j = i + str[0].length;
      while (j < src.length && !src.startsWith(quote, j)) j += src[j] === "\\" && !prefix.includes("r") ? 2 : 1;
      if (j >= src.length) throw new SyntaxError("unterminated string literal");
      const body = src.slice(i + str[0].length, j);
      if (prefix.includes("f") || quote === "`") out.push({ t: "fmt", parts: formatParts(body, python) });
      else out.push({ t: "str", v: prefix.includes("r") ? body : unescapeText(body) });
      i = j + quote.length;
      continue;
    }
    const num = /^(?:\d[\d_]*(\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)/.exec(rest);
    if (num) {
      out.push({ t: "num", v: Number(num[0].replace(/_/g, "")), float: /[.eE]/.test(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (id) {
      out.push({ t: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o)) ?? rest[0]!;
    out.push({ t: "op", v: op });
    i += op.length;
  }
  return out;
}

/** Python's name of a value's type, for error messages. */
function pyType(v: Value): string {
  if (v instanceof Float) return "float";
  if (typeof v === "number") return "int";
  if (typeof v === "boolean") return "bool";
  if (v === null) return "NoneType";
  return Array.isArray(v) ? "list" : "object";
}

const isNum = (v: Value): v is number | Float => typeof v === "number" || v instanceof Float;
const numOf = (v: number | Float): number => (typeof v === "number" ? v : v.value);

/**
 * Evaluates one expression of a language; throws `Raised` for what the language would raise and `SyntaxError`
 * for a form it does not handle.
 */
export function evaluate(src: string, lang: Language): Value {
  const tokens = tokenize(src, lang.python);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isOp = (...ops: string[]): boolean => {
    const t = tokens[at];
    return t !== undefined && (t.t === "op" || t.t === "id") && ops.includes(t.v);
  };
  const expect = (op: string): void => {
    if (!isOp(op)) throw new SyntaxError(`expected ${op}`);
    at++;
  };
  const value = (v: Value): Value => (v instanceof Ref ? lang.deref(v) : v);

  const arith = (op: string, a: Value, b: Value): Value => {
    if (a === OPAQUE || b === OPAQUE) return OPAQUE;
    if (op === "+" && (typeof a === "string" || typeof b === "string")) {
      if (lang.python && typeof a !== "string")
        throw new Raised("TypeError", `unsupported operand type(s) for +: '${pyType(a)}' and 'str'`);
      if (lang.python && typeof b !== "string")
        throw new Raised("TypeError", `can only concatenate str (not "${pyType(b)}") to str`);
      return lang.text(a) + lang.text(b);
    }
    if (op === "*" && typeof a === "string" && typeof b === "number") return a.repeat(Math.max(0, b));
    if (op === "+" && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (!isNum(a) || !isNum(b)) return OPAQUE;
    const x = numOf(a);
    const y = numOf(b);
    const float = a instanceof Float || b instanceof Float;
    if ((op === "/" || op === "//" || op === "%") && y === 0 && lang.python)
      throw new Raised("ZeroDivisionError", op === "/" ? "division by zero" : "integer division or modulo by zero");
    const r =
      op === "+"
        ? x + y
        : op === "-"
          ? x - y
          : op === "*"
            ? x * y
            : op === "/"
              ? x / y
              : op === "//"
                ? Math.floor(x / y)
                : op === "%"
                  ? lang.python
                    ? ((x % y) + y) % y
                    : x % y
                  : x ** y;
    return lang.python && (float || op === "/") ? new Float(r) : r;
  };

  const compare = (op: string, a: Value, b: Value): Value => {
    if (a === OPAQUE || b === OPAQUE) return OPAQUE;
    const x = isNum(a) ? numOf(a) : a;
    const y = isNum(b) ? numOf(b) : b;
    if (op === "==" || op === "===") return x === y;
    if (op === "!=" || op === "!==") return x !== y;
    if (typeof x !== typeof y || (typeof x !== "number" && typeof x !== "string")) return OPAQUE;
    const [p, q] = [x as number | string, y as number | string];
    return op === "<" ? p < q : op === ">" ? p > q : op === "<=" ? p <= q : p >= q;
  };

  const truthy = (v: Value): boolean | typeof OPAQUE => {
    if (v === OPAQUE || v instanceof Ref || v instanceof Bound || v instanceof Handle) return OPAQUE;
    if (Array.isArray(v)) return v.length > 0;
    return isNum(v) ? numOf(v) !== 0 : Boolean(v);
  };

  const formatted = (parts: Array<string | { code: string; spec: string }>): Value => {
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") {
        out += part;
        continue;
      }
      const v = value(evaluate(part.code, lang));
      if (v === OPAQUE) return OPAQUE;
      const fixed = /^\.(\d+)f$/.exec(part.spec);
      out += fixed && isNum(v) ? numOf(v).toFixed(Number(fixed[1])) : lang.text(v);
    }
    return out;
  };

  function args(close: string): { list: Value[]; kwargs: Record<string, Value> } {
    const list: Value[] = [];
    const kwargs: Record<string, Value> = {};
    while (!isOp(close)) {
      const t = peek();
      if (lang.python && t?.t === "id" && tokens[at + 1]?.t === "op" && (tokens[at + 1] as { v: string }).v === "=") {
        at += 2;
        kwargs[t.v] = expr();
      } else list.push(expr());
      if (!isOp(close)) expect(",");
    }
    at++;
    return { list, kwargs };
  }

  function primary(): Value {
    const t = tokens[at++];
    if (!t) throw new SyntaxError("unexpected end of expression");
    if (t.t === "num") return lang.python && t.float ? new Float(t.v) : t.v;
    if (t.t === "str") {
      // Adjacent literals concatenate in Python.
      let s = t.v;
      while (lang.python && peek()?.t === "str") s += (tokens[at++] as { v: string }).v;
      return s;
    }
    if (t.t === "fmt") return formatted(t.parts);
    if (t.t === "id") {
      if (!lang.python && t.v === "new") return postfix(primary());
      if (!lang.python && t.v === "await") return unary();
      return lang.name(t.v);
    }
    if (t.v === "(") {
      const v = expr();
      if (isOp(",")) {
        const items: Value[] = [v];
        while (isOp(",")) {
          at++;
          if (!isOp(")")) items.push(expr());
        }
        expect(")");
        return items;
      }
      expect(")");
      return v;
    }
    if (t.v === "[") return args("]").list;
    if (t.v === "{") {
      // A dict or object literal: its contents are skipped, its value unknown.
      let depth = 1;
      while (at < tokens.length && depth > 0) {
        const v = (tokens[at++] as { v?: unknown }).v;
        if (v === "{") depth++;
        else if (v === "}") depth--;
      }
      return OPAQUE;
    }
    throw new SyntaxError(`unexpected ${t.v}`);
  }

  function postfix(start: Value): Value {
    let v = start;
    for (;;) {
      if (isOp(".") || isOp("?.")) {
        at++;
        const t = tokens[at++];
        if (t?.t !== "id") throw new SyntaxError("expected a name after .");
        v = v instanceof Ref ? new Ref([...v.path, t.v]) : v === OPAQUE ? OPAQUE : new Bound(v, t.v);
      } else if (isOp("(")) {
        at++;
        const { list, kwargs } = args(")");
        v = lang.call(v, list.map(value), Object.fromEntries(Object.entries(kwargs).map(([k, x]) => [k, value(x)])));
      } else if (isOp("[")) {
        at++;
        const key = value(expr());
        expect("]");
        v = lang.index(v, key);
      } else return v;
    }
  }

  function power(): Value {
    const base = postfix(primary());
    if (!isOp("**")) return base;
    at++;
    return arith("**", value(base), value(unary()));
  }

  function unary(): Value {
    if (isOp("-")) {
      at++;
      const v = value(unary());
      return isNum(v) ? arith("-", 0, v) : OPAQUE;
    }
    if (isOp("+")) {
      at++;
      return value(unary());
    }
    return power();
  }

  function binary(next: () => Value, ops: string[], apply: (op: string, a: Value, b: Value) => Value): () => Value {
    return () => {
      let left = next();
      while (isOp(...ops)) {
        const op = (tokens[at++] as { v: string }).v;
        left = apply(op, value(left), value(next()));
      }
      return left;
    };
  }

  const term = binary(unary, ["*", "/", "//", "%"], arith);
  const sum = binary(term, ["+", "-"], arith);
  const comparison = binary(sum, ["==", "!=", "===", "!==", "<", ">", "<=", ">="], compare);
  function not(): Value {
    if (isOp("not", "!")) {
      at++;
      const v = truthy(value(not()));
      return v === OPAQUE ? OPAQUE : !v;
    }
    return comparison();
  }
  const logic = (next: () => Value, ops: string[], and: boolean) =>
    binary(next, ops, (_op, a, b) => {
      const t = truthy(a);
      if (t === OPAQUE) return OPAQUE;
      return and ? (t ? b : a) : t ? a : b;
    });
  const expr: () => Value = logic(logic(not, ["and", "&&"], true), ["or", "||", "??"], false);

  const result = expr();
  if (at < tokens.length) throw new SyntaxError(`unexpected ${String((tokens[at] as { v: unknown }).v)}`);
  // A dotted name stays a Ref, so that `fs = require("fs")` or `env = os.environ` can be used later.
  return result;
}

/**
 * `evaluate`, with a form the double does not handle as OPAQUE (the statement then does nothing, the documented
 * default); what the code raises, and the languages' own control signals, propagate.
 */
export function evaluateOrOpaque(src: string, lang: Language): Value {
  try {
    return evaluate(src, lang);
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof TypeError || err instanceof RangeError) return OPAQUE;
    throw err;
  }
}
