// Pre-order offers: a PRE_ORDER selling-plan group on chosen variants, created, edited and ended.
// Exactly once: the offer row (with its merchantCode) is written before Shopify is asked, so after an answer that
// never came the group is found again by that code instead of made twice. Each variant's inventory policy is
// recorded before the offer sets it to CONTINUE (selling past zero is what a pre-order is) and put back when the
// offer ends or the variant reaches its cap. The storefront block reads the metafield kept on each variant.
import { randomBytes } from "node:crypto";
import type { Database } from "../../db/open";
import {
  offerProblems,
  sellingPlanGroupInput,
  termsFromJson,
  termsToJson,
  type OfferProblem,
  type PreorderOffer as OfferTerms,
} from "../../domain/preorders/offer";
import { PREORDER_METAFIELD, storefrontOffer } from "../../domain/preorders/storefront";
import type { AdminClient } from "../../shopify/admin-client";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";
import {
  METAFIELDS_DELETE,
  METAFIELDS_SET,
  OFFER_VARIANTS,
  PREORDER_GROUP_ADD_VARIANTS,
  PREORDER_GROUP_CREATE,
  PREORDER_GROUP_DELETE,
  PREORDER_GROUP_REMOVE_VARIANTS,
  PREORDER_GROUP_UPDATE,
  PREORDER_GROUPS,
  SHOP_LOCALES,
  TRANSLATABLE_CONTENT,
  TRANSLATIONS_REGISTER,
  VARIANTS_INVENTORY_POLICY,
} from "../../shopify/operations/preorders";
import { recordEvent } from "../events";
import { enforceCaps } from "./orders";

export const MAX_OFFER_VARIANTS = 250;

export interface OfferRequest {
  terms: Omit<OfferTerms, "merchantCode">;
  campaignId?: string | null;
  variants: Array<{ variantId: string; cap: number | null }>;
  translations?: Record<string, { name?: string; description?: string }>;
}

export type OfferRequestProblem =
  | OfferProblem
  | { field: "variants"; code: "none" | "too_many" | "unknown" | "on_another_offer"; variantIds?: string[] }
  | { field: "cap"; code: "invalid"; variantIds: string[] }
  | { field: "shopify"; code: "refused"; messages: string[] };

export type OfferResult = { ok: true; offerId: string } | { ok: false; problems: OfferRequestProblem[] };

type UserError = { field?: string[] | null; message: string; code?: string | null };

interface Context {
  shopId: string;
  admin: AdminClient;
  cause: string;
  now?: Date;
  /** The shop's cost budget, when the caller shares one with other work (a reconciliation, the demo). */
  pacer?: CostPacer;
}

/** Checks, writes the offer, and asks Shopify for the group. Nothing is written when the request is refused. */
export async function createOffer(db: Database, context: Context, request: OfferRequest): Promise<OfferResult> {
  const merchantCode = `pledgebridge-${slug(request.terms.name)}-${randomBytes(3).toString("hex")}`;
  const terms: OfferTerms = { ...request.terms, merchantCode };
  const problems: OfferRequestProblem[] = [
    ...offerProblems(terms, context.now ?? new Date()),
    ...(await variantProblems(db, context.shopId, request.variants, null)),
  ];
  if (problems.length) return { ok: false, problems };
  const known = await lookUpVariants(
    context.admin,
    request.variants.map((v) => v.variantId),
  );
  const unknown = request.variants.filter((v) => !known.has(v.variantId)).map((v) => v.variantId);
  if (unknown.length) return { ok: false, problems: [{ field: "variants", code: "unknown", variantIds: unknown }] };

  const offer = await db.prisma.preorderOffer.create({
    data: {
      shopId: context.shopId,
      campaignId: request.campaignId ?? null,
      name: terms.name.trim(),
      merchantCode,
      terms: termsToJson(terms) as object,
      translations: request.translations ?? {},
      variants: {
        create: request.variants.map((v) => {
          const found = known.get(v.variantId)!;
          return {
            shopId: context.shopId,
            variantId: v.variantId,
            productId: found.productId,
            title: found.title,
            sku: found.sku,
            cap: v.cap,
            previousInventoryPolicy: found.inventoryPolicy,
          };
        }),
      },
    },
  });
  await recordEvent(db, context.shopId, "PreorderOffer", offer.id, "offer_created", context.cause, {
    variants: request.variants.length,
  });
  const outcome = await activateOffer(db, context, offer.id);
  return outcome.ok ? { ok: true, offerId: offer.id } : outcome;
}

