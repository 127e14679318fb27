package conformance

// CQL types round-tripping through gocql's marshalling: every native type bound in a prepared statement
// and read back, nulls, collections (nested and frozen), user types (struct tags, UDTMarshaler and maps),
// and tuples (bound element by element or written as literals, see DRIVER-NOTES.md).

import (
	"fmt"
	"math"
	"math/big"
	"net"
	"reflect"
	"testing"
	"time"

	"github.com/gocql/gocql"
	"gopkg.in/inf.v0"
)

const nativeColumns = "k, c_ascii, c_bigint, c_blob, c_boolean, c_date, c_decimal, c_double, c_duration, c_float, " +
	"c_inet, c_int, c_smallint, c_text, c_time, c_timestamp, c_timeuuid, c_tinyint, c_uuid, c_varchar, c_varint"

func TestNativeTypesRoundTrip(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".natives (k int PRIMARY KEY, c_ascii ascii, c_bigint bigint, c_blob blob, "+
		"c_boolean boolean, c_date date, c_decimal decimal, c_double double, c_duration duration, c_float float, "+
		"c_inet inet, c_int int, c_smallint smallint, c_text text, c_time time, c_timestamp timestamp, "+
		"c_timeuuid timeuuid, c_tinyint tinyint, c_uuid uuid, c_varchar varchar, c_varint varint)")
	random := seededRandom(t)
	var uuidBytes [16]byte
	random.Read(uuidBytes[:])
	uuidBytes[6] = uuidBytes[6]&0x0f | 0x40
	uuidBytes[8] = uuidBytes[8]&0x3f | 0x80
	varint, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	written := []interface{}{
		1, "plain ascii", int64(-9007199254740993), []byte{0, 1, 2, 0xfe, 0xff}, true,
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), inf.NewDec(-1234567890123456789, 7), math.Pi,
		gocql.Duration{Months: 14, Days: 3, Nanoseconds: 3_000_000_004}, float32(1.5),
		net.ParseIP("2001:db8::1"), int(-2147483648), int16(-32768), "héllo, wörld ✓",
		13*time.Hour + 5*time.Nanosecond, time.UnixMilli(1700000000123).UTC(), gocql.TimeUUID(), int8(-128),
		gocql.UUID(uuidBytes), "varchar", varint,
	}
	exec(t, session, "INSERT INTO "+ks+".natives ("+nativeColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", written...)

	var (
		k                    int
		ascii, text, varchar string
		bigint               int64
		blob                 []byte
		boolean              bool
		date, timestamp      time.Time
		decimal              *inf.Dec
		double               float64
		duration             gocql.Duration
		float                float32
		inet                 net.IP
		integer              int
		smallint             int16
		timeOfDay            time.Duration
		timeuuid, uuid       gocql.UUID
		tinyint              int8
		readVarint           *big.Int
	)
	err := session.Query("SELECT "+nativeColumns+" FROM "+ks+".natives WHERE k = ?", 1).Scan(&k, &ascii, &bigint, &blob,
		&boolean, &date, &decimal, &double, &duration, &float, &inet, &integer, &smallint, &text, &timeOfDay,
		&timestamp, &timeuuid, &tinyint, &uuid, &varchar, &readVarint)
	if err != nil {
		t.Fatalf("SELECT: %s", describeErr(err))
	}
	read := []interface{}{k, ascii, bigint, blob, boolean, date.UTC(), decimal, double, duration, float, inet, integer,
		smallint, text, timeOfDay, timestamp.UTC(), timeuuid, tinyint, uuid, varchar, readVarint}
	for i, w := range written {
		if !sameValue(w, read[i]) {
			t.Errorf("column %d: wrote %T %v, read %T %v", i, w, w, read[i], read[i])
		}
	}

	// Nulls: a row with only its key reads as nil pointers (and zero values).
	exec(t, session, "INSERT INTO "+ks+".natives (k) VALUES (?)", 2)
	var nullText *string
	var nullInt *int
	var nullTimestamp *time.Time
	var nullBlob []byte
	if err := session.Query("SELECT c_text, c_int, c_timestamp, c_blob FROM "+ks+".natives WHERE k = ?", 2).
		Scan(&nullText, &nullInt, &nullTimestamp, &nullBlob); err != nil {
		t.Fatalf("SELECT nulls: %s", describeErr(err))
	}
	if nullText != nil || nullInt != nil || nullTimestamp != nil || nullBlob != nil {
		t.Errorf("nulls read as %v %v %v %v", nullText, nullInt, nullTimestamp, nullBlob)
	}
}

