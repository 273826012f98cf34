// The backers of a campaign: one line per pledge, searched by name, email or backer id, filtered by status,
// reward, country and source, and paged by keyset so the thousandth page is as quick as the first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { notFound, requireShop } from "../admin-shop.server";
import { useLocale, useTranslate } from "../components/i18n";
import prisma from "../db.server";
import { PLEDGE_STATUSES } from "../domain/import/record";
import { formatMoney } from "../domain/money";
import { backerFilterOptions, listBackers, parseBackerQuery } from "../services/backers";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const campaign = await prisma.campaign.findFirst({
    where: { id: params.id, shopId: shop.id },
    select: { id: true, name: true },
  });
  if (!campaign) notFound();
  const query = parseBackerQuery(new URL(request.url).searchParams);
  const [list, options] = await Promise.all([
    listBackers(prisma, shop.id, campaign.id, query),
    backerFilterOptions(prisma, shop.id, campaign.id),
  ]);
  return { campaign, query, list, options };
};

export default function BackersPage() {
  const { campaign, query, list, options } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const navigate = useNavigate();
  const loading = useNavigation().state === "loading";
  const [searchParams, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState(query.q ?? "");
  const number = new Intl.NumberFormat(locale);
  const plural = (n: number) => new Intl.PluralRules(locale).select(n);

  // A filter change starts again from the first page.
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("after");
    setSearchParams(next);
  };
  // The search runs once typing pauses.
  useEffect(() => {
    if (search === (query.q ?? "")) return;
    const timer = setTimeout(() => setFilter("q", search.trim()), 300);
    return () => clearTimeout(timer);
  });

  const any = { value: "", label: t("backers.filter.any") };
  return (
    <Page
      title={t("backers.title")}
      subtitle={campaign.name}
      backAction={{ content: campaign.name, url: `/app/campaigns/${campaign.id}` }}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <InlineGrid columns={{ xs: 1, md: 5 }} gap="300">
              <TextField
                label={t("backers.search")}
                value={search}
                onChange={setSearch}
                autoComplete="off"
                clearButton
                onClearButtonClick={() => setSearch("")}
                placeholder={t("backers.search.placeholder")}
              />
              <Select
                label={t("backers.filter.status")}
                options={[any, ...PLEDGE_STATUSES.map((value) => ({ value, label: t(`pledge.status.${value}`) }))]}
                value={query.status ?? ""}
                onChange={(value) => setFilter("status", value)}
              />
              <Select
                label={t("backers.filter.reward")}
                options={[any, ...options.rewards.map((reward) => ({ value: reward.id, label: reward.title }))]}
                value={query.reward ?? ""}
                onChange={(value) => setFilter("reward", value)}
              />
              <Select
                label={t("backers.filter.country")}
                options={[any, ...options.countries.map((code) => ({ value: code, label: code }))]}
                value={query.country ?? ""}
                onChange={(value) => setFilter("country", value)}
              />
              <Select
                label={t("backers.filter.source")}
                options={[any, ...options.sources.map((value) => ({ value, label: t(`platform.${value}`) }))]}
                value={query.source ?? ""}
                onChange={(value) => setFilter("source", value)}
              />
            </InlineGrid>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <div style={{ padding: "var(--p-space-300) var(--p-space-400)" }}>
              <Text as="p" tone="subdued">
                {t(`backers.count.${plural(list.total) === "one" ? "one" : "other"}`, {
                  count: number.format(list.total),
                })}
              </Text>
            </div>
            <div style={{ opacity: loading ? 0.6 : 1 }}>
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text", "text", "numeric"]}
                headings={[
                  t("backers.column.backer"),
                  t("backers.column.email"),
                  t("backers.column.reward"),
                  t("backers.column.country"),
                  t("backers.column.source"),
                  t("backers.column.status"),
                  t("backers.column.amount"),
                ]}
                rows={list.rows.map((row) => [
                  <span key={row.id}>
                    <Link to={`/app/backers/${row.backerId}`}>{row.name ?? "—"}</Link>{" "}
                    <Text as="span" tone="subdued">
                      #{row.backerNumber ?? row.externalBackerId}
                    </Text>
                  </span>,
                  <span key={`${row.id}-email`}>
                    {row.email}{" "}
                    {row.privateRelayEmail ? <Badge tone="attention">{t("backers.privateRelay")}</Badge> : null}
                  </span>,
                  row.reward ?? "—",
                  row.countryCode ?? "—",
                  t(`platform.${row.source}`),
                  <Badge key={`${row.id}-status`} tone={row.status === "COLLECTED" ? "success" : "warning"}>
                    {t(`pledge.status.${row.status}`)}
                  </Badge>,
                  formatMoney({ amountMinor: row.amountMinor, currency: row.currencyCode }, locale),
                ])}
              />
            </div>
            <div style={{ padding: "var(--p-space-300)" }}>
              <InlineStack align="center">
                <Pagination
                  hasPrevious={Boolean(query.after)}
                  onPrevious={() => navigate(-1)}
                  hasNext={Boolean(list.nextCursor)}
                  onNext={() => {
                    const next = new URLSearchParams(searchParams);
                    next.set("after", list.nextCursor!);
                    setSearchParams(next);
                  }}
                />
              </InlineStack>
            </div>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
