package catalog

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// This file fills Go values from a document read by readDoc, the way
// go-toml's Decoder with DisallowUnknownFields fills them: struct fields by
// their toml tag or name (case-insensitively), keys no field takes refused,
// values of the wrong type refused. Of the errors, the first in the document
// that is not an unknown key is reported; failing that, the first unknown
// key.

// decode reads the TOML document data into the struct v points to. Errors
// name the file at path and the line.
func decode(path string, data []byte, v any) error {
	doc, err := readDoc(data, true)
	b := &binder{plans: map[reflect.Type]*fieldPlan{}}
	b.assign(reflect.ValueOf(v).Elem(), doc)
	switch {
	case b.typeErr != nil:
		return b.typeErr.at(path)
	case err != nil:
		return err.at(path)
	case b.unknown != nil:
		return b.unknown.at(path)
	}
	return nil
}

// binder fills Go values from a tree. Values of the wrong type or that
// could not be converted are errors at once, for go-toml's decoder, and
// come before an error in the TOML further down; keys no field takes are
// errors once the whole document is read.
type binder struct {
	plans map[reflect.Type]*fieldPlan
	// path is the key of the value being filled; owner and field name
	// the struct field it goes to, if any.
	path  []string
	owner reflect.Type
	field string
	// typeErr and unknown are the first errors of each kind.
	typeErr, unknown *docError
}

// keep records err if it comes before the one of its kind kept so far.
func keep(kept **docError, err *docError) {
	if *kept == nil || err.line < (*kept).line {
		*kept = err
	}
}

func (b *binder) key() string { return strings.Join(b.path, ".") }

func bindErr(line int32, format string, args ...any) *docError {
	return &docError{line: int(line), msg: fmt.Sprintf(format, args...)}
}

// mismatch records that n cannot go into v.
func (b *binder) mismatch(v reflect.Value, n *node) {
	into := v.Type().String()
	if b.owner != nil {
		into = fmt.Sprintf("struct field %s.%s of type %s", b.owner, b.field, into)
	}
	keep(&b.typeErr, bindErr(n.line, "key %q: cannot decode TOML %s into %s", b.key(), tomlKind(n), into))
}

func (b *binder) fail(n *node, format string, args ...any) {
	keep(&b.typeErr, bindErr(n.line, "key %q: %s", b.key(), fmt.Sprintf(format, args...)))
}

// tomlKind names the kind of value n is.
func tomlKind(n *node) string {
	switch n.kind {
	case unstable.String:
		return "string"
	case unstable.Integer:
		return "integer"
	case unstable.Float:
		return "float"
	case unstable.Bool:
		return "boolean"
	case unstable.DateTime:
		return "datetime"
	case unstable.LocalDateTime:
		return "local datetime"
	case unstable.LocalDate:
		return "local date"
	case unstable.LocalTime:
		return "local time"
	case unstable.Array:
		return "array"
	case unstable.InlineTable:
		return "inline table"
	case unstable.ArrayTable:
		return "array table"
	}
	return "table"
}

// assign fills v, which can be set, from n.
func (b *binder) assign(v reflect.Value, n *node) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		b.assign(v.Elem(), n)
		return
	case reflect.Interface:
		if v.NumMethod() > 0 {
			b.mismatch(v, n)
			return
		}
		if err := n.firstErr(); err != nil {
			keep(&b.typeErr, err)
			return
		}
		v.Set(reflect.ValueOf(n.generic()))
		return
	}
	switch n.kind {
	case unstable.Table, unstable.InlineTable:
		b.table(v, n)
	case unstable.Array, unstable.ArrayTable:
		if v.Kind() != reflect.Slice {
			b.mismatch(v, n)
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.elems), len(n.elems))
		for i, e := range n.elems {
			b.assign(s.Index(i), e)
		}
		v.Set(s)
	default:
		b.scalar(v, n)
	}
}

