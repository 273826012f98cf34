-- CreateEnum
CREATE TYPE "HoldState" AS ENUM ('HOLDING', 'HELD', 'RELEASED');

-- CreateEnum
CREATE TYPE "WaveStatus" AS ENUM ('DRAFT', 'LOCKED', 'RELEASING', 'RELEASED');

-- CreateTable
CREATE TABLE "FulfillmentHold" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "holdId" TEXT,
    "state" "HoldState" NOT NULL DEFAULT 'HOLDING',
    "campaignId" TEXT,
    "waveId" TEXT,
    "heldAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "FulfillmentHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Wave" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "status" "WaveStatus" NOT NULL DEFAULT 'DRAFT',
    "lockedAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Wave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaveOrder" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "waveId" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "WaveOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "fulfillmentId" TEXT NOT NULL,
    "company" TEXT,
    "number" TEXT,
    "url" TEXT,
    "status" TEXT,
    "shippedAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FulfillmentHold_shopId_orderId_idx" ON "FulfillmentHold"("shopId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "FulfillmentHold_shopId_fulfillmentOrderId_handle_key" ON "FulfillmentHold"("shopId", "fulfillmentOrderId", "handle");

-- CreateIndex
CREATE INDEX "Wave_shopId_campaignId_idx" ON "Wave"("shopId", "campaignId");

-- CreateIndex
CREATE INDEX "WaveOrder_waveId_releasedAt_idx" ON "WaveOrder"("waveId", "releasedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WaveOrder_shopId_orderId_key" ON "WaveOrder"("shopId", "orderId");

-- CreateIndex
CREATE INDEX "Shipment_shopId_orderId_idx" ON "Shipment"("shopId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_shopId_fulfillmentId_key" ON "Shipment"("shopId", "fulfillmentId");

-- AddForeignKey
ALTER TABLE "FulfillmentHold" ADD CONSTRAINT "FulfillmentHold_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Wave" ADD CONSTRAINT "Wave_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Wave" ADD CONSTRAINT "Wave_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaveOrder" ADD CONSTRAINT "WaveOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaveOrder" ADD CONSTRAINT "WaveOrder_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "Wave"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

