import { Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import type { MessageKey } from "../i18n";
import { useTranslate } from "./i18n";

interface EmptyStatePageProps {
  title: MessageKey;
  heading: MessageKey;
  body: MessageKey;
  footer?: MessageKey;
  action?: { content: MessageKey; url: string };
}

/** A section with nothing in it yet: says what it is for and what to do next. */
export function EmptyStatePage({ title, heading, body, footer, action }: EmptyStatePageProps) {
  const t = useTranslate();
  return (
    <Page title={t(title)}>
      <Layout>
        <Layout.Section>
          <Card>
            <EmptyState
              heading={t(heading)}
              image="/empty-state.svg"
              action={action ? { content: t(action.content), url: action.url } : undefined}
              footerContent={
                footer ? (
                  <Text as="p" tone="subdued">
                    {t(footer)}
                  </Text>
                ) : undefined
              }
            >
              <p>{t(body)}</p>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