// table fills v from a table or inline table.
func (b *binder) table(v reflect.Value, n *node) {
	switch v.Kind() {
	case reflect.Struct:
		if isTime(v.Type()) {
			break
		}
		plan := b.plan(v.Type())
		owner, field := b.owner, b.field
		for _, k := range n.keys.list() {
			c := k.node
			b.path = append(b.path, k.name)
			if f, ok := plan.lookup(k.name); ok {
				b.owner, b.field = v.Type(), f.name
				if fv, err := fieldByIndex(v, f.index); err != nil {
					b.fail(c, "%v", err)
				} else {
					b.assign(fv, c)
				}
			} else {
				keep(&b.unknown, bindErr(c.line, "unknown key %q: remove it or fix its name", b.key()))
			}
			b.path = b.path[:len(b.path)-1]
		}
		b.owner, b.field = owner, field
		return
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			break
		}
		// An inline table is a whole map; a table adds to what the map
		// holds, as a table can reach it under keys of different case.
		if n.kind == unstable.InlineTable || v.IsNil() && n.keys.len() > 0 {
			v.Set(reflect.MakeMapWithSize(v.Type(), n.keys.len()))
		}
		owner, field := b.owner, b.field
		b.owner = nil
		et, kt := v.Type().Elem(), v.Type().Key()
		for _, k := range n.keys.list() {
			b.path = append(b.path, k.name)
			key := reflect.ValueOf(k.name).Convert(kt)
			e := reflect.New(et).Elem()
			if old := v.MapIndex(key); old.IsValid() {
				e.Set(old)
			}
			b.assign(e, k.node)
			v.SetMapIndex(key, e)
			b.path = b.path[:len(b.path)-1]
		}
		b.owner, b.field = owner, field
		return
	case reflect.Slice:
		if n.kind == unstable.InlineTable {
			break
		}
		// go-toml takes a [header] table, or one made by dotted keys, where
		// an array is expected as the last element of the array, the first
		// when there is none.
		if v.Len() == 0 {
			v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		}
		b.assign(v.Index(v.Len()-1), n)
		return
	}
	b.mismatch(v, n)
}

// isTime reports whether t is one of the types dates and times go in.
func isTime(t reflect.Type) bool {
	switch t {
	case reflect.TypeFor[time.Time](), reflect.TypeFor[toml.LocalDate](), reflect.TypeFor[toml.LocalTime](), reflect.TypeFor[toml.LocalDateTime]():
		return true
	}
	return false
}

// scalar fills v from a scalar.
func (b *binder) scalar(v reflect.Value, n *node) {
	if n.err != nil {
		keep(&b.typeErr, n.err)
		return
	}
	if n.kind == unstable.String {
		if v.Kind() == reflect.String {
			v.SetString(n.str)
			return
		}
		if v.CanAddr() && v.Addr().Type().Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
			if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.str)); err != nil {
				b.fail(n, "%v", err)
			}
			return
		}
		b.mismatch(v, n)
		return
	}
	switch x := n.value.(type) {
	case int64:
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if v.OverflowInt(x) {
				b.fail(n, "integer value %d cannot be stored in %s", x, v.Type())
				return
			}
			v.SetInt(x)
			return
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if x < 0 || v.OverflowUint(uint64(x)) {
				b.fail(n, "integer value %d cannot be stored in %s", x, v.Type())
				return
			}
			v.SetUint(uint64(x))
			return
		case reflect.Float32, reflect.Float64:
			v.SetFloat(float64(x))
			return
		}
	case float64:
		switch v.Kind() {
		case reflect.Float32:
			if !math.IsInf(x, 0) && math.Abs(x) > math.MaxFloat32 {
				b.fail(n, "float value %f cannot be stored in float32", x)
				return
			}
			v.SetFloat(x)
			return
		case reflect.Float64:
			v.SetFloat(x)
			return
		}
	case bool:
		if v.Kind() == reflect.Bool {
			v.SetBool(x)
			return
		}
	case time.Time:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(x))
			return
		}
	case toml.LocalDateTime:
		switch v.Type() {
		case reflect.TypeFor[toml.LocalDateTime]():
			v.Set(reflect.ValueOf(x))
			return
		case reflect.TypeFor[time.Time]():
			v.Set(reflect.ValueOf(x.AsTime(time.Local)))
			return
		}
	case toml.LocalDate:
		switch v.Type() {
		case reflect.TypeFor[toml.LocalDate]():
			v.Set(reflect.ValueOf(x))
			return
		case reflect.TypeFor[time.Time]():
			v.Set(reflect.ValueOf(x.AsTime(time.Local)))
			return
		}
	case toml.LocalTime:
		switch v.Type() {
		case reflect.TypeFor[toml.LocalTime]():
			v.Set(reflect.ValueOf(x))
			return
		case reflect.TypeFor[time.Time]():
			v.Set(reflect.ValueOf(time.Date(0, 1, 1, x.Hour, x.Minute, x.Second, x.Nanosecond, time.Local)))
			return
		}
	}
	b.mismatch(v, n)
}

