// Inventory: per variant, Shopify's stock (on hand, available, committed, reserved) against what pledges and
// pre-orders need, what is free for retail and what to make; filtered by campaign, product and location, as a
// chart per product and a CSV. Stock is refreshed by a job (webhooks keep it current between runs).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, DataTable, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { requireShop } from "../admin-shop.server";
import { DownloadButton } from "../components/DownloadButton";
import { useLocale, useTranslate } from "../components/i18n";
import { IntentButton } from "../components/IntentButton";
import { StockChart } from "../components/StockChart";
import { database } from "../db.server";
import type { MessageKey } from "../i18n";
import { jobs } from "../jobs/runtime.server";
import { ALLOCATE_QUEUE, INVENTORY_RECONCILE_QUEUE } from "../services/inventory/jobs";
import {
  byProduct,
  inventoryFilter,
  inventoryLocations,
  inventoryView,
  stockByLocation,
} from "../services/inventory/view";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const url = new URL(request.url);
  const filter = await inventoryFilter(database, url, shop.id);
  const [rows, all, locations, campaigns] = await Promise.all([
    inventoryView(database, shop.id, filter),
    inventoryView(database, shop.id, { campaignId: filter.campaignId }),
    inventoryLocations(database, shop.id),
    database.prisma.campaign.findMany({ where: { shopId: shop.id }, select: { id: true, name: true } }),
  ]);
  const products = [
    ...new Map(all.filter((r) => r.productId).map((r) => [r.productId!, r.productTitle ?? r.productId!])).entries(),
  ];
  const byLocation = await stockByLocation(
    database,
    shop.id,
    rows.map((r) => r.variantId),
    filter.locationId,
  );
  return { filter, rows, byLocation, chart: byProduct(rows), locations, campaigns, products, query: url.search };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<{ message: MessageKey }> => {
  const { session, shop } = await requireShop(request);
  const form = await request.formData();
  if (form.get("intent") === "refresh") {
    await jobs.enqueue(INVENTORY_RECONCILE_QUEUE, { shopId: shop.id }, { singletonKey: shop.id });
    return { message: "inventory.refreshQueued" };
  }
  if (form.get("intent") === "allocate") {
    const campaign = await database.prisma.campaign.findFirst({
      where: { id: String(form.get("campaignId")), shopId: shop.id },
    });
    if (!campaign) throw new Response("Not found", { status: 404 });
    await jobs.enqueue(
      ALLOCATE_QUEUE,
      { shopId: shop.id, campaignId: campaign.id, by: `user:${session.id}` },
      { singletonKey: campaign.id },
    );
    return { message: "inventory.allocateQueued" };
  }
  throw new Response("Unknown action", { status: 400 });
};

export default function Inventory() {
  const { filter, rows, byLocation, chart, locations, campaigns, products, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  const locale = useLocale();
  const submit = useSubmit();
  const number = (n: number) => n.toLocaleString(locale);
  const select = (
    name: string,
    label: MessageKey,
    value: string | null | undefined,
    options: Array<[string, string]>,
  ) => (
    <Select
      label={t(label)}
      name={name}
      value={value ?? ""}
      options={[{ label: t("inventory.filter.all"), value: "" }, ...options.map(([v, l]) => ({ value: v, label: l }))]}
      onChange={(next, id) => {
        const params = new URLSearchParams(query);
        if (next) params.set(id, next);
        else params.delete(id);
        submit(params, { method: "get" });
      }}
      id={name}
    />
  );
  return (
    <Page title={t("inventory.title")} subtitle={t("inventory.subtitle")}>
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone="success">{t(result.message)}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <InlineStack gap="300" blockAlign="end" wrap>
                {select(
                  "campaign",
                  "inventory.filter.campaign",
                  filter.campaignId,
                  campaigns.map((c) => [c.id, c.name]),
                )}
                {select("product", "inventory.filter.product", filter.productId, products)}
                {select(
                  "location",
                  "inventory.filter.location",
                  filter.locationId,
                  locations.map((l) => [l.locationId, l.locationName ?? l.locationId]),
                )}
              </InlineStack>
              <Text as="p" tone="subdued">
                {t("inventory.demandNote")}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        {rows.length ? (
          <>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("inventory.chart.title")}
                  </Text>
                  <StockChart
                    products={chart}
                    labels={{ stock: t("inventory.chart.stock"), demand: t("inventory.chart.demand") }}
                    format={number}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <InlineStack gap="200" align="end">
                    <IntentButton intent="refresh">{t("inventory.refresh")}</IntentButton>
                    {filter.campaignId ? (
                      <IntentButton intent="allocate" fields={{ campaignId: filter.campaignId }}>
                        {t("inventory.allocate")}
                      </IntentButton>
                    ) : null}
                    <DownloadButton url={`/app/inventory/csv${query}`} label="inventory.csv" />
                  </InlineStack>
                  <DataTable
                    columnContentTypes={["text", ...Array<"numeric">(9).fill("numeric")]}
                    headings={[
                      t("inventory.column.variant"),
                      t("inventory.column.onHand"),
                      t("inventory.column.available"),
                      t("inventory.column.committed"),
                      t("inventory.column.reserved"),
                      t("inventory.column.inDrafts"),
                      t("inventory.column.pledged"),
                      t("inventory.column.preordered"),
                      t("inventory.column.free"),
                      t("inventory.column.toMake"),
                    ]}
                    rows={rows.map((r) => [
                      `${r.productTitle ?? ""} ${r.variantTitle ?? ""}`.trim() + (r.sku ? ` (${r.sku})` : ""),
                      number(r.onHand),
                      number(r.available),
                      number(r.committed),
                      number(r.reserved),
                      number(r.inDrafts),
                      number(r.pledged),
                      number(r.preordered),
                      number(r.freeForRetail),
                      r.toManufacture ? (
                        <Text as="span" fontWeight="bold" tone="critical">
                          {number(r.toManufacture)}
                        </Text>
                      ) : (
                        "0"
                      ),
                    ])}
                    totals={[
                      "",
                      ...(
                        [
                          "onHand",
                          "available",
                          "committed",
                          "reserved",
                          "inDrafts",
                          "pledged",
                          "preordered",
                          "freeForRetail",
                          "toManufacture",
                        ] as const
                      ).map((key) => number(rows.reduce((sum, r) => sum + r[key], 0))),
                    ]}
                    showTotalsInFooter
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("inventory.byLocation")}
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                    headings={[
                      t("inventory.column.variant"),
                      t("inventory.filter.location"),
                      t("inventory.column.onHand"),
                      t("inventory.column.available"),
                      t("inventory.column.committed"),
                      t("inventory.column.reserved"),
                      t("inventory.column.incoming"),
                    ]}
                    rows={byLocation.map((l) => [
                      l.sku ?? l.variantId,
                      l.locationName ?? l.locationId,
                      number(l.onHand),
                      number(l.available),
                      number(l.committed),
                      number(l.reserved),
                      number(l.incoming),
                    ])}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
          </>
        ) : (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("inventory.empty.heading")}
                </Text>
                <Text as="p">{t("inventory.empty.body")}</Text>
                <InlineStack>
                  <IntentButton intent="refresh">{t("inventory.refresh")}</IntentButton>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}
