#!/usr/bin/env node
// `npm run mock` / `npx hopx-mock`: starts both mocks and prints their URLs until interrupted.
import { startMock } from "./index.js";

const mock = await startMock();
console.log(`HopX control plane mock: ${mock.controlPlaneUrl}`);
console.log(`HopX VM agent mock:      ${mock.agentUrl}`);
console.log("Set HOPX_BASE_URL to the control-plane URL. Ctrl-C stops.");
const stop = (): void => {
  mock.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
