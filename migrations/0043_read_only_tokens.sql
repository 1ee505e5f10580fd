-- A token that may only read (customers/create-api-token.ts): for a reporting tool or a dashboard,
-- which should never be able to change a ticket. The edge refuses it anything but GET and HEAD.
ALTER TABLE api_tokens ADD COLUMN read_only boolean NOT NULL DEFAULT false;
