// The exceptions inbox: everything a person must decide, across campaigns (dropped pledges with drafts, rewards
// with no variants, Shopify's refusals, pre-orders past a cap, failed balance charges, stock drift), worst first,
// filtered by status, kind, severity and campaign. Each row offers what resolves its kind (domain/exceptions.ts):
// buttons that do it (re-send the link, retry the push, release the stock, reconcile stock) and links to the page
// that fixes it (the backer's address, the reward mapping, the data export); selected rows are marked resolved
// with a note, recording who and when. Exceptions whose cause goes away clear themselves.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useState } from "react";
import { requireShop } from "../admin-shop.server";
import { DownloadButton } from "../components/DownloadButton";
import { IntentButton } from "../components/IntentButton";
import { readConfig } from "../config.server";
import { actionsFor, isServerAction, type LinkAction } from "../domain/exceptions";
import { jobs } from "../jobs/runtime.server";
import { runBulkExceptionAction, runExceptionAction } from "../services/exception-actions";
import { useLocale, useTranslate } from "../components/i18n";
import { database } from "../db.server";
import type { MessageKey } from "../i18n";
import { listExceptions, openExceptionKinds, resolveExceptions, type ExceptionFilter } from "../services/exceptions";

const SEVERITIES = ["CRITICAL", "WARNING", "INFO"] as const;

const OUTCOME_TONE = {
  link_queued: "success",
  push_queued: "success",
  stock_released: "success",
  reconcile_queued: "success",
  no_draft: "warning",
  still_collected: "warning",
  paid: "warning",
  refused: "critical",
  not_offered: "critical",
  merged: "success",
  already_merged: "warning",
  other_campaign: "critical",
  push_running: "warning",
} as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const url = new URL(request.url);
  const value = (name: string) => url.searchParams.get(name)?.slice(0, 100) || null;
  const status = value("status");
  const severity = value("severity");
  const filter: ExceptionFilter = {
    status: status === "resolved" || status === "all" ? status : "open",
    kind: value("kind") && /^[a-z_]+$/.test(value("kind")!) ? value("kind") : null,
    severity: (SEVERITIES as readonly string[]).includes(severity ?? "")
      ? (severity as ExceptionFilter["severity"])
      : null,
    campaignId: value("campaign"),
  };
  const campaigns = await database.prisma.campaign.findMany({
    where: { shopId: shop.id },
    select: { id: true, name: true },
  });
  // An id that is not one of this shop's campaigns filters nothing (and is not echoed back).
  if (!campaigns.some((c) => c.id === filter.campaignId)) filter.campaignId = null;
  const [exceptions, kinds] = await Promise.all([
    listExceptions(database, shop.id, filter),
    openExceptionKinds(database, shop.id),
  ]);
  return { filter, exceptions, kinds, campaigns, query: url.search };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, shop } = await requireShop(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (isServerAction(intent)) {
    const outcome = await runExceptionAction(
      database,
      { jobs, adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN },
      shop.id,
      String(form.get("id") ?? ""),
      intent,
      `user:${session.id}`,
    );
    if (!outcome) throw new Response("No such exception", { status: 404 });
    return { outcome, resolved: null };
  }
  if (intent === "bulk_resend_link") {
    const bulk = await runBulkExceptionAction(
      database,
      { jobs, adminOrigin: readConfig().SHOPIFY_ADMIN_ORIGIN },
      shop.id,
      String(form.get("ids") ?? "")
        .split(",")
        .filter(Boolean),
      "resend_link",
      `user:${session.id}`,
    );
    return { outcome: null, resolved: null, bulk };
  }
  if (intent !== "resolve") throw new Response("Unknown action", { status: 400 });
  const ids = String(form.get("ids") ?? "")
    .split(",")
    .filter(Boolean);
  const note = String(form.get("note") ?? "");
  const resolved = await resolveExceptions(database, shop.id, ids, `user:${session.id}`, note);
  return { resolved, outcome: null };
};

