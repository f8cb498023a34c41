// Workload f alone (the clean-install footprint), without the rest of `npm run bench`: builds the package
// into bench/.build/dist, packs it and installs the tarball into an empty project, as measure-package.ts
// does in the full run. Usage: npx tsx bench/install-size.ts
import { buildPackage, cleanInstall } from "./measure-package.js";

const build = await buildPackage();
if (!build.ok) throw new Error(`build failed: ${build.error}`);
const result = await cleanInstall();
if (!result.ok) throw new Error(result.error);
process.stdout.write(
  `clean install: ${result.packages} packages, ${result.bytes} bytes (${((result.bytes ?? 0) / 1e6).toFixed(3)} MB; ` +
    `goal ≤ 5 packages, ≤ 1.5 MB), tarball ${result.tarballBytes} bytes: ${result.names?.join(", ")}\n` +
    `largest files: ${result.tarballLargest?.map(([f, n]) => `${f} ${n}`).join(", ")}\n`,
);
