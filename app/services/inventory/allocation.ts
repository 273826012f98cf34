// Setting campaign stock aside in Shopify: units for pledges not yet drafted move from available to reserved at
// one location, so store sales cannot take them; when pledges are dropped (or drafted, and their draft holds its
// own units) the surplus moves back. Each move is compare-and-swap (changeFromQuantity: the quantities read just
// before) and @idempotent: the key and the exact variables are written on the Allocation first, so a move whose
// answer was lost is sent again unchanged and applied once. A stale quantity means someone else changed stock:
// read again and try once more. What the app holds but Shopify no longer shows is drift: an exception, never a
// silent overwrite.
import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Database } from "../../db/open";
import type { AdminClient } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import { INVENTORY_MOVE } from "../../shopify/operations/inventory";
import type { InventoryMoveQuantitiesInput } from "../../types/admin.types";
import { clearExceptions, raiseExceptions } from "../exceptions";
import { refreshLevels, trackedVariantIds } from "./levels";
import { PLEDGE_UNITS } from "./view";

interface Options {
  shopId: string;
  admin: AdminClient;
  campaignId: string;
  /** Where the stock is set aside; the shop's default location, else the first one Shopify lists. */
  locationId?: string | null;
  cause: string;
}

export interface AllocationOutcome {
  variantId: string;
  target: number;
  held: number;
  moved: number;
  /** Why the target could not be held in full: not enough available, or Shopify refused. */
  short?: number;
  error?: string;
}

export async function allocateCampaign(db: Database, options: Options): Promise<AllocationOutcome[]> {
  const variantIds = await trackedVariantIds(db, options.shopId, options.campaignId);
  await refreshLevels(db, { ...options, variantIds });
  const locationId = options.locationId ?? (await defaultLocation(db, options.shopId));
  if (!locationId) return [];
  const targets = await db.query<{ variantId: string; target: number }>(
    `WITH ${PLEDGE_UNITS}
     SELECT "variantId", sum(units)::int AS target FROM units
      WHERE "campaignId" = $2 AND stage = 'pledged' GROUP BY "variantId"`,
    [options.shopId, options.campaignId],
  );
  const held = await db.prisma.allocation.findMany({
    where: { shopId: options.shopId, campaignId: options.campaignId, locationId },
  });
  const wanted = new Map(targets.map((t) => [t.variantId, t.target]));
  for (const allocation of held) if (!wanted.has(allocation.variantId)) wanted.set(allocation.variantId, 0);

  const outcomes: AllocationOutcome[] = [];
  for (const [variantId, target] of wanted) {
    outcomes.push(await allocateVariant(db, options, locationId, variantId, target));
  }
  await checkDrift(db, options.shopId);
  return outcomes;
}

async function allocateVariant(
  db: Database,
  options: Options,
  locationId: string,
  variantId: string,
  target: number,
): Promise<AllocationOutcome> {
  for (let attempt = 1; ; attempt++) {
    const level = await db.prisma.inventoryLevel.findFirst({
      where: { shopId: options.shopId, variantId, locationId },
    });
    if (!level) return { variantId, target, held: 0, moved: 0, short: target, error: "not stocked at this location" };
    let allocation = await db.prisma.allocation.upsert({
      where: { campaignId_variantId_locationId: { campaignId: options.campaignId, variantId, locationId } },
      create: {
        shopId: options.shopId,
        campaignId: options.campaignId,
        variantId,
        locationId,
        inventoryItemId: level.inventoryItemId,
      },
      update: {},
    });
    if (allocation.pendingKey) {
      // A move whose answer never came: the same key and variables, so Shopify applies it at most once.
      const result = await sendMove(db, options, allocation.id, allocation.pendingKey, allocation.pendingMove as never);
      if (result === "lost")
        return { variantId, target, held: allocation.quantity, moved: 0, error: "no answer from Shopify" };
      await refreshLevels(db, { ...options, variantIds: [variantId] });
      continue;
    }
    const delta = Math.max(target, 0) - allocation.quantity;
    const move = delta > 0 ? Math.min(delta, Math.max(level.available, 0)) : delta;
    if (move === 0)
      return { variantId, target, held: allocation.quantity, moved: 0, ...(delta > 0 ? { short: delta } : {}) };
    const input = moveInput(options.campaignId, level, move);
    const key = randomUUID();
    allocation = await db.prisma.allocation.update({
      where: { id: allocation.id },
      data: { pendingKey: key, pendingMove: { input, delta: move } as never },
    });
    const result = await sendMove(db, options, allocation.id, key, { input, delta: move });
    if (result === "stale" && attempt < 3) {
      await refreshLevels(db, { ...options, variantIds: [variantId] });
      continue;
    }
    if (result === "lost")
      return { variantId, target, held: allocation.quantity, moved: 0, error: "no answer from Shopify" };
    const after = await db.prisma.allocation.findUniqueOrThrow({ where: { id: allocation.id } });
    return {
      variantId,
      target,
      held: after.quantity,
      moved: result === "moved" ? move : 0,
      ...(target > after.quantity ? { short: target - after.quantity } : {}),
      ...(typeof result === "object" ? { error: result.error } : {}),
    };
  }
}

