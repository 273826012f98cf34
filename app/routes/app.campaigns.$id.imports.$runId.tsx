// One import: a progress bar while it runs (rows per second, time left), then what it did, the rows it
// rejected and why, and those rows as a CSV to fix and import again.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Pagination,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { notFound, requireShop } from "../admin-shop.server";
import { DownloadButton } from "../components/DownloadButton";
import { useLocale, useTranslate } from "../components/i18n";
import { RunStatus } from "../components/RunStatus";
import { usePolling } from "../components/usePolling";
import { StatCards } from "../components/StatCards";
import prisma from "../db.server";
import { rejectionsPage, runForShop } from "../services/import/runs";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const run = await runForShop(prisma, shop.id, params.runId ?? "");
  if (!run || run.campaignId !== params.id) notFound();
  const page = Math.max(1, Math.min(100_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  return { run, page, rejections: await rejectionsPage(prisma, shop.id, run.id, { page }) };
};

export default function ImportRunPage() {
  const { run, page, rejections } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const [, setSearchParams] = useSearchParams();
  const active = run.status === "QUEUED" || run.status === "RUNNING";

  usePolling(active);

  return (
    <Page
      title={run.fileName}
      titleMetadata={<RunStatus status={run.status} />}
      backAction={{ content: t("imports.back"), url: `/app/campaigns/${run.campaignId}` }}
    >
      <Layout>
        {active ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {run.status === "QUEUED" ? t("imports.queued") : t("imports.running")}
                </Text>
                <ProgressBar progress={Math.round(run.progress * 100)} tone="primary" />
                <Text as="p" tone="subdued">
                  {[
                    t("imports.progress.rows", { rows: number.format(run.rows) }),
                    run.rowsPerSecond !== null
                      ? t("imports.progress.rate", { rate: number.format(run.rowsPerSecond) })
                      : null,
                    run.secondsLeft !== null ? t("imports.progress.left", { seconds: run.secondsLeft }) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        {run.failure ? (
          <Layout.Section>
            <Banner tone="critical" title={t("imports.failed")}>
              <p>{run.failure}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <StatCards
            stats={[
              ["imports.column.rows", run.rows],
              ["imports.column.created", run.created],
              ["imports.column.updated", run.updated],
              ["imports.column.unchanged", run.unchanged],
              ["imports.column.rejected", run.rejected],
            ]}
          />
        </Layout.Section>
        {run.vintage && !active ? (
          <Layout.Section>
            <Text as="p" tone="subdued">
              {t("imports.detected", { vintage: run.vintage })}
              {run.rowsPerSecond ? ` · ${t("imports.progress.rate", { rate: number.format(run.rowsPerSecond) })}` : ""}
            </Text>
          </Layout.Section>
        ) : null}
        {run.rejected > 0 ? (
          <Layout.Section>
            <Card padding="0">
              <BlockStack gap="0">
                <div style={{ padding: "var(--p-space-400)" }}>
                  <InlineStack align="space-between" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      {t("imports.rejected.title")}
                    </Text>
                    <DownloadButton
                      url={`/app/campaigns/${run.campaignId}/imports/${run.id}/rejected`}
                      label="imports.rejected.download"
                    />
                  </InlineStack>
                </div>
                <DataTable
                  columnContentTypes={["numeric", "text", "text", "text"]}
                  headings={[
                    t("imports.rejected.row"),
                    t("imports.rejected.column"),
                    t("imports.rejected.value"),
                    t("imports.rejected.reason"),
                  ]}
                  rows={rejections.rows.flatMap((rejection) =>
                    rejection.errors.map((error) => [
                      rejection.row,
                      error.column ?? "—",
                      error.value ?? "",
                      error.message,
                    ]),
                  )}
                />
                <div style={{ padding: "var(--p-space-300)" }}>
                  <InlineStack align="center">
                    <Pagination
                      hasPrevious={page > 1}
                      onPrevious={() => setSearchParams({ page: String(page - 1) })}
                      hasNext={rejections.hasNext}
                      onNext={() => setSearchParams({ page: String(page + 1) })}
                    />
                  </InlineStack>
                </div>
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
