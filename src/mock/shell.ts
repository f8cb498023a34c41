// The mock's shell (commands, background commands, the terminal): a test double, not bash. It parses
// `;`, `&&`, `||`, `|`, quotes, `$VAR`/`${VAR:-x}`/`$?`/`$(…)`, globs, and the redirects `>`, `>>`, `2>`,
// `2>&1`, `>&2`, `&>`, `<`; it runs echo, printf, cd, pwd, mkdir [-p], cat, ls [-l], rm [-rf], touch, cp, mv,
// export, unset, env, test/[, exit N, wc, grep, head, tail, sort, and `python`/`node`/`bash` on a file or
// `-c`/`-e` code, over the sandbox's files and env. Any other command prints nothing and succeeds.
import { runJavaScript } from "./javascript.js";
import { runPython } from "./python.js";
import { emptyOutput, type RunOutput, type RunScope } from "./run-scope.js";
import {
  childrenOf,
  exists,
  isDir,
  makeDirs,
  readText,
  removePath,
  resolvePath,
  writeFile,
  writeText,
} from "./sandbox-files.js";

/** A command's line as the shell reads it: the command, then its args quoted as a shell would need them. */
export function commandLine(body: { command?: string; args?: string[] }): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return [String(body.command), ...(body.args ?? []).map(quote)].join(" ");
}

/** A terminal's size where neither COLUMNS nor LINES says otherwise (`stty size`, `tput`, terminal sessions). */
export const TERMINAL_SIZE = { columns: "80", lines: "24" } as const;

/** A shell run's output, and whether `exit` ended the shell. */
export interface ShellOutput extends RunOutput {
  exited: boolean;
}

type Token = { t: "word"; raw: string } | { t: "op"; v: string };
interface Redirect {
  fd: 1 | 2 | 0;
  op: ">" | ">>" | "<" | ">&";
  target: string;
}
interface Command {
  words: string[];
  redirects: Redirect[];
}
interface Step {
  pipeline: Command[];
  /** How it joins the step before it. */
  join: "&&" | "||" | ";";
}

const OPERATORS = ["&&", "||", "2>>", "2>&1", "1>&2", ">&2", "&>", "2>", ">>", ";", "\n", "|", ">", "<", "&"];

/** The index of the `)` closing the `(` at `open` (the text's length when it is never closed). */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let j = open;
  for (; j < text.length; j++) {
    if (text[j] === "(") depth++;
    else if (text[j] === ")" && --depth === 0) break;
  }
  return j;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let raw = "";
  const push = () => {
    if (raw !== "") tokens.push({ t: "word", raw });
    raw = "";
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += c === '"' && line[j] === "\\" ? 2 : 1;
      raw += line.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === "\\" && i + 1 < line.length) {
      raw += line.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === "$" && line[i + 1] === "(") {
      const j = closingParen(line, i + 1);
      raw += line.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === "#" && raw === "") {
      while (i + 1 < line.length && line[i + 1] !== "\n") i++;
      continue;
    }
    if (c === " " || c === "\t") {
      push();
      continue;
    }
    const op = OPERATORS.find((o) => line.startsWith(o, i));
    // `2>` is a redirect only where a word starts, `&` alone ends a background command (run in the foreground).
    if (op && !(op.startsWith("2") && raw !== "") && !(op.startsWith("1") && raw !== "")) {
      push();
      tokens.push({ t: "op", v: op === "&" ? ";" : op });
      i += op.length - 1;
      continue;
    }
    raw += c;
  }
  push();
  return tokens;
}

