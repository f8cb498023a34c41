// Starts the static-example mock (Prism: the specs' examples) once for the whole run and hands its URLs to the
// tests that check the SDK against the spec itself; test/mock/ starts stateful mocks of its own.
import type { TestProject } from "vitest/node";
import { startMock, type StaticHopxMock } from "../src/mock/index.js";

let mock: StaticHopxMock | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mock = await startMock({ mode: "static" });
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
