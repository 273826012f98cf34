-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "options" JSONB NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "Pledge_campaignId_createdAt_id_idx" ON "Pledge"("campaignId", "createdAt", "id");

