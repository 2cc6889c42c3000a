-- The web server (issue 14): each agency's private link, coordinators and their sessions, and the
-- audit trail of everything done through the server or to its links.

-- A link is a random token of 256 bits given to one agency for one period; only its SHA-256 is
-- kept, so the database never holds a usable link. At most one live link per agency and period.
CREATE TABLE agency_links (
	id         INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	period     TEXT NOT NULL,
	agency     TEXT NOT NULL,
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	revoked_at TEXT NOT NULL DEFAULT '',
	revoked_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX agency_links_live ON agency_links (period, agency) WHERE revoked_at = '';

-- Coordinators: a password hash in PHC form (argon2id), and what the login lockout needs.
CREATE TABLE users (
	name         TEXT PRIMARY KEY,
	password     TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	failed       INTEGER NOT NULL DEFAULT 0,  -- failed logins in the current window
	failed_since TEXT NOT NULL DEFAULT '',    -- when that window began
	locked_until TEXT NOT NULL DEFAULT ''
);

-- Sessions: the SHA-256 of the cookie's random token.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user       TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);

-- Every upload, login, download and link change: when, who, from where, what.
CREATE TABLE audit (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	who    TEXT NOT NULL,
	remote TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	period TEXT NOT NULL DEFAULT '',
	agency TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_agency ON audit (period, agency, id);
