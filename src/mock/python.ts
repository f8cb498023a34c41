// The mock's Python: a test double, not an interpreter. It runs module-level statements — assignments,
// `print` (with `sep`, `end`, `file=sys.stderr`), `import`, `if`/`elif`/`else`, `for` over a list or `range`,
// `try`/`except`/`finally`, `with open(...)`, `raise`, `assert`, `sys.exit` — over literals, f-strings and the
// variables set earlier; `os.environ`/`os.getenv` read the sandbox's env, `open()` its files, `exec(open(p).read())`
// runs a file, and matplotlib's `show`/`savefig` give a PNG. Function bodies, classes and `while` are not run;
// a statement it cannot evaluate does nothing (the documented default), while a name the code never defines
// is a `NameError` and a raised exception ends the run with a traceback and exit code 1.
import {
  Bound,
  evaluateOrOpaque,
  Float,
  Handle,
  OPAQUE,
  Raised,
  Ref,
  type Language,
  type Value,
} from "./expression.js";
import { plotPng } from "./plot-png.js";
import { emptyOutput, RunExit, type RunOutput, type RunScope } from "./run-scope.js";
import { isDir, readText, resolvePath, writeFile, writeText } from "./sandbox-files.js";
import { logicalLines, type SourceLine } from "./source-lines.js";

interface Node extends SourceLine {
  body: Node[];
}

/** `break` / `continue` inside a `for`. */
class Jump {
  constructor(readonly kind: "break" | "continue") {}
}

/** Python's builtins (`dir(builtins)`, lower case): never a NameError. */
const BUILTINS = new Set([
  ..."abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile".split(" "),
  ..."complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format".split(" "),
  ..."frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license".split(" "),
  ..."list locals map max memoryview min next object oct open ord pow print property quit range repr".split(" "),
  ..."reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip".split(" "),
  ..."Ellipsis NotImplemented __name__ __builtins__ __doc__".split(" "),
]);
const EXCEPTION = /^(?:(?:[A-Z]\w*)?(?:Error|Exception|Warning)|KeyboardInterrupt|StopIteration|SystemExit)$/;
const MAX_LOOP = 10_000;
/** Words the double's expressions do not handle: a statement using one is left out, never a NameError. */
const KEYWORDS = new Set(
  "lambda in is if else for yield await async from as del global nonlocal pass return with while".split(" "),
);
const COMPOUND = /^(if|elif|else|for|while|try|except|finally|with|def|class|async\s+def)\b/;
const IF_CLAUSE = /^(elif|else)\b/;
const TRY_CLAUSE = /^(except|else|finally)\b/;

/** A clause's body: the indented block, or what follows its colon on the same line. */
const bodyOf = (node: Node, inline: string): Node[] => (inline ? [{ ...node, text: inline, body: [] }] : node.body);

function tree(lines: SourceLine[]): Node[] {
  const root: Node[] = [];
  const stack: Array<{ indent: number; body: Node[] }> = [{ indent: -1, body: root }];
  for (const line of lines) {
    while (stack.length > 1 && line.indent <= stack.at(-1)!.indent) stack.pop();
    const node: Node = { ...line, body: [] };
    stack.at(-1)!.body.push(node);
    if (/:$/.test(line.text)) stack.push({ indent: line.indent, body: node.body });
  }
  return root;
}

/** Every name the code binds anywhere (in blocks the double does not run too): never a NameError. */
function boundNames(code: string): Set<string> {
  const names = new Set<string>();
  const add = (list: string) => {
    for (const n of list.split(/[\s,()*]+/)) if (/^[A-Za-z_]\w*$/.test(n)) names.add(n);
  };
  for (const m of code.matchAll(/^\s*([A-Za-z_][\w\s,()]*?)\s*(?::[^=\n]+)?(?:[-+*/%|&]|\/\/|\*\*)?=(?!=)/gm))
    add(m[1]!);
  for (const m of code.matchAll(/\bfor\s+([\w\s,()]+?)\s+in\b/g)) add(m[1]!);
  for (const m of code.matchAll(/\b(?:as|def|class|global|nonlocal)\s+(\w+)/g)) add(m[1]!);
  for (const m of code.matchAll(/\bimport\s+([\w\s,.]+)/g)) add(m[1]!.replace(/\.\w+/g, ""));
  for (const m of code.matchAll(/\bdef\s+\w+\s*\(([^)]*)\)/g)) add(m[1]!.replace(/=[^,]*/g, ""));
  for (const m of code.matchAll(/\blambda\s+([^:]*):/g)) add(m[1]!);
  for (const m of code.matchAll(/(\w+)\s*:=/g)) add(m[1]!);
  return names;
}

