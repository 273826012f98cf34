// The upload of a 3PL's tracking file for one campaign (the Fulfillment page's "Import tracking" card posts here).
// The file is read in memory (at most TRACKING_FILE_MAX_BYTES), checked, recorded and queued; a file that cannot
// be used is refused with its reason, and nothing is kept.
import type { ActionFunctionArgs } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { notFound, requireShop } from "../admin-shop.server";
import { database } from "../db.server";
import { jobs } from "../jobs/runtime.server";
import { TrackingFileError } from "../services/fulfillment/tracking-import";
import { queueTrackingImport, TRACKING_FILE_MAX_BYTES } from "../services/fulfillment/tracking-jobs";

export type TrackingUploadResult = { error: string } | { queued: { rows: number } };

export const action = async ({ request }: ActionFunctionArgs): Promise<TrackingUploadResult> => {
  const { session, shop } = await requireShop(request);
  const tooLarge = { error: `tracking.tooLarge` };
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data"))
    return { error: "tracking.missing" };
  if (Number(request.headers.get("content-length") ?? 0) > TRACKING_FILE_MAX_BYTES + 64 * 1024) return tooLarge;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: TRACKING_FILE_MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge;
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof File) || !file.size) return { error: "tracking.missing" };
  const campaign = await database.prisma.campaign.findFirst({
    where: { id: String(form.get("campaignId") ?? ""), shopId: shop.id },
  });
  if (!campaign) notFound();
  // A NUL (a spreadsheet or an archive, whatever its name says) is refused by readTrackingCsv, as from the CLI.
  const text = new TextDecoder("utf-8").decode(await file.arrayBuffer());
  try {
    const created = await queueTrackingImport(database, jobs, {
      shopId: shop.id,
      campaignId: campaign.id,
      fileName: file.name,
      text,
      by: `user:${session.id}`,
    });
    return { queued: { rows: created.rows } };
  } catch (error) {
    if (error instanceof TrackingFileError) return { error: `file:${error.message}` };
    throw error;
  }
};
