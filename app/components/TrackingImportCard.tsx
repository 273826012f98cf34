// "Import tracking" on the Fulfillment page: a 3PL's CSV (Order, Tracking number[, Carrier, URL]) for the chosen
// campaign, sent to app.fulfillment.tracking.tsx and fulfilled by a job; the latest imports with what each did,
// refreshed while one is running.
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import { useState } from "react";
import type { MessageKey } from "../i18n";
import type { TrackingUploadResult } from "../routes/app.fulfillment.tracking";
import { FileDropZone } from "./FileDropZone";
import { useLocale, useTranslate } from "./i18n";
import { usePolling } from "./usePolling";

export interface TrackingImportRow {
  id: string;
  fileName: string;
  rows: number;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  fulfilled: number;
  alreadyShipped: number;
  rejected: unknown;
  lastError: string | null;
  createdAt: string | Date;
}

const TONE = { QUEUED: "attention", RUNNING: "info", SUCCEEDED: "success", FAILED: "critical" } as const;

export function TrackingImportCard({ campaignId, imports }: { campaignId: string; imports: TrackingImportRow[] }) {
  const t = useTranslate();
  const locale = useLocale();
  const fetcher = useFetcher<TrackingUploadResult>();
  const [file, setFile] = useState<File | null>(null);
  usePolling(imports.some((i) => i.status === "QUEUED" || i.status === "RUNNING"));
  const send = () => {
    if (!file) return;
    const form = new FormData();
    form.set("campaignId", campaignId);
    form.set("file", file);
    fetcher.submit(form, { method: "post", action: "/app/fulfillment/tracking", encType: "multipart/form-data" });
  };
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("tracking.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("tracking.help")}
        </Text>
        {result && "error" in result ? (
          <Banner tone="critical" title={t("tracking.refused")}>
            <p>{result.error.startsWith("file:") ? result.error.slice(5) : t(result.error as MessageKey)}</p>
          </Banner>
        ) : null}
        {result && "queued" in result ? (
          <Banner tone="success">{t("tracking.queued", { rows: result.queued.rows })}</Banner>
        ) : null}
        <FileDropZone
          label={t("tracking.file")}
          accept=".csv,text/csv"
          hint={t("tracking.hint")}
          file={file}
          onFile={setFile}
        />
        <InlineStack align="end">
          <Button onClick={send} disabled={!file} loading={fetcher.state !== "idle"}>
            {t("tracking.submit")}
          </Button>
        </InlineStack>
        {imports.map((run) => {
          const rejected = Array.isArray(run.rejected) ? (run.rejected as Array<Record<string, unknown>>) : [];
          return (
            <BlockStack key={run.id} gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Text as="span" fontWeight="semibold">
                  {run.fileName}
                </Text>
                <Badge tone={TONE[run.status]}>{t(`tracking.status.${run.status}`)}</Badge>
                <Text as="span" tone="subdued">
                  {new Date(run.createdAt).toLocaleString(locale)}
                </Text>
              </InlineStack>
              <Text as="p">
                {t("tracking.outcome", {
                  rows: run.rows,
                  fulfilled: run.fulfilled,
                  alreadyShipped: run.alreadyShipped,
                  rejected: rejected.length,
                })}
              </Text>
              {run.lastError ? (
                <Text as="p" tone="critical">
                  {run.lastError}
                </Text>
              ) : null}
              {rejected.length ? (
                <List>
                  {rejected.slice(0, 20).map((r) => (
                    <List.Item key={String(r.row)}>
                      {t("tracking.rejectedRow", {
                        row: String(r.row),
                        order: String(r.order),
                        reason: String(r.reason),
                      })}
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}
