-- AlterTable
ALTER TABLE "Backer" ADD COLUMN     "privateRelayEmail" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Pledge" ADD COLUMN     "amountDueMinor" INTEGER,
ADD COLUMN     "amountPaidMinor" INTEGER,
ADD COLUMN     "fulfillmentStatus" TEXT,
ADD COLUMN     "items" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "latePledge" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "pledgeOverTime" BOOLEAN NOT NULL DEFAULT false;

