// Follows https://docs.hopx.ai/api/vm-agent/overview ("Rich output capture - Capture matplotlib plots"): a
// figure shown or saved comes back as a PNG rich output.
import assert from "node:assert/strict";
import { Sandbox } from "hopx-client";

const sandbox = await Sandbox.create({ template: "code-interpreter" });
const result = await sandbox.runCode(
  ["import matplotlib.pyplot as plt", "plt.plot([1, 2, 3], [2, 4, 8])", "plt.title('growth')", "plt.show()"].join("\n"),
);
console.log(`rich outputs: ${result.richOutputs.map((o) => o.type).join(", ")}`);
assert.equal(result.richOutputs.length, 1);
const png = Buffer.from(result.richOutputs[0].data["image/png"], "base64");
assert.equal(png.subarray(1, 4).toString("ascii"), "PNG");
await sandbox.kill();
