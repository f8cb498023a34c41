// The per-call deadline every request takes (runtime/time.ts requestDeadline): calls without a signal of
// their own share AbortControllers, which must never fire for a call before its own deadline, never fire once
// all their calls are over, and never let a caller's abort reach another call.
import { describe, expect, it } from "vitest";
import { requestDeadline } from "../../src/runtime/time.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const firedAt = (signal: AbortSignal, t0: number) =>
  new Promise<number>((resolve) => signal.addEventListener("abort", () => resolve(performance.now() - t0)));

describe("requestDeadline", () => {
  it("fires for pending calls no earlier than their own deadline, with a TimeoutError reason", async () => {
    const first = requestDeadline(640); // calls within 640/64 = 10 ms of it share its controller
    const t1 = performance.now();
    const second = requestDeadline(640);
    expect(second.signal).toBe(first.signal);
    const elapsed = await firedAt(second.signal, t1);
    expect(elapsed).toBeGreaterThanOrEqual(640 - 2); // timers may fire up to a millisecond early
    expect(elapsed).toBeLessThan(640 + 10 + 100);
    expect((second.signal.reason as Error).name).toBe("TimeoutError");
    first.done();
    second.done();
  });

  it("never fires once every call that used it is over", async () => {
    const calls = [requestDeadline(40), requestDeadline(40), requestDeadline(40)];
    for (const call of calls) call.done();
    await sleep(90);
    for (const call of calls) expect(call.signal.aborted).toBe(false);
  });

  it("a call started later than the sharing window gets a controller of its own", async () => {
    const early = requestDeadline(64); // window: 1 ms
    await sleep(20);
    const late = requestDeadline(64);
    expect(late.signal).not.toBe(early.signal);
    const t0 = performance.now();
    early.done();
    const elapsed = await firedAt(late.signal, t0);
    expect(elapsed).toBeGreaterThanOrEqual(64 - 20 - 2);
    expect(early.signal.aborted).toBe(false); // over before its deadline
    late.done();
  });

  it("a caller's signal aborts that call only, with the caller's reason", async () => {
    const caller = new AbortController();
    const mine = requestDeadline(5_000, caller.signal);
    const other = requestDeadline(5_000);
    expect(mine.signal).not.toBe(other.signal);
    caller.abort(new Error("stop"));
    expect(mine.signal.aborted).toBe(true);
    expect((mine.signal.reason as Error).message).toBe("stop");
    expect(other.signal.aborted).toBe(false);
    mine.done();
    other.done();
  });

  it("an already aborted caller's signal gives an aborted deadline at once", () => {
    const caller = new AbortController();
    caller.abort(new Error("before"));
    const call = requestDeadline(1_000, caller.signal);
    expect(call.signal.aborted).toBe(true);
    call.done();
  });

  it("shares one controller among at most 32 calls", () => {
    const calls = Array.from({ length: 40 }, () => requestDeadline(60_000));
    const distinct = new Set(calls.map((c) => c.signal));
    expect(distinct.size).toBe(2);
    for (const call of calls) call.done();
  });
});