/** Where a link action takes the merchant. */
function linkFor(action: LinkAction, exception: { campaignId: string | null; backerId: string | null }): string | null {
  const backer = exception.backerId ? `/app/backers/${exception.backerId}` : null;
  switch (action) {
    case "open_backer":
    case "edit_address":
      return backer;
    case "download_data":
      return backer ? `${backer}/data` : null;
    case "map_reward":
      return exception.campaignId ? `/app/campaigns/${exception.campaignId}/rewards` : null;
    case "open_preorders":
      return "/app/preorders";
  }
}

/** What the exception is about, in a few words, from what its raiser recorded (never personal data). */
function subjectOf(data: Record<string, unknown>, backerNumber: number | null): string {
  const parts = [
    backerNumber ? `#${backerNumber}` : null,
    typeof data.otherBackerNumber === "number" ? `= #${data.otherBackerNumber}` : null,
    typeof data.orderName === "string" ? data.orderName : null,
    typeof data.sku === "string" ? data.sku : null,
    typeof data.title === "string" ? data.title : null,
    typeof data.lastError === "string" ? data.lastError : null,
    typeof data.expectedReserved === "number" ? `${data.expectedReserved} → ${String(data.shopifyReserved)}` : null,
  ];
  return parts.filter(Boolean).join(" · ");
}

