// The mock's terminal as HopX's terminal docs read it, message by message: a prompt, the echo of what was typed,
// the shell's output a line at a time, a new prompt; `cd` lasting for the session; resize taken; exit's code.
import { beforeEach, describe, expect, it } from "vitest";
import { Sandbox, type TerminalSession } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";

const mock = setupHopxMock();
let sandbox: Sandbox;
// The mock is reset after each test, so each test gets a fresh sandbox.
beforeEach(async () => {
  sandbox = await Sandbox.create({ template: "code-interpreter" });
});

/** Reads the next `n` output messages of a session. */
async function next(session: TerminalSession, n: number): Promise<string[]> {
  const messages = session[Symbol.asyncIterator]();
  const out: string[] = [];
  while (out.length < n) {
    const { value, done } = await messages.next();
    if (done) break;
    out.push(value);
  }
  return out;
}

describe("the terminal", () => {
  it("prompts, echoes the line, answers line by line, prompts again", async () => {
    await using term = await sandbox.terminal.connect();
    expect(await next(term, 1)).toEqual(["$ "]);
    term.write('echo "Hello from terminal!"\n');
    expect(await next(term, 3)).toEqual(['echo "Hello from terminal!"\r\n', "Hello from terminal!\r\n", "$ "]);
    await sandbox.files.write("/workspace/two.txt", "first\nsecond\n");
    term.write("cat two.txt\n");
    expect(await next(term, 4)).toEqual(["cat two.txt\r\n", "first\r\n", "second\r\n", "$ "]);
  });

  it("keeps cd and export for the session, and shows a resize in stty size", async () => {
    await using term = await sandbox.terminal.connect({ cols: 120, rows: 40 });
    term.write("mkdir -p /workspace/proj && cd /workspace/proj\nexport MODE=dev\npwd; echo $MODE; stty size\n");
    const messages = await next(term, 10);
    expect(messages.slice(0, 3)).toEqual(["$ ", "mkdir -p /workspace/proj && cd /workspace/proj\r\n", "$ "]);
    expect(messages.slice(-4)).toEqual(["/workspace/proj\r\n", "dev\r\n", "40 120\r\n", "$ "]);
    term.resize(100, 30);
    term.write("tput cols\n");
    expect(await next(term, 3)).toEqual(["tput cols\r\n", "100\r\n", "$ "]);
  });

  it("drops the line on Ctrl-C, and exit N ends the session with N", async () => {
    const term = await sandbox.terminal.connect();
    term.write("echo never\u0003");
    term.write("exit 7\n");
    let output = "";
    for await (const chunk of term) output += chunk;
    expect(output).toBe("$ echo never^C\r\n$ exit 7\r\n");
    expect(await term.wait()).toBe(7);
    // The mock closed the connection after the exit frame.
    await expect.poll(() => mock.sandboxes()[0]?.openStreams).toBe(0);
  });
});