function parse(line: string): Step[] {
  const steps: Step[] = [];
  let join: Step["join"] = ";";
  let pipeline: Command[] = [];
  let command: Command = { words: [], redirects: [] };
  const tokens = tokenize(line);
  const endCommand = () => {
    if (command.words.length || command.redirects.length) pipeline.push(command);
    command = { words: [], redirects: [] };
  };
  const endStep = (next: Step["join"]) => {
    endCommand();
    if (pipeline.length) steps.push({ pipeline, join });
    pipeline = [];
    join = next;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.t === "word") {
      command.words.push(token.raw);
      continue;
    }
    const v = token.v;
    if (v === "&&" || v === "||") endStep(v);
    else if (v === ";" || v === "\n") endStep(";");
    else if (v === "|") endCommand();
    else if (v === "2>&1") command.redirects.push({ fd: 2, op: ">&", target: "1" });
    else if (v === ">&2" || v === "1>&2") command.redirects.push({ fd: 1, op: ">&", target: "2" });
    else {
      const next = tokens[i + 1];
      if (next?.t !== "word") continue;
      i++;
      if (v === "&>") command.redirects.push({ fd: 1, op: ">", target: next.raw }, { fd: 2, op: ">&", target: "1" });
      else
        command.redirects.push({
          fd: v.startsWith("2") ? 2 : v === "<" ? 0 : 1,
          op: v === "<" ? "<" : v.endsWith(">>") ? ">>" : ">",
          target: next.raw,
        });
    }
  }
  endStep(";");
  return steps;
}

class Shell {
  status = 0;
  readonly out: ShellOutput = { ...emptyOutput(), exited: false };

  constructor(readonly scope: RunScope) {}

  env(name: string): string {
    if (name === "?") return String(this.status);
    if (name === "PWD") return this.scope.cwd;
    if (name === "HOME") return this.scope.env.get("HOME") ?? "/root";
    return this.scope.env.get(name) ?? "";
  }

