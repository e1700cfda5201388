-- A failed sign-in is counted for whatever address was tried, also one that no account can have because
-- lower-casing made it longer than users.email allows ('İ' becomes two characters).
ALTER TABLE login_failures ALTER COLUMN email TYPE TEXT;
