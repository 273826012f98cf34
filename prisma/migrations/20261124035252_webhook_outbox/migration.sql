-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "payload" JSONB;

-- CreateIndex
CREATE INDEX "WebhookDelivery_jobId_receivedAt_idx" ON "WebhookDelivery"("jobId", "receivedAt");

