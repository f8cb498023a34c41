// Runs one parsed command: loads the SDK, builds the context, wires Ctrl-C and a closed stdout to the
// AbortSignal, and turns the outcome into an exit status and at most one error line.
import type { CommandLine } from "./args.js";
import { Context, scrubber, type SdkModule, type Streams } from "./context.js";
import { HANDLERS } from "./dispatch.js";
import { errorLine, EXIT, exitCodeOf } from "./exit-codes.js";

export async function execute(line: CommandLine, io: Streams): Promise<number> {
  // First Ctrl-C aborts the call in flight (commands clean up, e.g. `run` kills its sandbox); a second one
  // exits at once.
  const controller = new AbortController();
  process.on("SIGINT", () => {
    if (controller.signal.aborted) process.exit(EXIT.INTERRUPTED);
    controller.abort();
  });
  // A reader that went away (`hopx run … | head -1`) ends the command like Ctrl-C does, cleanup included,
  // and the status is a broken pipe's, without a message.
  let pipeClosed = false;
  io.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    pipeClosed = true;
    controller.abort();
  });
  let sdk: SdkModule | undefined;
  let scrub = scrubber(undefined);
  let debug = line.values.debug === true;
  try {
    sdk = (await import("hopx-client")) as SdkModule;
    const ctx = new Context(line, sdk, io, controller.signal);
    scrub = ctx.scrub;
    debug = ctx.debug;
    const handler = HANDLERS[[line.noun, line.verb].filter(Boolean).join(" ")]!;
    const code = await handler(ctx);
    if (pipeClosed) return EXIT.BROKEN_PIPE;
    return typeof code === "number" ? code : controller.signal.aborted ? EXIT.INTERRUPTED : EXIT.OK;
  } catch (err) {
    if (pipeClosed) return EXIT.BROKEN_PIPE;
    const status = controller.signal.aborted ? EXIT.INTERRUPTED : exitCodeOf(err, sdk);
    io.stderr.write(`${status === EXIT.INTERRUPTED ? "hopx: interrupted" : errorLine(err, scrub)}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr.write(`${scrub(err.stack)}\n`);
    return status;
  }
}
