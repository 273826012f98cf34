// What a wave picks, as the merchant or the CLI writes it, checked at the edge: rewards, countries (ISO codes),
// pledge (or pre-order) dates, confirmed addresses, whether the campaign's pre-orders come too, or only the
// pre-orders of some offers. Pure.
import { z } from "zod";

export const WaveFilter = z
  .object({
    rewardIds: z.array(z.string().min(1).max(64)).max(200).optional(),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, "a country is a two-letter ISO code like FR"))
      .max(250)
      .optional(),
    pledgedFrom: z.iso.datetime().optional(),
    pledgedTo: z.iso.datetime().optional(),
    addressConfirmed: z.boolean().optional(),
    /** Whether the campaign's pre-order orders (offers made for it) come too; yes unless rewards are chosen. */
    preorders: z.boolean().optional(),
    /** Only the pre-order orders of these offers (the late pledges of one reprint, say): no pledge orders. */
    offerIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  })
  .strict()
  .refine((f) => !f.pledgedFrom || !f.pledgedTo || f.pledgedFrom <= f.pledgedTo, {
    message: "pledgedFrom is after pledgedTo",
  })
  .refine((f) => !f.offerIds || (!f.rewardIds && f.preorders !== false), {
    message: "offers pick pre-orders only: choose offers, or rewards, not both",
  });

export type WaveFilter = z.infer<typeof WaveFilter>;

/** "FR, de ,BE" → ["FR","DE","BE"]; blank → undefined (every country). */
export function parseCountries(text: string | undefined): string[] | undefined {
  const codes = (text ?? "")
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return codes.length ? [...new Set(codes)] : undefined;
}
