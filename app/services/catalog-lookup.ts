// Variants as a merchant writes them in a form: a SKU, or a variant id. Each SKU is looked up in the store's
// catalog and must name exactly one variant; what does not is returned as unknown, for the form to say.
import type { AdminClient } from "../shopify/admin-client";
import { CATALOG_VARIANTS } from "../shopify/operations/catalog";

export async function resolveVariants(admin: AdminClient, refs: string[]) {
  const ids: string[] = [];
  const unknown: string[] = [];
  const byRef = new Map<string, string>();
  for (const value of new Set(refs)) {
    if (/^gid:\/\/shopify\/ProductVariant\/\d+$/.test(value)) {
      ids.push(value);
      byRef.set(value, value);
      continue;
    }
    const { data } = await admin.request(CATALOG_VARIANTS, { first: 5, query: `sku:${JSON.stringify(value)}` });
    const match = data.productVariants.nodes.filter((variant) => variant.sku === value);
    if (match.length === 1) {
      ids.push(match[0]!.id);
      byRef.set(value, match[0]!.id);
    } else unknown.push(value);
  }
  return { ids: [...new Set(ids)], unknown, byRef };
}
