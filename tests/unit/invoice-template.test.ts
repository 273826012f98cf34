import { describe, expect, it } from "vitest";
import { DEFAULT_INVOICE_TEMPLATES, invoiceTemplateProblem, renderInvoice } from "../../app/domain/ordering/invoice";
import { dueReminder, parseReminderDays, reminderSubject } from "../../app/domain/ordering/reminders";

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

describe("invoice reminders", () => {
  const settings = { reminderDays: [3, 7, 14], finalNotice: true, autoComplete: false };
  const invoiced = new Date("2026-11-01T10:00:00Z");
  const at = (days: number) => new Date(invoiced.getTime() + days * 86_400_000);

  it("are due on their day after the first invoice, one at a time", () => {
    expect(dueReminder(invoiced, 0, settings, at(2.9))).toBeNull();
    expect(dueReminder(invoiced, 0, settings, at(3))).toBe(0);
    // A worker that was down for a week sends the next one, not all the missed ones at once.
    expect(dueReminder(invoiced, 0, settings, at(20))).toBe(0);
    expect(dueReminder(invoiced, 1, settings, at(6))).toBeNull();
    expect(dueReminder(invoiced, 2, settings, at(14))).toBe(2);
    expect(dueReminder(invoiced, 3, settings, at(100))).toBeNull();
    expect(dueReminder(invoiced, 0, { reminderDays: [] }, at(100))).toBeNull();
  });

  it("say which is the last, in the shop's language", () => {
    expect(reminderSubject("Your reward", 0, settings, "en")).toBe("Reminder: Your reward");
    expect(reminderSubject("Your reward", 2, settings, "en")).toBe("Final notice: Your reward");
    expect(reminderSubject("Votre contrepartie", 2, settings, "fr")).toBe("Dernier rappel : Votre contrepartie");
    expect(reminderSubject("Your reward", 2, { ...settings, finalNotice: false }, "en")).toBe("Reminder: Your reward");
  });

  it("read the schedule as the merchant types it, and refuse what cannot be one", () => {
    expect(parseReminderDays("3, 7, 14")).toEqual({ ok: true, days: [3, 7, 14] });
    expect(parseReminderDays("")).toEqual({ ok: true, days: [] });
    expect(parseReminderDays("7, 3")).toMatchObject({ ok: false });
    expect(parseReminderDays("0")).toMatchObject({ ok: false });
    expect(parseReminderDays("2.5")).toMatchObject({ ok: false });
    expect(parseReminderDays("1 2 3 4 5 6")).toMatchObject({ ok: false });
  });
});
