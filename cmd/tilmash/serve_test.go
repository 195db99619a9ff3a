package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tilmash/tilmash/workflow"
)

// TestServe starts tilmash serve on a free loopback port, reads the
// address with its token from stdout, uses it, and stops the server as
// Ctrl-C does: the command returns without error.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	plan, err := workflow.InitPlan(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := (workflow.DiskWriter{}).Apply(context.Background(), dir, plan.Changes); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte("---\ntitle: Almaty\nlang: en\n---\n\nAlmaty lies in the south.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, w := io.Pipe()
	var stderr bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: w, stderr: &stderr, dir: dir,
		now: time.Now, getenv: func(string) string { return "" }, writer: workflow.DiskWriter{},
		wait: time.Second, command: "tilmash serve", ctx: ctx,
	}
	sync := newRootCmd(e)
	sync.SetArgs([]string{"sync", "--quiet"})
	sync.SetOut(io.Discard)
	go func() { _, _ = io.Copy(io.Discard, out) }() // sync's table
	if err := sync.ExecuteContext(ctx); err != nil {
		t.Fatal(err)
	}

	out, w = io.Pipe()
	e.stdout = w
	done := make(chan error, 1)
	go func() {
		cmd := newRootCmd(e)
		cmd.SetArgs([]string{"serve", "--addr", "127.0.0.1:0", "--by", "Tester"})
		done <- cmd.ExecuteContext(ctx)
		w.Close()
	}()
	sc := bufio.NewScanner(out)
	addr := regexp.MustCompile(`(http://127\.0\.0\.1:\d+/)\?token=(\S+)`)
	var m []string
	for m == nil && sc.Scan() {
		m = addr.FindStringSubmatch(sc.Text())
	}
	if m == nil {
		t.Fatalf("serve printed no address with a token; stderr: %s", stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	base, token := m[1], m[2]

	get := func(token string) int {
		req, _ := http.NewRequest("GET", base+"api/status", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := get(""); code != 401 {
		t.Errorf("no token: %d, want 401", code)
	}
	if code := get("wrong"); code != 401 {
		t.Errorf("a wrong token: %d, want 401", code)
	}
	if code := get(token); code != 200 {
		t.Errorf("the token: %d, want 200", code)
	}
	req, _ := http.NewRequest("PUT", base+"api/articles/a/ru/segments/title", strings.NewReader(`{"text": "Алматы", "base": "none"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("save: %d", res.StatusCode)
	}
	data, err := os.ReadFile(filepath.Join(dir, "locales", "ru", "a.ru.toml"))
	if err != nil || !strings.Contains(string(data), "Алматы") {
		t.Errorf("the save is not on disk: %s %v", data, err)
	}

	cancel() // Ctrl-C
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after Ctrl-C: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after Ctrl-C")
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("stderr: %s", stderr.String())
	}
}
