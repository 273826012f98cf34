// The invoice email's subject and message, which the merchant edits per campaign. Shopify sends the email (its
// template, with the checkout link); the app gives it a subject and a custom message, written with placeholders:
// {name} the backer's first name, {campaign} the campaign's name, {number} the backer number, {link} the backer's
// own portal link (choose sizes, add extras, confirm the address).

export interface InvoiceTemplate {
  subject: string;
  message: string;
}

export const INVOICE_PLACEHOLDERS = ["name", "campaign", "number", "link"] as const;
const MAX_SUBJECT = 255;
const MAX_MESSAGE = 5000;

export const DEFAULT_INVOICE_TEMPLATES: Record<"en" | "fr", InvoiceTemplate & { fallbackName: string }> = {
  en: {
    subject: "Your {campaign} reward: confirm your address and pay shipping",
    message:
      "Hi {name},\n\nThank you for backing {campaign}! Your reward (backer {number}) is paid and ready for its " +
      "journey. Choose your sizes, add extras or change your address here: {link}\n\nOr check your shipping " +
      "address and pay what is left (shipping and any taxes) at the link below.",
    fallbackName: "there",
  },
  fr: {
    subject: "Votre contrepartie {campaign} : confirmez votre adresse et réglez la livraison",
    message:
      "Bonjour {name},\n\nMerci d'avoir soutenu {campaign} ! Votre contrepartie (contributeur {number}) est payée et " +
      "prête à partir. Choisissez vos tailles, ajoutez des extras ou modifiez votre adresse ici : {link}\n\n" +
      "Ou vérifiez votre adresse de livraison et réglez le reste (livraison et taxes éventuelles) avec le lien " +
      "ci-dessous.",
    fallbackName: "",
  },
};

/** What is wrong with a template, or null: unknown placeholders and lengths Shopify would refuse. */
export function invoiceTemplateProblem(template: InvoiceTemplate): string | null {
  if (!template.subject.trim()) return "The subject is empty";
  if (template.subject.length > MAX_SUBJECT) return `The subject is longer than ${MAX_SUBJECT} characters`;
  if (template.message.length > MAX_MESSAGE) return `The message is longer than ${MAX_MESSAGE} characters`;
  for (const [, name] of `${template.subject} ${template.message}`.matchAll(/\{(\w+)\}/g)) {
    if (!(INVOICE_PLACEHOLDERS as readonly string[]).includes(name!)) {
      return `{${name}} is not a placeholder; use ${INVOICE_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`;
    }
  }
  return null;
}

export function renderInvoice(
  template: InvoiceTemplate,
  values: { name: string | null; campaign: string; number: string; link: string },
  fallbackName: string,
): { subject: string; customMessage: string } {
  const fill = (text: string) =>
    text
      .replace(/\{name\}/g, values.name?.trim() || fallbackName)
      .replace(/\{campaign\}/g, values.campaign)
      .replace(/\{number\}/g, values.number)
      .replace(/\{link\}/g, values.link)
      // "Bonjour ," when there is no name and no fallback: the space before the comma goes too.
      .replace(/ +,/g, ",");
  return { subject: fill(template.subject).replace(/\s+/g, " ").trim(), customMessage: fill(template.message) };
}