class Python implements Language {
  readonly python = true;
  readonly out: RunOutput = emptyOutput();
  readonly vars = new Map<string, Value>([["__name__", "__main__"]]);
  /** The code run so far (`exec` adds to it); scanned for the names it binds only when a name is not known. */
  readonly sources: string[] = [];
  private bound: Set<string> | undefined;
  private boundFrom = 0;
  readonly classes = new Set<string>();
  /** The exception being handled (`raise` alone re-raises it). */
  handling: Raised | undefined;

  constructor(readonly scope: RunScope) {}

  /** Runs code in this interpreter's globals; what it raises propagates (`exec`). */
  exec(code: string): void {
    this.sources.push(code);
    this.block(tree(logicalLines(code, true, true)));
  }

  run(code: string, file: string): void {
    try {
      this.exec(code);
    } catch (err) {
      if (err instanceof Raised) {
        const line = (err as Raised & { line?: number }).line ?? 1;
        this.out.stderr +=
          `Traceback (most recent call last):\n  File "${file}", line ${line}, in <module>\n` +
          `${err.kind}${err.message ? `: ${err.message}` : ""}\n`;
        this.out.exitCode = 1;
      } else if (err instanceof RunExit) this.out.exitCode = err.code;
      else if (!(err instanceof Jump)) throw err;
    }
  }

  block(nodes: Node[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      try {
        i = this.statement(nodes, i);
      } catch (err) {
        if (err instanceof Raised && (err as Raised & { line?: number }).line === undefined)
          Object.assign(err, { line: node.line });
        throw err;
      }
    }
  }

  /** Runs nodes[i] (and the clauses that belong to it); returns the index of the last node it used. */
  statement(nodes: Node[], i: number): number {
    const node = nodes[i]!;
    const text = node.text;
    const h = header(text, COMPOUND);
    if (h) {
      const body = bodyOf(node, h.inline);
      if (h.kind === "if") return this.ifChain(nodes, i, this.test(h.head), body);
      if (h.kind === "for") this.forLoop(h.head, body);
      else if (h.kind === "try") return this.tryChain(nodes, i, body);
      else if (h.kind === "with") this.withBlock(h.head, body);
      // def, while, and clauses met on their own are not run; the names they bind are known.
      const name = /^\w+/.exec(h.head)?.[0];
      if (name && h.kind === "class") {
        this.classes.add(name);
        this.vars.set(name, new Ref([name]));
      } else if (name && h.kind.endsWith("def")) this.vars.set(name, OPAQUE);
      return i;
    }
    this.simple(text);
    return i;
  }

  test(condition: string): boolean | undefined {
    return this.truth(this.tryEval(condition));
  }

  truth(v: Value): boolean | undefined {
    if (v === OPAQUE || v instanceof Ref || v instanceof Bound || v instanceof Handle) return undefined;
    if (Array.isArray(v)) return v.length > 0;
    return v instanceof Float ? v.value !== 0 : Boolean(v);
  }

  ifChain(nodes: Node[], i: number, first: boolean | undefined, body: Node[]): number {
    let decided = first === undefined ? undefined : first;
    if (decided) this.block(body);
    let j = i + 1;
    for (; j < nodes.length; j++) {
      const clause = header(nodes[j]!.text, IF_CLAUSE);
      if (!clause) break;
      const clauseBody = bodyOf(nodes[j]!, clause.inline);
      // An unknown condition runs no branch of the chain.
      if (decided !== false) continue;
      const taken = clause.kind === "else" ? true : this.test(clause.head);
      if (taken === undefined) decided = undefined;
      else if (taken) {
        decided = true;
        this.block(clauseBody);
      }
    }
    return j - 1;
  }

