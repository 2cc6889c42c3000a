package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	taizhang "taizhang"
	"taizhang/access"
)

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files.
func selfSigned(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "taizhang test"}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return cert, key
}

// savedBase is the address links will use.
func savedBase(t *testing.T, app *App) string {
	t.Helper()
	s, acc, err := app.openAccess(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer acc.Close()
	base, err := acc.BaseURL(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return base
}

// serveUntilReady runs serve until it says it is ready, then stops it, and returns what it said.
func serveUntilReady(t *testing.T, app *App, opts serveOptions) (ready string, err error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan string, 1)
	opts.Ready = func(addr string) { got <- addr }
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, app, opts) }()
	select {
	case addr := <-got:
		cancel()
		return addr, <-done
	case err := <-done:
		return "", err
	}
}

// A serve that cannot serve (TLS files missing or not a pair) says so in Chinese before saying it
// started, and keeps no address: the links made afterwards do not point at it.
func TestServeChecksTLSBeforeStarting(t *testing.T) {
	t.Parallel()
	app, dir := served(t)
	out := app.Out.(*bytes.Buffer)
	cert, key := selfSigned(t, dir)
	os.WriteFile(filepath.Join(dir, "other.pem"), []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), 0o644)
	for _, tc := range []struct{ cert, key, want string }{
		{"nothere.pem", "nothere.key", "找不到 HTTPS 證書或私鑰文件 nothere.pem"},
		{cert, "nothere.key", "找不到 HTTPS 證書或私鑰文件 nothere.key"},
		{cert, cert, "無法使用"},
		{filepath.Join(dir, "other.pem"), key, "無法使用"},
	} {
		out.Reset()
		_, err := serveUntilReady(t, app, serveOptions{Addr: "0.0.0.0:0", TLSCert: tc.cert, TLSKey: tc.key, MaxUpload: 20})
		if err == nil || !strings.Contains(taizhang.Unmark(err.Error()), tc.want) || strings.Contains(err.Error(), "no such file") {
			t.Errorf("%s + %s: %v", tc.cert, tc.key, err)
		}
		if strings.Contains(out.String(), "已啟動") {
			t.Errorf("%s + %s: said it started:\n%s", tc.cert, tc.key, out)
		}
	}
	if base := savedBase(t, app); base != access.DefaultBaseURL {
		t.Errorf("after failed starts links would use %s", base)
	}
	// Listening on every address names no machine: nothing is kept, and serve says to use --base-url.
	out.Reset()
	if _, err := serveUntilReady(t, app, serveOptions{Addr: "0.0.0.0:0", TLSCert: cert, TLSKey: key, MaxUpload: 20}); err != nil {
		t.Fatal(err)
	}
	if base := savedBase(t, app); base != access.DefaultBaseURL || strings.Contains(out.String(), "://[::]") || strings.Contains(out.String(), "://0.0.0.0") {
		t.Errorf("links would use %s; serve said:\n%s%s", base, out, app.Err)
	}
	if !strings.Contains(app.Err.(*bytes.Buffer).String(), "--base-url") {
		t.Errorf("no advice to use --base-url:\n%s", app.Err)
	}
	// A server that answers over HTTPS on a named address is kept.
	addr, err := serveUntilReady(t, app, serveOptions{Addr: "127.0.0.1:0", TLSCert: cert, TLSKey: key, MaxUpload: 20})
	if err != nil {
		t.Fatal(err)
	}
	if base := savedBase(t, app); base != "https://"+addr {
		t.Errorf("links would use %s, want https://%s", base, addr)
	}
}

// Addresses that cannot be listened on are told apart: an invalid port is not "in use".
func TestServeAddressErrors(t *testing.T) {
	t.Parallel()
	app, _ := served(t)
	for _, tc := range []struct {
		argv []string
		code int
		want string
	}{
		{[]string{"serve", "--addr", "localhost:99999"}, exitUsage, "端口“99999”不對"},
		{[]string{"serve", "--addr", "127.0.0.1:http-alt"}, exitUsage, "端口應為1到65535之間的數字"},
	} {
		code, _, stderr := run(t, append([]string{"--db", app.DBPath}, tc.argv...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "佔用") {
			t.Errorf("%v: exit %d %s", tc.argv, code, stderr)
		}
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, err = serveUntilReady(t, app, serveOptions{Addr: busy.Addr().String(), MaxUpload: 20})
	if err == nil || !strings.Contains(err.Error(), "端口已被佔用") {
		t.Errorf("a port in use: %v", err)
	}
}

// Links made before any serve point at this machine: a warning says other agencies cannot open
// them and what to do.
func TestLinksWarnOnLoopback(t *testing.T) {
	t.Parallel()
	app, _ := served(t)
	ctx := context.Background()
	if err := runLinks(ctx, app, linksOptions{Period: q2, Agencies: []string{"省科技廳"}}); err != nil {
		t.Fatal(err)
	}
	warn := taizhang.Unmark(app.Err.(*bytes.Buffer).String())
	if !strings.Contains(warn, "指向本機(http://127.0.0.1:8080)") || !strings.Contains(warn, "--base-url") {
		t.Errorf("no warning:\n%s", warn)
	}
	if out := app.Out.(*bytes.Buffer).String(); strings.Contains(out, ";\n") || !strings.Contains(out, "請現在發給各單位。\n") {
		t.Errorf("links:\n%s", out)
	}
	app.Err.(*bytes.Buffer).Reset()
	if err := runLinks(ctx, app, linksOptions{Period: q2, Agencies: []string{"省財政廳"}, BaseURL: "https://tz.example.gov.cn"}); err != nil {
		t.Fatal(err)
	}
	if warn := app.Err.(*bytes.Buffer).String(); strings.Contains(warn, "注意") {
		t.Errorf("a warning for a real address: %s", warn)
	}
}
