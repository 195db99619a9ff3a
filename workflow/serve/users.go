package serve

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/language"
)

// Role is what a user may do.
type Role string

// The roles.
const (
	// Translator saves translations in the user's languages.
	Translator Role = "translator"
	// Editor also approves translations in the user's languages.
	Editor Role = "editor"
)

// User is one person who may use the workbench.
type User struct {
	// Name goes into the history of every translation the user writes.
	Name string `toml:"name"`
	Role Role   `toml:"role"`
	// Languages are those the user may write (and, as an editor, approve);
	// empty means all.
	Languages []string `toml:"languages"`
	// Password is an argon2id ($argon2id$…) or bcrypt ($2a$, $2b$, $2y$)
	// hash of the user's password.
	Password string `toml:"password"`
	// TokenSHA256 is the hex SHA-256 of a token API clients may send as
	// "Authorization: Bearer …"; empty means none.
	TokenSHA256 string `toml:"token_sha256"`
}

// MayWrite reports whether the user may save translations into lang.
func (u *User) MayWrite(lang string) bool {
	return len(u.Languages) == 0 || slices.Contains(u.Languages, lang)
}

// MayReview reports whether the user may approve translations into lang.
func (u *User) MayReview(lang string) bool {
	return u.Role == Editor && u.MayWrite(lang)
}

// usersFile is the users file: a [[user]] table per person.
type usersFile struct {
	Users []User `toml:"user"`
}

