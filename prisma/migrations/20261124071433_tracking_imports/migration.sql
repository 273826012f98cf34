-- CreateEnum
CREATE TYPE "TrackingImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "TrackingImport" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "status" "TrackingImportStatus" NOT NULL DEFAULT 'QUEUED',
    "file" TEXT,
    "fulfilled" INTEGER NOT NULL DEFAULT 0,
    "alreadyShipped" INTEGER NOT NULL DEFAULT 0,
    "rejected" JSONB NOT NULL DEFAULT '[]',
    "lastError" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TrackingImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrackingImport_shopId_campaignId_createdAt_idx" ON "TrackingImport"("shopId", "campaignId", "createdAt");

-- AddForeignKey
ALTER TABLE "TrackingImport" ADD CONSTRAINT "TrackingImport_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingImport" ADD CONSTRAINT "TrackingImport_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

