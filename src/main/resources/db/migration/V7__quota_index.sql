-- Quotas count a person's own actions of one kind since a moment (withdrawals today): one range of this index.
create index ix_version_event_actor on version_event (actor, action, occurred_at);
