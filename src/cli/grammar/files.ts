// hopx files (f): the official 0.2 verbs, the Python CLI's (`files info`, sandbox id first) and ours (mkdir,
// watch); cat, put, get and rm are our earlier spellings.
import {
  idWhenMoreThan,
  progressFlags,
  progressOptions,
  sandboxFlag,
  sandboxOption,
  yesFlag,
  yesOptions,
} from "./common.js";
import type { Noun } from "./types.js";

/** Upload and download: one path required, one optional, a progress bar. */
const transfer = {
  min: 1,
  max: 2,
  idFirst: idWhenMoreThan(2),
  options: { ...sandboxOption, ...progressOptions },
  flags: [sandboxFlag, ...progressFlags],
};

/** Read, write, info, delete and mkdir: one path, after the sandbox id in the Python form. */
const onePath = {
  args: "<path>",
  min: 1,
  max: 1,
  idFirst: idWhenMoreThan(1),
  options: sandboxOption,
  flags: [sandboxFlag],
};

/** List and watch: an optional directory. */
const directory = {
  args: "[path]",
  min: 0,
  max: 1,
  idFirst: idWhenMoreThan(1),
  options: sandboxOption,
  flags: [sandboxFlag],
};

const ENTRY_JSON = "{name, path, type: file|dir, size, modified_time, permissions}";

export const filesNoun: Noun = {
  summary: "files inside a sandbox",
  aliases: ["f"],
  verbAliases: { cat: "read", ls: "list", put: "upload", get: "download", rm: "delete" },
  verbs: {
    read: {
      ...onePath,
      summary: "print a text file, or save it with -o FILE",
      ownOutput: true,
      options: { ...sandboxOption, output: { type: "string", short: "o" } },
      flags: [sandboxFlag, ["-o, --output FILE", "save to a local file (this -o is the command's own)"]],
      note: "-o here names a local file, as in the official CLI; for JSON set HOPX_CLI_OUTPUT=json.",
      examples: ["hopx files read /workspace/a.txt -s sbx_123", "hopx files read sbx_123 /workspace/a.txt -o a.txt"],
      json: "{path, content} (with -o FILE: {path, file, size})",
    },
    write: {
      ...onePath,
      summary: "write text to a file",
      args: "<path> [text]",
      idMax: 2,
      options: {
        ...sandboxOption,
        content: { type: "string", short: "c" },
        file: { type: "string", short: "f" },
        data: { type: "string", short: "d" },
      },
      flags: [
        sandboxFlag,
        ["-c, --content TEXT", "the text (also -d/--data, or a third argument in the Python form)"],
        ["-f, --file PATH", "the text of a local file"],
      ],
      examples: [
        'hopx files write /workspace/a.txt --content "hello" -s sbx_123',
        "hopx files write /workspace/b.txt -f ./b.txt -s sbx_123",
        'hopx files write sbx_123 /workspace/a.txt "hello"',
      ],
      json: "{path, size}",
    },
    list: {
      ...directory,
      summary: "list a directory",
      note:
        "The path defaults to /workspace: the official default, /, is outside the agent's allowed paths " +
        "(/workspace, /tmp) and answers 403.",
      examples: ["hopx files list /workspace -s sbx_123", "hopx files list sbx_123 /workspace -o json"],
      json: `[${ENTRY_JSON}, …]`,
    },
    info: {
      ...onePath,
      summary: "one file's name, type, size and time (Python CLI)",
      examples: ["hopx files info sbx_123 /workspace/a.txt", "hopx files info /workspace/a.txt -s sbx_123"],
      json: ENTRY_JSON,
    },
    delete: {
      ...onePath,
      summary: "delete a file or directory",
      options: { ...sandboxOption, ...yesOptions },
      flags: [sandboxFlag, yesFlag],
      examples: [
        "hopx files delete /workspace/tmp -s sbx_123 --yes",
        "hopx files delete sbx_123 /workspace/tmp --force",
      ],
      json: "{path, deleted: true}",
    },
    upload: {
      ...transfer,
      summary: "upload a local file (streamed, any size)",
      args: "<local-path | -> [remote-path]",
      note: "The remote path defaults to /workspace/<the local file's name>.",
      examples: [
        "hopx files upload ./data.csv /workspace/data.csv -s sbx_123",
        "hopx files upload sbx_123 ./data.csv /workspace/data.csv",
        "tar c . | hopx files upload - /w/x.tar -s sbx_123",
      ],
      json: "{path, size}",
    },
    download: {
      ...transfer,
      summary: "download a file (streamed, any size) to a local path, or stdout with -",
      args: "<remote-path> [local-path | -]",
      note: "The local path defaults to the remote file's name (`files get` without one: stdout, as before).",
      examples: [
        "hopx files download /workspace/out.bin ./out.bin -s sbx_123",
        "hopx files download sbx_123 /workspace/out.bin ./out.bin",
        "hopx files download /w/log.txt - -s sbx_123 | less",
      ],
      json: "{path, file, size}",
    },
    mkdir: {
      ...onePath,
      summary: "create a directory and its parents (ours)",
      examples: ["hopx files mkdir /workspace/a/b -s sbx_123"],
      json: "{path, created: true}",
    },
    watch: {
      ...directory,
      summary: "print changes under a directory until Ctrl-C (ours)",
      examples: ["hopx files watch /workspace -s sbx_123 -o json"],
      json: "NDJSON, one {type: change, path, event, timestamp} per line",
    },
  },
};
