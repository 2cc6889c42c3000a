package access

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	taizhang "taizhang"
	"taizhang/cycle"
	"taizhang/store"

	"golang.org/x/crypto/argon2"
)

// Kinds of failure of a login.
var (
	ErrBadLogin = errors.New("access: wrong name or password")
	ErrLocked   = errors.New("access: too many failed logins; locked for a while")
)

// Login lockout: LoginMaxFailures failures within LoginWindow lock the user for LoginLock.
const (
	LoginMaxFailures = 5
	LoginWindow      = 15 * time.Minute
	LoginLock        = 15 * time.Minute
	SessionLifetime  = 12 * time.Hour
)

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
			return false, s.dbError(err)
		}
	}
	err = s.st.PutUser(ctx, name, hash, reset)
	if errors.Is(err, store.ErrUserExists) {
		return false, inputf(msgUserExists, name, name)
	} else if err != nil {
		return false, s.dbError(err)
	}
	action := taizhang.AuditUserAdd
	if existed {
		action = taizhang.AuditUserReset
	}
	s.audit(ctx, taizhang.AuditEntry{Who: s.c.User(), Action: action, Detail: name})
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
		return "", s.dbError(err)
	}
	now := s.c.Now()
	if err == nil && now.Before(u.LockedUntil) {
		s.audit(ctx, taizhang.AuditEntry{Who: name, Remote: remote, Action: taizhang.AuditLoginFailed, Detail: auditLocked})
		return "", ErrLocked
	}
	// A missing user costs the same as a wrong password, so that timing does not tell names apart.
	ok := checkPassword(u.Password, password)
	if err != nil || !ok {
		s.audit(ctx, taizhang.AuditEntry{Who: name, Remote: remote, Action: taizhang.AuditLoginFailed, Detail: auditBadPassword})
		if err == nil {
			until, err := s.st.LoginFailed(ctx, name, LoginMaxFailures, LoginWindow, LoginLock)
			if err != nil {
				return "", s.dbError(err)
			}
			if !until.IsZero() {
				s.audit(ctx, taizhang.AuditEntry{Who: name, Remote: remote, Action: taizhang.AuditLocked, Detail: fmt.Sprintf(auditLockedUntil, until.In(s.c.Location()).Format(taizhang.TimeLayout))})
				return "", ErrLocked
			}
		}
		return "", ErrBadLogin
	}
	if err := s.st.LoginSucceeded(ctx, name); err != nil {
		return "", s.dbError(err)
	}
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	if err := s.st.AddSession(ctx, hash, name, now.Add(SessionLifetime)); err != nil {
		return "", s.dbError(err)
	}
	s.audit(ctx, taizhang.AuditEntry{Who: name, Remote: remote, Action: taizhang.AuditLogin})
	return token, nil
}

// SessionUser is the coordinator of a live session, or cycle.ErrNotFound.
func (s *Service) SessionUser(ctx context.Context, token string) (string, error) {
	if token == "" || len(token) > 64 {
		return "", cycle.ErrNotFound
	}
	u, err := s.st.Session(ctx, hashToken(token))
	if errors.Is(err, store.ErrNoSession) {
		return "", cycle.ErrNotFound
	} else if err != nil {
		return "", s.dbError(err)
	}
	return u, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token, user, remote string) error {
	if err := s.st.DeleteSession(ctx, hashToken(token)); err != nil {
		return s.dbError(err)
	}
	s.audit(ctx, taizhang.AuditEntry{Who: user, Remote: remote, Action: taizhang.AuditLogout})
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
// a running hash); access's own tests check the real parameters.
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
