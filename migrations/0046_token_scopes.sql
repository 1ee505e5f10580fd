-- What an API token may do, by area of the API (an OpenAPI tag) and kind of call: 'tickets:read'
-- (GET and HEAD), 'tickets:write' (everything, reading included). NULL: every area its owner's
-- role allows, as before. Only ever narrows the owner's role (customers/token-scopes.ts).
ALTER TABLE api_tokens ADD COLUMN scopes text[];
