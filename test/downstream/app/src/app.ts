// A small app built on hopx-client, as a user writes one: run user code, list running sandboxes, keep notes
// in a sandbox, build a template. It reads HOPX_BASE_URL / HOPX_API_KEY like any deployment would.
import { Sandbox, Template } from "hopx-client";

/** Runs code in a fresh sandbox and returns what it printed; the sandbox is killed afterwards. */
export async function runUserCode(code: string): Promise<string> {
  const sandbox = await Sandbox.create({ template: "code-interpreter" });
  try {
    return (await sandbox.runCode(code, { language: "python" })).stdout;
  } finally {
    await sandbox.kill();
  }
}

/** Ids of the running sandboxes. */
export async function listRunning(): Promise<string[]> {
  const ids: string[] = [];
  for await (const sandbox of Sandbox.iter({ status: "running" })) ids.push(sandbox.sandboxId);
  return ids;
}

/** Writes a note into a sandbox and reads it back. */
export async function saveNote(sandbox: Sandbox, name: string, text: string): Promise<string> {
  await sandbox.files.write(`/workspace/${name}`, text);
  return sandbox.files.read(`/workspace/${name}`);
}

/** Builds a Python template with flask and returns its id once it is active. */
export async function buildFlaskTemplate(name: string): Promise<string> {
  const template = new Template().fromPythonImage("3.12").pipInstall("flask");
  const result = await Template.build(template, { name, pollIntervalMs: 20 });
  return result.templateID;
}
