-- A shop's pledges are reached through its campaigns, as its backers are: the index on (shopId, campaignId, status)
-- cost every imported pledge a B-tree insert, and the indexes starting with campaignId answer what it did
-- (decision 0019).
DROP INDEX "Pledge_shopId_campaignId_status_idx";
