// Fulfillment: a campaign's paid pledge orders held until their wave; waves made from a filter (countries,
// rewards, pledge dates, confirmed addresses) with a preview of their orders and pick list, locked, released
// (all, or some orders at a time) by a job, exported as a CSV for a 3PL; shipped and delivered per wave and
// overall, from Shopify's fulfillment webhooks. Tracking from a 3PL's CSV: the "Import tracking" card (a job), or
// `pledgebridge waves tracking`.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireShop } from "../admin-shop.server";
import { DownloadButton } from "../components/DownloadButton";
import { useTranslate } from "../components/i18n";
import { StatCards } from "../components/StatCards";
import { database } from "../db.server";
import { parseCountries, WaveFilter } from "../domain/fulfillment/wave-filter";
import type { MessageKey } from "../i18n";
import { jobs } from "../jobs/runtime.server";
import { TrackingImportCard } from "../components/TrackingImportCard";
import { WAVE_RELEASE_QUEUE } from "../services/fulfillment/jobs";
import { latestTrackingImports } from "../services/fulfillment/tracking-jobs";
import { createWave, fulfillmentSummary, lockWave, previewWave } from "../services/fulfillment/waves";

/** The wave filter from a form or a query string; a bad value is a problem to show, never a guess. */
function filterFrom(values: { get(name: string): FormDataEntryValue | string | null }) {
  const text = (name: string) =>
    String(values.get(name) ?? "")
      .trim()
      .slice(0, 2000);
  const day = (name: string, end: boolean) =>
    /^\d{4}-\d{2}-\d{2}$/.test(text(name)) ? `${text(name)}T${end ? "23:59:59" : "00:00:00"}Z` : undefined;
  return WaveFilter.safeParse({
    countries: parseCountries(text("countries")),
    rewardIds: text("rewards") ? text("rewards").split(",").filter(Boolean) : undefined,
    offerIds: text("offers") ? text("offers").split(",").filter(Boolean) : undefined,
    pledgedFrom: day("from", false),
    pledgedTo: day("to", true),
    addressConfirmed: text("addressConfirmed") === "on" || undefined,
  });
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const url = new URL(request.url);
  const campaigns = await database.prisma.campaign.findMany({
    where: { shopId: shop.id },
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  const campaign = campaigns.find((c) => c.id === url.searchParams.get("campaign")) ?? campaigns[0];
  if (!campaign)
    return {
      campaigns,
      campaign: null,
      rewards: [],
      offers: [],
      summary: null,
      preview: null,
      trackingImports: [],
      query: url.search,
    };
  const rewards = await database.prisma.reward.findMany({
    where: { shopId: shop.id, campaignId: campaign.id },
    select: { id: true, title: true },
    orderBy: { title: "asc" },
  });
  const offers = await database.prisma.preorderOffer.findMany({
    where: { shopId: shop.id, campaignId: campaign.id },
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  const filter = url.searchParams.has("preview") ? filterFrom(url.searchParams) : null;
  const preview = filter?.success ? await previewWave(database, shop.id, campaign.id, filter.data) : null;
  return {
    campaigns,
    campaign,
    rewards,
    offers,
    summary: await fulfillmentSummary(database, shop.id, campaign.id),
    preview,
    trackingImports: await latestTrackingImports(database, shop.id, campaign.id),
    previewError: filter && !filter.success ? filter.error.issues.map((i) => i.message).join("; ") : null,
    query: url.search,
  };
};

type Result = { tone: "success" | "critical"; message: MessageKey; values?: Record<string, string | number> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Result> => {
  const { session, shop } = await requireShop(request);
  const form = await request.formData();
  const cause = `user:${session.id}`;
  const wave = async () => {
    const found = await database.prisma.wave.findFirst({ where: { id: String(form.get("waveId")), shopId: shop.id } });
    if (!found) throw new Response("Not found", { status: 404 });
    return found;
  };
  switch (form.get("intent")) {
    case "create": {
      const campaign = await database.prisma.campaign.findFirst({
        where: { id: String(form.get("campaignId")), shopId: shop.id },
      });
      if (!campaign) throw new Response("Not found", { status: 404 });
      const filter = filterFrom(form);
      if (!filter.success)
        return {
          tone: "critical",
          message: "fulfillment.invalid",
          values: { problem: filter.error.issues[0]!.message },
        };
      const created = await createWave(
        database,
        shop.id,
        { campaignId: campaign.id, name: String(form.get("name") ?? ""), filter: filter.data },
        cause,
      );
      const { orders } = await lockWave(database, shop.id, created.id, cause);
      return { tone: "success", message: "fulfillment.created", values: { orders } };
    }
    case "release": {
      const found = await wave();
      const limit = Number(form.get("limit") || 0);
      if (form.get("limit") && !(Number.isInteger(limit) && limit > 0))
        return { tone: "critical", message: "fulfillment.invalid", values: { problem: String(form.get("limit")) } };
      await jobs.enqueue(
        WAVE_RELEASE_QUEUE,
        { shopId: shop.id, waveId: found.id, by: cause, ...(limit ? { limit } : {}) },
        { singletonKey: found.id },
      );
      return { tone: "success", message: "fulfillment.releaseQueued" };
    }
    default:
      throw new Response("Unknown action", { status: 400 });
  }
};

export default function Fulfillment() {
  const { campaigns, campaign, rewards, offers, summary, preview, previewError, trackingImports, query } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  const submit = useSubmit();
  const params = new URLSearchParams(query);
  const [fields, setFields] = useState({
    name: "",
    countries: params.get("countries") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  });
  const [chosenRewards, setChosenRewards] = useState<string[]>(params.get("rewards")?.split(",").filter(Boolean) ?? []);
  const [chosenOffers, setChosenOffers] = useState<string[]>(params.get("offers")?.split(",").filter(Boolean) ?? []);
  const [addressConfirmed, setAddressConfirmed] = useState(params.get("addressConfirmed") === "on");
  if (!campaign || !summary)
    return (
      <Page title={t("fulfillment.title")}>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {t("fulfillment.empty.heading")}
            </Text>
            <Text as="p">{t("fulfillment.empty.body")}</Text>
          </BlockStack>
        </Card>
      </Page>
    );
  const percent = (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0);
  const field = (name: keyof typeof fields, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <TextField
      label={t(label)}
      name={name}
      value={fields[name]}
      onChange={(value) => setFields((f) => ({ ...f, [name]: value }))}
      autoComplete="off"
      {...extra}
    />
  );
  // The filter's choices made outside text fields, sent with the preview and again with the wave's creation.
  const chosenInputs = (
    <>
      <input type="hidden" name="rewards" value={chosenRewards.join(",")} />
      <input type="hidden" name="offers" value={chosenOffers.join(",")} />
      {addressConfirmed ? <input type="hidden" name="addressConfirmed" value="on" /> : null}
    </>
  );
  const filterInputs = (
    <>
      {chosenInputs}
      <FormLayout.Group>
        {field("countries", "fulfillment.field.countries", { placeholder: "FR, DE, BE" })}
        {field("from", "fulfillment.field.from", { type: "date" })}
        {field("to", "fulfillment.field.to", { type: "date" })}
      </FormLayout.Group>
      <ChoiceList
        title={t("fulfillment.field.rewards")}
        allowMultiple
        choices={rewards.map((r) => ({ label: r.title, value: r.id }))}
        selected={chosenRewards}
        onChange={setChosenRewards}
      />
      {offers.length ? (
        <ChoiceList
          title={t("fulfillment.field.offers")}
          allowMultiple
          choices={offers.map((o) => ({ label: o.name, value: o.id }))}
          selected={chosenOffers}
          onChange={setChosenOffers}
        />
      ) : null}
      <Checkbox
        label={t("fulfillment.field.addressConfirmed")}
        checked={addressConfirmed}
        onChange={setAddressConfirmed}
      />
    </>
  );
  return (
    <Page title={t("fulfillment.title")} subtitle={t("fulfillment.subtitle")}>
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.tone}>{t(result.message, result.values)}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Select
                label={t("fulfillment.campaign")}
                options={campaigns.map((c) => ({ label: c.name, value: c.id }))}
                value={campaign.id}
                onChange={(id) => submit({ campaign: id }, { method: "get" })}
              />
              <StatCards
                stats={[
                  ["fulfillment.stat.ordered", summary.overall.ordered],
                  ["fulfillment.stat.held", summary.overall.held],
                  ["fulfillment.stat.inWaves", summary.overall.inWaves],
                  ["fulfillment.stat.shipped", summary.overall.shipped],
                ]}
              />
              <Text as="p" tone="subdued">
                {t("fulfillment.shippedPercent", {
                  percent: percent(summary.overall.shipped, summary.overall.ordered),
                })}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        {summary.waves.map((wave) => (
          <Layout.Section key={wave.id}>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <InlineStack gap="200">
                    <Text as="h2" variant="headingMd">
                      {wave.name}
                    </Text>
                    <Badge
                      tone={wave.status === "RELEASED" ? "success" : wave.status === "RELEASING" ? "info" : "attention"}
                    >
                      {t(`fulfillment.status.${wave.status}` as MessageKey)}
                    </Badge>
                  </InlineStack>
                  <DownloadButton url={`/app/fulfillment/waves/${wave.id}/csv`} label="fulfillment.export" />
                </InlineStack>
                <Text as="p">
                  {t("fulfillment.progress", {
                    orders: wave.progress.orders,
                    released: wave.progress.released,
                    shipped: wave.progress.shipped,
                    delivered: wave.progress.delivered,
                  })}
                </Text>
                <ProgressBar progress={percent(wave.progress.shipped, wave.progress.orders)} size="small" />
                {wave.status !== "RELEASED" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="release" />
                    <input type="hidden" name="waveId" value={wave.id} />
                    <InlineStack gap="200" blockAlign="end">
                      <ReleaseLimit />
                      <Button submit>{t("fulfillment.release")}</Button>
                    </InlineStack>
                  </Form>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ))}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("fulfillment.new")}
              </Text>
              <Form method="get">
                <input type="hidden" name="campaign" value={campaign.id} />
                <input type="hidden" name="preview" value="1" />
                <FormLayout>
                  {filterInputs}
                  <Button submit>{t("fulfillment.preview")}</Button>
                </FormLayout>
              </Form>
              {previewError ? <Banner tone="critical">{previewError}</Banner> : null}
              {preview ? (
                <BlockStack gap="200">
                  <Text as="p" fontWeight="bold">
                    {t("fulfillment.previewCount", { orders: preview.orders })}
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "numeric"]}
                    headings={[t("fulfillment.sku"), t("fulfillment.units")]}
                    rows={preview.pickList.map((p) => [p.sku ?? p.variantId, p.units])}
                  />
                  <Form method="post">
                    <input type="hidden" name="intent" value="create" />
                    <input type="hidden" name="campaignId" value={campaign.id} />
                    <input type="hidden" name="countries" value={fields.countries} />
                    <input type="hidden" name="from" value={fields.from} />
                    <input type="hidden" name="to" value={fields.to} />
                    {chosenInputs}
                    <InlineStack gap="200" blockAlign="end">
                      {field("name", "fulfillment.field.name")}
                      <Button submit variant="primary" disabled={!preview.orders}>
                        {t("fulfillment.create")}
                      </Button>
                    </InlineStack>
                  </Form>
                </BlockStack>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <TrackingImportCard campaignId={campaign.id} imports={trackingImports} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ReleaseLimit() {
  const t = useTranslate();
  const [limit, setLimit] = useState("");
  return (
    <TextField
      label={t("fulfillment.limit")}
      name="limit"
      type="number"
      value={limit}
      onChange={setLimit}
      autoComplete="off"
      placeholder={t("fulfillment.limitAll")}
    />
  );
}
