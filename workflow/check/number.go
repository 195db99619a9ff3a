package check

import (
	"strconv"
	"strings"
)

// number is a number as written in a text: digit groups joined by
// separators ("1,000", "1 000", "3,5", "17:30", "24.11.2023").
type number struct {
	text string
	// values are the numbers text can mean in some locale, canonical:
	// "1000", "3.5", "t17:30" (a time). Numbers match when they share a value.
	values []string
	// parts are the digit groups, without leading zeros: a date or a
	// time written differently still has the same parts.
	parts []string
}

// groupSeps are the separators of thousands in some locale: 1,000 1.000
// 1 000 (space, no-break space, narrow no-break space, thin space,
// figure space) 1'000 1’000.
const groupSeps = ",. \u00a0\u202f\u2009\u2007'’"

// otherSeps join digit groups that are not thousands: 17:30, 11/24/2023.
const otherSeps = ":/"

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isSpaceSep reports whether r is a space that may group thousands.
func isSpaceSep(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007'
}

// numbersIn returns the numbers of a text, in order. Only ASCII digits
// make numbers; signs, percent signs and units are not part of a number,
// so -5, −5, 5% and %5 are all 5. A space joins digit groups only before
// exactly three digits (5 000), so "in 2015 200 people" has two numbers.
func numbersIn(s string) []number {
	rs := []rune(s)
	var out []number
	for i := 0; i < len(rs); {
		if !isDigit(rs[i]) {
			i++
			continue
		}
		var groups []string
		var seps []rune
		j := i
		for {
			k := j
			for k < len(rs) && isDigit(rs[k]) {
				k++
			}
			groups = append(groups, string(rs[j:k]))
			j = k
			if j+1 >= len(rs) || !isDigit(rs[j+1]) || !strings.ContainsRune(groupSeps+otherSeps, rs[j]) {
				break
			}
			if isSpaceSep(rs[j]) {
				m := j + 1
				for m < len(rs) && isDigit(rs[m]) {
					m++
				}
				if m-j-1 != 3 || len(groups[len(groups)-1]) > 3 {
					break
				}
			}
			seps = append(seps, rs[j])
			j++
		}
		out = append(out, makeNumber(string(rs[i:j]), groups, seps))
		i = j
	}
	return out
}

func makeNumber(text string, groups []string, seps []rune) number {
	n := number{text: text}
	for _, g := range groups {
		n.parts = append(n.parts, trimZeros(g))
	}
	add := func(v string) {
		for _, x := range n.values {
			if x == v {
				return
			}
		}
		n.values = append(n.values, v)
	}
	if len(groups) == 1 {
		add(trimZeros(groups[0]))
		return n
	}
	last := seps[len(seps)-1]
	// 1,000,000 or 1 000 000: one grouping separator throughout.
	if grouped(groups, seps) {
		add(trimZeros(strings.Join(groups, "")))
	}
	// 3.5 or 3,5: a decimal.
	if len(seps) == 1 && (last == '.' || last == ',') {
		add(decimal(groups[0], groups[1]))
	}
	// 1,234.5 or 1.234,5 or 1 234,5: grouped, then a decimal.
	if len(seps) >= 2 && (last == '.' || last == ',') && seps[0] != last && grouped(groups[:len(groups)-1], seps[:len(seps)-1]) {
		add(decimal(strings.Join(groups[:len(groups)-1], ""), groups[len(groups)-1]))
	}
	// 17:30 or 17.30: a time.
	if len(seps) == 1 && (last == ':' || last == '.') && len(groups[1]) == 2 {
		if h, err := strconv.Atoi(groups[0]); err == nil && h <= 24 && len(groups[0]) <= 2 {
			add("t" + trimZeros(groups[0]) + ":" + groups[1])
		}
	}
	return n
}

// grouped reports whether groups joined by seps are one number in
// thousands: the same grouping separator throughout, 1 to 3 digits first,
// then groups of 3.
func grouped(groups []string, seps []rune) bool {
	if len(seps) == 0 || !strings.ContainsRune(groupSeps, seps[0]) || len(groups[0]) > 3 {
		return false
	}
	for i, s := range seps {
		if s != seps[0] && !(isSpaceSep(s) && isSpaceSep(seps[0])) || len(groups[i+1]) != 3 {
			return false
		}
	}
	return true
}

func trimZeros(digits string) string {
	if t := strings.TrimLeft(digits, "0"); t != "" {
		return t
	}
	return "0"
}

