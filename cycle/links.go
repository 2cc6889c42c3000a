package cycle

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	taizhang "taizhang"
	"taizhang/store"
)

// Kinds of failure of the web server's access checks.
var (
	ErrNotFound = errors.New("cycle: no such link, or it was revoked") // answered as 404, whatever the reason
	ErrBadLogin = errors.New("cycle: wrong name or password")
	ErrLocked   = errors.New("cycle: too many failed logins; locked for a while")
)

// Login lockout: LoginMaxFailures failures within LoginWindow lock the user for LoginLock.
const (
	LoginMaxFailures = 5
	LoginWindow      = 15 * time.Minute
	LoginLock        = 15 * time.Minute
	SessionLifetime  = 12 * time.Hour
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
	plan, _, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.checkPeriod(req.Period); err != nil {
		return nil, err
	}
	agencies, _, err := s.pick(plan, req.Agencies)
	if err != nil {
		return nil, err
	}
	base, err := s.BaseURL(ctx, req.BaseURL)
	if err != nil {
		return nil, err
	}
	live, err := s.st.Links(ctx, req.Period)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	existing := map[string]store.Link{}
	for _, l := range live {
		existing[l.Agency] = l
	}
	var out []Link
	for _, a := range agencies {
		if req.Revoke {
			ok, err := s.st.RevokeLink(ctx, req.Period, a, s.opts.User)
			if err != nil {
				return out, dbError(s.opts.Path, err)
			}
			if ok {
				out = append(out, Link{Agency: a, Period: req.Period, CreatedAt: existing[a].CreatedAt})
				s.audit(ctx, store.AuditEntry{Who: s.opts.User, Remote: req.Remote, Action: AuditLinkRevoke, Period: req.Period.String(), Agency: a})
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
		l, err := s.st.AddLink(ctx, req.Period, a, hash, s.opts.User)
		if err != nil {
			return out, dbError(s.opts.Path, err)
		}
		out = append(out, Link{Agency: a, Period: req.Period, URL: base + "/a/" + token, CreatedAt: l.CreatedAt, New: true})
		s.audit(ctx, store.AuditEntry{Who: s.opts.User, Remote: req.Remote, Action: AuditLinkCreate, Period: req.Period.String(), Agency: a})
	}
	return out, nil
}

// BaseURL is the address links start with: given, else the one serve recorded, else the default.
func (s *Service) BaseURL(ctx context.Context, given string) (string, error) {
	if given == "" {
		v, err := s.st.Setting(ctx, settingBaseURL)
		if err != nil {
			return "", dbError(s.opts.Path, err)
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
		return dbError(s.opts.Path, err)
	}
	return nil
}

// Access is what a link opens: one agency, one period.
type Access struct {
	Agency string
	Period taizhang.Period
}

// OpenLink finds what a token opens, or ErrNotFound (unknown, malformed or revoked alike).
func (s *Service) OpenLink(ctx context.Context, token string) (Access, error) {
	if len(token) < 22 || len(token) > 64 {
		return Access{}, ErrNotFound
	}
	l, err := s.st.LinkByToken(ctx, hashToken(token))
	if errors.Is(err, store.ErrNoLink) {
		return Access{}, ErrNotFound
	} else if err != nil {
		return Access{}, dbError(s.opts.Path, err)
	}
	return Access{Agency: l.Agency, Period: l.Period}, nil
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

// AddUser adds a coordinator (reset: sets an existing one's password and clears its lockout).
func (s *Service) AddUser(ctx context.Context, name, password string, reset bool) error {
	_, err := s.SetUser(ctx, name, password, reset)
	return err
}

// SetUser adds a coordinator, or with reset sets an existing one's password and clears its
// lockout; it reports whether the account existed (a reset, audited as one, not as an addition).
func (s *Service) SetUser(ctx context.Context, name, password string, reset bool) (existed bool, err error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 64 || strings.ContainsAny(name, " \t\r\n:") {
		return false, inputf(msgBadUserName)
	}
	if utf8.RuneCountInString(password) < MinPassword {
		return false, inputf(msgShortPassword, MinPassword)
	}
	hash, err := hashPassword(password)
	if err != nil {
		return false, err
	}
	if reset {
		switch _, err := s.st.User(ctx, name); {
		case err == nil:
			existed = true
		case !errors.Is(err, store.ErrNoUser):
			return false, dbError(s.opts.Path, err)
		}
	}
	err = s.st.PutUser(ctx, name, hash, reset)
	if errors.Is(err, store.ErrUserExists) {
		return false, inputf(msgUserExists, name, name)
	} else if err != nil {
		return false, dbError(s.opts.Path, err)
	}
	action := AuditUserAdd
	if existed {
		action = AuditUserReset
	}
	s.audit(ctx, store.AuditEntry{Who: s.opts.User, Action: action, Detail: name})
	return existed, nil
}

// MinPassword is the shortest password a coordinator may choose.
const MinPassword = 10

// Login checks a coordinator's password and opens a session; it returns the session token for the
// cookie. Failures are counted per user and lock it after LoginMaxFailures; every attempt goes into
// the audit trail.
func (s *Service) Login(ctx context.Context, name, password, remote string) (string, error) {
	u, err := s.st.User(ctx, name)
	if err != nil && !errors.Is(err, store.ErrNoUser) {
		return "", dbError(s.opts.Path, err)
	}
	now := s.Now()
	if err == nil && now.Before(u.LockedUntil) {
		s.audit(ctx, store.AuditEntry{Who: name, Remote: remote, Action: AuditLoginFailed, Detail: auditLocked})
		return "", ErrLocked
	}
	// A missing user costs the same as a wrong password, so that timing does not tell names apart.
	ok := checkPassword(u.Password, password)
	if err != nil || !ok {
		s.audit(ctx, store.AuditEntry{Who: name, Remote: remote, Action: AuditLoginFailed, Detail: auditBadPassword})
		if err == nil {
			until, err := s.st.LoginFailed(ctx, name, LoginMaxFailures, LoginWindow, LoginLock)
			if err != nil {
				return "", dbError(s.opts.Path, err)
			}
			if !until.IsZero() {
				s.audit(ctx, store.AuditEntry{Who: name, Remote: remote, Action: AuditLocked, Detail: fmt.Sprintf(auditLockedUntil, until.In(s.loc).Format(taizhang.TimeLayout))})
				return "", ErrLocked
			}
		}
		return "", ErrBadLogin
	}
	if err := s.st.LoginSucceeded(ctx, name); err != nil {
		return "", dbError(s.opts.Path, err)
	}
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	if err := s.st.AddSession(ctx, hash, name, now.Add(SessionLifetime)); err != nil {
		return "", dbError(s.opts.Path, err)
	}
	s.audit(ctx, store.AuditEntry{Who: name, Remote: remote, Action: AuditLogin})
	return token, nil
}

// SessionUser is the coordinator of a live session, or ErrNotFound.
func (s *Service) SessionUser(ctx context.Context, token string) (string, error) {
	if token == "" || len(token) > 64 {
		return "", ErrNotFound
	}
	u, err := s.st.Session(ctx, hashToken(token))
	if errors.Is(err, store.ErrNoSession) {
		return "", ErrNotFound
	} else if err != nil {
		return "", dbError(s.opts.Path, err)
	}
	return u, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token, user, remote string) error {
	if err := s.st.DeleteSession(ctx, hashToken(token)); err != nil {
		return dbError(s.opts.Path, err)
	}
	s.audit(ctx, store.AuditEntry{Who: user, Remote: remote, Action: AuditLogout})
	return nil
}

// argon2id parameters (RFC 9106's second recommended option): 64 MiB, 3 passes, 2 lanes. A hash
// records its own, so a hash made with others still verifies.
var argonTime, argonMemory uint32 = 3, 64 * 1024

const (
	argonThreads = 2
	argonKeyLen  = 32
)

// CheapPasswordHashesForTests makes the password hashes made from now on cost one pass over
// 64 KiB: a test suite logs in hundreds of times, at a tenth of a second or more each with the
// real parameters. Tests only, called from TestMain before any test runs (it is not safe beside
// a running hash); cycle's own tests check the real parameters.
func CheapPasswordHashesForTests() { argonTime, argonMemory = 1, 64 }

// dummyHash is checked against when the user does not exist; made on first use, so that commands
// that never log anyone in do not pay for an argon2id hash.
var dummyHash = sync.OnceValue(func() string { h, _ := hashPassword("taizhang-no-such-user"); return h })

func hashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// checkPassword verifies a password against a PHC string of argon2id.
func checkPassword(phc, password string) bool {
	dummy := phc == ""
	if dummy {
		phc = dummyHash()
	}
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &threads); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, passes, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1 && !dummy
}

// What the audit trail records.
const (
	AuditUpload      = "upload"
	AuditLogin       = "login"
	AuditLoginFailed = "login_failed"
	AuditLocked      = "locked"
	AuditLogout      = "logout"
	AuditDownload    = "download"
	AuditLinkCreate  = "link_create"
	AuditLinkRevoke  = "link_revoke"
	AuditUserAdd     = "user_add"
	AuditUserReset   = "user_reset"
)

// AuditEntry is one line of the audit trail.
type AuditEntry = store.AuditEntry

// Audit records an entry in the audit trail.
func (s *Service) Audit(ctx context.Context, e AuditEntry) error {
	if err := s.st.Audit(ctx, e); err != nil {
		return dbError(s.opts.Path, err)
	}
	return nil
}

// audit records an entry; a failure to record never undoes what was done, but it is not silent
// either: the caller's own write of the same database would have failed the same way.
func (s *Service) audit(ctx context.Context, e AuditEntry) { _ = s.st.Audit(ctx, e) }

// AuditRequest selects audit entries.
type AuditRequest = store.AuditQuery

// AuditLog lists the audit trail, oldest first.
func (s *Service) AuditLog(ctx context.Context, req AuditRequest) ([]AuditEntry, error) {
	out, err := s.st.AuditLog(ctx, req)
	if err != nil {
		return nil, dbError(s.opts.Path, err)
	}
	return out, nil
}

// AuditLabels name each action for people.
var AuditLabels = map[string]string{AuditUpload: "上傳臺賬", AuditLogin: "登錄", AuditLoginFailed: "登錄失敗", AuditLocked: "賬戶鎖定",
	AuditLogout: "退出登錄", AuditDownload: "下載", AuditLinkCreate: "生成鏈接", AuditLinkRevoke: "作廢鏈接", AuditUserAdd: "添加用戶",
	AuditUserReset: "重設密碼"}
