// HopX answers desktop calls only on sandboxes whose template has the desktop stack; elsewhere every
// `/desktop/*` route is a 503 `DESKTOP_NOT_AVAILABLE` naming the missing packages (the spec's example).
import { iso, type CallContext } from "./context.js";
import { errorReply, type Reply } from "./reply.js";

const MISSING = ["xdotool", "xvfb", "tigervnc-standalone-server", "wmctrl", "imagemagick"];

/** The 503 for a desktop route on a sandbox whose template lacks `desktop`, else undefined. */
export function desktopUnavailable(ctx: CallContext): Reply | undefined {
  if (!ctx.sandbox || !ctx.route.path.startsWith("/desktop/") || ctx.sandbox.features.includes("desktop"))
    return undefined;
  return errorReply(
    503,
    "Desktop automation is not available in this sandbox. Your template may be missing required dependencies.",
    "DESKTOP_NOT_AVAILABLE",
    { details: { missing_dependencies: MISSING }, path: ctx.route.path, timestamp: iso(ctx.world.now()) },
  );
}
