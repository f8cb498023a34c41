// openapi-fetch's createClient, whichever module format loads us. openapi-fetch has only a default export;
// our CommonJS build (esbuild, "type": "module" source) wraps `require("openapi-fetch")` in Node's interop,
// where the default import is the whole `module.exports` object and the function sits on its `.default`.
// Reading both shapes here keeps `require("hopx-client")` working (it crashed at the first request).
import * as openapiFetch from "openapi-fetch";

type CreateClient = typeof openapiFetch.default;
type Interop = { default: CreateClient | { default: CreateClient } };

const imported = (openapiFetch as unknown as Interop).default;
export const createClient: CreateClient = typeof imported === "function" ? imported : imported.default;
