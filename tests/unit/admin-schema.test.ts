import path from "node:path";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../app/shopify/admin-schema";
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";
import { findGraphqlDocuments, validateDocument } from "../../app/shopify/documents";

const schema = adminSchema(ADMIN_API_VERSION);

describe("GraphQL documents against the pinned Admin schema", () => {
  const documents = findGraphqlDocuments(path.resolve("app"));

  it("finds the app's operations", () => {
    expect(documents.map((d) => path.basename(d.file))).toContain("shop.ts");
  });

  it.each(documents.map((d) => [path.relative("app", d.file), d.source]))("%s is valid", (_file, source) => {
    expect(validateDocument(schema, source).map((e) => e.message)).toEqual([]);
  });

  it("rejects an unknown field the way Shopify would", () => {
    const errors = validateDocument(schema, "query { shop { name pledgeCount } }");
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('Cannot query field "pledgeCount" on type "Shop"'),
    ]);
  });

  it("rejects a field removed in this version (DraftOrderDiscountNotAppliedWarning.priceRule, gone in 2026-10)", () => {
    const source = `query { draftOrder(id: "gid://shopify/DraftOrder/1") { warnings { ... on DraftOrderDiscountNotAppliedWarning { priceRule { id } } } } }`;
    expect(validateDocument(schema, source)).not.toHaveLength(0);
  });

  it("rejects a syntax error", () => {
    expect(validateDocument(schema, "query { shop { ")).toHaveLength(1);
  });
});
