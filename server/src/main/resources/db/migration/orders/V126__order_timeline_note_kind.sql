-- Timeline notes as data (issue 18, item 7): what happened (kind) and its parameters (amounts, ids,
-- times, names), so clients word them in the reader's language. The English note stays beside them;
-- entries written before have no kind and show their note.
ALTER TABLE order_timeline
    ADD COLUMN kind   VARCHAR(40),
    ADD COLUMN params JSONB;