/**
 * Brings Shopify in line with an offer being created: the group (found by merchantCode, or made), its variants,
 * their inventory policy and their storefront metafields. Safe to run again at any point (the sync job does).
 */
export async function activateOffer(
  db: Database,
  context: Context,
  offerId: string,
): Promise<{ ok: true } | { ok: false; problems: OfferRequestProblem[] }> {
  const offer = await db.prisma.preorderOffer.findFirstOrThrow({
    where: { id: offerId, shopId: context.shopId },
    include: { variants: true },
  });
  const terms = termsFromJson(offer.terms);
  const selling = offer.variants.filter((v) => !v.capReachedAt);
  let groupId = offer.sellingPlanGroupId;
  let planId = offer.sellingPlanId;
  if (!groupId) {
    const found = await findGroup(context.admin, offer.merchantCode);
    if (found) ({ groupId, planId } = found);
    else {
      const { data } = await context.admin.request(PREORDER_GROUP_CREATE, {
        input: sellingPlanGroupInput(terms),
        resources: { productVariantIds: selling.map((v) => v.variantId) },
      });
      const result = data.sellingPlanGroupCreate!;
      if (result.userErrors.length || !result.sellingPlanGroup) return refuse(db, offer.id, result.userErrors);
      groupId = result.sellingPlanGroup.id;
      planId = result.sellingPlanGroup.sellingPlans.nodes[0]?.id ?? null;
    }
    await db.prisma.preorderOffer.update({
      where: { id: offer.id },
      data: { sellingPlanGroupId: groupId, sellingPlanId: planId },
    });
  }
  const missing = selling.filter((v) => !v.inGroup);
  if (missing.length) {
    // Adding a variant that is already in the group is accepted by Shopify: the found-again case lands here.
    const { data } = await context.admin.request(PREORDER_GROUP_ADD_VARIANTS, {
      id: groupId!,
      variantIds: missing.map((v) => v.variantId),
    });
    const errors = data.sellingPlanGroupAddProductVariants!.userErrors;
    if (errors.length && !errors.every((e) => /already/i.test(e.message))) return refuse(db, offer.id, errors);
  }
  await setInventoryPolicy(context.admin, selling, () => "CONTINUE");
  await db.prisma.preorderVariant.updateMany({
    where: { offerId: offer.id, id: { in: selling.map((v) => v.id) } },
    data: { inGroup: true },
  });
  await registerTranslations(context.admin, groupId!, planId, offer.translations as Translations);
  await db.prisma.preorderOffer.update({
    where: { id: offer.id },
    data: { status: "ACTIVE", userErrors: [], lastError: null },
  });
  await writeStorefrontMetafields(db, context, offer.id);
  return { ok: true };
}