// sameValue compares what was written with what came back, by value for the types gocql returns as pointers.
func sameValue(written, read interface{}) bool {
	switch w := written.(type) {
	case *inf.Dec:
		r, ok := read.(*inf.Dec)
		return ok && r != nil && w.Cmp(r) == 0
	case *big.Int:
		r, ok := read.(*big.Int)
		return ok && r != nil && w.Cmp(r) == 0
	case net.IP:
		r, ok := read.(net.IP)
		return ok && w.Equal(r)
	case time.Time:
		r, ok := read.(time.Time)
		return ok && w.Equal(r)
	default:
		return reflect.DeepEqual(written, read)
	}
}

func TestCollectionsRoundTrip(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".colls (k int PRIMARY KEY, l list<int>, s set<text>, m map<text, int>, "+
		"fl frozen<list<frozen<set<int>>>>, nm map<text, frozen<list<bigint>>>)")
	l, s, m := []int{3, 1, 3}, []string{"b", "a", "c"}, map[string]int{"x": 1, "y": -2}
	fl, nm := [][]int{{2, 1}, {}, {5}}, map[string][]int64{"evens": {2, 4}, "none": {}}
	exec(t, session, "INSERT INTO "+ks+".colls (k, l, s, m, fl, nm) VALUES (?, ?, ?, ?, ?, ?)", 1, l, s, m, fl, nm)
	exec(t, session, "UPDATE "+ks+".colls SET l = l + ?, s = s - ?, m[?] = ? WHERE k = ?", []int{9}, []string{"c"}, "z", 26, 1)

	var rl []int
	var rs []string
	var rm map[string]int
	var rfl [][]int
	var rnm map[string][]int64
	if err := session.Query("SELECT l, s, m, fl, nm FROM "+ks+".colls WHERE k = ?", 1).Scan(&rl, &rs, &rm, &rfl, &rnm); err != nil {
		t.Fatalf("SELECT collections: %s", describeErr(err))
	}
	checkEqual(t, "list", rl, []int{3, 1, 3, 9})
	checkEqual(t, "set (sorted)", rs, []string{"a", "b"})
	checkEqual(t, "map", rm, map[string]int{"x": 1, "y": -2, "z": 26})
	checkEqual(t, "frozen list of sets (sorted)", rfl, [][]int{{1, 2}, {}, {5}})
	checkEqual(t, "map of frozen lists", rnm, map[string][]int64{"evens": {2, 4}, "none": {}})

	// Element selection (Cassandra 4.x allows it on maps and sets, not on lists).
	var entry int
	var element string
	if err := session.Query("SELECT m['z'], s['a'] FROM "+ks+".colls WHERE k = ?", 1).Scan(&entry, &element); err != nil || entry != 26 || element != "a" {
		t.Errorf("m['z'], s['a']: %d %q (%s)", entry, element, describeErr(err))
	}
}

func checkEqual(t *testing.T, what string, got, want interface{}) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %#v, want %#v", what, got, want)
	}
}

// point is a user type read and written through struct tags.
type point struct {
	X     float64 `cql:"x"`
	Y     float64 `cql:"y"`
	Label string  `cql:"label"`
}

// polar is the same user type marshalled by hand (gocql.UDTMarshaler / UDTUnmarshaler).
type polar struct {
	x, y  float64
	label string
}

func (p polar) MarshalUDT(name string, info gocql.TypeInfo) ([]byte, error) {
	switch name {
	case "x":
		return gocql.Marshal(info, p.x)
	case "y":
		return gocql.Marshal(info, p.y)
	case "label":
		return gocql.Marshal(info, p.label)
	}
	return nil, fmt.Errorf("unknown field %s", name)
}

func (p *polar) UnmarshalUDT(name string, info gocql.TypeInfo, data []byte) error {
	switch name {
	case "x":
		return gocql.Unmarshal(info, data, &p.x)
	case "y":
		return gocql.Unmarshal(info, data, &p.y)
	case "label":
		return gocql.Unmarshal(info, data, &p.label)
	}
	return fmt.Errorf("unknown field %s", name)
}

