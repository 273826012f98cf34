-- CreateEnum
CREATE TYPE "ExceptionSeverity" AS ENUM ('INFO', 'WARNING', 'CRITICAL');

-- CreateTable
CREATE TABLE "Exception" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT,
    "pledgeId" TEXT,
    "kind" TEXT NOT NULL,
    "severity" "ExceptionSeverity" NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolution" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Exception_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Exception_shopId_resolvedAt_severity_idx" ON "Exception"("shopId", "resolvedAt", "severity");

-- CreateIndex
CREATE INDEX "Exception_shopId_campaignId_kind_idx" ON "Exception"("shopId", "campaignId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Exception_shopId_kind_subjectId_key" ON "Exception"("shopId", "kind", "subjectId");

-- AddForeignKey
ALTER TABLE "Exception" ADD CONSTRAINT "Exception_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

