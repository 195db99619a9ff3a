package edition_test

import (
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/tilmash/tilmash/workflow/edition"
)

func ExampleCheckUIMessage() {
	ok := &i18n.Message{ID: "edition_coverage", Other: "{{ .Percent }}% translated"}
	fmt.Println(edition.CheckUIMessage(ok))

	loop := &i18n.Message{ID: "edition_coverage", Other: "{{range .Rows}}{{range .Rows}}x{{end}}{{end}}"}
	fmt.Println(edition.CheckUIMessage(loop))
	// Output:
	// <nil>
	// UI string "edition_coverage" (plural form "other"): {{range}} is not allowed; UI strings may use only {{.Name}} references; keep those of tilmash's default string and write the rest as plain text
}
