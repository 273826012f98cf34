import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { requireDemoMode } from "../demo/mode.server";
import { signDemoSessionToken } from "../demo/session-token";

// Demo mode: a fresh session token for a connected shop, as App Bridge's idToken() would give.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { apiKey, secret } = requireDemoMode();
  const shop = new URL(request.url).searchParams.get("shop") ?? "";
  const session = await prisma.session.findFirst({ where: { shop, isOnline: false } });
  if (!session) return Response.json({ error: "No such connected shop" }, { status: 404 });
  return Response.json(
    { token: await signDemoSessionToken({ shop, apiKey, secret }) },
    { headers: { "Cache-Control": "no-store" } },
  );
};
