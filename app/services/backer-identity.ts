// One person across the shop's campaigns, found by email: the backers whose identity key it is, and the aliases a
// merge left (backer-merge.ts), which lead to the backer they were merged into. Every backer's identity key is its
// email, trimmed and lowercased (domain/email.ts), until a redaction replaces both.
// The lookup goes through the shop's campaigns (shop-campaigns.ts), so that the unique (campaignId, identityKey)
// index answers it.
import { identityKeyOf } from "../domain/email";
import type { Database } from "../db/open";
import { inShopCampaigns } from "./shop-campaigns";

/** $1 the shop, $2 the identity key. */
export const BACKERS_BY_IDENTITY_SQL = `
  SELECT b.id, b."mergedIntoId" FROM "Backer" b
   WHERE b."shopId" = $1 AND b."identityKey" = $2 AND ${inShopCampaigns("b")}
   ORDER BY b.id`;

export interface IdentityMatch {
  id: string;
  mergedIntoId: string | null;
}

export async function backersByIdentity(db: Database, shopId: string, email: string): Promise<IdentityMatch[]> {
  const key = identityKeyOf(email);
  if (!key) return [];
  return db.query<IdentityMatch>(BACKERS_BY_IDENTITY_SQL, [shopId, key]);
}

/** The backers that hold this person's pledges now: each match, or the backer it was merged into. */
export function currentBackerIds(matches: IdentityMatch[]): string[] {
  return [...new Set(matches.map((match) => match.mergedIntoId ?? match.id))];
}
