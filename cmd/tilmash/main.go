// Command tilmash manages the translation of a newsroom's articles: it cuts
// source articles into segments, tracks every segment's translation in
// go-i18n message files, hands translators the pending work, shows editors
// the coverage, and builds the localized editions.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
