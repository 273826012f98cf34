// The theme app extensions, checked by Shopify's own theme-check (the rules `shopify app deploy` applies to app
// blocks): the backer portal kept pointing at the app proxy the app declares, the pre-order badge reading only
// what the app writes in the variant's metafield.
import { cpSync, mkdtempSync, readFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { check } from "@shopify/theme-check-node";
import { describe, expect, it } from "vitest";
import { PREORDER_METAFIELD, storefrontOffer } from "../../app/domain/preorders/storefront";
import { PORTAL_PATH } from "../../app/services/portal/links";

const EXTENSION = "extensions/backer-portal";

describe("the backer-portal theme app extension", () => {
  it("passes theme-check with no offense", async () => {
    const offenses = await check(path.resolve(EXTENSION));
    expect(offenses.map((o) => `${o.check}: ${o.message} (${o.uri})`)).toEqual([]);
  });

  it("is really checked: a broken copy is refused", async () => {
    const copy = path.join(mkdtempSync(path.join(tmpdir(), "pb-theme-")), "backer-portal");
    cpSync(EXTENSION, copy, { recursive: true });
    appendFileSync(path.join(copy, "blocks/portal-link.liquid"), "{{ 'blocks.missing' | t }}{{ x | no_such_filter }}");
    const checks = (await check(copy)).map((o) => o.check);
    expect(checks).toEqual(expect.arrayContaining(["TranslationKeyExists", "UnknownFilter"]));
  });

  it("has an app block and an app embed, both linking to the app proxy", () => {
    const block = readFileSync(`${EXTENSION}/blocks/portal-link.liquid`, "utf8");
    const embed = readFileSync(`${EXTENSION}/blocks/portal-embed.liquid`, "utf8");
    const schema = (liquid: string) => JSON.parse(/\{% schema %\}([\s\S]*)\{% endschema %\}/.exec(liquid)![1]!);
    expect(schema(block).target).toBe("section");
    expect(schema(embed).target).toBe("body");
    expect(readFileSync(`${EXTENSION}/snippets/portal-url.liquid`, "utf8")).toContain(`'${PORTAL_PATH}'`);
    for (const liquid of [block, embed]) expect(liquid).toContain("render 'portal-url'");
  });

  it("speaks English and French in the storefront and in the theme editor", () => {
    const keys = (file: string) => JSON.stringify(Object.keys(flatten(JSON.parse(readFileSync(file, "utf8")))));
    expect(keys(`${EXTENSION}/locales/fr.json`)).toBe(keys(`${EXTENSION}/locales/en.default.json`));
    expect(keys(`${EXTENSION}/locales/fr.schema.json`)).toBe(keys(`${EXTENSION}/locales/en.default.schema.json`));
  });
});

describe("the pre-order badge theme app extension", () => {
  const BADGE = "extensions/preorder-badge";
  const liquid = () => readFileSync(`${BADGE}/blocks/preorder-badge.liquid`, "utf8");

  it("passes theme-check with no offense", async () => {
    const offenses = await check(path.resolve(BADGE));
    expect(offenses.map((o) => `${o.check}: ${o.message} (${o.uri})`)).toEqual([]);
  });

  it("is a product-page block reading the metafield the app keeps, declared readable by the storefront", () => {
    const schema = JSON.parse(/\{% schema %\}([\s\S]*)\{% endschema %\}/.exec(liquid())![1]!);
    expect(schema.target).toBe("section");
    expect(schema.enabled_on.templates).toEqual(["product"]);
    expect(liquid()).toContain(`metafields['${PREORDER_METAFIELD.namespace}'].${PREORDER_METAFIELD.key}.value`);
    const toml = readFileSync("shopify.app.toml", "utf8");
    expect(toml).toContain(`[product_variant.metafields.app.${PREORDER_METAFIELD.key}]`);
    expect(toml).toMatch(/access\.storefront = "public_read"/);
  });

  it("reads only fields the app writes", () => {
    const written = Object.keys({
      ...storefrontOffer(
        {
          name: "x",
          merchantCode: "x",
          payment: { kind: "full" },
          delivery: { kind: "asap" },
          reserve: "on_sale",
          discountPercentage: 0,
        },
        {},
        null,
        0,
      ),
      selling: true,
    });
    const read = [...new Set([...liquid().matchAll(/\boffer\.(\w+)/g)].map((m) => m[1]!))];
    expect(read.length).toBeGreaterThan(5);
    for (const field of read) expect(written).toContain(field);
  });

  it("speaks English and French", () => {
    const keys = (file: string) => JSON.stringify(Object.keys(flatten(JSON.parse(readFileSync(file, "utf8")))));
    expect(keys(`${BADGE}/locales/fr.json`)).toBe(keys(`${BADGE}/locales/en.default.json`));
    expect(keys(`${BADGE}/locales/fr.schema.json`)).toBe(keys(`${BADGE}/locales/en.default.schema.json`));
  });
});

function flatten(value: object, prefix = ""): Record<string, unknown> {
  return Object.entries(value).reduce<Record<string, unknown>>((all, [key, inner]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    return inner && typeof inner === "object" ? { ...all, ...flatten(inner, name) } : { ...all, [name]: inner };
  }, {});
}
