package conformance

// Materialized views through gocql: rows kept from the base table, and session.KeyspaceMetadata's
// MaterializedViews (read from system_schema.views, linked to their base table) and the view's columns.

import (
	"testing"
)

func TestMaterializedViewMetadata(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".users (id int PRIMARY KEY, email text, name text)")
	exec(t, session, "CREATE MATERIALIZED VIEW "+ks+".by_email AS SELECT * FROM "+ks+".users "+
		"WHERE email IS NOT NULL AND id IS NOT NULL PRIMARY KEY (email, id) WITH comment = 'lookup'")
	exec(t, session, "INSERT INTO "+ks+".users (id, email, name) VALUES (?, ?, ?)", 1, "ann@x", "Ann")

	var id int
	var name string
	if err := session.Query("SELECT id, name FROM "+ks+".by_email WHERE email = ?", "ann@x").Scan(&id, &name); err != nil {
		t.Fatalf("select from the view: %s", describeErr(err))
	}
	if id != 1 || name != "Ann" {
		t.Errorf("view row (%d, %q), want (1, \"Ann\")", id, name)
	}

	meta, err := session.KeyspaceMetadata(ks)
	if err != nil {
		t.Fatalf("KeyspaceMetadata(%s): %s", ks, describeErr(err))
	}
	// gocql lists views among the tables too (from system_schema.views), with their columns.
	if table := meta.Tables["by_email"]; table == nil || len(table.PartitionKey) != 1 || table.PartitionKey[0].Name != "email" {
		t.Errorf("view table %+v, want partition key email", table)
	}
	view := meta.MaterializedViews["by_email"]
	if view == nil {
		t.Fatalf("no materialized view by_email in %v", keys(meta.MaterializedViews))
	}
	if view.BaseTable == nil || view.BaseTable.Name != "users" {
		t.Fatalf("base table %+v, want users", view.BaseTable)
	}
	if !view.IncludeAllColumns || view.Comment != "lookup" || view.GcGraceSeconds != 864000 {
		t.Errorf("include_all_columns %v, comment %q, gc_grace_seconds %d", view.IncludeAllColumns, view.Comment, view.GcGraceSeconds)
	}
	if view.Id == view.BaseTableId {
		t.Errorf("the view's id %s is its base table's", view.Id)
	}
}
