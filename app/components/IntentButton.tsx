import { Form } from "@remix-run/react";
import { Button, type ButtonProps } from "@shopify/polaris";

/** A button that posts one intent (and any hidden fields) to the page's action. */
export function IntentButton({
  intent,
  fields = {},
  children,
  ...button
}: { intent: string; fields?: Record<string, string>; children: string | string[] } & Pick<
  ButtonProps,
  "disabled" | "tone" | "variant"
>) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit {...button}>
        {children}
      </Button>
    </Form>
  );
}
