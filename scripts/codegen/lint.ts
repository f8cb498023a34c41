// Step 1: lint the multi-file specs with the project's Redocly rules (zero errors, zero warnings).
import { apisFromArgv, main } from "./lib/project.js";
import { lint } from "./lib/redocly.js";

await main(() => {
  for (const api of apisFromArgv()) {
    lint(api);
    console.log(`lint ${api}: clean`);
  }
});
