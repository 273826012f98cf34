-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "portalSecret" TEXT;

-- AlterTable
ALTER TABLE "Backer" ADD COLUMN     "addressConfirmedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Pledge" ADD COLUMN     "choices" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "OrderLink" ADD COLUMN     "orderName" TEXT,
ADD COLUMN     "paidAt" TIMESTAMP(3);

