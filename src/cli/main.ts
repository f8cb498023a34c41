#!/usr/bin/env node
// The `hopx` bin. Parsing and help use only node:util and this file's own small modules; the command code
// (execute.ts, a chunk of its own) and the SDK (`hopx-client`, this package's public entry) are imported when a
// command actually runs, so `hopx --help` starts fast.
import { parseCommandLine, type CommandLine, UsageError } from "./args.js";
import { errorLine, EXIT } from "./exit-codes.js";
import { accountLine, mainHelp, nounHelp, verbHelp } from "./help.js";
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
  if (spec?.account) {
    io.stderr.write(accountLine([noun, verb].filter(Boolean).join(" ")));
    return EXIT.USAGE;
  }
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
    io.stderr.write(`${errorLine(err, (text) => text)}\n`);
    return err instanceof UsageError ? EXIT.USAGE : EXIT.FAILURE;
  }
  const answered = answerWithoutSdk(line);
  if (answered !== undefined) return answered;

  // Everything a command needs (the SDK, credentials, streams, file system) is loaded from here on only.
  const { execute } = await import("./execute.js");
  return execute(line, io);
}

const status = await main(process.argv.slice(2));
// Exit once stdout has drained: idle keep-alive sockets must not hold the process open.
if (io.stdout.destroyed) process.exit(status);
else io.stdout.write("", () => process.exit(status));
