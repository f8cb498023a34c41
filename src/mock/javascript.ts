// The mock's JavaScript: a test double, not an interpreter. It runs top-level statements — `const`/`let`/`var`
// and plain assignments, `console.log`/`info` (stdout) and `console.error`/`warn` (stderr),
// `process.stdout.write`, `require`/`import` of `fs` and `path`, `throw`, `process.exit` — over literals, template
// literals and the variables set earlier; `process.env` reads the sandbox's env and `fs.writeFileSync` /
// `readFileSync` its files. Blocks (functions, `if`, loops, `try`) are not run; a statement it cannot evaluate
// does nothing, a name the code never defines is a `ReferenceError`, and an uncaught throw ends the run with
// Node's report on stderr and exit code 1.
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
import { emptyOutput, RunExit, type RunOutput, type RunScope } from "./run-scope.js";
import { exists, makeDirs, readText, removePath, resolvePath, writeText } from "./sandbox-files.js";
import { logicalLines } from "./source-lines.js";

/** Node's lower-case globals (`globalThis`, and what `node -e` adds); capitalised names are taken as globals too. */
const GLOBALS = new Set([
  ..."console process require module exports __dirname __filename globalThis global fetch performance".split(" "),
  ..."setTimeout setInterval setImmediate clearTimeout clearInterval clearImmediate queueMicrotask".split(" "),
  ..."structuredClone atob btoa crypto isNaN isFinite parseInt parseFloat eval encodeURI encodeURIComponent".split(" "),
  ..."decodeURI decodeURIComponent escape unescape".split(" "),
]);
const ERRORS = /^(?:Error|TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError)$/;
/** Words the double's expressions do not handle: a statement using one is left out, never a ReferenceError. */
const KEYWORDS = new Set(
  "typeof void delete instanceof in of this super yield function class async let const var if else return".split(" "),
);
const MODULES: Record<string, string> = { fs: "fs", "node:fs": "fs", path: "path", "node:path": "path" };

