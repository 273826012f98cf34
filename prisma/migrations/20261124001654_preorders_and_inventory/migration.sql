-- CreateEnum
CREATE TYPE "PreorderOfferStatus" AS ENUM ('CREATING', 'ACTIVE', 'ENDING', 'ENDED', 'FAILED');

-- CreateEnum
CREATE TYPE "BalanceStatus" AS ENUM ('NONE', 'DUE', 'PAID', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ChargeStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "PreorderOffer" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT,
    "name" TEXT NOT NULL,
    "merchantCode" TEXT NOT NULL,
    "terms" JSONB NOT NULL,
    "translations" JSONB NOT NULL DEFAULT '{}',
    "status" "PreorderOfferStatus" NOT NULL DEFAULT 'CREATING',
    "sellingPlanGroupId" TEXT,
    "sellingPlanId" TEXT,
    "userErrors" JSONB NOT NULL DEFAULT '[]',
    "lastError" TEXT,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PreorderOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreorderVariant" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT,
    "sku" TEXT,
    "cap" INTEGER,
    "previousInventoryPolicy" TEXT,
    "inGroup" BOOLEAN NOT NULL DEFAULT false,
    "capReachedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PreorderVariant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreorderOrder" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT,
    "currencyCode" TEXT NOT NULL,
    "outstandingMinor" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3),
    "dueOnFulfillment" BOOLEAN NOT NULL DEFAULT false,
    "paymentScheduleId" TEXT,
    "mandateId" TEXT,
    "balanceStatus" "BalanceStatus" NOT NULL DEFAULT 'NONE',
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "fulfilledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PreorderOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreorderLine" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "preorderOrderId" TEXT NOT NULL,
    "offerId" TEXT,
    "lineItemId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "reserveOnSale" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "PreorderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BalanceCharge" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "preorderOrderId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "status" "ChargeStatus" NOT NULL DEFAULT 'PENDING',
    "paymentReferenceId" TEXT,
    "errorMessage" TEXT,
    "cause" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BalanceCharge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryLevel" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "locationName" TEXT,
    "productId" TEXT,
    "productTitle" TEXT,
    "variantTitle" TEXT,
    "sku" TEXT,
    "onHand" INTEGER NOT NULL DEFAULT 0,
    "available" INTEGER NOT NULL DEFAULT 0,
    "committed" INTEGER NOT NULL DEFAULT 0,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "incoming" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InventoryLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "pendingKey" TEXT,
    "pendingMove" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PreorderOffer_shopId_status_idx" ON "PreorderOffer"("shopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PreorderOffer_shopId_merchantCode_key" ON "PreorderOffer"("shopId", "merchantCode");

-- CreateIndex
CREATE INDEX "PreorderVariant_shopId_variantId_idx" ON "PreorderVariant"("shopId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "PreorderVariant_offerId_variantId_key" ON "PreorderVariant"("offerId", "variantId");

-- CreateIndex
CREATE INDEX "PreorderOrder_shopId_balanceStatus_dueAt_idx" ON "PreorderOrder"("shopId", "balanceStatus", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "PreorderOrder_shopId_orderId_key" ON "PreorderOrder"("shopId", "orderId");

-- CreateIndex
CREATE INDEX "PreorderLine_shopId_variantId_idx" ON "PreorderLine"("shopId", "variantId");

-- CreateIndex
CREATE INDEX "PreorderLine_offerId_variantId_idx" ON "PreorderLine"("offerId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "PreorderLine_preorderOrderId_lineItemId_key" ON "PreorderLine"("preorderOrderId", "lineItemId");

-- CreateIndex
CREATE UNIQUE INDEX "BalanceCharge_idempotencyKey_key" ON "BalanceCharge"("idempotencyKey");

-- CreateIndex
CREATE INDEX "BalanceCharge_shopId_status_idx" ON "BalanceCharge"("shopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BalanceCharge_preorderOrderId_attempt_key" ON "BalanceCharge"("preorderOrderId", "attempt");

-- CreateIndex
CREATE INDEX "InventoryLevel_shopId_variantId_idx" ON "InventoryLevel"("shopId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryLevel_shopId_inventoryItemId_locationId_key" ON "InventoryLevel"("shopId", "inventoryItemId", "locationId");

-- CreateIndex
CREATE INDEX "Allocation_shopId_variantId_idx" ON "Allocation"("shopId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "Allocation_campaignId_variantId_locationId_key" ON "Allocation"("campaignId", "variantId", "locationId");

-- AddForeignKey
ALTER TABLE "PreorderOffer" ADD CONSTRAINT "PreorderOffer_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreorderOffer" ADD CONSTRAINT "PreorderOffer_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreorderVariant" ADD CONSTRAINT "PreorderVariant_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreorderVariant" ADD CONSTRAINT "PreorderVariant_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PreorderOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreorderOrder" ADD CONSTRAINT "PreorderOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreorderLine" ADD CONSTRAINT "PreorderLine_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreorderLine" ADD CONSTRAINT "PreorderLine_preorderOrderId_fkey" FOREIGN KEY ("preorderOrderId") REFERENCES "PreorderOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreorderLine" ADD CONSTRAINT "PreorderLine_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "PreorderOffer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BalanceCharge" ADD CONSTRAINT "BalanceCharge_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BalanceCharge" ADD CONSTRAINT "BalanceCharge_preorderOrderId_fkey" FOREIGN KEY ("preorderOrderId") REFERENCES "PreorderOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryLevel" ADD CONSTRAINT "InventoryLevel_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

