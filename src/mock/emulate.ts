// What the mock's agent answers for code and commands: each language's double (python.ts, javascript.ts,
// shell.ts) over the sandbox's files and env. Other languages print nothing and succeed; tests script what
// matters to them with `mock.on`.
import { runJavaScript } from "./javascript.js";
import { runPython } from "./python.js";
import { emptyOutput, type RunOutput, type RunScope } from "./run-scope.js";
import { runShell } from "./shell.js";

const PYTHON = new Set(["python", "python3", "py", "ipython"]);
const JAVASCRIPT = new Set(["javascript", "js", "node", "nodejs", "typescript", "ts"]);
const SHELL = new Set(["bash", "sh", "shell"]);

/** Output of code in a language (python when none is given, as the agent's default). */
export function runCode(code: string, language: string | undefined, scope: RunScope): RunOutput {
  const lang = (language ?? "python").toLowerCase();
  if (PYTHON.has(lang)) return runPython(code, scope);
  if (JAVASCRIPT.has(lang)) return runJavaScript(code, scope);
  if (SHELL.has(lang)) return runShell(code, scope);
  return emptyOutput();
}
