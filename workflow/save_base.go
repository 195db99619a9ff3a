package workflow

// BaseOf returns the base of a segment whose translation is translation
// ("" for none): what a save of the segment must send back to say which
// translation it was made from (see SaveOptions.Base), and what a pulled
// file records as "base: …".
func BaseOf(translation string) string { return baseOf(translation) }
