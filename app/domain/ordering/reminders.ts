// Invoice reminders: a campaign's schedule (days after the first invoice email, e.g. 3, 7 and 14) re-sends the
// invoice to backers who have not paid; the last one can be worded as a final notice. Pure rules here; the
// sending is in services/ordering/reminders.ts.

export interface CheckoutSettings {
  /** Days after the first invoice, ascending; empty: no reminders. */
  reminderDays: number[];
  /** The last reminder's subject says it is the final notice. */
  finalNotice: boolean;
  /**
   * Fully paid pledges (nothing left to pay) whose backer confirmed the address are completed by the app
   * (draftOrderComplete), without sending the backer to a checkout with nothing to pay.
   */
  autoComplete: boolean;
}

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = { reminderDays: [], finalNotice: true, autoComplete: false };
export const MAX_REMINDERS = 5;

/** The schedule as the merchant typed it ("3, 7, 14"), or what is wrong with it. */
export function parseReminderDays(text: string): { ok: true; days: number[] } | { ok: false; error: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const days = parts.map(Number);
  if (days.some((day) => !Number.isInteger(day) || day < 1 || day > 90))
    return { ok: false, error: "Each reminder is a whole number of days from 1 to 90" };
  if (days.length > MAX_REMINDERS) return { ok: false, error: `At most ${MAX_REMINDERS} reminders` };
  if (days.some((day, i) => i > 0 && day <= days[i - 1]!)) return { ok: false, error: "Days must go up: 3, 7, 14" };
  return { ok: true, days };
}

/** Which reminder (0-based) is due for a link, or null. */
export function dueReminder(
  invoicedAt: Date,
  remindersSent: number,
  settings: Pick<CheckoutSettings, "reminderDays">,
  now: Date,
): number | null {
  const day = settings.reminderDays[remindersSent];
  if (day === undefined) return null;
  return now.getTime() >= invoicedAt.getTime() + day * 86_400_000 ? remindersSent : null;
}

const PREFIX = {
  en: { reminder: "Reminder: ", final: "Final notice: " },
  fr: { reminder: "Rappel : ", final: "Dernier rappel : " },
};

export function reminderSubject(subject: string, index: number, settings: CheckoutSettings, locale: string): string {
  const words = PREFIX[locale === "fr" ? "fr" : "en"];
  const final = settings.finalNotice && index === settings.reminderDays.length - 1;
  return `${final ? words.final : words.reminder}${subject}`.slice(0, 255);
}
