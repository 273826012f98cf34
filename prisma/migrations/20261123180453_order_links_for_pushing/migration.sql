-- AlterTable: the campaign comes from the pledge for any link that exists already.
ALTER TABLE "OrderLink" ADD COLUMN     "campaignId" TEXT,
ADD COLUMN     "planHash" TEXT,
ADD COLUMN     "userErrors" JSONB NOT NULL DEFAULT '[]';
UPDATE "OrderLink" l SET "campaignId" = p."campaignId" FROM "Pledge" p WHERE p."id" = l."pledgeId";
ALTER TABLE "OrderLink" ALTER COLUMN "campaignId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "OrderLink_campaignId_state_idx" ON "OrderLink"("campaignId", "state");

-- AddForeignKey
ALTER TABLE "OrderLink" ADD CONSTRAINT "OrderLink_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