/** New name, terms, caps or translations for a running offer. Variants keep their place. */
export async function updateOffer(
  db: Database,
  context: Context,
  offerId: string,
  request: Omit<OfferRequest, "variants" | "campaignId"> & { caps?: Record<string, number | null> },
): Promise<OfferResult> {
  const offer = await db.prisma.preorderOffer.findFirst({
    where: { id: offerId, shopId: context.shopId, status: "ACTIVE" },
    include: { variants: true },
  });
  if (!offer)
    return { ok: false, problems: [{ field: "shopify", code: "refused", messages: ["This offer is not running"] }] };
  const terms: OfferTerms = { ...request.terms, merchantCode: offer.merchantCode };
  const capProblems = Object.entries(request.caps ?? {})
    .filter(([, cap]) => cap !== null && !(Number.isInteger(cap) && cap > 0))
    .map(([variantId]) => variantId);
  const problems: OfferRequestProblem[] = [
    ...offerProblems(terms, context.now ?? new Date()),
    ...(capProblems.length ? [{ field: "cap" as const, code: "invalid" as const, variantIds: capProblems }] : []),
  ];
  if (problems.length) return { ok: false, problems };
  const input = sellingPlanGroupInput(terms);
  const [plan] = input.sellingPlansToCreate!;
  const { data } = await context.admin.request(PREORDER_GROUP_UPDATE, {
    id: offer.sellingPlanGroupId!,
    input: {
      name: input.name,
      description: input.description ?? "",
      options: input.options,
      sellingPlansToUpdate: [{ ...plan!, id: offer.sellingPlanId! }],
    },
  });
  const errors = data.sellingPlanGroupUpdate!.userErrors;
  if (errors.length)
    return { ok: false, problems: [{ field: "shopify", code: "refused", messages: errors.map((e) => e.message) }] };
  await db.prisma.$transaction([
    db.prisma.preorderOffer.update({
      where: { id: offer.id },
      data: {
        name: terms.name.trim(),
        terms: termsToJson(terms) as object,
        ...(request.translations ? { translations: request.translations } : {}),
      },
    }),
    ...Object.entries(request.caps ?? {}).map(([variantId, cap]) =>
      db.prisma.preorderVariant.updateMany({ where: { offerId: offer.id, variantId }, data: { cap } }),
    ),
  ]);
  // A cap raised above what is sold puts the variant back on sale; one lowered to it or below takes it off.
  const sold = await unitsSold(db, context.shopId, offer.id);
  const reopened = offer.variants.filter((v) => {
    const cap = request.caps && v.variantId in request.caps ? request.caps[v.variantId]! : v.cap;
    return v.capReachedAt && (cap === null || cap > (sold.get(v.variantId) ?? 0));
  });
  if (reopened.length)
    await db.prisma.preorderVariant.updateMany({
      where: { id: { in: reopened.map((v) => v.id) } },
      data: { capReachedAt: null },
    });
  // activateOffer adds what is off the group back, sets the policies, and registers the translations again (a
  // new name has a new digest: they are registered against the text as it is now).
  await activateOffer(db, context, offer.id);
  await enforceCaps(db, context, [offer.id]);
  await recordEvent(db, context.shopId, "PreorderOffer", offer.id, "offer_updated", context.cause, {
    caps: request.caps ?? {},
  });
  return { ok: true, offerId: offer.id };
}

/**
 * Ends an offer: the group goes (orders keep their plan), each variant gets its inventory policy back unless
 * another running offer still sells it, and the storefront metafields are removed. Safe to run again.
 */
export async function endOffer(db: Database, context: Context, offerId: string) {
  const offer = await db.prisma.preorderOffer.findFirst({
    where: { id: offerId, shopId: context.shopId, status: { in: ["ACTIVE", "ENDING", "FAILED", "CREATING"] } },
    include: { variants: true },
  });
  if (!offer) return { ended: false };
  await db.prisma.preorderOffer.update({ where: { id: offer.id }, data: { status: "ENDING" } });
  const groupId = offer.sellingPlanGroupId ?? (await findGroup(context.admin, offer.merchantCode))?.groupId;
  if (groupId) {
    const { data } = await context.admin.request(PREORDER_GROUP_DELETE, { id: groupId });
    const errors = data.sellingPlanGroupDelete!.userErrors;
    if (errors.length && !errors.some((e) => e.code === "GROUP_DOES_NOT_EXIST")) {
      throw new Error(`Shopify refused to delete the selling-plan group: ${errors.map((e) => e.message).join("; ")}`);
    }
  }
  const stillSold = new Set(
    (
      await db.prisma.preorderVariant.findMany({
        where: { shopId: context.shopId, offer: { status: "ACTIVE", id: { not: offer.id } } },
        select: { variantId: true },
      })
    ).map((v) => v.variantId),
  );
  const restore = offer.variants.filter((v) => !stillSold.has(v.variantId) && !v.capReachedAt);
  await setInventoryPolicy(context.admin, restore, (v) => v.previousInventoryPolicy ?? "DENY");
  await deleteStorefrontMetafields(
    context.admin,
    restore.map((v) => v.variantId),
  );
  await db.prisma.$transaction([
    db.prisma.preorderVariant.updateMany({ where: { offerId: offer.id }, data: { inGroup: false } }),
    db.prisma.preorderOffer.update({ where: { id: offer.id }, data: { status: "ENDED", endedAt: new Date() } }),
  ]);
  await recordEvent(db, context.shopId, "PreorderOffer", offer.id, "offer_ended", context.cause, {});
  return { ended: true };
}