// decimal writes a decimal canonically: 3.50 → 3.5, 3.0 → 3.
func decimal(whole, frac string) string {
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return trimZeros(whole)
	}
	return trimZeros(whole) + "." + frac
}

// missingNumbers returns the numbers of src that tr lacks. Every number of
// src needs its own number of tr with a value in common: a maximum
// matching, so that an ambiguous number such as 1,000 cannot take the
// match another number needs. A number left over still counts as present
// when all its parts are in tr: a number of several groups (24.11.2023
// for 11/24/2023) among the parts of any number of tr, a number of one
// group among the parts of tr's numbers of several groups (2023 in
// 24.11.2023).
func missingNumbers(src, tr []number) []number {
	left := matchNumbers(src, tr)
	all, multi := map[string]bool{}, map[string]bool{}
	for _, n := range tr {
		for _, p := range n.parts {
			all[p] = true
			if len(n.parts) > 1 {
				multi[p] = true
			}
		}
	}
	var out []number
	for i, n := range src {
		if !left[i] {
			continue
		}
		in := multi
		if len(n.parts) > 1 {
			in = all
		}
		ok := true
		for _, p := range n.parts {
			ok = ok && in[p]
		}
		if !ok {
			out = append(out, n)
		}
	}
	return out
}

// matchNumbers matches the numbers of src with those of tr that share a
// value, as many as possible, and reports which of src are left over.
// Numbers with the same values are interchangeable, so the matching runs
// on groups of them, as a flow: a group of src can send as many matches
// as it has numbers, a group of tr take as many.
func matchNumbers(src, tr []number) []bool {
	type group struct {
		members []int
		values  []string
		used    int // matches sent (src) or taken (tr)
	}
	groupsOf := func(ns []number) ([]*group, []int) {
		var gs []*group
		of := make([]int, len(ns))
		index := map[string]int{}
		for i, n := range ns {
			sig := strings.Join(n.values, "\x00")
			g, ok := index[sig]
			if !ok {
				g = len(gs)
				index[sig] = g
				gs = append(gs, &group{values: n.values})
			}
			gs[g].members = append(gs[g].members, i)
			of[i] = g
		}
		return gs, of
	}
	sg, _ := groupsOf(src)
	tg, _ := groupsOf(tr)
	byValue := map[string][]int{}
	for j, g := range tg {
		for _, v := range g.values {
			byValue[v] = append(byValue[v], j)
		}
	}
	adj := make([][]int, len(sg))
	for i, g := range sg {
		seen := map[int]bool{}
		for _, v := range g.values {
			for _, j := range byValue[v] {
				if !seen[j] {
					seen[j] = true
					adj[i] = append(adj[i], j)
				}
			}
		}
	}
	flow := make([]map[int]int, len(sg)) // flow[i][j]: matches of src group i with tr group j
	for i := range flow {
		flow[i] = map[int]int{}
	}
	users := make([][]int, len(tg)) // the src groups that ever matched tr group j, in order
	send := func(i, j, n int) {
		if flow[i][j] == 0 && n > 0 {
			users[j] = append(users[j], i)
		}
		flow[i][j] += n
	}
	// Greedy first: most matches need no search.
	for i, g := range sg {
		for _, j := range adj[i] {
			if n := min(len(g.members)-g.used, len(tg[j].members)-tg[j].used); n > 0 {
				g.used += n
				tg[j].used += n
				send(i, j, n)
			}
		}
	}
	// Then augmenting paths, one match at a time: src group i → tr group j
	// (any shared value) → back to a src group matched with j → … until a
	// tr group with room. A group that finds no path never will.
	var augment func(i int, seenSrc, seenTr []bool) bool
	augment = func(i int, seenSrc, seenTr []bool) bool {
		seenSrc[i] = true
		for _, j := range adj[i] {
			if seenTr[j] {
				continue
			}
			seenTr[j] = true
			if tg[j].used < len(tg[j].members) {
				tg[j].used++
				send(i, j, 1)
				return true
			}
			for _, k := range users[j] {
				if !seenSrc[k] && flow[k][j] > 0 && augment(k, seenSrc, seenTr) {
					flow[k][j]--
					send(i, j, 1)
					return true
				}
			}
		}
		return false
	}
	for i, g := range sg {
		for g.used < len(g.members) && augment(i, make([]bool, len(sg)), make([]bool, len(tg))) {
			g.used++
		}
	}
	left := make([]bool, len(src))
	for _, g := range sg {
		for _, m := range g.members[g.used:] {
			left[m] = true
		}
	}
	return left
}
