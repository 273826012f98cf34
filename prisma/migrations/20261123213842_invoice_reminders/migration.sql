-- AlterTable
ALTER TABLE "OrderLink" ADD COLUMN     "invoicedAt" TIMESTAMP(3),
ADD COLUMN     "reminderClaimedAt" TIMESTAMP(3),
ADD COLUMN     "remindersSent" INTEGER NOT NULL DEFAULT 0;