  forLoop(header: string, body: Node[]): void {
    const m = /^([\w\s,()]+?)\s+in\s+(.+)$/s.exec(header);
    if (!m) return;
    const items = this.tryEval(m[2]!);
    const list = typeof items === "string" ? [...items] : Array.isArray(items) ? items : undefined;
    if (!list) return;
    for (const item of list.slice(0, MAX_LOOP)) {
      this.assign(m[1]!, item);
      try {
        this.block(body);
      } catch (err) {
        if (!(err instanceof Jump)) throw err;
        if (err.kind === "break") break;
      }
    }
  }

  tryChain(nodes: Node[], i: number, body: Node[]): number {
    let raised: Raised | undefined;
    try {
      this.block(body);
    } catch (err) {
      if (!(err instanceof Raised)) throw err;
      raised = err;
    }
    let j = i + 1;
    let pending = raised;
    let finallyBody: Node[] | undefined;
    for (; j < nodes.length; j++) {
      const clause = header(nodes[j]!.text, TRY_CLAUSE);
      if (!clause) break;
      const clauseBody = bodyOf(nodes[j]!, clause.inline);
      if (clause.kind === "finally") finallyBody = clauseBody;
      else if (clause.kind === "else" && !raised) this.block(clauseBody);
      else if (clause.kind === "except" && pending) {
        const m = /^([\w.(), ]*?)(?:\s+as\s+(\w+))?$/.exec(clause.head);
        const types = (m?.[1] ?? "")
          .replace(/[()\s]/g, "")
          .split(",")
          .filter(Boolean);
        if (
          types.length === 0 ||
          types.some((t) => t === pending!.kind || t === "Exception" || t === "BaseException")
        ) {
          if (m?.[2]) this.vars.set(m[2], new Handle("exception", { kind: pending.kind, message: pending.message }));
          const outer = this.handling;
          this.handling = pending;
          pending = undefined;
          try {
            this.block(clauseBody);
          } finally {
            this.handling = outer;
          }
        }
      }
    }
    if (finallyBody) this.block(finallyBody);
    if (pending) throw pending;
    return j - 1;
  }

  withBlock(header: string, body: Node[]): void {
    const m = /^(.+?)\s+as\s+(\w+)$/s.exec(header);
    const v = this.tryEval(m ? m[1]! : header);
    if (m) this.vars.set(m[2]!, v);
    this.block(body);
  }

  simple(text: string): void {
    if (/^(pass|global\b|nonlocal\b|return\b|del\b|yield\b|await\b)/.test(text)) return;
    if (text === "break" || text === "continue") throw new Jump(text);
    const imported = /^import\s+(.+)$/.exec(text) ?? /^from\s+([\w.]+)\s+import\s+(.+)$/.exec(text);
    if (imported) {
      this.importNames(text);
      return;
    }
    const raise = /^raise\b\s*(.*)$/s.exec(text);
    if (raise) {
      this.raise(raise[1]!);
      return;
    }
    const assertion = /^assert\s+(.+)$/s.exec(text);
    if (assertion) {
      const [cond, message] = splitOnce(assertion[1]!);
      if (this.test(cond) === false)
        throw new Raised("AssertionError", message === undefined ? "" : this.text(this.tryEval(message)));
      return;
    }
    const assignment = /^([A-Za-z_][\w\s,()]*?)\s*(?::\s*[^=]+?)?\s*([-+*/%]|\/\/|\*\*)?=(?!=)\s*(.+)$/s.exec(text);
    if (assignment && !/^\s*\w+\s*\(/.test(assignment[1]!)) {
      const [, target, op, rhs] = assignment;
      let value = this.tryEval(rhs!);
      if (op) value = this.tryEval(`(${target}) ${op} (${rhs})`);
      this.assign(target!, value);
      return;
    }
    this.tryEval(text);
  }

  tryEval(src: string): Value {
    return evaluateOrOpaque(src, this);
  }

  assign(target: string, value: Value): void {
    const names = target
      .replace(/[()]/g, "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length === 1) {
      this.vars.set(names[0]!, value);
      return;
    }
    for (const [k, n] of names.entries())
      this.vars.set(n, Array.isArray(value) && value.length === names.length ? value[k] : OPAQUE);
  }

  importNames(text: string): void {
    const from = /^from\s+([\w.]+)\s+import\s+\(?(.+?)\)?$/.exec(text);
    const items = (from ? from[2]! : text.replace(/^import\s+/, "")).split(",");
    for (const item of items) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      if (!name) continue;
      const path = from ? [...from[1]!.split("."), name] : name.split(".");
      // `import a.b` binds `a`; `import a.b as c` and `from a import b` bind the thing itself.
      this.vars.set(alias ?? (from ? name : path[0]!), new Ref(alias || from ? path : [path[0]!]));
    }
  }

