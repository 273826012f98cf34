-- CreateTable
CREATE TABLE "PushRun" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'QUEUED',
    "retryFailed" BOOLEAN NOT NULL DEFAULT false,
    "invoice" BOOLEAN NOT NULL DEFAULT false,
    "phase" TEXT NOT NULL DEFAULT 'push',
    "bulkOperationId" TEXT,
    "cursor" TEXT NOT NULL DEFAULT '',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "planned" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "blocked" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PushRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PushRun_shopId_campaignId_createdAt_idx" ON "PushRun"("shopId", "campaignId", "createdAt");

-- AddForeignKey
ALTER TABLE "PushRun" ADD CONSTRAINT "PushRun_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushRun" ADD CONSTRAINT "PushRun_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable: the variant's name and SKU as they were when it was mapped.
ALTER TABLE "RewardItem" ADD COLUMN     "title" TEXT,
ADD COLUMN     "sku" TEXT;