function moveInput(
  campaignId: string,
  level: { inventoryItemId: string; locationId: string; available: number; reserved: number },
  quantity: number,
): InventoryMoveQuantitiesInput {
  const ledger = `pledgebridge://campaign/${campaignId}/allocation`;
  const available = { locationId: level.locationId, name: "available", changeFromQuantity: level.available };
  const reserved = {
    locationId: level.locationId,
    name: "reserved",
    changeFromQuantity: level.reserved,
    ledgerDocumentUri: ledger,
  };
  return {
    reason: quantity > 0 ? "reservation_created" : "reservation_deleted",
    referenceDocumentUri: `gid://pledgebridge/Campaign/${campaignId}`,
    changes: [
      {
        inventoryItemId: level.inventoryItemId,
        quantity: Math.abs(quantity),
        from: quantity > 0 ? available : reserved,
        to: quantity > 0 ? reserved : available,
      },
    ],
  };
}

async function sendMove(
  db: Database,
  options: Options,
  allocationId: string,
  key: string,
  pending: { input: InventoryMoveQuantitiesInput; delta: number },
): Promise<"moved" | "stale" | "lost" | { error: string }> {
  let answer;
  try {
    const { data } = await options.admin.request(INVENTORY_MOVE, { input: pending.input, key });
    answer = data.inventoryMoveQuantities!;
  } catch (error) {
    if (error instanceof AdminApiError && error.retryable) return "lost";
    throw error;
  }
  const clear = { pendingKey: null, pendingMove: Prisma.DbNull };
  if (answer.userErrors.length) {
    await db.prisma.allocation.update({ where: { id: allocationId }, data: clear });
    if (answer.userErrors.some((e) => e.code === "CHANGE_FROM_QUANTITY_STALE")) return "stale";
    return { error: answer.userErrors.map((e) => e.message).join("; ") };
  }
  await db.prisma.allocation.update({
    where: { id: allocationId },
    data: { quantity: { increment: pending.delta }, ...clear },
  });
  return "moved";
}

/**
 * What the app holds against what Shopify shows: at each item and location, the app's allocations can never be
 * more than Shopify's reserved. When they are, someone released or sold our units: an exception with both
 * figures; the allocation is left as it is until a person decides.
 */
export async function checkDrift(db: Database, shopId: string) {
  const rows = await db.query<{ key: string; variantId: string; sku: string | null; expected: number; actual: number }>(
    `SELECT a."inventoryItemId" || '@' || a."locationId" AS key, max(a."variantId") AS "variantId",
            max(l.sku) AS sku, sum(a.quantity)::int AS expected, max(l.reserved)::int AS actual
       FROM "Allocation" a JOIN "InventoryLevel" l
         ON l."shopId" = a."shopId" AND l."inventoryItemId" = a."inventoryItemId" AND l."locationId" = a."locationId"
      WHERE a."shopId" = $1 AND a."pendingKey" IS NULL
      GROUP BY a."inventoryItemId", a."locationId"`,
    [shopId],
  );
  const drifted = rows.filter((r) => r.expected > r.actual);
  await raiseExceptions(
    db,
    shopId,
    drifted.map((r) => ({
      campaignId: null,
      kind: "inventory_drift" as const,
      severity: "WARNING" as const,
      subjectType: "InventoryLevel" as const,
      subjectId: r.key,
      data: {
        variantId: r.variantId,
        sku: r.sku,
        expectedReserved: r.expected,
        shopifyReserved: r.actual,
        actions: ["reserve_again", "accept_shopify_count"],
      },
    })),
  );
  await clearExceptions(
    db,
    shopId,
    ["inventory_drift"],
    rows.filter((r) => r.expected <= r.actual).map((r) => r.key),
    "reconciliation",
  );
  return { checked: rows.length, drifted: drifted.length };
}

/** The campaigns whose stock the merchant asked to set aside: the reconciliation keeps them allocated. */
export async function allocatedCampaigns(db: Database, shopId: string) {
  const rows = await db.prisma.allocation.findMany({
    where: { shopId },
    distinct: ["campaignId"],
    select: { campaignId: true },
  });
  return rows.map((r) => r.campaignId);
}

async function defaultLocation(db: Database, shopId: string) {
  const shop = await db.prisma.shop.findUnique({ where: { id: shopId }, select: { defaultLocationId: true } });
  if (shop?.defaultLocationId) return shop.defaultLocationId;
  const first = await db.prisma.inventoryLevel.findFirst({ where: { shopId }, orderBy: { locationId: "asc" } });
  return first?.locationId ?? null;
}
