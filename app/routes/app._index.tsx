// The dashboard: where one campaign, or all of them, stands. The funnel from import to shipped, the money per
// currency, pledges by reward and by country, what needs a decision and what the jobs are doing.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSubmit } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { requireShop } from "../admin-shop.server";
import { Bars, Funnel } from "../components/Charts";
import { EmptyStatePage } from "../components/EmptyStatePage";
import { useLocale, useTranslate } from "../components/i18n";
import { StatCards } from "../components/StatCards";
import { database } from "../db.server";
import { countryName } from "../domain/countries";
import { formatMoney } from "../domain/money";
import type { MessageKey } from "../i18n";
import { loadDashboard, type Funnel as FunnelFigures } from "../services/dashboard";

const FUNNEL_STAGES: ReadonlyArray<keyof FunnelFigures> = [
  "imported",
  "ready",
  "drafted",
  "invoiced",
  "paid",
  "shipped",
];

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const campaigns = await database.prisma.campaign.findMany({
    where: { shopId: shop.id },
    select: { id: true, name: true },
    orderBy: { createdAt: "desc" },
  });
  const requested = new URL(request.url).searchParams.get("campaign");
  // An id that is not one of this shop's campaigns shows the whole shop, never another shop's figures.
  const campaignId = campaigns.some((c) => c.id === requested) ? requested : null;
  const dashboard = campaigns.length ? await loadDashboard(database, shop.id, campaignId) : null;
  return { campaigns, campaignId, dashboard };
};

export default function DashboardPage() {
  const { campaigns, campaignId, dashboard } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const submit = useSubmit();
  if (!dashboard) {
    return (
      <EmptyStatePage
        title="dashboard.title"
        heading="dashboard.empty.heading"
        body="dashboard.empty.body"
        action={{ content: "dashboard.empty.action", url: "/app/campaigns" }}
      />
    );
  }
  const number = new Intl.NumberFormat(locale);
  const inCampaign = campaignId ? `&campaign=${campaignId}` : "";
  const stages = FUNNEL_STAGES.map((stage) => ({
    label: t(`dashboard.funnel.${stage}` as MessageKey),
    value: dashboard.funnel[stage],
  }));
  const rewards = dashboard.rewards.map((r) => ({ label: r.title ?? t("dashboard.noReward"), value: r.pledges }));
  const countries = dashboard.countries.map((c) => ({
    label: c.countryCode ? countryName(c.countryCode, locale) : t("dashboard.noCountry"),
    value: c.pledges,
  }));
  return (
    <Page title={t("dashboard.title")} subtitle={t("dashboard.subtitle")}>
      <Layout>
        <Layout.Section>
          <Select
            label={t("dashboard.campaign")}
            value={campaignId ?? ""}
            onChange={(value) => submit(value ? { campaign: value } : {}, { method: "get" })}
            options={[
              { label: t("dashboard.allCampaigns"), value: "" },
              ...campaigns.map((c) => ({ label: c.name, value: c.id })),
            ]}
          />
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="h2" variant="headingMd">
              {t("dashboard.funnel.title")}
            </Text>
            <StatCards
              stats={FUNNEL_STAGES.map((stage) => [`dashboard.funnel.${stage}`, dashboard.funnel[stage]] as const)}
            />
            <Card>
              <Funnel label={t("dashboard.funnel.title")} series={stages} />
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("dashboard.money.title")}
              </Text>
              {dashboard.money.length ? (
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                  headings={[
                    t("dashboard.money.currency"),
                    t("dashboard.money.pledged"),
                    t("dashboard.money.addOns"),
                    t("dashboard.money.shipping"),
                    t("dashboard.money.balancesDue"),
                  ]}
                  rows={dashboard.money.map((m) => [
                    m.currencyCode,
                    ...[m.pledged, m.addOns, m.shipping, m.balancesDue].map((amountMinor) =>
                      formatMoney({ amountMinor, currency: m.currencyCode }, locale),
                    ),
                  ])}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {t("dashboard.money.none")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Breakdown title={t("dashboard.byReward")} series={rewards} format={number.format} />
            <Breakdown title={t("dashboard.byCountry")} series={countries} format={number.format} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("dashboard.exceptions")}
                </Text>
                {dashboard.exceptions.length ? (
                  dashboard.exceptions.map((e) => (
                    <InlineStack key={e.kind} gap="200" align="space-between">
                      <Link to={`/app/exceptions?kind=${e.kind}${inCampaign}`}>
                        {t(`exceptions.kind.${e.kind}` as MessageKey)}
                      </Link>
                      <InlineStack gap="100">
                        {e.critical ? (
                          <Badge tone="critical">{t("dashboard.critical", { count: e.critical })}</Badge>
                        ) : null}
                        <Text as="span">{number.format(e.count)}</Text>
                      </InlineStack>
                    </InlineStack>
                  ))
                ) : (
                  <Text as="p" tone="subdued">
                    {t("exceptions.empty.heading")}
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("dashboard.jobs")}
                </Text>
                {dashboard.jobs.length ? (
                  dashboard.jobs.map((job) => (
                    <InlineStack key={job.jobId} gap="200" align="space-between">
                      <Link to={`/app/jobs/${job.queue}/${job.jobId}`}>{job.queue}</Link>
                      <Text as="span" tone="subdued">
                        {job.total === null
                          ? number.format(job.done)
                          : `${number.format(job.done)} / ${number.format(job.total)}`}
                        {" · "}
                        {new Date(job.updatedAt).toLocaleString(locale)}
                      </Text>
                    </InlineStack>
                  ))
                ) : (
                  <Text as="p" tone="subdued">
                    {t("dashboard.noJobs")}
                  </Text>
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

const visuallyHidden = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
} as const;

function Breakdown({
  title,
  series,
  format,
}: {
  title: string;
  series: ReadonlyArray<{ label: string; value: number }>;
  format: (n: number) => string;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {series.length ? <Bars label={title} series={series} /> : null}
        {/* The chart is drawn for the eye; the same figures are read out to screen readers. */}
        <ul style={visuallyHidden}>
          {series.map((point) => (
            <li key={point.label}>
              {point.label}: {format(point.value)}
            </li>
          ))}
        </ul>
      </BlockStack>
    </Card>
  );
}
