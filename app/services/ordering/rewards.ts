// Reward mapping: each tier and add-on of a campaign becomes one or more Shopify variants with quantities (a tier
// is usually a bundle). Mapped by hand, one reward at a time, or automatically where a reward's SKU or exact title
// names exactly one variant of the store's catalog.
import type { Database } from "../../db/open";
import { clearExceptions } from "../exceptions";
import type { CampaignMapping, RewardMapping, VariantQuantity } from "../../domain/ordering/plan";
import type { AdminClient } from "../../shopify/admin-client";
import { CATALOG_VARIANTS, VARIANT_BY_ID } from "../../shopify/operations/catalog";
import { pacedRequest, type CostPacer } from "../../shopify/pacer";

export class MappingError extends Error {
  override name = "MappingError";
}

export interface RewardRow {
  id: string;
  kind: "TIER" | "ADDON";
  source: string;
  externalId: string;
  title: string;
  minimumMinor: number | null;
  items: MappedItem[];
  /** Collected pledges that include this reward. */
  pledges: number;
}

/** A variant in a reward, with its name and SKU as they were when it was mapped. */
export interface MappedItem extends VariantQuantity {
  title: string | null;
  sku: string | null;
}

export interface CatalogVariant {
  id: string;
  sku: string | null;
  title: string;
  displayName: string;
  price: string;
  productTitle: string;
}

const VARIANT_GID = /^gid:\/\/shopify\/ProductVariant\/\d+$/;
const MAX_QUANTITY = 1000;

export async function listRewards(db: Database, shopId: string, campaignId: string): Promise<RewardRow[]> {
  const [rewards, items, tierCounts, addOnCounts] = await Promise.all([
    db.prisma.reward.findMany({
      where: { shopId, campaignId },
      orderBy: [{ kind: "asc" }, { title: "asc" }],
    }),
    db.prisma.rewardItem.findMany({ where: { shopId, reward: { campaignId } }, orderBy: { id: "asc" } }),
    db.query<{ rewardId: string; pledges: number }>(
      `SELECT "rewardId", count(*)::int AS pledges FROM "Pledge"
        WHERE "shopId" = $1 AND "campaignId" = $2 AND status = 'COLLECTED' AND "rewardId" IS NOT NULL
        GROUP BY 1`,
      [shopId, campaignId],
    ),
    db.query<{ source: string; externalId: string; pledges: number }>(
      `SELECT p.source::text AS source, a->>'rewardExternalId' AS "externalId", count(*)::int AS pledges
         FROM "Pledge" p, jsonb_array_elements(p."addOns") a
        WHERE p."shopId" = $1 AND p."campaignId" = $2 AND p.status = 'COLLECTED' AND (a->>'quantity')::int > 0
        GROUP BY 1, 2`,
      [shopId, campaignId],
    ),
  ]);
  const itemsByReward = groupBy(items, (item) => item.rewardId);
  const tierPledges = new Map(tierCounts.map((row) => [row.rewardId, row.pledges]));
  const addOnPledges = new Map(addOnCounts.map((row) => [`${row.source}:${row.externalId}`, row.pledges]));
  return rewards.map((reward) => ({
    id: reward.id,
    kind: reward.kind,
    source: reward.source,
    externalId: reward.externalId,
    title: reward.title,
    minimumMinor: reward.minimumMinor,
    items: (itemsByReward.get(reward.id) ?? []).map(({ variantId, quantity, title, sku }) => ({
      variantId,
      quantity,
      title,
      sku,
    })),
    pledges:
      (reward.kind === "TIER"
        ? tierPledges.get(reward.id)
        : addOnPledges.get(`${reward.source}:${reward.externalId}`)) ?? 0,
  }));
}

/** The campaign's mapping as order planning reads it. */
export async function loadCampaignMapping(db: Database, shopId: string, campaignId: string): Promise<CampaignMapping> {
  const rows = await listRewards(db, shopId, campaignId);
  const tiers = new Map<string, RewardMapping>();
  const addOns = new Map<string, RewardMapping>();
  for (const row of rows) {
    const items = row.items.map(({ variantId, quantity }) => ({ variantId, quantity }));
    const mapping = { rewardId: row.id, title: row.title, items };
    if (row.kind === "TIER") tiers.set(row.id, mapping);
    else addOns.set(`${row.source}:${row.externalId}`, mapping);
  }
  return { tiers, addOns };
}

/**
 * Replaces a reward's items. Variants are checked against the store first when an Admin client is given (the
 * CLI and the admin do), so a mistyped id is refused here rather than by every draft order later.
 */
export async function mapReward(
  db: Database,
  shopId: string,
  rewardId: string,
  items: Array<VariantQuantity & { title?: string | null; sku?: string | null }>,
  admin?: AdminClient,
): Promise<RewardRow> {
  const merged = mergeItems(items);
  const reward = await db.prisma.reward.findFirst({ where: { id: rewardId, shopId } });
  if (!reward) throw new MappingError(`No reward ${rewardId} in this shop`);
  if (admin) {
    for (const item of merged) {
      const { data } = await admin.request(VARIANT_BY_ID, { id: item.variantId });
      if (!data.productVariant) throw new MappingError(`The store has no variant ${item.variantId}`);
      item.title = data.productVariant.displayName;
      item.sku = data.productVariant.sku || null;
    }
  }
  await db.prisma.$transaction([
    db.prisma.rewardItem.deleteMany({ where: { shopId, rewardId } }),
    db.prisma.rewardItem.createMany({ data: merged.map((item) => ({ shopId, rewardId, ...item })) }),
  ]);
  if (merged.length) await clearExceptions(db, shopId, ["unmapped_reward"], [rewardId], "mapping");
  const rows = await listRewards(db, shopId, reward.campaignId);
  return rows.find((row) => row.id === rewardId)!;
}

