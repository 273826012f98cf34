// Reward mapping: every tier and add-on of a campaign becomes one or more of the store's variants with quantities.
// The catalog is searched through the Admin API (Shopify's search syntax: a title word, sku:DD-CORE …); the
// search starts from the reward's own title, and "Map automatically" maps every reward whose SKU or exact title
// names exactly one variant.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { notFound, requireShop } from "../admin-shop.server";
import { useLocale, useTranslate } from "../components/i18n";
import { readConfig } from "../config.server";
import { database } from "../db.server";
import type { VariantQuantity } from "../domain/ordering/plan";
import type { MessageKey } from "../i18n";
import {
  autoMapRewards,
  listRewards,
  mapReward,
  MappingError,
  searchCatalog,
  suggestVariants,
  type CatalogVariant,
  type RewardRow,
} from "../services/ordering/rewards";
import { orderingCounts } from "../services/ordering/summary";
import { adminForShop, ShopNotConnectedError } from "../services/shop-admin";
import { AdminApiError } from "../shopify/errors";
import { pacerForShop } from "../shopify/pacer";

const MappedItems = z.array(z.object({ variantId: z.string(), quantity: z.coerce.number() })).max(100);

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const campaign = await database.prisma.campaign.findFirst({ where: { id: params.id, shopId: shop.id } });
  if (!campaign) notFound();
  const rewards = await listRewards(database, shop.id, campaign.id);
  const { blocked } = await orderingCounts(database, shop.id, campaign.id);
  const url = new URL(request.url);
  const selected = rewards.find((reward) => reward.id === url.searchParams.get("reward")) ?? null;
  let search: { query: string; variants: CatalogVariant[]; suggested: string[] } | null = null;
  let catalogError: string | null = null;
  if (selected) {
    const query = (url.searchParams.get("q") ?? selected.title).slice(0, 200);
    try {
      const { admin } = await adminForShop(database.prisma, shop.id, {
        adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN,
      });
      const variants = await searchCatalog(admin, query);
      search = { query, variants, suggested: suggestVariants(selected, variants).variants.map((v) => v.id) };
    } catch (error) {
      if (!(error instanceof ShopNotConnectedError || error instanceof AdminApiError)) throw error;
      catalogError = error.message;
      search = { query, variants: [], suggested: [] };
    }
  }
  return { campaign: { id: campaign.id, name: campaign.name }, rewards, blocked, selected, search, catalogError };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const campaign = await database.prisma.campaign.findFirst({ where: { id: params.id, shopId: shop.id } });
  if (!campaign) notFound();
  const form = await request.formData();
  try {
    const { admin } = await adminForShop(database.prisma, shop.id, { adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN });
    if (form.get("intent") === "auto") {
      const result = await autoMapRewards(database, admin, pacerForShop(shop.domain), shop.id, campaign.id);
      return notice("info", "rewards.autoResult", { mapped: result.mapped.length, unmapped: result.unmapped.length });
    }
    const rewardId = String(form.get("rewardId") ?? "");
    const reward = await database.prisma.reward.findFirst({
      where: { id: rewardId, shopId: shop.id, campaignId: campaign.id },
    });
    if (!reward) notFound();
    const parsed = MappedItems.safeParse(JSON.parse(String(form.get("items") ?? "[]")));
    if (!parsed.success) return notice("critical", "rewards.invalid");
    await mapReward(database, shop.id, reward.id, parsed.data, admin);
    return notice("success", "rewards.saved", { title: reward.title });
  } catch (error) {
    if (error instanceof MappingError || error instanceof ShopNotConnectedError || error instanceof AdminApiError)
      return { tone: "critical" as const, message: null, text: error.message, params: {} };
    if (error instanceof SyntaxError) return notice("critical", "rewards.invalid");
    throw error;
  }
};

function itemName(item: { variantId: string; title: string | null; sku: string | null }): string {
  const name = item.title ?? item.variantId.split("/").pop()!;
  return item.sku ? `${name} (${item.sku})` : name;
}

function notice(
  tone: "success" | "critical" | "info",
  message: MessageKey,
  params: Record<string, string | number> = {},
) {
  return { tone, message, text: null, params };
}

