import { useRouteLoaderData } from "@remix-run/react";
import { resolveLocale, translator } from "../i18n";

/** The translator for the locale the app layout resolved. */
export function useTranslate() {
  const data = useRouteLoaderData<{ locale?: string }>("routes/app");
  return translator(resolveLocale(data?.locale));
}
