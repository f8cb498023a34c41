#!/usr/bin/env node
// The `hopx` bin. Parsing and help use only this bundle's own small modules; the SDK (`hopx-client`, this
// package's public entry) is imported when a command actually runs, so `hopx --help` starts fast.
import { parseCommandLine, type CommandLine, UsageError } from "./args.js";
import { Context, scrubber, type SdkModule } from "./context.js";
import { HANDLERS } from "./dispatch.js";
import { errorLine, EXIT, exitCodeOf } from "./exit-codes.js";
import { mainHelp, nounHelp, verbHelp } from "./help.js";
import { NOUNS } from "./spec.js";
import { VERSION } from "../version.js";

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

/** Help and version: answered from the command table alone. Undefined when a command should run. */
function answerWithoutSdk(line: CommandLine): number | undefined {
  const { values, noun, verb, spec } = line;
  if (!noun) {
    if (values.version) {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.OK;
    }
    (values.help ? io.stdout : io.stderr).write(mainHelp());
    return values.help ? EXIT.OK : EXIT.USAGE;
  }
  const nounSpec = NOUNS[noun]!;
  if (!spec) {
    (values.help ? io.stdout : io.stderr).write(nounHelp(noun, nounSpec));
    return values.help ? EXIT.OK : EXIT.USAGE;
  }
  if (values.help) {
    io.stdout.write(verb ? verbHelp(`${noun} ${verb}`, spec) : nounHelp(noun, nounSpec));
    return EXIT.OK;
  }
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (err) {
    io.stderr.write(`${errorLine(err, scrubber(undefined))}\n`);
    return err instanceof UsageError ? EXIT.USAGE : EXIT.FAILURE;
  }
  const answered = answerWithoutSdk(line);
  if (answered !== undefined) return answered;

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

const status = await main(process.argv.slice(2));
// Exit once stdout has drained: idle keep-alive sockets must not hold the process open.
if (io.stdout.destroyed) process.exit(status);
else io.stdout.write("", () => process.exit(status));