  raise(what: string): never {
    if (what === "") {
      if (this.handling) throw this.handling;
      throw new Raised("RuntimeError", "No active exception to reraise");
    }
    const v = this.tryEval(what.replace(/\s+from\s+.*$/s, ""));
    if (v instanceof Handle) throw new Raised(v.data.kind!, v.data.message ?? "");
    if (v instanceof Ref) throw new Raised(v.path.at(-1)!, "");
    const name = /^(\w+)/.exec(what)?.[1] ?? "Exception";
    throw new Raised(name, "");
  }

  /** Whether the code binds a name anywhere (also in blocks the double does not run). */
  binds(id: string): boolean {
    this.bound ??= new Set();
    for (; this.boundFrom < this.sources.length; this.boundFrom++)
      for (const n of boundNames(this.sources[this.boundFrom]!)) this.bound.add(n);
    return this.bound.has(id);
  }

  // ── Language ──────────────────────────────────────────────────────────────────────────────────

  name(id: string): Value {
    if (this.vars.has(id)) return this.vars.get(id);
    if (id === "True") return true;
    if (id === "False") return false;
    if (id === "None") return null;
    if (BUILTINS.has(id) || EXCEPTION.test(id)) return new Ref([id]);
    if (KEYWORDS.has(id)) throw new SyntaxError(`${id} is not supported`);
    if (this.binds(id)) return OPAQUE;
    throw new Raised("NameError", `name '${id}' is not defined`);
  }

  deref(ref: Ref): Value {
    const path = ref.path.join(".");
    if (path === "sys.stderr" || path === "sys.stdout") return ref;
    if (path === "os.sep") return "/";
    if (path === "sys.argv") return [""];
    return OPAQUE;
  }

  env(key: Value, fallback: Value): Value {
    return typeof key === "string" && this.scope.env.has(key) ? this.scope.env.get(key)! : fallback;
  }

  path(p: Value): string | undefined {
    return typeof p === "string" ? resolvePath(p, this.scope.cwd) : undefined;
  }

