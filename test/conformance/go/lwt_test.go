package conformance

// Lightweight transactions through gocql's CAS API: ScanCAS / MapScanCAS on INSERT IF NOT EXISTS,
// UPDATE IF and DELETE IF EXISTS. Conditional batches are in lwt_batch_test.go.

import (
	"testing"

	"github.com/gocql/gocql"
)

func TestLightweightTransactions(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".accounts (id text PRIMARY KEY, owner text, balance int)")
	insert := "INSERT INTO " + ks + ".accounts (id, owner, balance) VALUES (?, ?, ?) IF NOT EXISTS"

	applied, err := session.Query(insert, "a1", "ada", 100).SerialConsistency(gocql.Serial).ScanCAS()
	if err != nil || !applied {
		t.Fatalf("first INSERT IF NOT EXISTS: applied %v (%s)", applied, describeErr(err))
	}
	// Not applied: the current row comes back in the order of the table's columns.
	var id, owner string
	var balance int
	applied, err = session.Query(insert, "a1", "bob", 5).ScanCAS(&id, &balance, &owner)
	if err != nil || applied {
		t.Fatalf("second INSERT IF NOT EXISTS: applied %v (%s)", applied, describeErr(err))
	}
	if id != "a1" || owner != "ada" || balance != 100 {
		t.Errorf("the existing row: (%q, %q, %d)", id, owner, balance)
	}

	update := "UPDATE " + ks + ".accounts SET balance = ? WHERE id = ? IF balance = ?"
	current := map[string]interface{}{}
	applied, err = session.Query(update, 70, "a1", 99).SerialConsistency(gocql.LocalSerial).MapScanCAS(current)
	if err != nil || applied {
		t.Fatalf("UPDATE IF with a wrong balance: applied %v (%s)", applied, describeErr(err))
	}
	if current["balance"] != 100 || len(current) != 1 {
		t.Errorf("UPDATE IF not applied returned %v, want just balance 100", current)
	}
	current = map[string]interface{}{}
	applied, err = session.Query(update, 70, "a1", 100).MapScanCAS(current)
	if err != nil || !applied || len(current) != 0 {
		t.Fatalf("UPDATE IF with the right balance: applied %v %v (%s)", applied, current, describeErr(err))
	}

	applied, err = session.Query("DELETE FROM "+ks+".accounts WHERE id = ? IF EXISTS", "nobody").ScanCAS()
	if err != nil || applied {
		t.Fatalf("DELETE IF EXISTS of a missing row: applied %v (%s)", applied, describeErr(err))
	}
	applied, err = session.Query("DELETE FROM "+ks+".accounts WHERE id = ? IF owner = ?", "a1", "ada").ScanCAS()
	if err != nil || !applied {
		t.Fatalf("DELETE IF owner: applied %v (%s)", applied, describeErr(err))
	}
	if err := session.Query("SELECT owner FROM "+ks+".accounts WHERE id = ?", "a1").Scan(&owner); err != gocql.ErrNotFound {
		t.Fatalf("the deleted row: %s, want gocql.ErrNotFound", describeErr(err))
	}
}
