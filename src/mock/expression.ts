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

const TERM = ["*", "/", "//", "%"];
const SUM = ["+", "-"];
const COMPARE = ["==", "!=", "===", "!==", "<", ">", "<=", ">="];
const AND = ["and", "&&"];
const OR = ["or", "||", "??"];
const NOT = ["not", "!"];

/** Python's `+ - * / // % **` and JavaScript's, over numbers, strings and lists. */
function arith(lang: Language, op: string, a: Value, b: Value): Value {
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
  let r: number;
  if (op === "+") r = x + y;
  else if (op === "-") r = x - y;
  else if (op === "*") r = x * y;
  else if (op === "/") r = x / y;
  else if (op === "//") r = Math.floor(x / y);
  else if (op === "%") r = lang.python ? ((x % y) + y) % y : x % y;
  else r = x ** y;
  return lang.python && (float || op === "/") ? new Float(r) : r;
}

function compare(op: string, a: Value, b: Value): Value {
  if (a === OPAQUE || b === OPAQUE) return OPAQUE;
  const x = isNum(a) ? numOf(a) : a;
  const y = isNum(b) ? numOf(b) : b;
  if (op === "==" || op === "===") return x === y;
  if (op === "!=" || op === "!==") return x !== y;
  if (typeof x !== typeof y || (typeof x !== "number" && typeof x !== "string")) return OPAQUE;
  const [p, q] = [x as number | string, y as number | string];
  return op === "<" ? p < q : op === ">" ? p > q : op === "<=" ? p <= q : p >= q;
}

function truthy(v: Value): boolean | typeof OPAQUE {
  if (v === OPAQUE || v instanceof Ref || v instanceof Bound || v instanceof Handle) return OPAQUE;
  if (Array.isArray(v)) return v.length > 0;
  return isNum(v) ? numOf(v) !== 0 : Boolean(v);
}

