// Starts the embedded mock once for the whole run and hands its URLs to the tests.
import type { TestProject } from "vitest/node";
import { startMock, type HopxMock } from "../src/mock/index.js";

let mock: HopxMock | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mock = await startMock();
  project.provide("controlPlaneUrl", mock.controlPlaneUrl);
  project.provide("agentUrl", mock.agentUrl);
  return async () => {
    await mock?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    controlPlaneUrl: string;
    agentUrl: string;
  }
}
