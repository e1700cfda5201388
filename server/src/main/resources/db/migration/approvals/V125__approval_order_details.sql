-- What an approver decides on (issue 18, item 3): the ordered product, its quantity and the customer's
-- input as the request's current round asks, and the requester's email beside the name. Approvers may
-- not read other users' orders or accounts, so the request carries them: set when it is opened, the
-- input again each time the customer revises the order. Earlier requests take the order's and the
-- account's current values.
ALTER TABLE approval_requests
    ADD COLUMN requester_email VARCHAR(320),
    ADD COLUMN product_id      UUID,
    ADD COLUMN product_name    VARCHAR(255),
    ADD COLUMN quantity        INTEGER,
    ADD COLUMN input           JSONB;

UPDATE approval_requests r
SET product_id = o.product_id, product_name = o.product_name, quantity = o.quantity, input = o.input
FROM orders o
WHERE r.resource_type = 'order' AND o.id = r.resource_id;

UPDATE approval_requests r
SET requester_email = u.email
FROM users u
WHERE u.id = r.requester_id;
