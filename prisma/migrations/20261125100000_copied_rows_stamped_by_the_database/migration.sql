-- The import's COPY leaves updatedAt to the table, as it leaves createdAt: PostgreSQL then stamps the transaction's
-- start instead of parsing the same text timestamp on every row.
-- AlterTable
ALTER TABLE "Backer" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Pledge" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
