package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/store"
)

// DefaultBaseURL is where links point until serve --base-url says otherwise.
const DefaultBaseURL = "http://127.0.0.1:8080"

const settingBaseURL = "web_base_url"

// Link is one agency's private link for a period. URL is empty for a link issued before: only its
// hash is kept, so it cannot be shown again (revoke it and issue a new one to resend).
type Link struct {
	Agency    string
	Period    taizhang.Period
	URL       string
	CreatedAt time.Time
	New       bool
}

// LinksRequest asks for the agencies' links of a period.
type LinksRequest struct {
	Period   taizhang.Period
	Agencies []string // only these; empty: every agency that gets a ledger
	BaseURL  string   // empty: the one serve recorded, else DefaultBaseURL
	Revoke   bool     // revoke the links instead
	Remote   string   // for the audit trail
}

// Links issues a link to each agency asked for that has none live, and lists those that have one;
// with Revoke, it revokes them. Each change goes into the audit trail.
func (s *Service) Links(ctx context.Context, req LinksRequest) ([]Link, error) {
	agencies, err := s.c.Recipients(ctx, req.Period, req.Agencies)
	if err != nil {
		return nil, err
	}
	base, err := s.BaseURL(ctx, req.BaseURL)
	if err != nil {
		return nil, err
	}
	live, err := s.st.Links(ctx, req.Period)
	if err != nil {
		return nil, s.dbError(err)
	}
	existing := map[string]store.Link{}
	for _, l := range live {
		existing[l.Agency] = l
	}
	var out []Link
	for _, a := range agencies {
		if req.Revoke {
			ok, err := s.st.RevokeLink(ctx, req.Period, a, s.c.User())
			if err != nil {
				return out, s.dbError(err)
			}
			if ok {
				out = append(out, Link{Agency: a, Period: req.Period, CreatedAt: existing[a].CreatedAt})
				s.audit(ctx, taizhang.AuditEntry{Who: s.c.User(), Remote: req.Remote, Action: taizhang.AuditLinkRevoke, Period: req.Period.String(), Agency: a})
			}
			continue
		}
		if l, ok := existing[a]; ok {
			out = append(out, Link{Agency: a, Period: req.Period, CreatedAt: l.CreatedAt})
			continue
		}
		token, hash, err := newToken()
		if err != nil {
			return out, err
		}
		l, err := s.st.AddLink(ctx, req.Period, a, hash, s.c.User())
		if err != nil {
			return out, s.dbError(err)
		}
		out = append(out, Link{Agency: a, Period: req.Period, URL: base + "/a/" + token, CreatedAt: l.CreatedAt, New: true})
		s.audit(ctx, taizhang.AuditEntry{Who: s.c.User(), Remote: req.Remote, Action: taizhang.AuditLinkCreate, Period: req.Period.String(), Agency: a})
	}
	return out, nil
}

// BaseURL is the address links start with: given, else the one serve recorded, else the default.
func (s *Service) BaseURL(ctx context.Context, given string) (string, error) {
	if given == "" {
		v, err := s.st.Setting(ctx, settingBaseURL)
		if err != nil {
			return "", s.dbError(err)
		}
		given = v
	}
	if given == "" {
		given = DefaultBaseURL
	}
	return strings.TrimRight(given, "/"), nil
}

// SetBaseURL records the address the server is reached at, for the links issued later.
func (s *Service) SetBaseURL(ctx context.Context, base string) error {
	if err := s.st.SetSetting(ctx, settingBaseURL, strings.TrimRight(base, "/")); err != nil {
		return s.dbError(err)
	}
	return nil
}

// OpenLink finds what a token opens: one agency, one period. An unknown, malformed or revoked
// token alike is cycle.ErrNotFound (answered as 404, whatever the reason).
func (s *Service) OpenLink(ctx context.Context, token string) (cycle.AgencyPeriod, error) {
	if len(token) < 22 || len(token) > 64 {
		return cycle.AgencyPeriod{}, cycle.ErrNotFound
	}
	l, err := s.st.LinkByToken(ctx, hashToken(token))
	if errors.Is(err, store.ErrNoLink) {
		return cycle.AgencyPeriod{}, cycle.ErrNotFound
	} else if err != nil {
		return cycle.AgencyPeriod{}, s.dbError(err)
	}
	return cycle.AgencyPeriod{Agency: l.Agency, Period: l.Period}, nil
}

// newToken is 256 random bits, base64url, and the hash kept of it.
func newToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

// hashToken is what the database keeps of a token. The token has 256 bits of entropy, so a fast
// hash is enough: no one can guess a token from its hash.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
