package workflow

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"slices"
	"strings"
)

// The merge driver tilmash registers with git.
const (
	// GitDriver is the driver's name in .gitattributes (merge=tilmash) and
	// in git's config (merge.tilmash.*).
	GitDriver = "tilmash"
	// GitDriverCommand is the command git runs to merge a file.
	GitDriverCommand = "tilmash merge-file %O %A %B %P"
	// GitDriverName describes the driver in git's config.
	GitDriverName = "tilmash: message files, sidecars and translation memories merged per segment"
	// GitAttributes is the file the driver is named in.
	GitAttributes = ".gitattributes"
)

// GitSetupFix is the command that registers the merge driver.
const GitSetupFix = "tilmash setup-git"

// gitAttributesLines are the lines of .gitattributes that give the
// workspace's locales to the merge driver.
func (ws *Workspace) gitAttributesLines() []string {
	return []string{path.Clean(ws.Config.Locales) + "/**/*.toml merge=" + GitDriver}
}

// GitAttributesPlan returns the change that adds the merge driver's lines
// to the workspace's .gitattributes, keeping every line it has, and the
// lines added; an empty plan when it has them all.
func (ws *Workspace) GitAttributesPlan() (*Plan, []string, error) {
	old, err := ws.readFile(GitAttributes)
	if err != nil {
		return nil, nil, err
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[strings.Join(strings.Fields(l), " ")] = true
	}
	var add []string
	for _, l := range ws.gitAttributesLines() {
		if !have[l] {
			add = append(add, l)
		}
	}
	plan := &Plan{}
	if len(add) == 0 {
		return plan, nil, nil
	}
	out := string(old)
	if out != "" && !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	out += "# tilmash: message files and sidecars merge per segment (" + GitSetupFix + ")\n" + strings.Join(add, "\n") + "\n"
	plan.write(GitAttributes, []byte(out))
	return plan, add, nil
}

// ConfigureGitDriver defines the merge driver in the git config of the
// repository holding the workspace (git does not version its config, so
// every clone needs it) and returns the keys it set; none when they are
// set already.
func (ws *Workspace) ConfigureGitDriver(ctx context.Context) ([]string, error) {
	if _, err := ws.git(ctx, "rev-parse", "--git-dir"); err != nil {
		return nil, fmt.Errorf("%s is not in a git repository: run git init there first", ws.Root)
	}
	var set []string
	for _, kv := range [][2]string{{"merge." + GitDriver + ".name", GitDriverName}, {"merge." + GitDriver + ".driver", GitDriverCommand}} {
		if got, err := ws.git(ctx, "config", "--get", kv[0]); err == nil && got == kv[1] {
			continue
		}
		if _, err := ws.git(ctx, "config", kv[0], kv[1]); err != nil {
			return set, fmt.Errorf("git config %s: %w", kv[0], err)
		}
		set = append(set, kv[0]+" = "+kv[1])
	}
	return set, nil
}

// GitDriverMissing reports whether the workspace's .gitattributes names
// tilmash's merge driver while the git config of its repository does not
// define it: git then merges message files and sidecars as text. The fix
// is GitSetupFix. Without git, or outside a repository, it is false.
func (ws *Workspace) GitDriverMissing(ctx context.Context) (bool, error) {
	data, err := ws.readFile(GitAttributes)
	if err != nil || data == nil {
		return false, err
	}
	named := false
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) > 1 && !strings.HasPrefix(f[0], "#") && slices.Contains(f[1:], "merge="+GitDriver) {
			named = true
		}
	}
	if !named {
		return false, nil
	}
	if _, err := ws.git(ctx, "rev-parse", "--git-dir"); err != nil {
		return false, nil // no git, or not a repository: nothing merges
	}
	_, err = ws.git(ctx, "config", "--get", "merge."+GitDriver+".driver")
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return true, nil
	}
	return false, err
}

// git runs git in the workspace folder and returns its output, trimmed.
func (ws *Workspace) git(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = ws.Root
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// InGitRepository reports whether the workspace is inside a git
// repository (and git is there to say so).
func (ws *Workspace) InGitRepository(ctx context.Context) bool {
	_, err := ws.git(ctx, "rev-parse", "--git-dir")
	return err == nil
}
