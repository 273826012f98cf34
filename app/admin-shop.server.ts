// Every admin route starts here: the session token checked by Shopify's library, and the shop it names. All the
// data a route reads or writes is then scoped by this shop's id.
import { authenticate } from "./shopify.server";
import prisma from "./db.server";

export async function requireShop(request: Request) {
  const { session } = await authenticate.admin(request);
  const shop = await prisma.shop.findUnique({ where: { domain: session.shop } });
  // The app layout creates the row on first load; a request that beats it has nothing to show.
  if (!shop) throw new Response("Unknown shop", { status: 404 });
  return { session, shop };
}

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}
