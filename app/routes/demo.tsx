import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { requireDemoMode } from "../demo/mode.server";
import { signDemoSessionToken } from "../demo/session-token";

// Demo mode: opens the embedded admin for a connected shop (the first one, or ?shop=) in a plain browser.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { apiKey, secret } = requireDemoMode();
  const url = new URL(request.url);
  const session = await prisma.session.findFirst({
    where: { isOnline: false, ...(url.searchParams.get("shop") ? { shop: url.searchParams.get("shop")! } : {}) },
    orderBy: { shop: "asc" },
  });
  if (!session)
    return new Response("No shop is connected: run `npx pledgebridge shop connect` first.", { status: 404 });
  const token = await signDemoSessionToken({ shop: session.shop, apiKey, secret });
  const host = Buffer.from(`admin.shopify.com/store/${session.shop.split(".")[0]}`).toString("base64url");
  const params = new URLSearchParams({ shop: session.shop, host, embedded: "1", id_token: token });
  const locale = url.searchParams.get("locale");
  if (locale) params.set("locale", locale);
  throw redirect(`/app?${params}`);
};