// firstErr returns the first error of the values under n.
func (n *node) firstErr() *docError {
	err := n.err
	for _, k := range n.keys.list() {
		if e := k.node.firstErr(); e != nil && (err == nil || e.line < err.line) {
			err = e
		}
	}
	for _, c := range n.elems {
		if e := c.firstErr(); e != nil && (err == nil || e.line < err.line) {
			err = e
		}
	}
	return err
}

// fieldPlan maps the keys of a table to the fields of a struct type as
// go-toml does: by toml tag, else by field name; a key matches a field
// whatever its case, an exact match first when two fields differ only in
// case.
type fieldPlan struct {
	byName, byFold map[string]structField
	collision      bool
}

type structField struct {
	index []int
	name  string
}

func (p *fieldPlan) lookup(key string) (structField, bool) {
	if p.collision {
		if f, ok := p.byName[key]; ok {
			return f, true
		}
	}
	if f, ok := p.byFold[key]; ok {
		return f, true
	}
	f, ok := p.byFold[strings.ToLower(key)]
	return f, ok
}

func (b *binder) plan(t reflect.Type) *fieldPlan {
	if p, ok := b.plans[t]; ok {
		return p
	}
	p := &fieldPlan{byName: map[string]structField{}, byFold: map[string]structField{}}
	p.add(t, nil, map[reflect.Type]bool{})
	b.plans[t] = p
	return p
}

// add adds the fields of t, found at index prefix, to the plan; those of
// embedded structs after the others, so that the shallower fields win.
func (p *fieldPlan) add(t reflect.Type, prefix []int, visiting map[reflect.Type]bool) {
	if visiting[t] {
		return
	}
	visiting[t] = true
	defer delete(visiting, t)
	var embedded []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Name
		tagged := ""
		if tag, ok := f.Tag.Lookup("toml"); ok {
			if tag == "-" {
				continue
			}
			tagged, _, _ = strings.Cut(tag, ",")
			if tagged != "" {
				name = tagged
			}
		}
		if f.Anonymous {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() != reflect.Struct {
				continue
			}
			if tagged == "" {
				embedded = append(embedded, f)
				continue
			}
		} else if !f.IsExported() {
			continue
		}
		sf := structField{index: append(append([]int(nil), prefix...), i), name: f.Name}
		if _, ok := p.byName[name]; !ok {
			p.byName[name] = sf
		}
		lower := strings.ToLower(name)
		if _, ok := p.byFold[lower]; ok {
			p.collision = true
		} else {
			p.byFold[lower] = sf
		}
		if _, ok := p.byFold[name]; !ok && name != lower {
			p.byFold[name] = sf
		}
	}
	for _, f := range embedded {
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		p.add(ft, append(append([]int(nil), prefix...), f.Index[0]), visiting)
	}
}

// fieldByIndex returns the field of v at index, allocating the embedded
// pointers on the way.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, error) {
	for i, x := range index {
		if i > 0 {
			for v.Kind() == reflect.Pointer {
				if v.IsNil() {
					if !v.CanSet() {
						return reflect.Value{}, fmt.Errorf("cannot set embedded pointer to unexported struct: %s", v.Type().Elem())
					}
					v.Set(reflect.New(v.Type().Elem()))
				}
				v = v.Elem()
			}
		}
		v = v.Field(x)
	}
	return v, nil
}
