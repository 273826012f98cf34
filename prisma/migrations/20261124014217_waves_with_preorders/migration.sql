-- AlterTable
ALTER TABLE "PreorderOrder" ADD COLUMN     "countryCode" TEXT;

-- AlterTable
ALTER TABLE "WaveOrder" ADD COLUMN     "preorderOrderId" TEXT,
ALTER COLUMN "pledgeId" DROP NOT NULL;

