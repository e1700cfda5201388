-- The requester's display name (the account's name, else its email) as it was when the request was
-- opened, so approvers see who asks: approvers may not read other users' accounts or orders. Kept with
-- the request like the decisions' approver names; earlier requests take the current name.
ALTER TABLE approval_requests ADD COLUMN requester_name VARCHAR(255);

UPDATE approval_requests r
SET requester_name = COALESCE(NULLIF(btrim(u.name), ''), u.email)
FROM users u
WHERE u.id = r.requester_id;
