import { describe, expect, it } from "vitest";
import { DEFAULT_INVOICE_TEMPLATES, invoiceTemplateProblem, renderInvoice } from "../../app/domain/ordering/invoice";

describe("the invoice email's subject and message", () => {
  it("fills the placeholders in the merchant's words", () => {
    const rendered = renderInvoice(
      { subject: "{campaign}: your parcel, {name}", message: "Hi {name}, backer {number} of {campaign}." },
      { name: "Ada", campaign: "Deep Delve", number: "#42", link: "https://shop.test/apps/pledge/p/t" },
      "there",
    );
    expect(rendered).toEqual({
      subject: "Deep Delve: your parcel, Ada",
      customMessage: "Hi Ada, backer #42 of Deep Delve.",
    });
  });

  it("falls back when the backer has no first name, without a stray space", () => {
    const en = DEFAULT_INVOICE_TEMPLATES.en;
    expect(
      renderInvoice(en, { name: null, campaign: "X", number: "#1", link: "https://x.test/l" }, en.fallbackName)
        .customMessage,
    ).toMatch(/^Hi there,/);
    const fr = DEFAULT_INVOICE_TEMPLATES.fr;
    expect(
      renderInvoice(fr, { name: "  ", campaign: "X", number: "#1", link: "https://x.test/l" }, fr.fallbackName)
        .customMessage,
    ).toMatch(/^Bonjour,\n/);
  });

  it("ships English and French defaults that pass their own checks", () => {
    expect(invoiceTemplateProblem(DEFAULT_INVOICE_TEMPLATES.en)).toBeNull();
    expect(invoiceTemplateProblem(DEFAULT_INVOICE_TEMPLATES.fr)).toBeNull();
  });

  it("refuses unknown placeholders, an empty subject and lengths Shopify would refuse", () => {
    expect(invoiceTemplateProblem({ subject: "Hi {firstname}", message: "" })).toMatch(
      /\{firstname\} is not a placeholder/,
    );
    expect(invoiceTemplateProblem({ subject: "  ", message: "x" })).toMatch(/subject is empty/);
    expect(invoiceTemplateProblem({ subject: "x".repeat(256), message: "" })).toMatch(/longer than 255/);
    expect(invoiceTemplateProblem({ subject: "ok", message: "x".repeat(5001) })).toMatch(/longer than 5000/);
  });
});
