// Plausible output where it is cheap to compute: `print("x")` / `console.log("x")` / `echo x` print their
// argument, arithmetic of literals is evaluated, `cat`, `ls` and `pwd` read the sandbox's file system.
// Anything else prints nothing and succeeds; tests script what matters to them with `mock.on`.
import type { SandboxState } from "./state.js";

/** What a run printed and how it ended. */
export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const ARITHMETIC = /^[\d\s+\-*/%().]+$/;

/** The value of a literal argument: a quoted string, a number or an arithmetic expression of literals. */
function literal(arg: string): string | undefined {
  const text = arg.trim();
  const quoted = /^(?:[rbfu]?)(["'`])([\s\S]*)\1$/.exec(text);
  if (quoted) return quoted[2]!.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
  if (ARITHMETIC.test(text) && /\d/.test(text)) {
    try {
      // Only digits, operators and parentheses reach here (checked above), so this evaluates arithmetic only.
      const value = Function(`"use strict"; return (${text.replace(/\/\//g, "/")});`)() as unknown;
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Output of code in a language (python, javascript, bash …). */
export function runCode(code: string, language: string | undefined): RunOutput {
  let stdout = "";
  for (const line of code.split("\n")) {
    const trimmed = line.trim();
    // `for i in range(3): print(i)`, the shape of every streaming example.
    const loop = /^for (\w+) in range\((\d{1,4})\):\s*print\(\1\)$/.exec(trimmed);
    if (loop) {
      for (let i = 0; i < Number(loop[2]); i++) stdout += `${i}\n`;
      continue;
    }
    const call = /^(?:print|console\.log)\((.*)\);?$/.exec(trimmed);
    if (call) {
      const parts = call[1]!.split(/,(?=(?:[^"'`]*["'`][^"'`]*["'`])*[^"'`]*$)/).map(literal);
      if (parts.every((p) => p !== undefined)) stdout += `${parts.join(" ")}\n`;
      continue;
    }
    if (language === "bash" || language === "shell" || language === "sh") stdout += runShell(trimmed).stdout;
    const exit = /^(?:sys\.exit|exit|process\.exit)\((\d+)\)$/.exec(trimmed);
    if (exit) return { stdout, stderr: "", exitCode: Number(exit[1]) };
  }
  return { stdout, stderr: "", exitCode: 0 };
}

function unquote(word: string): string {
  return word.replace(/^(["'])([\s\S]*)\1$/, "$2");
}

/** Output of a shell command line, with the sandbox's files for `cat` and `ls`. */
export function runShell(line: string, sandbox?: SandboxState, cwd = "/workspace"): RunOutput {
  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  for (const part of line.split(/\s*(?:&&|;|\n)\s*/)) {
    const words = part.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
    const [cmd, ...args] = words.map(unquote);
    if (cmd === undefined) continue;
    const redirect = args.indexOf(">&2");
    if (cmd === "echo") {
      const text = `${args.filter((a) => a !== "-n" && a !== ">&2").join(" ")}${args.includes("-n") ? "" : "\n"}`;
      if (redirect >= 0) stderr += text;
      else stdout += text;
    } else if (cmd === "pwd") stdout += `${cwd}\n`;
    else if (cmd === "true") exitCode = 0;
    else if (cmd === "false") exitCode = 1;
    else if (cmd === "exit") return { stdout, stderr, exitCode: Number(args[0] ?? 0) };
    else if (cmd === "cat" && sandbox) {
      for (const name of args) {
        const node = sandbox.files.get(resolvePath(name, cwd));
        if (!node || node.dir) {
          stderr += `cat: ${name}: No such file or directory\n`;
          exitCode = 1;
        } else stdout += Buffer.from(node.bytes).toString("utf8");
      }
    } else if (cmd === "ls" && sandbox) {
      const dir = resolvePath(args.find((a) => !a.startsWith("-")) ?? ".", cwd);
      stdout += childrenOf(sandbox, dir)
        .map((p) => p.slice(p.lastIndexOf("/") + 1))
        .sort()
        .map((n) => `${n}\n`)
        .join("");
    } else if (cmd === "bash" || cmd === "sh") {
      const script = args[0] === "-c" ? args.slice(1).join(" ") : "";
      const inner = runShell(script, sandbox, cwd);
      stdout += inner.stdout;
      stderr += inner.stderr;
      exitCode = inner.exitCode;
    }
    if (exitCode !== 0) break;
  }
  return { stdout, stderr, exitCode };
}

/** An absolute, normalised path (`..` and `.` resolved). */
export function resolvePath(path: string, cwd = "/workspace"): string {
  const parts: string[] = [];
  for (const part of (path.startsWith("/") ? path : `${cwd}/${path}`).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** The direct children of a directory. */
export function childrenOf(sandbox: SandboxState, dir: string): string[] {
  const prefix = dir === "/" ? "/" : `${dir}/`;
  return [...sandbox.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"));
}