export default function Exceptions() {
  const { filter, exceptions, kinds, campaigns, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  const locale = useLocale();
  const submit = useSubmit();
  const [note, setNote] = useState("");
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(exceptions);
  const setFilter = (name: string, value: string) => {
    const params = new URLSearchParams(query);
    if (value) params.set(name, value);
    else params.delete(name);
    submit(params, { method: "get" });
  };
  const kindLabel = (kind: string) => t(`exceptions.kind.${kind}` as MessageKey);
  return (
    <Page title={t("exceptions.title")} subtitle={t("exceptions.subtitle")}>
      <Layout>
        {result?.resolved != null ? (
          <Layout.Section>
            <Banner tone="success">{t("exceptions.resolved", { count: result.resolved })}</Banner>
          </Layout.Section>
        ) : null}
        {result && "bulk" in result && result.bulk ? (
          <Layout.Section>
            <Banner tone={result.bulk.done ? "success" : "warning"}>
              {t("exceptions.bulkResent", { done: result.bulk.done, skipped: result.bulk.skipped })}
            </Banner>
          </Layout.Section>
        ) : null}
        {result?.outcome ? (
          <Layout.Section>
            <Banner tone={OUTCOME_TONE[result.outcome]}>{t(`exceptions.outcome.${result.outcome}`)}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <InlineStack gap="300" wrap>
              <Select
                label={t("exceptions.filter.status")}
                value={filter.status ?? "open"}
                onChange={(v) => setFilter("status", v)}
                options={[
                  { label: t("exceptions.status.open"), value: "open" },
                  { label: t("exceptions.status.resolved"), value: "resolved" },
                  { label: t("exceptions.status.all"), value: "all" },
                ]}
              />
              <Select
                label={t("exceptions.filter.kind")}
                value={filter.kind ?? ""}
                onChange={(v) => setFilter("kind", v)}
                options={[
                  { label: t("exceptions.filter.any"), value: "" },
                  ...kinds.map((k) => ({ label: `${kindLabel(k.kind)} (${k.count})`, value: k.kind })),
                ]}
              />
              <Select
                label={t("exceptions.filter.severity")}
                value={filter.severity ?? ""}
                onChange={(v) => setFilter("severity", v)}
                options={[
                  { label: t("exceptions.filter.any"), value: "" },
                  ...SEVERITIES.map((s) => ({ label: t(`exceptions.severity.${s}`), value: s })),
                ]}
              />
              <Select
                label={t("exceptions.filter.campaign")}
                value={filter.campaignId ?? ""}
                onChange={(v) => setFilter("campaign", v)}
                options={[
                  { label: t("exceptions.filter.any"), value: "" },
                  ...campaigns.map((c) => ({ label: c.name, value: c.id })),
                ]}
              />
            </InlineStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {exceptions.length ? (
              <BlockStack>
                <div style={{ padding: "var(--p-space-400)" }}>
                  <TextField
                    label={t("exceptions.note")}
                    helpText={t("exceptions.noteHelp")}
                    value={note}
                    onChange={setNote}
                    autoComplete="off"
                  />
                </div>
                <IndexTable
                  resourceName={{ singular: t("exceptions.one"), plural: t("exceptions.many") }}
                  itemCount={exceptions.length}
                  selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                  onSelectionChange={handleSelectionChange}
                  selectable={filter.status !== "resolved"}
                  promotedBulkActions={[
                    {
                      content: t("exceptions.markResolved"),
                      onAction: () => {
                        submit({ intent: "resolve", ids: selectedResources.join(","), note }, { method: "post" });
                        clearSelection();
                      },
                    },
                    {
                      content: t("exceptions.bulkResend"),
                      onAction: () => {
                        submit({ intent: "bulk_resend_link", ids: selectedResources.join(",") }, { method: "post" });
                        clearSelection();
                      },
                    },
                  ]}
                  headings={[
                    { title: t("exceptions.column.kind") },
                    { title: t("exceptions.column.severity") },
                    { title: t("exceptions.column.campaign") },
                    { title: t("exceptions.column.subject") },
                    { title: t("exceptions.column.when") },
                    { title: "" },
                  ]}
                >
                  {exceptions.map((e, index) => {
                    return (
                      <IndexTable.Row id={e.id} key={e.id} position={index} selected={selectedResources.includes(e.id)}>
                        <IndexTable.Cell>{kindLabel(e.kind)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Badge
                            tone={
                              e.severity === "CRITICAL" ? "critical" : e.severity === "WARNING" ? "warning" : "info"
                            }
                          >
                            {t(`exceptions.severity.${e.severity}`)}
                          </Badge>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{e.campaignName ?? ""}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span">{subjectOf(e.data, e.backerNumber)}</Text>
                          {e.resolvedAt ? (
                            <Text as="p" tone="subdued">
                              {t("exceptions.resolution", { note: e.resolution ?? "", by: e.resolvedBy ?? "" })}
                            </Text>
                          ) : null}
                        </IndexTable.Cell>
                        <IndexTable.Cell>{new Date(e.updatedAt).toLocaleString(locale)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          {e.resolvedAt ? null : (
                            // The row selects itself on a click and cancels the click's default, which would
                            // swallow the action buttons' form submissions: their clicks stop here.
                            <div onClick={(event) => event.stopPropagation()}>
                              <InlineStack gap="200" blockAlign="center" wrap={false}>
                                {actionsFor(e).map((name) => {
                                  const label = t(`exceptions.action.${name}`);
                                  if (isServerAction(name))
                                    return (
                                      <IntentButton key={name} intent={name} fields={{ id: e.id }} variant="plain">
                                        {label}
                                      </IntentButton>
                                    );
                                  const url = linkFor(name, e);
                                  if (url && name === "download_data")
                                    return (
                                      <DownloadButton
                                        key={name}
                                        url={url}
                                        label="exceptions.action.download_data"
                                        variant="plain"
                                      />
                                    );
                                  return url ? (
                                    <Link key={name} to={url}>
                                      {label}
                                    </Link>
                                  ) : null;
                                })}
                              </InlineStack>
                            </div>
                          )}
                        </IndexTable.Cell>
                      </IndexTable.Row>
                    );
                  })}
                </IndexTable>
              </BlockStack>
            ) : (
              <div style={{ padding: "var(--p-space-400)" }}>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("exceptions.empty.heading")}
                  </Text>
                  <Text as="p">{t("exceptions.empty.body")}</Text>
                </BlockStack>
              </div>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
