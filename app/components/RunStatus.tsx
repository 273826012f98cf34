import { Badge } from "@shopify/polaris";
import { useTranslate } from "./i18n";

/** An import run's state as a badge: queued and running in blue, done in green, failed in red. */
export function RunStatus({ status }: { status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" }) {
  const t = useTranslate();
  const tone = status === "SUCCEEDED" ? "success" : status === "FAILED" ? "critical" : "info";
  return <Badge tone={tone}>{t(`imports.status.${status}`)}</Badge>;
}
