-- Indexes the reports and periodic checks need as the tables grow (issue 21):
-- the SLA report reads the cases opened in a period, oldest first (CaseRepository.findOpenedBetween);
CREATE INDEX ix_as_case_opened ON as_case (opened_at, case_id);
-- the check of overdue payment results reads the pending refunds and charges asked for before a time
-- (PaymentBook.pendingSince), and reconciliation those asked for in a period (PaymentBook.requestedBetween).
CREATE INDEX ix_as_refund_pending ON as_refund (status, requested_at);
CREATE INDEX ix_as_refund_requested ON as_refund (requested_at);
CREATE INDEX ix_as_charge_pending ON as_charge (status, requested_at);
CREATE INDEX ix_as_charge_requested ON as_charge (requested_at);
