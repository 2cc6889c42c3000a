package access

import (
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// realArgon is the argon2id cost as the package starts, before TestMain lowers it.
var realArgon = [2]uint32{argonTime, argonMemory}

func TestMain(m *testing.M) {
	CheapPasswordHashesForTests()
	os.Exit(m.Run())
}

// Passwords are hashed with RFC 9106's second recommended argon2id parameters (64 MiB, 3 passes,
// 2 lanes); a hash records its cost, so the tests' cheap hashes and real ones both verify.
func TestPasswordHashCost(t *testing.T) {
	t.Parallel()
	if realArgon != [2]uint32{3, 64 * 1024} || argonThreads != 2 {
		t.Errorf("argon2id: %d passes over %d KiB, %d lanes; want 3 over 65536, 2", realArgon[0], realArgon[1], argonThreads)
	}
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("correct horse"), salt, 3, 64*1024, 2, 32)
	b64 := base64.RawStdEncoding.EncodeToString
	real := fmt.Sprintf("$argon2id$v=%d$m=65536,t=3,p=2$%s$%s", argon2.Version, b64(salt), b64(key))
	if !checkPassword(real, "correct horse") { // a wrong password is refused below, at the cheap cost
		t.Error("a hash with the real cost does not verify")
	}
	cheap, err := hashPassword("correct horse")
	if err != nil || !strings.Contains(cheap, "$m=64,t=1,p=2$") || !checkPassword(cheap, "correct horse") || checkPassword(cheap, "wrong") {
		t.Errorf("cheap hash %q: %v", cheap, err)
	}
}
