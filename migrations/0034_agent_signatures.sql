-- An agent's signature (customers/profile.ts), added under their public replies in the customer's
-- mail (tickets/customer-mail.ts); the timeline keeps the reply as written.
ALTER TABLE agents ADD COLUMN signature text CHECK (length(signature) <= 2000);
