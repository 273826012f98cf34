-- A pledge's survey answers and item quantities are json, not jsonb: the app reads them whole and no query looks
-- inside them, so the binary form that jsonb builds for every imported row bought nothing (decision 0020). json keeps
-- the text as the import wrote it, and with it the order of the survey's questions. The table is rewritten once.
ALTER TABLE "Pledge" ALTER COLUMN "answers" DROP DEFAULT,
ALTER COLUMN "answers" SET DATA TYPE JSON USING "answers"::json,
ALTER COLUMN "answers" SET DEFAULT '{}',
ALTER COLUMN "items" DROP DEFAULT,
ALTER COLUMN "items" SET DATA TYPE JSON USING "items"::json,
ALTER COLUMN "items" SET DEFAULT '[]';
