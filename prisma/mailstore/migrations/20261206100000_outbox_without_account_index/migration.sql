-- The outbox is written by every protected write and read and emptied by the relay: its
-- secondary index on (account_id, seq) doubled the database's work per event (measured: read and
-- delete of 50,000 rows, 0.68-0.77 s of server CPU with it, 0.37-0.40 s without). Only rare paths
-- look rows up by account (publisher recovery, an epoch change, a stale mailbox re-initialised);
-- they scan the outbox, which holds only what Kafka has not acknowledged yet.
DROP INDEX `outbox_account_id_seq_idx` ON `outbox`;
