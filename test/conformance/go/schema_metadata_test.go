package conformance

// Schema metadata as gocql reads it from system_schema (session.KeyspaceMetadata): keyspace replication,
// tables with their partition and clustering keys, column kinds, types and order, user types.

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/gocql/gocql"
)

func TestKeyspaceMetadata(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TYPE "+ks+".address (street text, zip int, tags set<text>)")
	exec(t, session, "CREATE TABLE "+ks+".events (p int, q text, c1 int, c2 timeuuid, s bigint static, "+
		"v list<int>, m map<text, double>, home frozen<address>, PRIMARY KEY ((p, q), c1, c2)) "+
		"WITH CLUSTERING ORDER BY (c1 DESC, c2 ASC)")
	exec(t, session, "CREATE TABLE "+ks+".plain (k uuid PRIMARY KEY, v blob)")

	meta, err := session.KeyspaceMetadata(ks)
	if err != nil {
		t.Fatalf("KeyspaceMetadata(%s): %s", ks, describeErr(err))
	}
	if meta.Name != ks || !meta.DurableWrites {
		t.Errorf("keyspace %q durable_writes %v", meta.Name, meta.DurableWrites)
	}
	if meta.StrategyClass != "org.apache.cassandra.locator.SimpleStrategy" {
		t.Errorf("strategy class %q", meta.StrategyClass)
	}
	if rf := meta.StrategyOptions["replication_factor"]; rf != "1" {
		t.Errorf("replication_factor %#v, want \"1\"", rf)
	}
	if len(meta.Tables) != 2 {
		t.Errorf("tables %v, want events and plain", keys(meta.Tables))
	}
	events := meta.Tables["events"]
	if events == nil {
		t.Fatalf("no table events in %v", keys(meta.Tables))
	}
	if got := columnNames(events.PartitionKey); !reflect.DeepEqual(got, []string{"p", "q"}) {
		t.Errorf("partition key %v, want [p q]", got)
	}
	if got := columnNames(events.ClusteringColumns); !reflect.DeepEqual(got, []string{"c1", "c2"}) {
		t.Errorf("clustering columns %v, want [c1 c2]", got)
	}
	// The order of system_schema.columns rows: by column_name, its last clustering column.
	if want := []string{"c1", "c2", "home", "m", "p", "q", "s", "v"}; !reflect.DeepEqual(events.OrderedColumns, want) {
		t.Errorf("ordered columns %v, want %v", events.OrderedColumns, want)
	}
	checkColumn(t, events, "p", gocql.ColumnPartitionKey, "int")
	checkColumn(t, events, "q", gocql.ColumnPartitionKey, "text")
	checkColumn(t, events, "c1", gocql.ColumnClusteringKey, "int")
	checkColumn(t, events, "c2", gocql.ColumnClusteringKey, "timeuuid")
	checkColumn(t, events, "s", gocql.ColumnStatic, "bigint")
	checkColumn(t, events, "v", gocql.ColumnRegular, "list(int)")
	checkColumn(t, events, "m", gocql.ColumnRegular, "map(text, double)")
	if events.Columns["c1"].Order != gocql.DESC || events.Columns["c2"].Order != gocql.ASC {
		t.Errorf("clustering orders c1 %v c2 %v, want DESC (true) and ASC (false)", events.Columns["c1"].Order, events.Columns["c2"].Order)
	}
	// gocql 1.3.2 knows no UDT names in schema types: the column's type is custom (DRIVER-NOTES.md).
	if home := events.Columns["home"]; home == nil || home.Kind != gocql.ColumnRegular || home.Type.Type() != gocql.TypeCustom {
		t.Errorf("column home: %+v", home)
	}
	address := meta.UserTypes["address"]
	if address == nil {
		t.Fatalf("no user type address in %v", keys(meta.UserTypes))
	}
	if !reflect.DeepEqual(address.FieldNames, []string{"street", "zip", "tags"}) {
		t.Errorf("address fields %v", address.FieldNames)
	}
	var fieldTypes []string
	for _, ft := range address.FieldTypes {
		fieldTypes = append(fieldTypes, ft.Type().String())
	}
	if want := []string{"text", "int", "set"}; !reflect.DeepEqual(fieldTypes, want) {
		t.Errorf("address field types %v, want %v", fieldTypes, want)
	}

	// A schema change is seen after the driver's cache is refreshed by the SCHEMA_CHANGE event.
	exec(t, session, "ALTER TABLE "+ks+".plain ADD extra smallint")
	waitUntil(t, "column extra in gocql's metadata", func() bool {
		meta, err := session.KeyspaceMetadata(ks)
		return err == nil && meta.Tables["plain"] != nil && meta.Tables["plain"].Columns["extra"] != nil
	})
	meta, _ = session.KeyspaceMetadata(ks)
	checkColumn(t, meta.Tables["plain"], "extra", gocql.ColumnRegular, "smallint")
}

func TestKeyspaceMetadataOfAMissingKeyspace(t *testing.T) {
	session := connect(t)
	_, err := session.KeyspaceMetadata("go_no_such_keyspace")
	if err != gocql.ErrKeyspaceDoesNotExist {
		t.Fatalf("KeyspaceMetadata of a missing keyspace: %s, want gocql.ErrKeyspaceDoesNotExist", describeErr(err))
	}
}

func checkColumn(t *testing.T, table *gocql.TableMetadata, name string, kind gocql.ColumnKind, typ string) {
	t.Helper()
	column := table.Columns[name]
	if column == nil {
		t.Errorf("%s: no column %s in %v", table.Name, name, keys(table.Columns))
		return
	}
	got := strings.ToLower(fmt.Sprint(column.Type))
	if column.Kind != kind || got != typ {
		t.Errorf("%s.%s: %s %s, want %s %s", table.Name, name, column.Kind, got, kind, typ)
	}
}

func columnNames(columns []*gocql.ColumnMetadata) []string {
	var names []string
	for _, c := range columns {
		names = append(names, c.Name)
	}
	return names
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
