// The client behind the static shortcuts (`Sandbox.create`, `Sandbox.list` …), found when a shortcut is first
// called: nothing runs at import (the package is `"sideEffects": false`), and the handle layer (Sandbox) never
// imports the client layer (Hopx) that creates handles at load — only this lazy import reaches it.
import type { Hopx, HopxOptions } from "./hopx.js";

export async function defaultClient(options: HopxOptions): Promise<Hopx> {
  const { hopxFor } = await import("./hopx.js");
  return hopxFor(options);
}
