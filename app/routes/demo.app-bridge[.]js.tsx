import { APP_BRIDGE_STUB } from "../demo/app-bridge-stub";
import { requireDemoMode } from "../demo/mode.server";

export const loader = async () => {
  requireDemoMode();
  return new Response(APP_BRIDGE_STUB, { headers: { "Content-Type": "application/javascript; charset=utf-8" } });
};