/** Takes variants off sale as pre-orders (their cap is reached): out of the group, policy back, badge updated. */
export async function stopSellingVariants(
  db: Database,
  context: Context,
  offerId: string,
  variants: Array<{ id: string; variantId: string; productId: string; previousInventoryPolicy: string | null }>,
) {
  if (!variants.length) return;
  const offer = await db.prisma.preorderOffer.findUniqueOrThrow({ where: { id: offerId } });
  const { data } = await pacedRequest(context.pacer, 10, () =>
    context.admin.request(PREORDER_GROUP_REMOVE_VARIANTS, {
      id: offer.sellingPlanGroupId!,
      variantIds: variants.map((v) => v.variantId),
    }),
  );
  const errors = data.sellingPlanGroupRemoveProductVariants!.userErrors;
  if (errors.length) throw new Error(`Shopify refused to remove variants: ${errors.map((e) => e.message).join("; ")}`);
  await setInventoryPolicy(context.admin, variants, (v) => v.previousInventoryPolicy ?? "DENY");
  await db.prisma.preorderVariant.updateMany({
    where: { id: { in: variants.map((v) => v.id) } },
    data: { inGroup: false },
  });
  await writeStorefrontMetafields(db, context, offerId);
}

/** The badge's data on every variant of the offer: name, ETA, deposit terms, units left under the cap. */
export async function writeStorefrontMetafields(db: Database, context: Context, offerId: string) {
  const offer = await db.prisma.preorderOffer.findUniqueOrThrow({
    where: { id: offerId },
    include: { variants: true },
  });
  const sold = await unitsSold(db, context.shopId, offerId);
  const terms = termsFromJson(offer.terms);
  const translations = offer.translations as Record<string, { name?: string }>;
  const metafields = offer.variants.map((v) => ({
    ownerId: v.variantId,
    namespace: PREORDER_METAFIELD.namespace,
    key: PREORDER_METAFIELD.key,
    type: "json",
    value: JSON.stringify({
      ...storefrontOffer(terms, translations, v.cap, sold.get(v.variantId) ?? 0),
      selling: v.inGroup && !v.capReachedAt,
    }),
  }));
  for (let i = 0; i < metafields.length; i += 25) {
    const { data } = await pacedRequest(context.pacer, 10, () =>
      context.admin.request(METAFIELDS_SET, { metafields: metafields.slice(i, i + 25) }),
    );
    const errors = data.metafieldsSet!.userErrors;
    if (errors.length) throw new Error(`Shopify refused the storefront metafields: ${errors[0]!.message}`);
  }
}

/** Pre-order units sold per variant on this offer (orders not cancelled). */
export async function unitsSold(db: Database, shopId: string, offerId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ variantId: string; units: number }>(
    `SELECT l."variantId", sum(l.quantity)::int AS units
       FROM "PreorderLine" l JOIN "PreorderOrder" o ON o.id = l."preorderOrderId"
      WHERE l."shopId" = $1 AND l."offerId" = $2 AND o."cancelledAt" IS NULL
      GROUP BY l."variantId"`,
    [shopId, offerId],
  );
  return new Map(rows.map((r) => [r.variantId, r.units]));
}

type Translations = Record<string, { name?: string; description?: string }>;

/**
 * The offer's name (and description) in the shop's other published languages, on the group and its plan, so
 * the product page and checkout show it in the buyer's language. Languages the shop does not publish are left
 * out (Shopify would refuse them); each value is registered against the digest of the text it translates.
 */
export async function registerTranslations(
  admin: AdminClient,
  groupId: string,
  planId: string | null,
  translations: Translations,
) {
  const wanted = Object.entries(translations).filter(([, t]) => t.name?.trim() || t.description?.trim());
  if (!wanted.length) return { registered: 0, skipped: [] as string[] };
  const { data: shop } = await admin.request(SHOP_LOCALES);
  const published = new Set(shop.shopLocales.filter((l) => !l.primary).map((l) => l.locale));
  let registered = 0;
  for (const resourceId of [groupId, planId].filter((id): id is string => Boolean(id))) {
    const { data } = await admin.request(TRANSLATABLE_CONTENT, { id: resourceId });
    const digests = new Map((data.translatableResource?.translatableContent ?? []).map((c) => [c.key, c.digest]));
    const inputs = wanted.flatMap(([locale, t]) =>
      !published.has(locale)
        ? []
        : (
            [
              ["name", t.name],
              ["description", t.description],
            ] as const
          )
            .filter(([key, value]) => value?.trim() && digests.get(key))
            .map(([key, value]) => ({
              locale,
              key,
              value: value!.trim(),
              translatableContentDigest: digests.get(key)!,
            })),
    );
    if (!inputs.length) continue;
    const { data: result } = await admin.request(TRANSLATIONS_REGISTER, { id: resourceId, translations: inputs });
    const errors = result.translationsRegister!.userErrors;
    if (errors.length) throw new Error(`Shopify refused the translations: ${errors.map((e) => e.message).join("; ")}`);
    registered += inputs.length;
  }
  return { registered, skipped: wanted.map(([locale]) => locale).filter((l) => !published.has(l)) };
}

