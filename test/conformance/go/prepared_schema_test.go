package conformance

// Prepared statements after schema changes, through gocql. gocql prepares every statement with values and
// asks to skip the result metadata on EXECUTE (protocol v4), scanning rows with the metadata of its PREPARE.
// Cassandra 4.1 drops the prepared statements of an altered, dropped or re-created table on every node, so
// the next EXECUTE gets UNPREPARED, gocql prepares again and scans with the new metadata. A server that
// kept answering without metadata would make Scan fail with "not enough columns to scan into".

import (
	"reflect"
	"testing"

	"github.com/gocql/gocql"
)

// scanRow runs a prepared SELECT and scans its one row into dest, failing the test on any error.
func scanRow(t *testing.T, session *gocql.Session, stmt string, values []interface{}, dest ...interface{}) {
	t.Helper()
	if err := session.Query(stmt, values...).Scan(dest...); err != nil {
		t.Fatalf("%s: %s", stmt, describeErr(err))
	}
}

func TestPreparedSelectStarAfterAlterAdd(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".added (k int PRIMARY KEY, a int)")
	exec(t, session, "INSERT INTO "+ks+".added (k, a) VALUES (?, ?)", 1, 10)
	stmt := "SELECT * FROM " + ks + ".added WHERE k = ?"
	var k, a int
	scanRow(t, session, stmt, []interface{}{1}, &k, &a)

	exec(t, session, "ALTER TABLE "+ks+".added ADD b text")
	exec(t, session, "UPDATE "+ks+".added SET b = ? WHERE k = ?", "new", 1)
	var b string
	for i := 0; i < 2; i++ { // the execution that meets UNPREPARED, then one with the new metadata
		scanRow(t, session, stmt, []interface{}{1}, &k, &a, &b)
		if k != 1 || a != 10 || b != "new" {
			t.Fatalf("row (%d, %d, %q), want (1, 10, \"new\")", k, a, b)
		}
	}
	iter := session.Query(stmt, 1).Iter()
	if got := columnInfoNames(iter.Columns()); !reflect.DeepEqual(got, []string{"k", "a", "b"}) {
		t.Errorf("result columns %v, want [k a b]", got)
	}
	if err := iter.Close(); err != nil {
		t.Fatal(describeErr(err))
	}
}

func TestPreparedAfterAlterDropAndRename(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".altered (k int, c int, a int, b text, PRIMARY KEY (k, c))")
	insert := "INSERT INTO " + ks + ".altered (k, c, a, b) VALUES (?, ?, ?, ?)"
	exec(t, session, insert, 1, 2, 3, "x")
	stmt := "SELECT * FROM " + ks + ".altered WHERE k = ?"
	var k, c, a int
	var b string
	scanRow(t, session, stmt, []interface{}{1}, &k, &c, &a, &b)

	exec(t, session, "ALTER TABLE "+ks+".altered DROP b")
	exec(t, session, "ALTER TABLE "+ks+".altered RENAME c TO d")
	scanRow(t, session, stmt, []interface{}{1}, &k, &c, &a)
	if k != 1 || c != 2 || a != 3 {
		t.Errorf("row (%d, %d, %d), want (1, 2, 3)", k, c, a)
	}
	iter := session.Query(stmt, 1).Iter()
	if got := columnInfoNames(iter.Columns()); !reflect.DeepEqual(got, []string{"k", "d", "a"}) {
		t.Errorf("result columns %v, want [k d a]", got)
	}
	_ = iter.Close()
	// Prepared again after UNPREPARED, the INSERT names columns that are gone.
	err := session.Query(insert, 1, 5, 6, "y").Exec()
	requireCode(t, err, gocql.ErrCodeInvalid, "INSERT naming a dropped column")
}

func TestPreparedAfterDropAndCreateWithAnotherShape(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".reshaped (k int PRIMARY KEY, v int)")
	exec(t, session, "INSERT INTO "+ks+".reshaped (k, v) VALUES (?, ?)", 1, 5)
	stmt := "SELECT * FROM " + ks + ".reshaped WHERE k = ?"
	var k, v int
	scanRow(t, session, stmt, []interface{}{1}, &k, &v)

	exec(t, session, "DROP TABLE "+ks+".reshaped")
	exec(t, session, "CREATE TABLE "+ks+".reshaped (k int PRIMARY KEY, v text, w int)")
	exec(t, session, "INSERT INTO "+ks+".reshaped (k, v, w) VALUES (1, 'five', 6)")
	var text string
	var w int
	scanRow(t, session, stmt, []interface{}{1}, &k, &text, &w)
	if k != 1 || text != "five" || w != 6 {
		t.Errorf("row (%d, %q, %d), want (1, \"five\", 6)", k, text, w)
	}
}

