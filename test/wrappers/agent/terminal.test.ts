// The PTY session over `/terminal`: against the mock's transcript, and against a scripted loopback server for
// resize, exit codes, early breaks, abort and token renewal.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AbortError, AuthenticationError, NetworkError } from "hopx-client";
import { Terminal } from "hopx-client/raw";
import { agentContext } from "hopx-client/raw";
import { nextMessage, received, refusal, startWsServer, type WsTestServer } from "../../support/ws-server.js";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.dGVybWluYWw.sigTERMINAL";

/** Reads through one iterator, which a later phase continues (leaving a `for await` loop would close the session). */
async function readUntil(output: AsyncIterator<string>, needle: string): Promise<string> {
  let text = "";
  while (!text.includes(needle)) {
    const item = await output.next();
    if (item.done) break;
    text += item.value;
  }
  return text;
}

async function rest(output: AsyncIterator<string>): Promise<string[]> {
  const chunks: string[] = [];
  for (let item = await output.next(); !item.done; item = await output.next()) chunks.push(item.value);
  return chunks;
}

describe("terminal against the mock", () => {
  const terminal = (): Terminal => new Terminal(agentContext({ baseURL: inject("agentUrl"), token: TOKEN }));

  it("runs the transcript: resize, input, output, exit code", async () => {
    const session = await terminal().connect({ cols: 120, rows: 40 });
    const output = session[Symbol.asyncIterator]();
    session.write("echo hello\n");
    expect(await readUntil(output, "hello\r\n")).toBe("echo hello\r\nhello\r\n");
    session.write("exit\n");
    expect(await session.wait()).toBe(0);
    expect(await rest(output)).toEqual([]);
  });

  it("offers the official SDK's sendInput / resize / output", async () => {
    const t = terminal();
    const session = await t.connect();
    t.resize(session, 80, 24);
    t.sendInput(session, "echo hello\n");
    const chunks: string[] = [];
    for await (const chunk of t.output(session)) {
      chunks.push(chunk);
      t.sendInput(session, "exit\n");
    }
    expect(chunks).toEqual(["echo hello\r\nhello\r\n"]);
    expect(await session.exitCode).toBe(0);
    expect(() => session.write("too late\n")).toThrow(NetworkError);
  });

  it("is refused without a token", async () => {
    const t = new Terminal(agentContext({ baseURL: inject("agentUrl") }));
    await expect(t.connect()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("terminal against a scripted loopback server", () => {
  let server: WsTestServer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const terminal = (tokens: string[] = [TOKEN]): Terminal => {
    let current = 0;
    return new Terminal(
      agentContext({
        baseURL: server.url.replace(/^ws/, "http"),
        token: () => tokens[current],
        renewToken: async () => {
          if (current + 1 >= tokens.length) return false;
          current++;
          return true;
        },
        timeout: 5_000,
      }),
    );
  };

  it("sends resize and input frames on the wire", async () => {
    let got: unknown[] = [];
    const done = new Promise<void>((resolve) =>
      server.script((ws) => {
        got = received(ws);
        ws.on("close", () => resolve());
      }),
    );
    const session = await terminal().connect({ cols: 100, rows: 30 });
    session.write("ls\n");
    session.write("\u0003");
    session.resize(132, 50);
    session.close();
    await done;
    expect(got).toEqual([
      { type: "resize", cols: 100, rows: 30 },
      { type: "input", data: "ls\n" },
      { type: "input", data: "\u0003" },
      { type: "resize", cols: 132, rows: 50 },
    ]);
    expect(server.upgrades.at(-1)?.url).toBe("/terminal");
    expect(await session.exitCode).toBeNull();
  });

  it("reads on through one iterator across phases; leaving a for-await loop closes the session", async () => {
    server.script(async (ws) => {
      ws.send(JSON.stringify({ type: "output", data: "$ " }));
      await nextMessage(ws);
      ws.send(JSON.stringify({ type: "stdout", data: "one\r\n" }));
      ws.send(JSON.stringify({ type: "output", data: "two\r\n" }));
      ws.send(JSON.stringify({ type: "exit", code: 7 }));
    });
    const session = await terminal().connect();
    const output = session[Symbol.asyncIterator]();
    expect(await readUntil(output, "$ ")).toBe("$ ");
    session.write("run\n");
    expect(await rest(output)).toEqual(["one\r\n", "two\r\n"]);
    expect(await session.exitCode).toBe(7);

    const closedByServer = new Promise<void>((resolve) =>
      server.script((ws) => {
        ws.send(JSON.stringify({ type: "output", data: "$ " }));
        ws.on("close", () => resolve());
      }),
    );
    const second = await terminal().connect();
    for await (const chunk of second) if (chunk === "$ ") break;
    await closedByServer;
    await second.closed;
    expect(() => second.write("late\n")).toThrow(NetworkError);
  });

  it("reports a connection dropped without an exit message: the loop fails, exitCode is null", async () => {
    server.script((ws) => {
      ws.send(JSON.stringify({ type: "output", data: "bye" }));
      setTimeout(() => ws.terminate(), 20);
    });
    const session = await terminal().connect();
    const chunks: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of session) chunks.push(chunk);
      })(),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(chunks).toEqual(["bye"]);
    expect(await session.exitCode).toBeNull();
  });

  it("closes the session when the signal aborts", async () => {
    const closed = new Promise<void>((resolve) => server.script((ws) => ws.on("close", () => resolve())));
    const controller = new AbortController();
    const session = await terminal().connect({ signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(
      (async () => {
        for await (const chunk of session) void chunk;
      })(),
    ).rejects.toBeInstanceOf(AbortError);
    await closed;
    expect(await session.exitCode).toBeNull();
  });

  it("renews the token once after a 401 upgrade", async () => {
    server.script(refusal(401), (ws) => ws.send(JSON.stringify({ type: "exit", code: 0 })));
    const before = server.upgrades.length;
    const session = await terminal(["eyJa.b.c", "eyJd.e.f"]).connect();
    expect(await session.exitCode).toBe(0);
    expect(server.upgrades.slice(before).map((u) => u.headers.authorization)).toEqual([
      "Bearer eyJa.b.c",
      "Bearer eyJd.e.f",
    ]);
  });
});
