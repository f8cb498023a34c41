// The client behind the static shortcuts (`Sandbox.create`, `Sandbox.list` …). The entry point wires it
// (src/index.ts), so the handle layer (Sandbox) never imports the client layer (Hopx) that creates handles.
import { ErrorCode, HopxError } from "../runtime/errors.js";
import type { Hopx, HopxOptions } from "./hopx.js";

let factory: ((options: HopxOptions) => Hopx) | undefined;

export function wireDefaultClient(create: (options: HopxOptions) => Hopx): void {
  factory = create;
}

export function defaultClient(options: HopxOptions): Hopx {
  if (!factory)
    throw new HopxError('Sandbox\'s static methods need the package entry: import from "hopx-client"', {
      code: ErrorCode.INVALID_ARGUMENT,
    });
  return factory(options);
}
