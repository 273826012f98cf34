import { Button, type ButtonProps } from "@shopify/polaris";
import { useState } from "react";
import type { MessageKey } from "../i18n";
import { useTranslate } from "./i18n";

/**
 * The CSV comes from an authenticated route: fetched with the session token (App Bridge adds it to the app's own
 * fetches), then saved from memory, since an embedded app cannot send the token with a plain link.
 */
export function DownloadButton({
  url,
  label,
  variant,
}: {
  url: string;
  label: MessageKey;
  variant?: ButtonProps["variant"];
}) {
  const t = useTranslate();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={download} loading={busy} variant={variant}>
      {t(label)}
    </Button>
  );
}
