package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/MakeNowJust/heredoc"
	"github.com/spf13/cobra"

	"github.com/tilmash/tilmash/workflow"
	"github.com/tilmash/tilmash/workflow/serve"
)

type serveOptions struct {
	addr         string
	users        string
	by           string
	hashPassword bool
}

func newServeCmd(e *env) *cobra.Command {
	opts := serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--users FILE]",
		Short: "The translators' and editors' workbench in the browser",
		Long: heredoc.Doc(`
			Serve the workbench over the workspace: the coverage of every article
			in every language, live, and an editor per article and language
			(source beside translation, memory suggestions, checks as you type,
			a preview of the edition), with the JSON API the pages use.

			The files stay the only truth: every save is a push of one segment
			(the same validation, conflict detection and history), under the
			workspace lock, so the CLI and the browser see each other's changes.

			Without --users, serve listens on a loopback address only and prints
			an address with a random access token: open it to log the browser in;
			scripts send the token as "Authorization: Bearer TOKEN". Saves are
			recorded as --by (default git's user.name).

			With --users FILE, people log in with a name and password, as
			translators (their languages) or editors (who also approve), and
			serve may listen on other addresses. A user is a [[user]] table:
			name, role ("translator" or "editor"), languages (empty: all),
			password (an argon2id or bcrypt hash: tilmash serve --hash-password
			reads a password on stdin and prints its hash) and, for API clients,
			token_sha256 (the SHA-256 of a token, in hex).

			Ctrl-C stops the server.
		`),
		Example: heredoc.Doc(`
			$ tilmash serve
			$ tilmash serve --addr 127.0.0.1:9000 --by "Aigerim N."
			$ tilmash serve --addr 0.0.0.0:8080 --users users.toml
			$ printf '%s' 'correct horse' | tilmash serve --hash-password
		`),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", "127.0.0.1:8080", "address to listen on, HOST:PORT (port 0: any free port)")
	f.StringVar(&opts.users, "users", "", "users file (TOML): who may log in, with roles and languages")
	f.StringVar(&opts.by, "by", "", "name recorded for saves made with the access token (default: git config user.name)")
	f.BoolVar(&opts.hashPassword, "hash-password", false, "read a password on stdin, print its argon2id hash for a users file, and exit")
	return cmd
}

func runServe(e *env, opts serveOptions) error {
	if opts.hashPassword {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("--hash-password: no password on stdin")
		}
		password := strings.TrimRight(line, "\r\n")
		if password == "" {
			return errors.New("--hash-password: the password is empty")
		}
		h, err := serve.HashPassword(password)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, h)
		return nil
	}
	root, err := workflow.Find(e.dir)
	if err != nil {
		return err
	}
	ws, err := workflow.Open(root)
	if err != nil {
		return err
	}
	langs := make([]string, len(ws.Langs))
	for i, t := range ws.Langs {
		langs[i] = t.String()
	}
	_ = ws.Close() // only read
	var users []serve.User
	if opts.users != "" {
		p := opts.users
		if !filepath.IsAbs(p) {
			p = filepath.Join(e.dir, p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if users, err = serve.ParseUsers(opts.users, data, langs); err != nil {
			return err
		}
	}
	if err := serve.CheckAddr(opts.addr, users != nil); err != nil {
		return err
	}
	so := serve.Options{Root: root, Users: users, Writer: e.writer, Now: e.now, LockWait: e.wait, LocalName: opts.by}
	if users == nil {
		so.Token = serve.NewToken()
		if so.LocalName == "" {
			so.LocalName = gitUserName(e)
		}
	}
	srv, err := serve.New(so)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	if users == nil {
		fmt.Fprintf(e.stdout, "tilmash serve: the workbench of %s is at\n\n    %s?token=%s\n\nOpen that address (it logs the browser in); scripts send \"Authorization: Bearer %s\". Ctrl-C stops it.\n", root, url, so.Token, so.Token)
	} else {
		fmt.Fprintf(e.stdout, "tilmash serve: the workbench of %s is at %s (%d users in %s). Ctrl-C stops it.\n", root, url, len(users), opts.users)
	}
	if err := srv.Run(e.ctx, ln); err != nil {
		return err
	}
	if !e.quiet {
		fmt.Fprintln(e.stderr, "tilmash serve: stopped")
	}
	return nil
}
