-- A shop's backers are reached through its campaigns and the unique (campaignId, identityKey) index: the index on
-- shopId alone cost every imported row a second index insert (decision 0019).
DROP INDEX "Backer_shopId_idx";
