// The CommonJS build's single bundle: both public entries as namespaces, so they share every class.
// dist/index.cjs is `module.exports = require("./cjs/bundle.cjs").root`, dist/raw.cjs the same for `raw`.
export * as root from "./index.js";
export * as raw from "./raw.js";
