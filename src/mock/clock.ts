// The mock's own time: sandbox expiry, token expiry, `creating` → `running` and build progress all read it,
// so a test moves time forward instead of waiting for it.

/**
 * The clock of one mock instance. It starts at the real time when the mock starts and only moves when a
 * test moves it (real time passing does not advance it).
 *
 * @example
 * ```ts
 * import { startMock } from "hopx-client/mock";
 * const mock = await startMock();
 * mock.clock.advance(60 * 60 * 1000); // one hour later: tokens issued at start have expired
 * await mock.stop();
 * ```
 */
export interface MockClock {
  /** The mock's current time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by `ms` (≥ 0) and applies what became due: expiries, status changes, builds. */
  advance(ms: number): void;
  /** Sets the clock to an instant (epoch ms or a Date); it may not move backwards. */
  set(time: number | Date): void;
}

/** A clock that calls `onTick` after every move. */
export function createClock(start: number, onTick: () => void): MockClock {
  let now = start;
  const move = (to: number): void => {
    if (!Number.isFinite(to) || to < now)
      throw new RangeError(`hopx mock: the clock only moves forward (now ${new Date(now).toISOString()})`);
    now = to;
    onTick();
  };
  return {
    now: () => now,
    advance(ms) {
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)
        throw new RangeError(`hopx mock: clock.advance(ms) needs a finite number ≥ 0, got ${String(ms)}`);
      move(now + ms);
    },
    set(time) {
      move(typeof time === "number" ? time : time.getTime());
    },
  };
}
