-- OfficeSpace: "customers are usually notified via email" (status_page.maintenance.email_customers):
-- every active contact of every customer is mailed a scheduled outage's notice, subscribed to the
-- status page or not (status/fan-out-customers.ts). Each such mail carries a link of the contact's
-- own (made with their first such mail) whose page stops that mail, or starts it again; the mail
-- program's List-Unsubscribe posts to it (RFC 8058). stopped_at: the contact asked for no more.
CREATE TABLE customer_notice_links (
  contact_id uuid PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  token text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  stopped_at timestamptz
);