async function deleteStorefrontMetafields(admin: AdminClient, variantIds: string[]) {
  for (let i = 0; i < variantIds.length; i += 25) {
    await admin.request(METAFIELDS_DELETE, {
      metafields: variantIds.slice(i, i + 25).map((ownerId) => ({ ownerId, ...PREORDER_METAFIELD })),
    });
  }
}

async function setInventoryPolicy<V extends { variantId: string; productId: string }>(
  admin: AdminClient,
  variants: V[],
  policy: (variant: V) => string,
) {
  const byProduct = new Map<string, V[]>();
  for (const v of variants) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  for (const [productId, group] of byProduct) {
    const { data } = await admin.request(VARIANTS_INVENTORY_POLICY, {
      productId,
      variants: group.map((v) => ({ id: v.variantId, inventoryPolicy: policy(v) as "DENY" | "CONTINUE" })),
    });
    const errors = data.productVariantsBulkUpdate!.userErrors;
    if (errors.length) throw new Error(`Shopify refused the inventory policy: ${errors[0]!.message}`);
  }
}

type GroupPage = {
  nodes: Array<{ id: string; merchantCode: string; sellingPlans: { nodes: Array<{ id: string }> } }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

async function findGroup(admin: AdminClient, merchantCode: string) {
  let after: string | null = null;
  do {
    const { data }: { data: { sellingPlanGroups: GroupPage } } = await admin.request(PREORDER_GROUPS, { after });
    const found = data.sellingPlanGroups.nodes.find((g) => g.merchantCode === merchantCode);
    if (found) return { groupId: found.id, planId: found.sellingPlans.nodes[0]?.id ?? null };
    after = data.sellingPlanGroups.pageInfo.hasNextPage ? data.sellingPlanGroups.pageInfo.endCursor! : null;
  } while (after);
  return null;
}

async function lookUpVariants(admin: AdminClient, variantIds: string[]) {
  const found = new Map<string, { productId: string; title: string; sku: string | null; inventoryPolicy: string }>();
  for (let i = 0; i < variantIds.length; i += 100) {
    const { data } = await admin.request(OFFER_VARIANTS, { ids: variantIds.slice(i, i + 100) });
    for (const node of data.nodes) {
      if (node && "inventoryPolicy" in node)
        found.set(node.id, {
          productId: node.product.id,
          title: node.displayName,
          sku: node.sku ?? null,
          inventoryPolicy: node.inventoryPolicy,
        });
    }
  }
  return found;
}

async function variantProblems(
  db: Database,
  shopId: string,
  variants: OfferRequest["variants"],
  offerId: string | null,
): Promise<OfferRequestProblem[]> {
  if (!variants.length) return [{ field: "variants", code: "none" }];
  if (variants.length > MAX_OFFER_VARIANTS) return [{ field: "variants", code: "too_many" }];
  const problems: OfferRequestProblem[] = [];
  const badCaps = variants.filter((v) => v.cap !== null && !(Number.isInteger(v.cap) && v.cap > 0));
  if (badCaps.length) problems.push({ field: "cap", code: "invalid", variantIds: badCaps.map((v) => v.variantId) });
  const taken = await db.prisma.preorderVariant.findMany({
    where: {
      shopId,
      variantId: { in: variants.map((v) => v.variantId) },
      offer: { status: { in: ["CREATING", "ACTIVE", "ENDING"] }, ...(offerId ? { id: { not: offerId } } : {}) },
    },
    select: { variantId: true },
  });
  if (taken.length)
    problems.push({ field: "variants", code: "on_another_offer", variantIds: taken.map((v) => v.variantId) });
  return problems;
}

async function refuse(db: Database, offerId: string, errors: UserError[]) {
  await db.prisma.preorderOffer.update({
    where: { id: offerId },
    data: { status: "FAILED", userErrors: errors.map((e) => ({ field: e.field ?? null, message: e.message })) },
  });
  return {
    ok: false as const,
    problems: [{ field: "shopify" as const, code: "refused" as const, messages: errors.map((e) => e.message) }],
  };
}

function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "-")
      .slice(0, 40) || "offer"
  );
}