  /** A word's fields after quotes, `$` expansions, `~` and globs. */
  expand(raw: string): string[] {
    let out = "";
    let glob = false;
    const dollar = (src: string, i: number): [string, number] => {
      if (src[i + 1] === "(") {
        const j = closingParen(src, i + 1);
        const inner = new Shell({ ...this.scope, env: new Map(this.scope.env) }).run(src.slice(i + 2, j));
        return [inner.stdout.replace(/\n+$/, ""), j];
      }
      const braced = /^\$\{([\w?]+)(?::-([^}]*))?\}/.exec(src.slice(i));
      if (braced) return [this.env(braced[1]!) || (braced[2] ?? ""), i + braced[0].length - 1];
      const plain = /^\$([A-Za-z_]\w*|\?)/.exec(src.slice(i));
      if (plain) return [this.env(plain[1]!), i + plain[0].length - 1];
      return ["$", i];
    };
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === "'") {
        const end = raw.indexOf("'", i + 1);
        out += raw.slice(i + 1, end < 0 ? raw.length : end);
        i = end < 0 ? raw.length : end;
      } else if (c === '"') {
        let j = i + 1;
        for (; j < raw.length && raw[j] !== '"'; j++) {
          if (raw[j] === "\\" && '"\\$`'.includes(raw[j + 1] ?? "")) out += raw[++j];
          else if (raw[j] === "$") {
            const [text, end] = dollar(raw, j);
            out += text;
            j = end;
          } else out += raw[j];
        }
        i = j;
      } else if (c === "\\") out += raw[++i] ?? "";
      else if (c === "$") {
        const [text, end] = dollar(raw, i);
        out += text;
        i = end;
      } else if (c === "~" && i === 0 && (raw.length === 1 || raw[1] === "/")) out += this.env("HOME");
      else {
        if (c === "*" || c === "?") glob = true;
        out += c;
      }
    }
    return glob ? this.glob(out) : [out];
  }

  glob(pattern: string): string[] {
    const slash = pattern.lastIndexOf("/");
    const dir = slash < 0 ? "" : pattern.slice(0, slash + 1);
    const re = new RegExp(
      `^${pattern
        .slice(slash + 1)
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]")}$`,
    );
    const names = childrenOf(this.scope.sandbox, resolvePath(dir || ".", this.scope.cwd))
      .map((p) => p.slice(p.lastIndexOf("/") + 1))
      .filter((n) => re.test(n) && !n.startsWith("."))
      .sort();
    return names.length ? names.map((n) => dir + n) : [pattern];
  }

  path(p: string): string {
    return resolvePath(p, this.scope.cwd);
  }

  run(line: string): ShellOutput {
    for (const step of parse(line)) {
      if ((step.join === "&&" && this.status !== 0) || (step.join === "||" && this.status === 0)) continue;
      let input = "";
      for (const [k, command] of step.pipeline.entries()) {
        const last = k === step.pipeline.length - 1;
        input = this.command(command, input, last);
        if (this.out.exited) return this.out;
      }
    }
    this.out.exitCode = this.status;
    return this.out;
  }

  /** Runs one command; returns its stdout when it feeds a pipe, else writes it out. */
  command(command: Command, stdin: string, last: boolean): string {
    const words = command.words.flatMap((w) => this.expand(w));
    const assignments: Array<[string, string]> = [];
    while (words[0] && /^[A-Za-z_]\w*=/.test(words[0])) {
      const [k, ...v] = words.shift()!.split("=");
      assignments.push([k!, v.join("=")]);
    }
    if (words.length === 0) {
      for (const [k, v] of assignments) this.scope.env.set(k, v);
      this.status = 0;
      return "";
    }
    const saved = assignments.map(([k]) => [k, this.scope.env.get(k)] as const);
    for (const [k, v] of assignments) this.scope.env.set(k, v);
    let input = stdin;
    for (const r of command.redirects.filter((r) => r.op === "<")) {
      const text = readText(this.scope.sandbox, this.path(this.expand(r.target)[0]!));
      if (text === undefined) {
        this.out.stderr += `bash: ${r.target}: No such file or directory\n`;
        this.status = 1;
        return "";
      }
      input = text;
    }
    const result = { stdout: "", stderr: "", status: 0 };
    try {
      this.builtin(words[0]!, words.slice(1), input, result);
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) this.scope.env.delete(k);
        else this.scope.env.set(k, v);
      }
    }
    this.status = result.status;
    return this.deliver(command.redirects, result, last);
  }

  /** Sends a command's streams where its redirects say; what goes on down a pipe is returned. */
  deliver(redirects: Redirect[], result: { stdout: string; stderr: string }, last: boolean): string {
    const streams: Record<1 | 2, string> = { 1: result.stdout, 2: result.stderr };
    const targets: Record<1 | 2, { file?: string; append?: boolean; fd: 1 | 2 }> = { 1: { fd: 1 }, 2: { fd: 2 } };
    for (const r of redirects) {
      if (r.fd === 0) continue;
      if (r.op === ">&") targets[r.fd] = { ...targets[r.target === "2" ? 2 : 1] };
      else {
        const file = this.expand(r.target)[0]!;
        targets[r.fd] = { file, append: r.op === ">>", fd: r.fd };
        if (file !== "/dev/null") writeText(this.scope.sandbox, this.path(file), "", this.scope.now, r.op === ">>");
      }
    }
    let piped = "";
    for (const fd of [1, 2] as const) {
      const target = targets[fd];
      const text = streams[fd];
      if (target.file !== undefined) {
        if (target.file !== "/dev/null" && text)
          writeText(this.scope.sandbox, this.path(target.file), text, this.scope.now, true);
      } else if (target.fd === 1 && !last) piped += text;
      else if (target.fd === 1) this.out.stdout += text;
      else this.out.stderr += text;
    }
    return piped;
  }

  builtin(cmd: string, args: string[], stdin: string, r: { stdout: string; stderr: string; status: number }): void {
    const { sandbox, now } = this.scope;
    const flags = args.filter((a) => /^-[A-Za-z]+$/.test(a)).join("");
    const operands = args.filter((a) => !/^-[A-Za-z]+$/.test(a));
    const fail = (message: string, status = 1) => {
      r.stderr += `${message}\n`;
      r.status = status;
    };
    const read = (name: string): string | undefined => {
      const text = readText(sandbox, this.path(name));
      if (text === undefined)
        fail(`${cmd}: ${name}: ${isDir(sandbox, this.path(name)) ? "Is a directory" : "No such file or directory"}`);
      return text;
    };
    const inputs = (): string => (operands.length ? operands.map((f) => read(f) ?? "").join("") : stdin);
    switch (cmd) {
      case "echo": {
        const noNewline = /^-[neE]+$/.test(args[0] ?? "") && args[0]!.includes("n");
        const words = /^-[neE]+$/.test(args[0] ?? "") ? args.slice(1) : args;
        let text = words.join(" ");
        if (/^-[neE]*e/.test(args[0] ?? "")) text = text.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
        r.stdout += noNewline ? text : `${text}\n`;
        return;
      }
      case "printf": {
        let k = 1;
        r.stdout += (args[0] ?? "")
          .replace(/%[sd]/g, () => args[k++] ?? "")
          .replace(/\\n/g, "\n")
          .replace(/\\t/g, "\t");
        return;
      }
      case "pwd":
        r.stdout += `${this.scope.cwd}\n`;
        return;
      case "cd": {
        const target = this.path(operands[0] ?? this.env("HOME"));
        if (isDir(sandbox, target)) this.scope.cwd = target;
        else
          fail(
            `bash: cd: ${operands[0]}: ${sandbox.files.has(target) ? "Not a directory" : "No such file or directory"}`,
          );
        return;
      }
      case "mkdir":
        for (const name of operands) {
          const p = this.path(name);
          const parent = p.slice(0, p.lastIndexOf("/")) || "/";
          if (isDir(sandbox, p) && !flags.includes("p")) fail(`mkdir: cannot create directory '${name}': File exists`);
          else if (!flags.includes("p") && !isDir(sandbox, parent))
            fail(`mkdir: cannot create directory '${name}': No such file or directory`);
          else makeDirs(sandbox, p, now);
        }
        return;
      case "cat":
        r.stdout += inputs();
        return;
      case "ls":
        this.list(operands.length ? operands : ["."], flags, r);
        return;
      case "rm":
        for (const name of operands) {
          const p = this.path(name);
          if (!sandbox.files.has(p)) {
            if (!flags.includes("f")) fail(`rm: cannot remove '${name}': No such file or directory`);
          } else if (sandbox.files.get(p)!.dir && !/[rR]/.test(flags))
            fail(`rm: cannot remove '${name}': Is a directory`);
          else removePath(sandbox, p);
        }
        return;
      case "touch":
        for (const name of operands)
          if (!sandbox.files.has(this.path(name))) writeText(sandbox, this.path(name), "", now);
        return;
      case "cp":
      case "mv": {
        const [from, to] = operands;
        if (from === undefined || to === undefined) {
          fail(`${cmd}: missing file operand`);
          return;
        }
        const bytes = sandbox.files.get(this.path(from));
        if (!bytes || bytes.dir) {
          fail(`${cmd}: cannot stat '${from}': No such file or directory`);
          return;
        }
        const dest = isDir(sandbox, this.path(to))
          ? `${this.path(to)}/${from.slice(from.lastIndexOf("/") + 1)}`
          : this.path(to);
        writeFile(sandbox, dest, bytes.bytes, now);
        if (cmd === "mv") removePath(sandbox, this.path(from));
        return;
      }
      case "export":
        for (const a of operands) {
          const [k, ...v] = a.split("=");
          if (v.length) this.scope.env.set(k!, v.join("="));
        }
        return;
      case "unset":
        for (const k of operands) this.scope.env.delete(k);
        return;
      case "env":
      case "printenv":
        if (operands[0] !== undefined) {
          if (this.scope.env.has(operands[0])) r.stdout += `${this.scope.env.get(operands[0])}\n`;
          else r.status = 1;
        } else r.stdout += [...this.scope.env].map(([k, v]) => `${k}=${v}\n`).join("");
        return;
      case "true":
        return;
      case "false":
        r.status = 1;
        return;
      case "exit":
        r.status = Number(operands[0] ?? this.status) & 255;
        this.out.exited = true;
        this.status = r.status;
        this.out.exitCode = r.status;
        return;
      case "test":
      case "[":
        r.status = this.test(cmd === "[" ? args.slice(0, -1) : args) ? 0 : 1;
        return;
      case "stty":
        if (operands[0] === "size")
          r.stdout += `${this.env("LINES") || TERMINAL_SIZE.lines} ${this.env("COLUMNS") || TERMINAL_SIZE.columns}\n`;
        return;
      case "tput":
        if (operands[0] === "cols") r.stdout += `${this.env("COLUMNS") || TERMINAL_SIZE.columns}\n`;
        if (operands[0] === "lines") r.stdout += `${this.env("LINES") || TERMINAL_SIZE.lines}\n`;
        return;
      case "wc": {
        const text = inputs();
        const lines = (text.match(/\n/g) ?? []).length;
        const words = text.split(/\s+/).filter(Boolean).length;
        const counts = flags.includes("l")
          ? [lines]
          : flags.includes("w")
            ? [words]
            : flags.includes("c")
              ? [text.length]
              : [lines, words, text.length];
        r.stdout += `${counts.join(" ")}\n`;
        return;
      }
      case "grep": {
        const [pattern, ...files] = operands;
        const source = files.length ? files.map((f) => read(f) ?? "").join("") : stdin;
        const matches = source
          .split("\n")
          .filter(
            (l, k, all) =>
              (k < all.length - 1 || l !== "") &&
              (flags.includes("i")
                ? l.toLowerCase().includes((pattern ?? "").toLowerCase())
                : l.includes(pattern ?? "")) !== flags.includes("v"),
          );
        r.stdout += flags.includes("c") ? `${matches.length}\n` : matches.map((l) => `${l}\n`).join("");
        if (matches.length === 0) r.status = 1;
        return;
      }
      case "head":
      case "tail": {
        const n = Number(
          /^-(\d+)$/.exec(args.find((a) => /^-\d+$/.test(a)) ?? "")?.[1] ?? args[args.indexOf("-n") + 1] ?? 10,
        );
        const files = operands.filter((o) => !/^\d+$/.test(o));
        const lines = (files.length ? files.map((f) => read(f) ?? "").join("") : stdin).split(/(?<=\n)/);
        r.stdout += (cmd === "head" ? lines.slice(0, n) : lines.slice(-n)).join("");
        return;
      }
      case "sort": {
        const lines = inputs().split("\n").filter(Boolean).sort();
        r.stdout += (flags.includes("r") ? lines.reverse() : lines).map((l) => `${l}\n`).join("");
        return;
      }
      case "python":
      case "python3":
      case "node":
      case "bash":
      case "sh":
      case "source":
      case ".":
        this.interpreter(cmd, args, r);
        return;
    }
  }

  interpreter(cmd: string, args: string[], r: { stdout: string; stderr: string; status: number }): void {
    const inline = args[0] === "-c" || args[0] === "-e";
    const file = inline ? undefined : args[0];
    const code = inline ? (args[1] ?? "") : file === undefined ? "" : readText(this.scope.sandbox, this.path(file));
    if (code === undefined) {
      const program = cmd.startsWith("python") ? cmd : cmd === "node" ? "node" : "bash";
      r.stderr +=
        program === "node"
          ? `node: cannot open file '${this.path(file!)}': No such file or directory\n`
          : program === "bash"
            ? `bash: ${file}: No such file or directory\n`
            : `${program}: can't open file '${this.path(file!)}': [Errno 2] No such file or directory\n`;
      r.status = cmd === "bash" || cmd === "sh" ? 127 : cmd === "node" ? 1 : 2;
      return;
    }
    const name = file === undefined ? undefined : this.path(file);
    let out: RunOutput;
    if (cmd.startsWith("python")) out = runPython(code, this.scope, name ?? "<string>");
    else if (cmd === "node") out = runJavaScript(code, this.scope, name ?? "[eval]");
    else {
      // `source` runs in this shell; `bash file` in a child that gets a copy of the env and directory.
      const child = cmd === "source" || cmd === "." ? this : new Shell({ ...this.scope, env: new Map(this.scope.env) });
      out = child === this ? this.runNested(code) : child.run(code);
    }
    r.stdout += out.stdout;
    r.stderr += out.stderr;
    r.status = out.exitCode;
    this.out.images.push(...out.images);
  }

  /** A sourced script: its output comes back to the caller; `exit` in it ends this shell. */
  runNested(code: string): RunOutput {
    const before = { stdout: this.out.stdout, stderr: this.out.stderr };
    this.out.stdout = "";
    this.out.stderr = "";
    this.run(code);
    const out = { ...emptyOutput(), stdout: this.out.stdout, stderr: this.out.stderr, exitCode: this.status };
    this.out.stdout = before.stdout;
    this.out.stderr = before.stderr;
    return out;
  }

  list(names: string[], flags: string, r: { stdout: string; stderr: string; status: number }): void {
    const { sandbox } = this.scope;
    for (const name of names) {
      const p = this.path(name);
      if (!exists(sandbox, p)) {
        r.stderr += `ls: cannot access '${name}': No such file or directory\n`;
        r.status = 2;
        continue;
      }
      const entries = isDir(sandbox, p) ? childrenOf(sandbox, p).sort() : [p];
      if (names.length > 1 && isDir(sandbox, p)) r.stdout += `${name}:\n`;
      for (const entry of entries) {
        const base = entry === p && !isDir(sandbox, p) ? name : entry.slice(entry.lastIndexOf("/") + 1);
        if (base.startsWith(".") && !flags.includes("a")) continue;
        if (!flags.includes("l")) {
          r.stdout += `${base}\n`;
          continue;
        }
        const node = sandbox.files.get(entry);
        const size = node?.dir ? 4096 : (node?.bytes.byteLength ?? 0);
        // `ls -l`'s date: "Jan  7 04:05" (UTC: "Thu, 07 Jan 2026 04:05:06 GMT" rearranged).
        const [, day, month, , time] = new Date(node?.modified ?? this.scope.now).toUTCString().split(" ");
        const date = `${month} ${String(Number(day)).padStart(2)} ${time!.slice(0, 5)}`;
        const mode = node?.dir ? "drwxr-xr-x" : "-rw-r--r--";
        r.stdout += `${mode} 1 root root ${String(size).padStart(5)} ${date} ${base}\n`;
      }
    }
  }

  test(args: string[]): boolean {
    if (args[0] === "!") return !this.test(args.slice(1));
    const [a, op, b] = args;
    if (args.length === 2 && a) {
      const p = this.path(op ?? "");
      if (a === "-f") return readText(this.scope.sandbox, p) !== undefined;
      if (a === "-d") return isDir(this.scope.sandbox, p);
      if (a === "-e") return exists(this.scope.sandbox, p);
      if (a === "-z") return (op ?? "") === "";
      if (a === "-n") return (op ?? "") !== "";
    }
    if (args.length === 3) {
      if (op === "=" || op === "==") return a === b;
      if (op === "!=") return a !== b;
      const numeric: Record<string, (x: number, y: number) => boolean> = {
        "-eq": (x, y) => x === y,
        "-ne": (x, y) => x !== y,
        "-lt": (x, y) => x < y,
        "-le": (x, y) => x <= y,
        "-gt": (x, y) => x > y,
        "-ge": (x, y) => x >= y,
      };
      if (op && numeric[op]) return numeric[op](Number(a), Number(b));
    }
    return args.length === 1 && a !== "";
  }
}

/** Runs a command line in a scope; `cd`, `export` and `exit` change the scope (the terminal keeps it). */
export function runShell(line: string, scope: RunScope): ShellOutput {
  return new Shell(scope).run(line);
}