  call(callee: Value, args: Value[], kwargs: Record<string, Value>): Value {
    if (callee instanceof Bound) return this.method(callee, args);
    if (!(callee instanceof Ref)) return OPAQUE;
    const path = callee.path.join(".");
    const [a, b] = args;
    if (callee.path[0] === "matplotlib") return this.plot(callee.path.at(-1)!, a);
    if (callee.path.length === 1 && this.classes.has(path))
      return new Handle("exception", { kind: path, message: args.length ? this.text(a) : "" });
    switch (path) {
      case "print": {
        if (args.includes(OPAQUE) || Object.values(kwargs).includes(OPAQUE)) return null;
        const sep = typeof kwargs.sep === "string" ? kwargs.sep : " ";
        const end = typeof kwargs.end === "string" ? kwargs.end : "\n";
        const line = args.map((x) => this.text(x)).join(sep) + end;
        if (kwargs.file instanceof Ref && kwargs.file.path.join(".") === "sys.stderr") this.out.stderr += line;
        else this.out.stdout += line;
        return null;
      }
      case "os.environ.get":
      case "os.getenv":
        return this.env(a, b === undefined ? null : b);
      case "open":
        return this.open(a, typeof b === "string" ? b : typeof kwargs.mode === "string" ? kwargs.mode : "r");
      case "exec":
        if (typeof a === "string") this.exec(a);
        return null;
      case "os.path.exists":
      case "os.path.isfile":
      case "os.path.isdir": {
        const p = this.path(a);
        if (p === undefined) return OPAQUE;
        const dir = isDir(this.scope.sandbox, p);
        const file = readText(this.scope.sandbox, p) !== undefined;
        return path.endsWith("isdir") ? dir : path.endsWith("isfile") ? file : dir || file;
      }
      case "os.getcwd":
        return this.scope.cwd;
      case "sys.exit":
      case "exit":
      case "quit":
        if (typeof a === "string") {
          this.out.stderr += `${a}\n`;
          throw new RunExit(1);
        }
        throw new RunExit(typeof a === "number" ? a : 0);
      case "len":
        return typeof a === "string" || Array.isArray(a) ? a.length : OPAQUE;
      case "str":
        return a === OPAQUE ? OPAQUE : args.length ? this.text(a) : "";
      case "repr":
        return a === OPAQUE ? OPAQUE : this.repr(a);
      case "int":
      case "float":
        return this.number(path, a);
      case "range":
        return this.range(args);
      case "abs":
        return typeof a === "number" ? Math.abs(a) : a instanceof Float ? new Float(Math.abs(a.value)) : OPAQUE;
      case "sum":
      case "min":
      case "max":
        return this.aggregate(path, args);
      case "sorted":
        return Array.isArray(a) && a.every((x) => typeof x === "number" || typeof x === "string")
          ? [...a].sort((x, y) => (x! < y! ? -1 : x! > y! ? 1 : 0))
          : OPAQUE;
      case "list":
        return typeof a === "string" ? [...a] : Array.isArray(a) ? [...a] : OPAQUE;
      case "bool":
        return this.truth(a) ?? OPAQUE;
    }
    if (callee.path.length === 1 && EXCEPTION.test(path))
      return new Handle("exception", { kind: path, message: args.length ? this.text(a) : "" });
    return OPAQUE;
  }

  method(bound: Bound, args: Value[]): Value {
    const self = bound.self;
    const [a, b] = args;
    if (self instanceof Handle && self.kind === "file") return this.fileMethod(self, bound.name, a);
    if (self instanceof Handle && self.kind === "exception") return OPAQUE;
    if (Array.isArray(self) && bound.name === "append") {
      self.push(a);
      return null;
    }
    if (typeof self !== "string") return OPAQUE;
    switch (bound.name) {
      case "upper":
        return self.toUpperCase();
      case "lower":
        return self.toLowerCase();
      case "strip":
        return self.trim();
      case "lstrip":
        return self.trimStart();
      case "rstrip":
        return self.trimEnd();
      case "title":
        return self.replace(/\b\w/g, (c) => c.toUpperCase());
      case "replace":
        return typeof a === "string" && typeof b === "string" ? self.split(a).join(b) : OPAQUE;
      case "split":
        return typeof a === "string" ? self.split(a) : self.trim().split(/\s+/).filter(Boolean);
      case "join":
        return Array.isArray(a) && a.every((x) => typeof x === "string") ? a.join(self) : OPAQUE;
      case "startswith":
        return typeof a === "string" ? self.startsWith(a) : OPAQUE;
      case "endswith":
        return typeof a === "string" ? self.endsWith(a) : OPAQUE;
      case "format": {
        let k = 0;
        return args.includes(OPAQUE) ? OPAQUE : self.replace(/\{\}/g, () => this.text(args[k++]));
      }
    }
    return OPAQUE;
  }

  open(p: Value, mode: string): Value {
    const path = this.path(p);
    if (path === undefined) return OPAQUE;
    const { sandbox, now } = this.scope;
    if (mode.startsWith("r") && readText(sandbox, path) === undefined)
      throw new Raised("FileNotFoundError", `[Errno 2] No such file or directory: '${String(p)}'`);
    if (mode.startsWith("w")) writeText(sandbox, path, "", now);
    return new Handle("file", { path, mode });
  }

  fileMethod(file: Handle, name: string, arg: Value): Value {
    const { sandbox, now } = this.scope;
    const path = file.data.path!;
    if (name === "read") return readText(sandbox, path) ?? "";
    if (name === "readlines") return (readText(sandbox, path) ?? "").split(/(?<=\n)/).filter(Boolean);
    if (name === "write" && typeof arg === "string") {
      writeText(sandbox, path, arg, now, true);
      return arg.length;
    }
    return null;
  }