/** A recursive-descent parser that evaluates as it parses (one instance per expression). */
class Evaluation {
  private at = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly lang: Language,
  ) {}

  run(): Value {
    const result = this.expr();
    if (this.at < this.tokens.length)
      throw new SyntaxError(`unexpected ${String((this.tokens[this.at] as { v: unknown }).v)}`);
    // A dotted name stays a Ref, so that `fs = require("fs")` or `env = os.environ` can be used later.
    return result;
  }

  private isOp(ops: string[] | string): boolean {
    const t = this.tokens[this.at];
    return (
      t !== undefined && (t.t === "op" || t.t === "id") && (typeof ops === "string" ? t.v === ops : ops.includes(t.v))
    );
  }

  private expect(op: string): void {
    if (!this.isOp(op)) throw new SyntaxError(`expected ${op}`);
    this.at++;
  }

  private value(v: Value): Value {
    return v instanceof Ref ? this.lang.deref(v) : v;
  }

  private expr(): Value {
    return this.logic(false);
  }

  /** `or` (`||`, `??`) over `and` (`&&`) over `not`. */
  private logic(and: boolean): Value {
    let left = and ? this.not() : this.logic(true);
    while (this.isOp(and ? AND : OR)) {
      this.at++;
      const right = this.value(and ? this.not() : this.logic(true));
      const t = truthy(this.value(left));
      left = t === OPAQUE ? OPAQUE : and ? (t ? right : left) : t ? left : right;
    }
    return left;
  }

  private not(): Value {
    if (this.isOp(NOT)) {
      this.at++;
      const v = truthy(this.value(this.not()));
      return v === OPAQUE ? OPAQUE : !v;
    }
    return this.binary(0);
  }

  /** Level 0: comparisons, 1: `+ -`, 2: `* / // %`, 3: unary. */
  private binary(level: number): Value {
    if (level === 3) return this.unary();
    const ops = level === 0 ? COMPARE : level === 1 ? SUM : TERM;
    let left = this.binary(level + 1);
    while (this.isOp(ops)) {
      const op = (this.tokens[this.at++] as { v: string }).v;
      const a = this.value(left);
      const b = this.value(this.binary(level + 1));
      left = level === 0 ? compare(op, a, b) : arith(this.lang, op, a, b);
    }
    return left;
  }

  private unary(): Value {
    if (this.isOp("-")) {
      this.at++;
      const v = this.value(this.unary());
      return isNum(v) ? arith(this.lang, "-", 0, v) : OPAQUE;
    }
    if (this.isOp("+")) {
      this.at++;
      return this.value(this.unary());
    }
    const base = this.postfix(this.primary());
    if (!this.isOp("**")) return base;
    this.at++;
    return arith(this.lang, "**", this.value(base), this.value(this.unary()));
  }

  private args(close: string): { list: Value[]; kwargs: Record<string, Value> } {
    const list: Value[] = [];
    const kwargs: Record<string, Value> = {};
    while (!this.isOp(close)) {
      const t = this.tokens[this.at];
      const next = this.tokens[this.at + 1];
      if (this.lang.python && t?.t === "id" && next?.t === "op" && next.v === "=") {
        this.at += 2;
        kwargs[t.v] = this.value(this.expr());
      } else list.push(this.value(this.expr()));
      if (!this.isOp(close)) this.expect(",");
    }
    this.at++;
    return { list, kwargs };
  }

  private primary(): Value {
    const t = this.tokens[this.at++];
    if (!t) throw new SyntaxError("unexpected end of expression");
    if (t.t === "num") return this.lang.python && t.float ? new Float(t.v) : t.v;
    if (t.t === "str") {
      // Adjacent literals concatenate in Python.
      let s = t.v;
      while (this.lang.python && this.tokens[this.at]?.t === "str") s += (this.tokens[this.at++] as { v: string }).v;
      return s;
    }
    if (t.t === "fmt") return this.formatted(t.parts);
    if (t.t === "id") {
      if (!this.lang.python && t.v === "new") return this.postfix(this.primary());
      if (!this.lang.python && t.v === "await") return this.unary();
      return this.lang.name(t.v);
    }
    if (t.v === "(") {
      const v = this.expr();
      if (!this.isOp(",")) {
        this.expect(")");
        return v;
      }
      const items: Value[] = [this.value(v)];
      while (this.isOp(",")) {
        this.at++;
        if (!this.isOp(")")) items.push(this.value(this.expr()));
      }
      this.expect(")");
      return items;
    }
    if (t.v === "[") return this.args("]").list;
    if (t.v === "{") {
      // A dict or object literal: its contents are skipped, its value unknown.
      let depth = 1;
      while (this.at < this.tokens.length && depth > 0) {
        const v = (this.tokens[this.at++] as { v?: unknown }).v;
        if (v === "{") depth++;
        else if (v === "}") depth--;
      }
      return OPAQUE;
    }
    throw new SyntaxError(`unexpected ${t.v}`);
  }

  private postfix(start: Value): Value {
    let v = start;
    for (;;) {
      if (this.isOp(".") || this.isOp("?.")) {
        this.at++;
        const t = this.tokens[this.at++];
        if (t?.t !== "id") throw new SyntaxError("expected a name after .");
        v = v instanceof Ref ? new Ref([...v.path, t.v]) : v === OPAQUE ? OPAQUE : new Bound(v, t.v);
      } else if (this.isOp("(")) {
        this.at++;
        const { list, kwargs } = this.args(")");
        v = this.lang.call(v, list, kwargs);
      } else if (this.isOp("[")) {
        this.at++;
        const key = this.value(this.expr());
        this.expect("]");
        v = this.lang.index(v, key);
      } else return v;
    }
  }

  private formatted(parts: Array<string | { code: string; spec: string }>): Value {
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") {
        out += part;
        continue;
      }
      const v = this.value(evaluate(part.code, this.lang));
      if (v === OPAQUE) return OPAQUE;
      const fixed = /^\.(\d+)f$/.exec(part.spec);
      out += fixed && isNum(v) ? numOf(v).toFixed(Number(fixed[1])) : this.lang.text(v);
    }
    return out;
  }
}

/**
 * Evaluates one expression of a language; throws `Raised` for what the language would raise and `SyntaxError`
 * for a form it does not handle.
 */
export function evaluate(src: string, lang: Language): Value {
  return new Evaluation(tokenize(src, lang.python), lang).run();
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