/** Reads `gid://shopify/ProductVariant/123:2` (quantity 1 when left out) as the CLI and forms write it. */
export function parseVariantQuantity(text: string): VariantQuantity {
  const match = /^(gid:\/\/shopify\/ProductVariant\/\d+)(?::(\d+))?$/.exec(text.trim());
  if (!match) {
    throw new MappingError(
      `"${text}" is not a variant: write gid://shopify/ProductVariant/<id>, optionally :<quantity>`,
    );
  }
  return { variantId: match[1]!, quantity: match[2] ? Number(match[2]) : 1 };
}

function mergeItems(items: Array<VariantQuantity & { title?: string | null; sku?: string | null }>): MappedItem[] {
  const merged = new Map<string, MappedItem>();
  for (const item of items) {
    if (!VARIANT_GID.test(item.variantId)) throw new MappingError(`"${item.variantId}" is not a variant id`);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw new MappingError(`The quantity of ${item.variantId} must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    const seen = merged.get(item.variantId);
    if (seen) seen.quantity += item.quantity;
    else merged.set(item.variantId, { ...item, title: item.title ?? null, sku: item.sku ?? null });
  }
  if (merged.size === 0) throw new MappingError("A reward needs at least one variant");
  return [...merged.values()];
}

/** Every variant of the store, paged 250 at a time (what automatic mapping matches against). */
export async function readCatalog(admin: AdminClient, pacer: CostPacer): Promise<CatalogVariant[]> {
  const variants: CatalogVariant[] = [];
  let after: string | null = null;
  do {
    const { data } = await pacedRequest(pacer, 260, () =>
      admin.request(CATALOG_VARIANTS, { first: 250, after, query: null }),
    );
    variants.push(...data.productVariants.nodes.map(toCatalogVariant));
    after = data.productVariants.pageInfo.hasNextPage ? (data.productVariants.pageInfo.endCursor ?? null) : null;
  } while (after);
  return variants;
}

/** The catalog search behind the mapping form: Shopify's own search syntax, 20 variants at most. */
export async function searchCatalog(admin: AdminClient, query: string): Promise<CatalogVariant[]> {
  const { data } = await admin.request(CATALOG_VARIANTS, { first: 20, after: null, query: query.trim() || null });
  return data.productVariants.nodes.map(toCatalogVariant);
}

type VariantNode = {
  id: string;
  sku?: string | null;
  title: string;
  displayName: string;
  price: unknown;
  product: { title: string };
};

function toCatalogVariant(node: VariantNode): CatalogVariant {
  return {
    id: node.id,
    sku: node.sku || null,
    title: node.title,
    displayName: node.displayName,
    price: String(node.price),
    productTitle: node.product.title,
  };
}

/** The variants a reward most likely is: same SKU as its id or title, then the same name. */
export function suggestVariants(reward: Pick<RewardRow, "externalId" | "title">, catalog: CatalogVariant[]) {
  const title = fold(reward.title);
  const bySku = catalog.filter(
    (variant) => variant.sku && (fold(variant.sku) === fold(reward.externalId) || fold(variant.sku) === title),
  );
  if (bySku.length) return { by: "sku" as const, variants: bySku };
  const byTitle = catalog.filter((variant) => namesOf(variant).includes(title));
  return { by: "title" as const, variants: byTitle };
}

function namesOf(variant: CatalogVariant): string[] {
  const names = [fold(variant.displayName), fold(`${variant.productTitle} - ${variant.title}`)];
  // A product with one variant is named by the product alone ("Default Title" is Shopify's placeholder).
  if (variant.title === "Default Title") names.push(fold(variant.productTitle));
  return names;
}

function fold(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

export interface AutoMapResult {
  mapped: Array<{ rewardId: string; title: string; variantId: string; by: "sku" | "title" }>;
  unmapped: Array<{ rewardId: string; title: string; candidates: number }>;
}

/** Maps every unmapped reward whose SKU or exact title matches exactly one variant; reports the rest. */
export async function autoMapRewards(
  db: Database,
  admin: AdminClient,
  pacer: CostPacer,
  shopId: string,
  campaignId: string,
): Promise<AutoMapResult> {
  const rewards = (await listRewards(db, shopId, campaignId)).filter((reward) => !reward.items.length);
  const result: AutoMapResult = { mapped: [], unmapped: [] };
  if (!rewards.length) return result;
  const catalog = await readCatalog(admin, pacer);
  for (const reward of rewards) {
    const { by, variants } = suggestVariants(reward, catalog);
    if (variants.length === 1) {
      const [variant] = variants as [CatalogVariant];
      await mapReward(db, shopId, reward.id, [
        { variantId: variant.id, quantity: 1, title: variant.displayName, sku: variant.sku },
      ]);
      result.mapped.push({ rewardId: reward.id, title: reward.title, variantId: variants[0]!.id, by });
    } else {
      result.unmapped.push({ rewardId: reward.id, title: reward.title, candidates: variants.length });
    }
  }
  return result;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
