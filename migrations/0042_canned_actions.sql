-- A canned response may also say what becomes of the ticket when it is sent (src/canned): the
-- status it takes with the reply ("known issue, fix next release": waiting on a third party) and
-- tags it adds. The agent sees both before sending and may change them; nothing happens unsent.
ALTER TABLE canned_responses ADD COLUMN set_status text CHECK (set_status IN ('open', 'pending_customer', 'pending_third_party', 'solved'));
ALTER TABLE canned_responses ADD COLUMN add_tags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(add_tags) = 'array');