func TestUserTypesRoundTrip(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TYPE "+ks+".point (x double, y double, label text)")
	exec(t, session, "CREATE TABLE "+ks+".shapes (k int PRIMARY KEY, center frozen<point>, path list<frozen<point>>)")

	exec(t, session, "INSERT INTO "+ks+".shapes (k, center, path) VALUES (?, ?, ?)",
		1, point{1.5, -2, "origin"}, []point{{0, 0, "a"}, {3, 4, "b"}})
	var center point
	var path []point
	if err := session.Query("SELECT center, path FROM "+ks+".shapes WHERE k = ?", 1).Scan(&center, &path); err != nil {
		t.Fatalf("SELECT user types into structs: %s", describeErr(err))
	}
	checkEqual(t, "center", center, point{1.5, -2, "origin"})
	checkEqual(t, "path", path, []point{{0, 0, "a"}, {3, 4, "b"}})

	exec(t, session, "INSERT INTO "+ks+".shapes (k, center) VALUES (?, ?)", 2, polar{7, 8, "marshalled"})
	var back polar
	if err := session.Query("SELECT center FROM "+ks+".shapes WHERE k = ?", 2).Scan(&back); err != nil {
		t.Fatalf("SELECT a user type through UDTUnmarshaler: %s", describeErr(err))
	}
	checkEqual(t, "UDTMarshaler round trip", back, polar{7, 8, "marshalled"})

	// A map names the fields; a missing field is null.
	exec(t, session, "INSERT INTO "+ks+".shapes (k, center) VALUES (?, ?)", 3, map[string]interface{}{"x": 1.0, "label": "partial"})
	fields := map[string]interface{}{}
	if err := session.Query("SELECT center FROM "+ks+".shapes WHERE k = ?", 3).Scan(&fields); err != nil {
		t.Fatalf("SELECT a user type into a map: %s", describeErr(err))
	}
	checkEqual(t, "user type as a map", fields, map[string]interface{}{"x": 1.0, "y": 0.0, "label": "partial"})

	// A literal in the statement text.
	exec(t, session, "INSERT INTO "+ks+".shapes (k, center) VALUES (4, {x: 9, y: 10, label: 'literal'})")
	if err := session.Query("SELECT center FROM "+ks+".shapes WHERE k = ?", 4).Scan(&center); err != nil {
		t.Fatalf("SELECT a user type written as a literal: %s", describeErr(err))
	}
	checkEqual(t, "literal user type", center, point{9, 10, "literal"})
}

// gocql 1.3.2 counts each tuple element as a bind value: a tuple is bound as (?, ?, ?) or written
// as a literal, and scanned into one destination per element.
func TestTuplesRoundTrip(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".tuples (k int PRIMARY KEY, t frozen<tuple<int, text, double>>, "+
		"nested frozen<tuple<int, frozen<list<text>>>>)")
	exec(t, session, "INSERT INTO "+ks+".tuples (k, t) VALUES (?, (?, ?, ?))", 1, 7, "seven", 7.5)
	exec(t, session, "INSERT INTO "+ks+".tuples (k, t, nested) VALUES (2, (-1, 'literal', 0.25), (3, ['a', 'b']))")
	exec(t, session, "INSERT INTO "+ks+".tuples (k, t) VALUES (?, (?, ?, ?))", 3, 9, nil, nil)

	for _, want := range []struct {
		k int
		i int
		s string
		d float64
	}{{1, 7, "seven", 7.5}, {2, -1, "literal", 0.25}, {3, 9, "", 0}} {
		var i int
		var s string
		var d float64
		if err := session.Query("SELECT t FROM "+ks+".tuples WHERE k = ?", want.k).Scan(&i, &s, &d); err != nil {
			t.Fatalf("SELECT tuple k=%d: %s", want.k, describeErr(err))
		}
		if i != want.i || s != want.s || d != want.d {
			t.Errorf("tuple k=%d: (%d, %q, %g), want (%d, %q, %g)", want.k, i, s, d, want.i, want.s, want.d)
		}
	}
	var n int
	var list []string
	if err := session.Query("SELECT nested FROM "+ks+".tuples WHERE k = ?", 2).Scan(&n, &list); err != nil {
		t.Fatalf("SELECT nested tuple: %s", describeErr(err))
	}
	if n != 3 || !reflect.DeepEqual(list, []string{"a", "b"}) {
		t.Errorf("nested tuple (%d, %v)", n, list)
	}
}