func TestPreparedAfterAlterType(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TYPE "+ks+".addr (street text)")
	exec(t, session, "CREATE TABLE "+ks+".people (k int PRIMARY KEY, home frozen<addr>)")
	exec(t, session, "INSERT INTO "+ks+".people (k, home) VALUES (1, {street: 'a'})")
	stmt := "SELECT home FROM " + ks + ".people WHERE k = ?"
	home := map[string]interface{}{}
	scanRow(t, session, stmt, []interface{}{1}, &home)

	exec(t, session, "ALTER TYPE "+ks+".addr ADD zip int")
	exec(t, session, "INSERT INTO "+ks+".people (k, home) VALUES (2, {street: 'b', zip: 7})")
	home = map[string]interface{}{}
	scanRow(t, session, stmt, []interface{}{2}, &home)
	if !reflect.DeepEqual(home, map[string]interface{}{"street": "b", "zip": 7}) {
		t.Errorf("home %v, want map[street:b zip:7]", home)
	}
}

// Every node drops the statements: a session on each node prepares, the schema changes through one of
// them, and each session scans the new column.
func TestThreeNodesPreparedAfterAlter(t *testing.T) {
	nodes := topology(t)
	admin := connect(t)
	ks := createKeyspace(t, admin, 3)
	exec(t, admin, "CREATE TABLE "+ks+".everywhere (k int PRIMARY KEY, a int)")
	exec(t, admin, "INSERT INTO "+ks+".everywhere (k, a) VALUES (?, ?)", 1, 10)
	stmt := "SELECT * FROM " + ks + ".everywhere WHERE k = ?"
	sessions := make([]*gocql.Session, 0, len(nodes))
	for _, node := range nodes {
		session := connect(t, onlyHost(node.Address))
		var k, a int
		scanRow(t, session, stmt, []interface{}{1}, &k, &a)
		sessions = append(sessions, session)
	}

	exec(t, admin, "ALTER TABLE "+ks+".everywhere ADD b text")
	exec(t, admin, "UPDATE "+ks+".everywhere SET b = 'new' WHERE k = 1")
	for i, session := range sessions {
		var k, a int
		var b string
		if err := session.Query(stmt, 1).Consistency(gocql.All).Scan(&k, &a, &b); err != nil {
			t.Fatalf("node %d: %s", nodes[i].ID, describeErr(err))
		}
		if b != "new" {
			t.Errorf("node %d: b = %q, want \"new\"", nodes[i].ID, b)
		}
	}
}

func columnInfoNames(columns []gocql.ColumnInfo) []string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.Name
	}
	return names
}

// The custom-type columns of a table as gocql's metadata reads them from system_schema.columns.
func TestCustomTypeColumnMetadata(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".tbl9 (id uuid, c1 'DynamicCompositeType(s => UTF8Type, i => Int32Type)', "+
		"c2 'ReversedType(CompositeType(UTF8Type, Int32Type))', c3 'Int32Type', PRIMARY KEY (id, c1, c2))")
	meta, err := session.KeyspaceMetadata(ks)
	if err != nil {
		t.Fatal(describeErr(err))
	}
	table := meta.Tables["tbl9"]
	if table == nil {
		t.Fatalf("no table tbl9")
	}
	const m = "org.apache.cassandra.db.marshal."
	want := map[string]struct {
		validator string
		order     gocql.ColumnOrder
	}{
		"c1": {"'" + m + "DynamicCompositeType(s=>" + m + "UTF8Type,i=>" + m + "Int32Type)'", gocql.ASC},
		"c2": {"'" + m + "CompositeType(" + m + "UTF8Type," + m + "Int32Type)'", gocql.DESC},
		"c3": {"int", gocql.ASC},
	}
	for name, expected := range want {
		column := table.Columns[name]
		if column == nil {
			t.Fatalf("no column %s", name)
		}
		if column.Validator != expected.validator {
			t.Errorf("%s validator %q, want %q", name, column.Validator, expected.validator)
		}
		if column.Order != expected.order {
			t.Errorf("%s order %v (clustering_order %q), want %v", name, column.Order, column.ClusteringOrder, expected.order)
		}
	}
}
