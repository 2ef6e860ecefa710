-- The order records were first stored in, which breaks ties between equal timestamps (a fixed or coarse clock)
-- as the in-memory store does: an upsert keeps a record's first place.
ALTER TABLE spans ADD COLUMN stored_seq BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE events ADD COLUMN stored_seq BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE scores ADD COLUMN stored_seq BIGINT GENERATED ALWAYS AS IDENTITY;
