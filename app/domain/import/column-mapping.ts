// The column mapping a merchant gives for a file Pledgebridge has no layout of (the admin's form, the CLI's
// --mapping), checked where it comes in. Apart from mapped.ts, which reads rows through a mapping, so that the
// import's reading thread loads no validation library (zod took 60 ms of a thread's start).
import { z } from "zod";

const column = z.string().trim().min(1);

export const ColumnMapping = z.object({
  externalBackerId: column,
  email: column,
  amount: column,
  name: column.optional(),
  backerNumber: column.optional(),
  status: column.optional(),
  pledgedAt: column.optional(),
  shippingPaid: column.optional(),
  bonus: column.optional(),
  rewardId: column.optional(),
  rewardTitle: column.optional(),
  rewardMinimum: column.optional(),
  shippingName: column.optional(),
  address1: column.optional(),
  address2: column.optional(),
  city: column.optional(),
  province: column.optional(),
  zip: column.optional(),
  country: column.optional(),
  phone: column.optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;
