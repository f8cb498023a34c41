// What spec:diff reports: each change with the semver level it demands, and where it is.
export type Level = "major" | "minor" | "patch";
export type Bump = Level | "none";
export type Direction = "request" | "response";

export interface Change {
  level: Level;
  /** A short rule name, e.g. "field removed", "enum value added". */
  kind: string;
  /** e.g. `POST /v1/sandboxes request application/json .template_id` or `components/schemas/Sandbox.status`. */
  where: string;
  detail?: string;
  /** The directions the change was seen in (a schema used by requests and responses is judged both ways). */
  directions: Direction[];
}

export const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function maxBump(levels: Iterable<Bump>): Bump {
  let best: Bump = "none";
  for (const level of levels) if (RANK[level] > RANK[best]) best = level;
  return best;
}

/**
 * A change that lets fewer values through (a narrowed type or enum, a tighter constraint) breaks clients that send
 * them, and only tightens what clients receive; a widening change is the reverse: clients that read a response
 * (the SDK's closed union types, exhaustive switches) can meet a value they were never told about.
 */
export function narrowing(direction: Direction | undefined): Level {
  return direction === "response" ? "minor" : "major";
}

export function widening(direction: Direction | undefined): Level {
  return direction === "request" ? "minor" : "major";
}

/** Collects changes; the same change seen twice (two directions, two operations sharing a ref) is kept once. */
export class ChangeLog {
  readonly #byKey = new Map<string, Change>();

  add(level: Level, kind: string, where: string, detail?: string, direction?: Direction): void {
    const key = `${kind}\u0000${where}\u0000${detail ?? ""}`;
    const known = this.#byKey.get(key);
    if (known === undefined) {
      const change: Change = { level, kind, where, directions: direction === undefined ? [] : [direction] };
      if (detail !== undefined) change.detail = detail;
      this.#byKey.set(key, change);
      return;
    }
    if (RANK[level] > RANK[known.level]) known.level = level;
    if (direction !== undefined && !known.directions.includes(direction)) known.directions.push(direction);
  }

  get changes(): Change[] {
    return [...this.#byKey.values()].sort(
      (a, b) => RANK[b.level] - RANK[a.level] || a.where.localeCompare(b.where) || a.kind.localeCompare(b.kind),
    );
  }
}