// ParseUsers reads a users file (name names it in errors). langs, when
// given, are the workspace's languages: a user's languages must be among
// them.
//
//	[[user]]
//	name = "Aigerim N."
//	role = "translator"            # or "editor"
//	languages = ["kk", "ru"]       # empty or left out: all
//	password = "$argon2id$v=19$m=65536,t=3,p=2$…$…"   # tilmash serve --hash-password
//	token_sha256 = "…"             # optional: sha256 of an API token, in hex
func ParseUsers(name string, data []byte, langs []string) ([]User, error) {
	var f usersFile
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var sme *toml.StrictMissingError
		var de *toml.DecodeError
		switch {
		case errors.As(err, &sme) && len(sme.Errors) > 0:
			row, _ := sme.Errors[0].Position()
			return nil, fmt.Errorf("%s:%d: unknown setting %q: a user has name, role, languages, password and token_sha256", name, row, strings.Join(sme.Errors[0].Key(), "."))
		case errors.As(err, &de):
			row, _ := de.Position()
			return nil, fmt.Errorf("%s:%d: %s", name, row, de.Error())
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(f.Users) == 0 {
		return nil, fmt.Errorf("%s: no users: add a [[user]] table with name, role, languages and password", name)
	}
	seen := map[string]bool{}
	tokens := map[string]bool{}
	for i := range f.Users {
		u := &f.Users[i]
		where := fmt.Sprintf("%s: user %d", name, i+1)
		if u.Name = strings.TrimSpace(u.Name); u.Name == "" {
			return nil, fmt.Errorf("%s: no name: every user needs one (it goes into the history)", where)
		}
		where += fmt.Sprintf(" (%s)", u.Name)
		if seen[u.Name] {
			return nil, fmt.Errorf("%s: the name is taken by another user: names must be unique", where)
		}
		seen[u.Name] = true
		if u.Role != Translator && u.Role != Editor {
			return nil, fmt.Errorf("%s: role %q: use translator or editor", where, u.Role)
		}
		for j, l := range u.Languages {
			tag, err := language.Parse(l)
			if err != nil || tag == language.Und {
				return nil, fmt.Errorf("%s: language %q is not a language tag: use BCP 47 tags such as en, ru, kk, tr", where, l)
			}
			if len(langs) > 0 && !slices.Contains(langs, tag.String()) {
				return nil, fmt.Errorf("%s: language %q is not one of the workspace's languages (%s)", where, l, strings.Join(langs, ", "))
			}
			u.Languages[j] = tag.String()
		}
		if err := checkHash(u.Password); err != nil {
			return nil, fmt.Errorf("%s: password: %v: make one with tilmash serve --hash-password", where, err)
		}
		if u.TokenSHA256 != "" {
			u.TokenSHA256 = strings.ToLower(u.TokenSHA256)
			if b, err := hex.DecodeString(u.TokenSHA256); err != nil || len(b) != sha256.Size {
				return nil, fmt.Errorf("%s: token_sha256 is not a SHA-256 in hex (64 hex digits): make one with printf %%s TOKEN | sha256sum", where)
			}
			if tokens[u.TokenSHA256] {
				return nil, fmt.Errorf("%s: token_sha256 is another user's too: give each user a token of their own", where)
			}
			tokens[u.TokenSHA256] = true
		}
	}
	return f.Users, nil
}

// argon2id parameters of HashPassword: RFC 9106's second recommended
// option (64 MiB, 3 passes), 2 lanes.
const (
	argonMemory  = 64 * 1024
	argonTime    = 3
	argonThreads = 2
	argonKeyLen  = 32
)

// HashPassword returns an argon2id hash of password in the PHC string
// format ($argon2id$v=19$m=…,t=…,p=…$salt$hash) that a users file holds.
func HashPassword(password string) (string, error) {
	return hashArgon2(password, argonMemory, argonTime, argonThreads)
}

func hashArgon2(password string, memory, time uint32, threads uint8) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, time, memory, threads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, time, threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// argonHash is a parsed argon2id PHC string.
type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parseArgon2(s string) (*argonHash, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return nil, errors.New("not an argon2id hash ($argon2id$v=19$m=…,t=…,p=…$salt$hash)")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return nil, fmt.Errorf("argon2id version %q: only v=%d is known", parts[2], argon2.Version)
	}
	h := &argonHash{}
	var threads uint32
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.memory, &h.time, &threads); err != nil {
		return nil, fmt.Errorf("argon2id parameters %q: want m=…,t=…,p=…", parts[3])
	}
	switch {
	case h.memory < 8 || h.memory > 4<<20, h.time < 1 || h.time > 64, threads < 1 || threads > 255:
		return nil, fmt.Errorf("argon2id parameters %q are out of range (m 8 to 4194304 KiB, t 1 to 64, p 1 to 255)", parts[3])
	}
	h.threads = uint8(threads)
	var err error
	b64 := base64.RawStdEncoding
	if h.salt, err = b64.DecodeString(parts[4]); err != nil || len(h.salt) < 8 {
		return nil, errors.New("argon2id salt is not base64 of at least 8 bytes")
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil || len(h.key) < 16 {
		return nil, errors.New("argon2id hash is not base64 of at least 16 bytes")
	}
	return h, nil
}

// checkHash says whether s is a password hash tilmash can check.
func checkHash(s string) error {
	switch {
	case s == "":
		return errors.New("no password hash")
	case strings.HasPrefix(s, "$argon2id$"):
		_, err := parseArgon2(s)
		return err
	case strings.HasPrefix(s, "$2a$"), strings.HasPrefix(s, "$2b$"), strings.HasPrefix(s, "$2y$"):
		if _, err := bcrypt.Cost([]byte(s)); err != nil {
			return fmt.Errorf("not a bcrypt hash: %v", err)
		}
		return nil
	}
	return errors.New("not an argon2id or bcrypt hash (a password is never stored as it is)")
}

// checkPassword reports whether password matches the hash.
func checkPassword(hash, password string) bool {
	if strings.HasPrefix(hash, "$argon2id$") {
		h, err := parseArgon2(hash)
		if err != nil {
			return false
		}
		key := argon2.IDKey([]byte(password), h.salt, h.time, h.memory, h.threads, uint32(len(h.key)))
		return subtle.ConstantTimeCompare(key, h.key) == 1
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// NewToken returns a random access token: 32 bytes, URL-safe base64.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error()) // never fails on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenHash returns the hex SHA-256 of a token, as token_sha256 holds it.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
