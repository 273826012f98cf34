-- DropForeignKey
ALTER TABLE "Backer" DROP CONSTRAINT "Backer_shopId_fkey";

-- DropForeignKey
ALTER TABLE "Pledge" DROP CONSTRAINT "Pledge_shopId_fkey";

-- DropForeignKey
ALTER TABLE "Pledge" DROP CONSTRAINT "Pledge_campaignId_fkey";