  plot(fn: string, arg: Value): Value {
    const png = plotPng();
    if (fn === "show") this.out.images.push(png);
    if (fn === "savefig") {
      this.out.images.push(png);
      const path = this.path(arg);
      if (path) writeFile(this.scope.sandbox, path, png, this.scope.now);
    }
    const figure = new Ref(["matplotlib", "pyplot"]);
    return fn === "subplots" ? [figure, figure] : figure;
  }

  number(kind: string, a: Value): Value {
    if (a === OPAQUE) return OPAQUE;
    const n = a instanceof Float ? a.value : typeof a === "string" ? Number(a.trim()) : Number(a);
    if (
      typeof a === "string" &&
      (a.trim() === "" || Number.isNaN(n) || (kind === "int" && !/^\s*[-+]?\d+\s*$/.test(a)))
    )
      throw new Raised("ValueError", `invalid literal for ${kind}() with base 10: ${this.repr(a)}`);
    return kind === "int" ? Math.trunc(n) : new Float(n);
  }

  range(args: Value[]): Value {
    if (!args.every((x) => typeof x === "number")) return OPAQUE;
    const [a, b, step = 1] = args as number[];
    const [start, stop] = b === undefined ? [0, a!] : [a!, b];
    if (step === 0 || Math.abs((stop - start) / step) > MAX_LOOP) return OPAQUE;
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
    return out;
  }

  aggregate(fn: string, args: Value[]): Value {
    const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    if (!list.every((x) => typeof x === "number" || x instanceof Float) || list.length === 0) return OPAQUE;
    const nums = list.map((x) => (x instanceof Float ? x.value : (x as number)));
    const r = fn === "sum" ? nums.reduce((s, x) => s + x, 0) : fn === "min" ? Math.min(...nums) : Math.max(...nums);
    return list.some((x) => x instanceof Float) ? new Float(r) : r;
  }

  index(target: Value, key: Value): Value {
    if (target instanceof Ref && target.path.join(".") === "os.environ") {
      const v = this.env(key, undefined);
      if (v === undefined) throw new Raised("KeyError", this.repr(key));
      return v;
    }
    if ((typeof target === "string" || Array.isArray(target)) && typeof key === "number") {
      const v = target.at(key);
      if (v === undefined)
        throw new Raised("IndexError", `${Array.isArray(target) ? "list" : "string"} index out of range`);
      return v;
    }
    return OPAQUE;
  }

  text(v: Value): string {
    if (typeof v === "string") return v;
    if (v instanceof Handle && v.kind === "exception") return v.data.message ?? "";
    return this.repr(v);
  }

  repr(v: Value): string {
    if (typeof v === "string") return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
    if (v instanceof Float)
      return Number.isInteger(v.value) && Math.abs(v.value) < 1e16 ? `${v.value}.0` : String(v.value);
    if (typeof v === "boolean") return v ? "True" : "False";
    if (v === null || v === undefined) return "None";
    if (Array.isArray(v)) return `[${v.map((x) => this.repr(x)).join(", ")}]`;
    if (v instanceof Handle)
      return v.kind === "exception" ? `${v.data.kind}(${this.repr(v.data.message!)})` : "<object>";
    return typeof v === "number" ? String(v) : "<object>";
  }
}

/** A compound statement's keyword, header and inline body (`for i in range(3): print(i)`), split at its colon. */
function header(text: string, keywords: RegExp): { kind: string; head: string; inline: string } | undefined {
  const m = keywords.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  const [head, inline] = splitOnce(rest, ":");
  if (inline === undefined) return undefined;
  return { kind: m[1]!.replace(/\s+/g, " "), head: head.trim(), inline: inline.trim() };
}

/** `cond, message` of an assert (split at the first top-level separator). */
function splitOnce(src: string, separator = ","): [string, string | undefined] {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === separator && depth === 0) return [src.slice(0, i), src.slice(i + 1)];
  }
  return [src, undefined];
}

/** Runs Python code in a sandbox; `file` names it in tracebacks (`<stdin>` for code sent to execute). */
export function runPython(code: string, scope: RunScope, file = "<stdin>"): RunOutput {
  const python = new Python(scope);
  python.run(code, file);
  return python.out;
}