export default function RewardsPage() {
  const { campaign, rewards, blocked, selected, search, catalogError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  const number = new Intl.NumberFormat(useLocale());
  const navigation = useNavigation();
  const submit = useSubmit();
  return (
    <Page
      title={t("rewards.title")}
      subtitle={campaign.name}
      backAction={{ content: campaign.name, url: `/app/campaigns/${campaign.id}` }}
      primaryAction={{
        content: t("rewards.auto"),
        loading: navigation.state === "submitting" && navigation.formData?.get("intent") === "auto",
        onAction: () => submit({ intent: "auto" }, { method: "post" }),
      }}
      secondaryActions={[{ content: t("orders.title"), url: `/app/campaigns/${campaign.id}/orders` }]}
    >
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.tone}>{result.message ? t(result.message, result.params) : result.text}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Text as="p" tone={blocked ? "critical" : "subdued"}>
            {t("rewards.blocked", { count: number.format(blocked) })}
          </Text>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "numeric", "text", "text"]}
              headings={[
                t("rewards.column.kind"),
                t("rewards.column.title"),
                t("rewards.column.pledges"),
                t("rewards.column.variants"),
                "",
              ]}
              rows={rewards.map((reward) => [
                t(reward.kind === "TIER" ? "rewards.kind.tier" : "rewards.kind.addon"),
                reward.title,
                number.format(reward.pledges),
                reward.items.length ? (
                  reward.items.map((item) => `${item.quantity} × ${itemName(item)}`).join(", ")
                ) : (
                  <Badge tone="attention">{t("rewards.unmapped")}</Badge>
                ),
                <Link key={reward.id} to={`?reward=${reward.id}`}>
                  {t("rewards.map")}
                </Link>,
              ])}
            />
          </Card>
        </Layout.Section>
        {selected && search ? (
          <Layout.Section>
            <MappingPanel
              key={`${selected.id}:${search.query}:${JSON.stringify(selected.items)}`}
              selected={selected}
              search={search}
              catalogError={catalogError}
            />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

/** One reward's contents: search the catalog, add variants, set quantities, save. Remounted per reward and search. */
function MappingPanel({
  selected,
  search,
  catalogError,
}: {
  selected: RewardRow;
  search: { query: string; variants: CatalogVariant[]; suggested: string[] };
  catalogError: string | null;
}) {
  const t = useTranslate();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [items, setItems] = useState<VariantQuantity[]>(selected.items);
  const [query, setQuery] = useState(search.query);
  const names = new Map([
    ...selected.items.map((item) => [item.variantId, itemName(item)] as const),
    ...search.variants.map((v) => [v.id, itemName({ variantId: v.id, title: v.displayName, sku: v.sku })] as const),
  ]);
  const add = (variantId: string) =>
    setItems((current) =>
      current.some((item) => item.variantId === variantId)
        ? current.map((item) => (item.variantId === variantId ? { ...item, quantity: item.quantity + 1 } : item))
        : [...current, { variantId, quantity: 1 }],
    );

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("rewards.mapping", { title: selected.title })}
        </Text>
        {catalogError ? <Banner tone="critical">{catalogError}</Banner> : null}
        <Form method="get">
          <input type="hidden" name="reward" value={selected.id} />
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flexGrow: 1 }}>
              <TextField
                label={t("rewards.search")}
                name="q"
                value={query}
                onChange={setQuery}
                autoComplete="off"
                helpText={t("rewards.search.help")}
              />
            </div>
            <Button submit>{t("rewards.search")}</Button>
          </InlineStack>
        </Form>
        <BlockStack gap="200">
          {search.variants.length ? (
            search.variants.map((variant) => (
              <InlineStack key={variant.id} align="space-between" blockAlign="center">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="span">{names.get(variant.id)}</Text>
                  {search.suggested.includes(variant.id) ? (
                    <Badge tone="success">{t("rewards.suggested")}</Badge>
                  ) : null}
                </InlineStack>
                <Button
                  onClick={() => add(variant.id)}
                  accessibilityLabel={`${t("rewards.add")} ${variant.displayName}`}
                >
                  {t("rewards.add")}
                </Button>
              </InlineStack>
            ))
          ) : (
            <Text as="p" tone="subdued">
              {t("rewards.noResults")}
            </Text>
          )}
        </BlockStack>
        <Text as="h3" variant="headingSm">
          {t("rewards.contents")}
        </Text>
        {items.map((item) => (
          <InlineStack key={item.variantId} gap="200" blockAlign="center">
            <div style={{ width: "6rem" }}>
              <TextField
                label={t("rewards.quantity")}
                labelHidden
                type="number"
                min={1}
                max={1000}
                autoComplete="off"
                value={String(item.quantity)}
                onChange={(value) =>
                  setItems((current) =>
                    current.map((i) => (i.variantId === item.variantId ? { ...i, quantity: Number(value) } : i)),
                  )
                }
              />
            </div>
            <Text as="span">{names.get(item.variantId) ?? item.variantId}</Text>
            <Button
              variant="plain"
              tone="critical"
              onClick={() => setItems((current) => current.filter((i) => i.variantId !== item.variantId))}
            >
              {t("rewards.remove")}
            </Button>
          </InlineStack>
        ))}
        <InlineStack>
          <Button
            variant="primary"
            disabled={!items.length}
            loading={navigation.state === "submitting" && navigation.formData?.get("rewardId") === selected.id}
            onClick={() => submit({ rewardId: selected.id, items: JSON.stringify(items) }, { method: "post" })}
          >
            {t("rewards.save")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
