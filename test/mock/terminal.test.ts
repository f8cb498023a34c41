// The mock's terminal as HopX's terminal docs read it, message by message: a prompt, the echo of what was typed
// (a key a message, as readline echoes), the shell's output a line at a time, a new prompt; `cd` lasting for
// the session; resize taken; exit's code.
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

/** Reads messages up to and including the next prompt, joined. */
async function untilPrompt(session: TerminalSession): Promise<string> {
  const messages = session[Symbol.asyncIterator]();
  let out = "";
  for (;;) {
    const { value, done } = await messages.next();
    if (done) return out;
    out += value;
    if (value === "$ ") return out;
  }
}

describe("the terminal", () => {
  it("prompts, echoes the line a key at a time, answers line by line, prompts again", async () => {
    await using term = await sandbox.terminal.connect();
    expect(await next(term, 1)).toEqual(["$ "]);
    term.write('echo "Hello from terminal!"\n');
    // HopX's docs read ten messages: a PTY gives that many and more (one per key echoed), so the read ends.
    expect(await next(term, 10)).toEqual(["e", "c", "h", "o", " ", '"', "H", "e", "l", "l"]);
    expect(await untilPrompt(term)).toBe('o from terminal!"\r\nHello from terminal!\r\n$ ');
    await sandbox.files.write("/workspace/two.txt", "first\nsecond\n");
    term.write("cat two.txt\n");
    const messages = await next(term, "cat two.txt".length + 4);
    expect(messages.slice(-4)).toEqual(["\r\n", "first\r\n", "second\r\n", "$ "]);
  });

  it("keeps cd and export for the session, and shows a resize in stty size", async () => {
    await using term = await sandbox.terminal.connect({ cols: 120, rows: 40 });
    expect(await untilPrompt(term)).toBe("$ ");
    term.write("mkdir -p /workspace/proj && cd /workspace/proj\nexport MODE=dev\npwd; echo $MODE; stty size\n");
    expect(await untilPrompt(term)).toBe("mkdir -p /workspace/proj && cd /workspace/proj\r\n$ ");
    expect(await untilPrompt(term)).toBe("export MODE=dev\r\n$ ");
    expect(await untilPrompt(term)).toBe("pwd; echo $MODE; stty size\r\n/workspace/proj\r\ndev\r\n40 120\r\n$ ");
    term.resize(100, 30);
    term.write("tput cols\n");
    expect(await untilPrompt(term)).toBe("tput cols\r\n100\r\n$ ");
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
