// Translations of what buyers read (here, selling-plan groups and plans): the translatable content with the
// digest of each value, and translationsRegister, which Shopify accepts only for a published locale and the
// digest of the value as it is now (a stale digest means the source text changed since it was read).
import { createHash } from "node:crypto";
import { parseGid } from "../state/ids";
import type { ShopState } from "../state/shop-state";
import type { RootResolver } from "./context";

const digest = (value: string) => createHash("sha256").update(value).digest("hex");

function content(state: ShopState, resourceId: string): Array<{ key: string; value: string }> | null {
  const groupId = parseGid(resourceId, "SellingPlanGroup");
  if (groupId !== null) {
    const group = state.sellingPlanGroups.get(groupId);
    return group
      ? [{ key: "name", value: group.name }, ...group.options.map((o, i) => ({ key: `option${i + 1}`, value: o }))]
      : null;
  }
  const planId = parseGid(resourceId, "SellingPlan");
  if (planId !== null) {
    const plan = [...state.sellingPlanGroups.values()].flatMap((g) => g.plans).find((p) => p.id === planId);
    if (!plan) return null;
    return [
      { key: "name", value: plan.name },
      ...(plan.description ? [{ key: "description", value: plan.description }] : []),
      ...plan.options.map((o, i) => ({ key: `option${i + 1}`, value: o })),
    ];
  }
  return null;
}

export const translationQueries: Record<string, RootResolver> = {
  shopLocales: ({ published }, { state }) =>
    state.locales
      .filter((l) => published == null || l.published === published)
      .map((l) => ({ __typename: "ShopLocale", ...l, marketWebPresences: [] })),
  translatableResource: ({ resourceId }, { state }) => {
    const fields = content(state, resourceId);
    if (!fields) return null;
    return {
      __typename: "TranslatableResource",
      resourceId,
      translatableContent: fields.map((f) => ({
        __typename: "TranslatableContent",
        key: f.key,
        value: f.value,
        digest: digest(f.value),
        locale: state.locales.find((l) => l.primary)!.locale,
        type: "STRING",
      })),
      translations: ({ locale }: { locale: string }) =>
        fields.flatMap((f) => {
          const found = state.translations.get(`${resourceId} ${locale} ${f.key}`);
          return found && found.digest === digest(f.value)
            ? [{ __typename: "Translation", key: f.key, value: found.value, locale, outdated: false }]
            : [];
        }),
    };
  },
};

export const translationMutations: Record<string, RootResolver> = {
  translationsRegister: ({ resourceId, translations }, { state }) => {
    const fields = content(state, resourceId);
    const error = (field: string[], message: string, code: string) => ({
      translations: null,
      userErrors: [{ __typename: "TranslationUserError", field, message, code }],
    });
    if (!fields) return error(["resourceId"], "Resource does not exist", "RESOURCE_NOT_FOUND");
    const inputs = translations as Array<{
      key: string;
      locale: string;
      value: string;
      translatableContentDigest: string;
    }>;
    for (const [index, input] of inputs.entries()) {
      const at = ["translations", String(index)];
      const locale = state.locales.find((l) => l.locale === input.locale);
      if (!locale || locale.primary || !locale.published)
        return error([...at, "locale"], "Locale is not enabled for the shop", "INVALID_LOCALE_FOR_SHOP");
      const field = fields.find((f) => f.key === input.key);
      if (!field) return error([...at, "key"], "Key is not a translatable field", "INVALID_KEY_FOR_MODEL");
      if (digest(field.value) !== input.translatableContentDigest)
        return error(
          [...at, "translatableContentDigest"],
          "Translatable content hash is invalid",
          "INVALID_TRANSLATABLE_CONTENT",
        );
    }
    for (const input of inputs) {
      state.translations.set(`${resourceId} ${input.locale} ${input.key}`, {
        value: input.value,
        digest: input.translatableContentDigest,
      });
    }
    return {
      translations: inputs.map((i) => ({
        __typename: "Translation",
        key: i.key,
        value: i.value,
        locale: i.locale,
        outdated: false,
      })),
      userErrors: [],
    };
  },
};