/** Every name the code declares anywhere: never a ReferenceError. */
function declared(code: string): Set<string> {
  const names = new Set<string>();
  const add = (list: string) => {
    for (const n of list.split(/[\s,{}[\]:=.]+/)) if (/^[A-Za-z_$][\w$]*$/.test(n)) names.add(n);
  };
  for (const m of code.matchAll(/\b(?:const|let|var|function\*?|class)\s+([\w$]+|\{[^}]*\}|\[[^\]]*\])/g)) add(m[1]!);
  for (const m of code.matchAll(/\bimport\s+([^;'"]+?)\s+from\b/g)) add(m[1]!.replace(/\bas\b/g, ","));
  for (const m of code.matchAll(/\bcatch\s*\(\s*([\w$]+)/g)) add(m[1]!);
  for (const m of code.matchAll(/\(([^()]*)\)\s*=>|([\w$]+)\s*=>/g)) add(m[1] ?? m[2]!);
  for (const m of code.matchAll(/\bfunction\b[^(]*\(([^)]*)\)/g)) add(m[1]!);
  for (const m of code.matchAll(/^\s*([\w$]+)\s*=(?!=)/gm)) add(m[1]!);
  return names;
}

class JavaScript implements Language {
  readonly python = false;
  readonly out: RunOutput = emptyOutput();
  readonly vars = new Map<string, Value>();
  /** The code being run; scanned for the names it declares only when a name is not known (as python.ts does). */
  private code = "";
  private bound: Set<string> | undefined;

  constructor(
    readonly scope: RunScope,
    readonly file: string,
  ) {}

  run(code: string): void {
    this.code = code;
    for (const statement of logicalLines(code, false, true)) {
      try {
        this.statement(statement.text);
      } catch (err) {
        if (err instanceof RunExit) {
          this.out.exitCode = err.code;
          return;
        }
        if (!(err instanceof Raised)) throw err;
        const head = err.kind ? `${err.kind}${err.message ? `: ${err.message}` : ""}` : err.message;
        this.out.stderr +=
          `${this.file}:${statement.line}\n${statement.text}\n^\n\n${head}\n` +
          `    at ${this.file}:${statement.line}:1\n\nNode.js ${process.version}\n`;
        this.out.exitCode = 1;
        return;
      }
    }
  }

  statement(text: string): void {
    const src = text.replace(/^await\s+/, "");
    if (/[{]\s*$|^(?:if|for|while|do|switch|try|catch|finally|else|function|async|class|export|return)\b/.test(src)) {
      const fn = /^(?:async\s+)?(?:function\*?|class)\s+([\w$]+)/.exec(src);
      if (fn) this.vars.set(fn[1]!, OPAQUE);
      return;
    }
    if (/^["']use strict["']$/.test(src)) return;
    const imported = /^import\s+(.+?)\s+from\s+["']([^"']+)["']$/.exec(src);
    if (imported) {
      this.importNames(imported[1]!, imported[2]!);
      return;
    }
    if (/^import\s+["']/.test(src)) return;
    const thrown = /^throw\s+(.+)$/s.exec(src);
    if (thrown) {
      this.throw(thrown[1]!);
      return;
    }
    const declaration =
      /^(?:const|let|var)\s+(.+?)\s*=(?!=)\s*(.+)$/s.exec(src) ?? /^([\w$]+)\s*=(?!=)\s*(.+)$/s.exec(src);
    if (declaration) {
      this.assign(declaration[1]!, this.tryEval(declaration[2]!));
      return;
    }
    const compound = /^([\w$]+)\s*([-+*/%])=\s*(.+)$/s.exec(src);
    if (compound) {
      this.assign(compound[1]!, this.tryEval(`(${compound[1]}) ${compound[2]} (${compound[3]})`));
      return;
    }
    if (/^(?:const|let|var)\s+[\w$]+$/.test(src)) {
      this.assign(src.replace(/^\w+\s+/, ""), undefined);
      return;
    }
    this.tryEval(src);
  }

  tryEval(src: string): Value {
    return evaluateOrOpaque(src, this);
  }

  assign(target: string, value: Value): void {
    const destructured = /^\{([^}]*)\}$/.exec(target.trim());
    if (!destructured) {
      this.vars.set(target.trim(), value);
      return;
    }
    for (const part of destructured[1]!.split(",")) {
      const [key, alias] = part.split(":").map((s) => s.trim());
      if (key) this.vars.set(alias || key, value instanceof Ref ? new Ref([...value.path, key]) : OPAQUE);
    }
  }

  importNames(clause: string, from: string): void {
    const module = MODULES[from];
    const named = /\{([^}]*)\}/.exec(clause);
    for (const part of named ? named[1]!.split(",") : []) {
      const [key, alias] = part.split(/\s+as\s+/).map((s) => s.trim());
      if (key) this.vars.set(alias || key, module ? new Ref([module, key]) : OPAQUE);
    }
    const whole = clause
      .replace(/\{[^}]*\}/, "")
      .replace(/^\*\s+as\s+/, "")
      .replace(/,/g, " ")
      .trim();
    if (whole) this.vars.set(whole, module ? new Ref([module]) : OPAQUE);
  }

  throw(what: string): never {
    const v = this.tryEval(what);
    if (v instanceof Handle) throw new Raised(v.data.kind!, v.data.message ?? "");
    // A thrown non-Error is reported as its value alone.
    throw new Raised("", v === OPAQUE ? what : this.text(v));
  }

  // ── Language ──────────────────────────────────────────────────────────────────────────────────

  name(id: string): Value {
    if (this.vars.has(id)) return this.vars.get(id);
    if (id === "true") return true;
    if (id === "false") return false;
    if (id === "null") return null;
    if (id === "undefined") return undefined;
    if (id === "NaN") return Number.NaN;
    if (id === "Infinity") return Number.POSITIVE_INFINITY;
    if (GLOBALS.has(id) || ERRORS.test(id) || /^[A-Z]/.test(id)) return new Ref([id]);
    if (KEYWORDS.has(id)) throw new SyntaxError(`${id} is not supported`);
    this.bound ??= declared(this.code);
    if (this.bound.has(id)) return OPAQUE;
    throw new Raised("ReferenceError", `${id} is not defined`);
  }

  deref(ref: Ref): Value {
    const [root, second, key] = ref.path;
    if (root === "process" && second === "env" && key !== undefined && ref.path.length === 3)
      return this.scope.env.get(key);
    if (root === "process" && second === "platform") return "linux";
    if (root === "path" && second === "sep") return "/";
    if (root === "Math" && second === "PI") return Math.PI;
    return OPAQUE;
  }

  call(callee: Value, args: Value[]): Value {
    if (callee instanceof Bound) return this.method(callee, args);
    if (!(callee instanceof Ref)) return OPAQUE;
    const path = callee.path.join(".");
    const [a, b] = args;
    const { sandbox, now, cwd } = this.scope;
    const file = (p: Value): string | undefined => (typeof p === "string" ? resolvePath(p, cwd) : undefined);
    if (ERRORS.test(path)) return new Handle("error", { kind: path, message: a === undefined ? "" : this.text(a) });
    switch (path) {
      case "console.log":
      case "console.info":
      case "console.debug":
      case "console.error":
      case "console.warn": {
        if (args.includes(OPAQUE)) return undefined;
        const line = `${args.map((x) => (typeof x === "string" ? x : this.inspect(x))).join(" ")}\n`;
        if (path.endsWith("error") || path.endsWith("warn")) this.out.stderr += line;
        else this.out.stdout += line;
        return undefined;
      }
      case "process.stdout.write":
      case "process.stderr.write":
        if (typeof a !== "string") return OPAQUE;
        if (path.startsWith("process.stderr")) this.out.stderr += a;
        else this.out.stdout += a;
        return true;
      case "process.exit":
        throw new RunExit(typeof a === "number" ? a : 0);
      case "process.cwd":
        return cwd;
      case "require":
        return typeof a === "string" && MODULES[a] ? new Ref([MODULES[a]]) : OPAQUE;
      case "fs.writeFileSync":
      case "fs.appendFileSync": {
        const p = file(a);
        if (p === undefined || typeof b !== "string") return OPAQUE;
        writeText(sandbox, p, b, now, path === "fs.appendFileSync");
        return undefined;
      }
      case "fs.readFileSync": {
        const p = file(a);
        if (p === undefined) return OPAQUE;
        const text = readText(sandbox, p);
        if (text === undefined) throw new Raised("Error", `ENOENT: no such file or directory, open '${String(a)}'`);
        return text;
      }
      case "fs.existsSync": {
        const p = file(a);
        return p === undefined ? OPAQUE : exists(sandbox, p);
      }
      case "fs.mkdirSync": {
        const p = file(a);
        if (p !== undefined) makeDirs(sandbox, p, now);
        return undefined;
      }
      case "fs.unlinkSync":
      case "fs.rmSync": {
        const p = file(a);
        if (p !== undefined && !removePath(sandbox, p) && path === "fs.unlinkSync")
          throw new Raised("Error", `ENOENT: no such file or directory, unlink '${String(a)}'`);
        return undefined;
      }
      case "path.join":
        return args.every((x) => typeof x === "string") ? (args as string[]).join("/").replace(/\/+/g, "/") : OPAQUE;
      case "JSON.stringify":
        return a === OPAQUE ? OPAQUE : JSON.stringify(a);
      case "String":
        return a === OPAQUE ? OPAQUE : this.text(a);
      case "Number":
        return typeof a === "string" ? Number(a) : typeof a === "number" ? a : OPAQUE;
    }
    const math = /^Math\.(max|min|round|floor|ceil|abs|sqrt|pow)$/.exec(path);
    if (math && args.every((x) => typeof x === "number"))
      return (Math[math[1] as "max"] as (...n: number[]) => number)(...(args as number[]));
    return OPAQUE;
  }

  method(bound: Bound, args: Value[]): Value {
    const { self, name } = bound;
    const [a, b] = args;
    if (self instanceof Handle) return name === "toString" ? this.text(self) : OPAQUE;
    if (Array.isArray(self)) {
      if (name === "push") return self.push(...args);
      if (name === "join")
        return args.includes(OPAQUE) ? OPAQUE : self.map((x) => this.text(x)).join(typeof a === "string" ? a : ",");
      return OPAQUE;
    }
    if (typeof self !== "string") return OPAQUE;
    switch (name) {
      case "toUpperCase":
        return self.toUpperCase();
      case "toLowerCase":
        return self.toLowerCase();
      case "trim":
        return self.trim();
      case "split":
        return typeof a === "string" ? self.split(a) : [self];
      case "replace":
      case "replaceAll":
        return typeof a === "string" && typeof b === "string" ? self.split(a).join(b) : OPAQUE;
      case "includes":
      case "startsWith":
      case "endsWith":
        return typeof a === "string" ? self[name](a) : OPAQUE;
      case "repeat":
        return typeof a === "number" ? self.repeat(a) : OPAQUE;
    }
    return OPAQUE;
  }

  index(target: Value, key: Value): Value {
    if (target instanceof Ref && typeof key === "string") return this.deref(new Ref([...target.path, key]));
    if ((typeof target === "string" || Array.isArray(target)) && typeof key === "number") return target[key];
    return OPAQUE;
  }

  text(v: Value): string {
    if (v instanceof Handle) return `${v.data.kind}: ${v.data.message}`;
    if (Array.isArray(v)) return v.map((x) => (x === null || x === undefined ? "" : this.text(x))).join(",");
    if (v instanceof Float) return String(v.value);
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null || v === undefined
      ? String(v)
      : "[object Object]";
  }

  /** How console.log shows a non-string (util.inspect's plain forms). */
  inspect(v: Value): string {
    if (typeof v === "string") return `'${v}'`;
    if (Array.isArray(v)) return v.length ? `[ ${v.map((x) => this.inspect(x)).join(", ")} ]` : "[]";
    if (v instanceof Handle) return `${this.text(v)}\n    at ${this.file}`;
    return this.text(v);
  }
}

/** Runs JavaScript code in a sandbox; `file` names it in error reports (`[eval]` for code sent to execute). */
export function runJavaScript(code: string, scope: RunScope, file = "[eval]"): RunOutput {
  const js = new JavaScript(scope, file);
  js.run(code);
  return js.out;
}
