-- AlterTable
ALTER TABLE "Backer" ADD COLUMN     "mergedIntoId" TEXT;

