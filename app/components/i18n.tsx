import { useRouteLoaderData } from "@remix-run/react";
import { resolveLocale, translator } from "../i18n";

/** The translator for the locale the app layout resolved. */
export function useTranslate() {
  const data = useRouteLoaderData<{ locale?: string }>("routes/app");
  return translator(resolveLocale(data?.locale));
}

/** The admin's locale as the app layout resolved it ("en", "fr"), for dates, numbers and money. */
export function useLocale(): string {
  return resolveLocale(useRouteLoaderData<{ locale?: string }>("routes/app")?.locale);
}
