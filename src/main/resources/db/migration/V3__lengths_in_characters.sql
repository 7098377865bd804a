-- Prompts and titles are limited in characters (code points), which the application
-- checks. H2 measures VARCHAR in UTF-16 units, where an emoji takes two, so the columns
-- leave room for the limit to hold on both databases.
ALTER TABLE videos ALTER COLUMN prompt SET DATA TYPE VARCHAR(8000);
ALTER TABLE videos ALTER COLUMN title SET DATA TYPE VARCHAR(400);
ALTER TABLE images ALTER COLUMN prompt SET DATA TYPE VARCHAR(8000);
ALTER TABLE images ALTER COLUMN title SET DATA TYPE VARCHAR(400);
ALTER TABLE audio ALTER COLUMN text SET DATA TYPE VARCHAR(8000);
ALTER TABLE audio ALTER COLUMN title SET DATA TYPE VARCHAR(400);
