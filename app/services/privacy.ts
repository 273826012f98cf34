// Backers' personal data on request: what the compliance webhooks need, for the data that exists so far.
import type { PrismaClient } from "@prisma/client";

interface CustomerRequest {
  email: string | null;
  cause: string;
}

async function backersByEmail(prisma: PrismaClient, shopDomain: string, email: string | null) {
  if (!email) return { shop: null, backers: [] };
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return { shop: null, backers: [] };
  const backers = await prisma.backer.findMany({
    where: { shopId: shop.id, email: { equals: email, mode: "insensitive" } },
    include: { pledges: { select: { id: true } } },
  });
  return { shop, backers };
}

/** customers/data_request: records the request against each matching backer, for the merchant to answer. */
export async function recordCustomerDataRequest(
  prisma: PrismaClient,
  shopDomain: string,
  request: CustomerRequest & { requestId: number | null },
) {
  const { shop, backers } = await backersByEmail(prisma, shopDomain, request.email);
  if (!shop) return { backers: 0 };
  await prisma.event.createMany({
    data: backers.map((backer) => ({
      shopId: shop.id,
      subjectType: "backer",
      subjectId: backer.id,
      kind: "privacy.data_requested",
      cause: request.cause,
      data: { requestId: request.requestId, pledgeIds: backer.pledges.map((pledge) => pledge.id) },
    })),
  });
  return { backers: backers.length };
}

/** customers/redact: the backer's personal fields are erased; pledges stay as anonymous counts. */
export async function redactCustomer(prisma: PrismaClient, shopDomain: string, request: CustomerRequest) {
  const { shop, backers } = await backersByEmail(prisma, shopDomain, request.email);
  if (!shop) return { backersRedacted: 0 };
  await prisma.$transaction(
    backers.flatMap((backer) => [
      prisma.backer.update({
        where: { id: backer.id },
        data: {
          identityKey: `redacted:${backer.id}`,
          email: null,
          firstName: null,
          lastName: null,
          phone: null,
          company: null,
          address1: null,
          address2: null,
          city: null,
          provinceCode: null,
          zip: null,
        },
      }),
      prisma.event.create({
        data: {
          shopId: shop.id,
          subjectType: "backer",
          subjectId: backer.id,
          kind: "privacy.customer_redacted",
          cause: request.cause,
        },
      }),
    ]),
  );
  return { backersRedacted: backers.length };
}
