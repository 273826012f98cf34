import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { MessageKey } from "../i18n";
import { useLocale, useTranslate } from "./i18n";

/** A row of headline numbers, each in its own card with its label above it. */
export function StatCards({ stats }: { stats: ReadonlyArray<readonly [MessageKey, number]> }) {
  const t = useTranslate();
  const number = new Intl.NumberFormat(useLocale());
  return (
    <InlineGrid columns={{ xs: 2, md: stats.length }} gap="400">
      {stats.map(([label, value]) => (
        <Card key={label}>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm" tone="subdued">
              {t(label)}
            </Text>
            <Text as="p" variant="headingLg">
              {number.format(value)}
            </Text>
          </BlockStack>
        </Card>
      ))}
    </InlineGrid>
  );
}
